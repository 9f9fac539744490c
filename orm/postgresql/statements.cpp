#include "orm/postgresql/statements.h"

#include <cctype>

namespace migrate::orm::postgresql {
namespace {

enum class Token { kWs, kSemi, kOpen, kClose, kWord, kOther };

bool ident_start(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || u >= 0x80;
}

bool ident_char(char c) {
    return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

bool is_word(std::string_view word, std::string_view keyword) {
    if (word.size() != keyword.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(word[i])) != keyword[i]) return false;
    return true;
}

// Past `from` up to and including `close`, or the end of `s` when it never comes.
size_t past(std::string_view s, size_t from, std::string_view close) {
    size_t at = s.find(close, from);
    return at == std::string_view::npos ? s.size() : at + close.size();
}

// Past a /* comment */ starting at `pos`; they nest.
size_t past_block_comment(std::string_view s, size_t pos) {
    int depth = 0;
    while (pos < s.size()) {
        if (s.compare(pos, 2, "/*") == 0) {
            ++depth, pos += 2;
        } else if (s.compare(pos, 2, "*/") == 0) {
            pos += 2;
            if (--depth == 0) return pos;
        } else {
            ++pos;
        }
    }
    return pos;
}

// Past an E'...' string whose opening quote is at `quote`: backslash escapes, '' doubling.
size_t past_escape_string(std::string_view s, size_t quote) {
    for (size_t i = quote + 1; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == '\'') {
            if (i + 1 < s.size() && s[i + 1] == '\'')
                ++i;
            else
                return i + 1;
        }
    }
    return s.size();
}

// At a '$': a dollar-quoted body ($tag$ ... $tag$) or, otherwise, a lone '$' or a `$1`
// parameter. Returns the end of what it read.
size_t past_dollar(std::string_view s, size_t pos) {
    size_t i = pos + 1;
    if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        return i;  // a parameter
    }
    if (i < s.size() && ident_start(s[i]))
        while (i < s.size() && ident_char(s[i]) && s[i] != '$') ++i;
    if (i >= s.size() || s[i] != '$') return pos + 1;
    const std::string_view delimiter = s.substr(pos, i + 1 - pos);
    return past(s, i + 1, delimiter);
}

// The token that starts at `pos` (< s.size()); sets `*end` past it.
Token next_token(std::string_view s, size_t pos, size_t* end) {
    const char c = s[pos];
    const char next = pos + 1 < s.size() ? s[pos + 1] : '\0';
    *end = pos + 1;
    switch (c) {
        case ';':
            return Token::kSemi;
        case '(':
            return Token::kOpen;
        case ')':
            return Token::kClose;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '\f':
        case '\v':
            return Token::kWs;
        case '-':
            if (next != '-') return Token::kOther;
            *end = past(s, pos + 2, "\n");
            return Token::kWs;
        case '/':
            if (next != '*') return Token::kOther;
            *end = past_block_comment(s, pos);
            return Token::kWs;
        case '\'':
        case '"':  // a doubled quote reads as two strings in a row: the same boundaries
            *end = past(s, pos + 1, std::string_view(&c, 1));
            return Token::kOther;
        case '$':
            *end = past_dollar(s, pos);
            return Token::kOther;
        default:
            if (!ident_start(c)) return Token::kOther;
            while (*end < s.size() && ident_char(s[*end])) ++*end;
            if (*end == pos + 1 && (c == 'e' || c == 'E') && next == '\'') {
                *end = past_escape_string(s, pos + 1);
                return Token::kOther;
            }
            return Token::kWord;
    }
}

// psql's heuristic for SQL-standard function bodies: in a statement that starts with CREATE
// [OR REPLACE] FUNCTION or PROCEDURE, BEGIN ... END (and CASE ... END inside it) outside
// parentheses hold their semicolons.
class BodyTracker {
  public:
    void word(std::string_view w, int paren_depth) {
        if (count_ < 4 && (is_word(w, "create") || is_word(w, "function") ||
                           is_word(w, "procedure") || is_word(w, "or") || is_word(w, "replace")))
            first_[count_] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[0])));
        ++count_;
        const bool routine =
            first_[0] == 'c' &&
            (first_[1] == 'f' || first_[1] == 'p' ||
             (first_[1] == 'o' && first_[2] == 'r' && (first_[3] == 'f' || first_[3] == 'p')));
        if (!routine || paren_depth != 0) return;
        if (is_word(w, "begin")) {
            ++depth_;
        } else if (is_word(w, "case")) {
            if (depth_ >= 1) ++depth_;
        } else if (is_word(w, "end")) {
            if (depth_ > 0) --depth_;
        }
    }
    bool inside() const { return depth_ > 0; }
    void reset() { *this = BodyTracker(); }

  private:
    char first_[4] = {0, 0, 0, 0};
    size_t count_ = 0;
    int depth_ = 0;
};

}  // namespace

std::vector<std::string> split_statements(std::string_view script) {
    std::vector<std::string> out;
    size_t begin = std::string_view::npos;  // first token of the current statement
    size_t last = 0;                        // past its last token so far
    int parens = 0;
    BodyTracker body;
    for (size_t pos = 0, end = 0; pos < script.size(); pos = end) {
        const Token token = next_token(script, pos, &end);
        if (token == Token::kWs) continue;
        if (token == Token::kSemi && parens == 0 && !body.inside()) {
            if (begin != std::string_view::npos)
                out.emplace_back(script.substr(begin, last - begin));
            begin = std::string_view::npos;
            body.reset();
            continue;
        }
        if (token == Token::kOpen) ++parens;
        if (token == Token::kClose && parens > 0) --parens;
        if (token == Token::kWord) body.word(script.substr(pos, end - pos), parens);
        if (begin == std::string_view::npos) begin = pos;
        last = end;
    }
    if (begin != std::string_view::npos) out.emplace_back(script.substr(begin, last - begin));
    return out;
}

}  // namespace migrate::orm::postgresql
