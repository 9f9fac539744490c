#include "orm/sqlite/statements.h"

#include <cctype>
#include <cstdint>

namespace migrate::orm::sqlite {
namespace {

// The tokens and states of SQLite's complete.c, whose transition table this copies.
enum Token : std::uint8_t { kSemi, kWs, kOther, kExplain, kCreate, kTemp, kTrigger, kEnd };

constexpr std::uint8_t kStart = 1;
constexpr std::uint8_t kTransitions[8][8] = {
    // SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END
    {1, 0, 2, 3, 4, 2, 2, 2},  // 0 invalid (nothing seen yet)
    {1, 1, 2, 3, 4, 2, 2, 2},  // 1 start (a statement just ended)
    {1, 2, 2, 2, 2, 2, 2, 2},  // 2 normal
    {1, 3, 3, 2, 4, 2, 2, 2},  // 3 after EXPLAIN
    {1, 4, 2, 2, 2, 4, 5, 2},  // 4 after CREATE [TEMP]
    {6, 5, 5, 5, 5, 5, 5, 5},  // 5 inside CREATE TRIGGER
    {6, 6, 5, 5, 5, 5, 5, 7},  // 6 a ';' inside a trigger
    {1, 7, 5, 5, 5, 5, 5, 5},  // 7 '; END' inside a trigger
};

// SQLite's IdChar: letters, digits, '_', '$' and every byte of a multi-byte UTF-8 sequence.
bool id_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

bool is_word(std::string_view word, std::string_view keyword) {
    if (word.size() != keyword.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(word[i])) != keyword[i]) return false;
    return true;
}

Token keyword(std::string_view word) {
    if (is_word(word, "create")) return kCreate;
    if (is_word(word, "temp") || is_word(word, "temporary")) return kTemp;
    if (is_word(word, "trigger")) return kTrigger;
    if (is_word(word, "end")) return kEnd;
    if (is_word(word, "explain")) return kExplain;
    return kOther;
}

// Past `from` up to and including `close`, or the end of `s` when it never comes.
size_t past(std::string_view s, size_t from, std::string_view close) {
    size_t at = s.find(close, from);
    return at == std::string_view::npos ? s.size() : at + close.size();
}

// The token that starts at `pos` (< s.size()); sets `*end` past it. Comments are white space;
// quoted strings and identifiers ('', "", ``, []) are one token each.
Token next_token(std::string_view s, size_t pos, size_t* end) {
    const char c = s[pos];
    const char next = pos + 1 < s.size() ? s[pos + 1] : '\0';
    *end = pos + 1;
    switch (c) {
        case ';':
            return kSemi;
        case ' ':
        case '\r':
        case '\t':
        case '\n':
        case '\f':
            return kWs;
        case '/':
            if (next != '*') return kOther;
            *end = past(s, pos + 2, "*/");
            return kWs;
        case '-':
            if (next != '-') return kOther;
            *end = past(s, pos + 2, "\n");
            return kWs;
        case '[':
            *end = past(s, pos + 1, "]");
            return kOther;
        case '`':
        case '"':
        case '\'':  // a doubled quote reads as two strings in a row: the same boundaries
            *end = past(s, pos + 1, std::string_view(&c, 1));
            return kOther;
        default:
            if (!id_char(c)) return kOther;
            while (*end < s.size() && id_char(s[*end])) ++*end;
            return keyword(s.substr(pos, *end - pos));
    }
}

}  // namespace

std::vector<std::string> split_statements(std::string_view script) {
    std::vector<std::string> out;
    std::uint8_t state = 0;
    size_t begin = std::string_view::npos;  // first token of the current statement
    size_t last = 0;                        // past its last token so far
    for (size_t pos = 0, end = 0; pos < script.size(); pos = end) {
        const Token token = next_token(script, pos, &end);
        state = kTransitions[state][token];
        if (token == kWs) continue;
        if (token == kSemi && state == kStart) {
            if (begin != std::string_view::npos)
                out.emplace_back(script.substr(begin, last - begin));
            begin = std::string_view::npos;
            continue;
        }
        if (begin == std::string_view::npos) begin = pos;
        last = end;
    }
    if (begin != std::string_view::npos) out.emplace_back(script.substr(begin, last - begin));
    return out;
}

bool only_separators(std::string_view text) {
    for (size_t pos = 0, end = 0; pos < text.size(); pos = end) {
        const Token token = next_token(text, pos, &end);
        if (token != kWs && token != kSemi) return false;
    }
    return true;
}

}  // namespace migrate::orm::sqlite
