#include "migrations_engine/script/revision_names.h"

#include <cctype>

namespace migrate::engine {
namespace {

constexpr std::size_t kClipAt = 80;

bool allowed(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

std::string why_not(char c) {
    switch (c) {
        case ':':
            return "contains ':', which writes a range (A:B)";
        case '@':
            return "contains '@', which writes a branch's head or base (label@head)";
        case '+':
            return "contains '+', which writes a relative step (+2, rev+1)";
        default:
            break;
    }
    if (std::isspace(static_cast<unsigned char>(c))) return "contains white space";
    if (std::isprint(static_cast<unsigned char>(c))) return std::string("contains '") + c + "'";
    return "contains a control or non-ASCII character";
}

}  // namespace

std::optional<std::string> revision_name_problem(const std::string& name) {
    if (name.empty()) return "is empty";
    if (name.size() > kMaxRevisionNameLength)
        return "is " + std::to_string(name.size()) + " characters long; at most " +
               std::to_string(kMaxRevisionNameLength) + " are allowed";
    if (name == "base" || name == "head" || name == "heads" || name == "current")
        return "is a reserved word (base, head, heads and current are identifiers)";
    for (char c : name)
        if (!allowed(c)) return why_not(c) + "; use only letters, digits, '_' and '-'";
    if (name[0] == '-') return "starts with '-', which writes a relative step (-1)";
    return std::nullopt;
}

std::string clip_for_message(const std::string& text) {
    if (text.size() <= kClipAt) return text;
    return text.substr(0, kClipAt / 2) + "... (" + std::to_string(text.size()) + " characters)";
}

}  // namespace migrate::engine
