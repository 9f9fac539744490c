#include "orm/expression.h"

#include <cctype>
#include <vector>

namespace migrate::orm {
namespace {

enum class Kind { kWord, kQuoted, kString, kNumber, kPunct };

struct Token {
    Kind kind;
    std::string text;
};

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Splits into tokens, dropping white space and comments; false on an unterminated quote.
bool tokenize(std::string_view s, std::vector<Token>* out) {
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (s.compare(i, 2, "--") == 0) {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (s.compare(i, 2, "/*") == 0) {
            size_t end = s.find("*/", i + 2);
            i = end == std::string_view::npos ? s.size() : end + 2;
        } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
            const char close = c == '[' ? ']' : c;
            size_t j = i + 1;
            std::string body;
            for (;; ++j) {
                if (j >= s.size()) return false;
                if (s[j] == close) {
                    if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
                        body += close;
                        ++j;
                        continue;
                    }
                    break;
                }
                body += s[j];
            }
            out->push_back({c == '\'' ? Kind::kString : Kind::kQuoted, body});
            i = j + 1;
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && i + 1 < s.size() &&
                    std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            size_t j = i;
            while (j < s.size() &&
                   (word_char(s[j]) || s[j] == '.' ||
                    ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
                ++j;
            out->push_back({Kind::kNumber, std::string(s.substr(i, j - i))});
            i = j;
        } else if (word_char(c)) {
            size_t j = i;
            while (j < s.size() && word_char(s[j])) ++j;
            out->push_back({Kind::kWord, lower(std::string(s.substr(i, j - i)))});
            i = j;
        } else {
            // Two-character operators stay one token.
            static const char* const kPairs[] = {"::", "<=", ">=", "<>", "!=", "||", "->", "~~"};
            std::string op(1, c);
            for (const char* p : kPairs)
                if (s.compare(i, 2, p) == 0) op = p;
            out->push_back({Kind::kPunct, op});
            i += op.size();
        }
    }
    return true;
}

bool is_punct(const Token& t, const char* p) { return t.kind == Kind::kPunct && t.text == p; }

// The tokens of a type name after `::` (`text`, `character varying`, `numeric(10,2)`,
// `timestamp without time zone`, `text[]`): returns the index past it.
size_t skip_type(const std::vector<Token>& t, size_t i) {
    if (i < t.size() && (t[i].kind == Kind::kWord || t[i].kind == Kind::kQuoted)) {
        ++i;
        while (i < t.size() && t[i].kind == Kind::kWord &&
               (t[i].text == "varying" || t[i].text == "precision" || t[i].text == "without" ||
                t[i].text == "with" || t[i].text == "time" || t[i].text == "zone"))
            ++i;
        if (i < t.size() && is_punct(t[i], ".")) return skip_type(t, i + 1);
        if (i < t.size() && is_punct(t[i], "(")) {
            while (i < t.size() && !is_punct(t[i], ")")) ++i;
            ++i;
        }
        while (i + 1 < t.size() && is_punct(t[i], "[") && is_punct(t[i + 1], "]")) i += 2;
    }
    return i;
}

// Index of the ')' matching the '(' at `open`, or npos.
size_t matching(const std::vector<Token>& t, size_t open) {
    int depth = 0;
    for (size_t i = open; i < t.size(); ++i) {
        if (is_punct(t[i], "(")) ++depth;
        if (is_punct(t[i], ")") && --depth == 0) return i;
    }
    return std::string::npos;
}

bool plain_identifier(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

}  // namespace

std::string canonical_expression(std::string_view text) {
    std::vector<Token> t;
    if (!tokenize(text, &t)) {
        std::string s(text);
        size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
        return b == std::string::npos ? "" : s.substr(b, e - b + 1);
    }
    // Casts of literals (`'x'::text`, `0::numeric`), which PostgreSQL adds when it stores them.
    std::vector<Token> u;
    for (size_t i = 0; i < t.size(); ++i) {
        u.push_back(t[i]);
        if ((t[i].kind == Kind::kString || t[i].kind == Kind::kNumber) && i + 1 < t.size() &&
            is_punct(t[i + 1], "::"))
            i = skip_type(t, i + 2) - 1;
    }
    // Synonyms.
    std::vector<Token> v;
    for (size_t i = 0; i < u.size(); ++i) {
        if (u[i].kind == Kind::kWord && u[i].text == "now" && i + 2 < u.size() &&
            is_punct(u[i + 1], "(") && is_punct(u[i + 2], ")")) {
            v.push_back({Kind::kWord, "current_timestamp"});
            i += 2;
        } else {
            v.push_back(u[i]);
        }
    }
    // Redundant parentheses around the whole text, and around a lone token.
    while (v.size() >= 2 && is_punct(v.front(), "(") && matching(v, 0) == v.size() - 1)
        v = std::vector<Token>(v.begin() + 1, v.end() - 1);
    std::vector<Token> w;
    for (size_t i = 0; i < v.size(); ++i) {
        if (is_punct(v[i], "(") && i + 2 < v.size() && is_punct(v[i + 2], ")") &&
            v[i + 1].kind != Kind::kPunct &&
            !(i > 0 && (v[i - 1].kind == Kind::kWord || v[i - 1].kind == Kind::kQuoted))) {
            w.push_back(v[i + 1]);
            i += 2;
            continue;
        }
        w.push_back(v[i]);
    }
    std::string out;
    for (const Token& tok : w) {
        std::string piece;
        switch (tok.kind) {
            case Kind::kString: {
                piece = "'";
                for (char c : tok.text) piece += c == '\'' ? std::string("''") : std::string(1, c);
                piece += "'";
                break;
            }
            case Kind::kQuoted:
                piece = plain_identifier(tok.text) ? tok.text : "\"" + tok.text + "\"";
                break;
            default:
                piece = tok.text;
        }
        // No space inside parentheses or before a comma: `f(a, b)`, `x IN ('a', 'b')`.
        const bool tight = out.empty() || out.back() == '(' ||
                           (tok.kind == Kind::kPunct && (piece == ")" || piece == ","));
        out += (tight ? "" : " ") + piece;
    }
    return out;
}

}  // namespace migrate::orm
