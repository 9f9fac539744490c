// The fast header reading; see header_scan.h. Anything outside the subset declines (nullopt),
// never guesses.

#include "migrations_engine/script/header_scan.h"

#include <cctype>
#include <cstring>
#include <set>
#include <vector>

namespace migrate::engine::detail {
namespace {

struct Value {
    bool null = false;
    bool list = false;
    bool empty_text = false;  // "" or '': text, but no name
    std::string scalar;
    std::vector<std::string> items;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string trimmed(const std::string& s, size_t from, size_t to) {
    while (from < to && is_blank(s[from])) ++from;
    while (to > from && is_blank(s[to - 1])) --to;
    return s.substr(from, to - from);
}

// A plain scalar of block context that YAML reads as the same text, whatever it holds: no
// indicator first, no comment, no `: `, no flow characters, no tab, not a null spelling.
bool plain_text(const std::string& v) {
    if (v.empty() || std::strchr("'\"[]{}&*!|>%@`#,?:-", v[0])) return false;
    if (v.find_first_of("#\t[]{}") != std::string::npos) return false;
    if (v.find(": ") != std::string::npos || v.back() == ':') return false;
    return v != "~" && v != "null" && v != "Null" && v != "NULL";
}

// An id or label inside a flow list: plain text without commas, colons or spaces.
bool plain_item(const std::string& v) {
    return plain_text(v) && v.find_first_of(", :") == std::string::npos;
}

std::optional<Value> value_of(const std::string& raw) {
    Value v;
    if (raw.empty() || raw == "~" || raw == "null" || raw == "Null" || raw == "NULL") {
        v.null = true;
        return v;
    }
    if (raw == "\"\"" || raw == "''") {
        v.empty_text = true;
        return v;
    }
    if (raw.front() == '[') {
        if (raw.back() != ']' || raw.find_first_of("[]", 1) != raw.size() - 1) return std::nullopt;
        v.list = true;
        const std::string inner = trimmed(raw, 1, raw.size() - 1);
        if (inner.empty()) return v;
        for (size_t start = 0;;) {
            const size_t comma = inner.find(',', start);
            const size_t end = comma == std::string::npos ? inner.size() : comma;
            std::string item = trimmed(inner, start, end);
            if (!plain_item(item)) return std::nullopt;
            v.items.push_back(std::move(item));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        return v;
    }
    if (!plain_text(raw)) return std::nullopt;
    v.scalar = raw;
    return v;
}

// A list of ids: null is none, a scalar is one.
std::vector<std::string> ids(const Value& v) {
    if (v.null) return {};
    if (v.list) return v.items;
    return {v.scalar};
}

}  // namespace

std::optional<RevisionHeader> scan_simple_header(const std::string& text, const std::string& name) {
    static const std::set<std::string> kHeaderKeys = {
        "revision", "down_revision", "branch_labels", "depends_on",
        "message",  "create_date",   "transactional"};
    RevisionHeader h;
    h.path = name;
    std::set<std::string> seen;
    bool in_section = false;  // inside upgrade: or downgrade:
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        size_t stop = end;
        if (stop > start && text[stop - 1] == '\r') --stop;
        const std::string line = text.substr(start, stop - start);
        start = end + 1;

        const bool top_level =
            !line.empty() && (std::isalpha(static_cast<unsigned char>(line[0])) || line[0] == '_');
        if (!top_level) {
            if (in_section) continue;
            const std::string rest = trimmed(line, 0, line.size());
            if (rest.empty() || rest[0] == '#') continue;
            return std::nullopt;  // a continuation, a document marker, a BOM...
        }
        const size_t colon = line.find(':');
        if (colon == std::string::npos) return std::nullopt;
        const std::string key = line.substr(0, colon);
        if (key.find_first_of(" \t") != std::string::npos || !seen.insert(key).second)
            return std::nullopt;
        if (key == "upgrade" || key == "downgrade") {
            in_section = true;
            continue;
        }
        in_section = false;
        if (!kHeaderKeys.count(key)) return std::nullopt;
        if (colon + 1 < line.size() && line[colon + 1] != ' ') return std::nullopt;
        auto v = value_of(trimmed(line, colon + 1, line.size()));
        if (!v || (v->empty_text && key != "message" && key != "create_date")) return std::nullopt;
        if (key == "revision") {
            if (v->null || v->list) return std::nullopt;
            h.id = v->scalar;
        } else if (key == "down_revision") {
            h.down_revisions = ids(*v);
        } else if (key == "branch_labels") {
            h.branch_labels = ids(*v);
        } else if (key == "depends_on") {
            h.depends_on = ids(*v);
        } else if (key == "message" || key == "create_date") {
            if (v->list) return std::nullopt;
            (key == "message" ? h.message : h.create_date) = v->scalar;
        } else {  // transactional
            if (v->scalar != "true" && v->scalar != "false") return std::nullopt;
            h.transactional = v->scalar == "true";
        }
    }
    if (!seen.count("revision")) return std::nullopt;
    return h;
}

}  // namespace migrate::engine::detail
