#include "orm/schema/types.h"

#include <cctype>
#include <cstdlib>
#include <vector>

namespace migrate::orm {
namespace {

struct GenericName {
    const char* name;
    TypeKind kind;
};

constexpr GenericName kGenerics[] = {
    {"Integer", TypeKind::kInteger},
    {"SmallInteger", TypeKind::kSmallInteger},
    {"BigInteger", TypeKind::kBigInteger},
    {"Boolean", TypeKind::kBoolean},
    {"String", TypeKind::kString},
    {"Text", TypeKind::kText},
    {"Float", TypeKind::kFloat},
    {"Numeric", TypeKind::kNumeric},
    {"Date", TypeKind::kDate},
    {"DateTime", TypeKind::kDateTime},
    {"Time", TypeKind::kTime},
    {"Interval", TypeKind::kInterval},
    {"LargeBinary", TypeKind::kLargeBinary},
    {"JSON", TypeKind::kJson},
    {"UUID", TypeKind::kUuid},
    {"Enum", TypeKind::kEnum},
};

const char* const kGenericNameList[] = {
    "Integer",     "SmallInteger", "BigInteger", "Boolean",  "String", "Text",
    "Float",       "Numeric",      "Date",       "DateTime", "Time",   "Interval",
    "LargeBinary", "JSON",         "UUID",       "Enum",     nullptr,
};

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

// "Capital then lower case" is how generic names are written; dialect types are SQL words.
bool looks_generic(std::string_view name) {
    return name.size() >= 2 && std::isupper(static_cast<unsigned char>(name[0])) &&
           std::islower(static_cast<unsigned char>(name[1]));
}

std::optional<int> parse_int(const std::string& s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    return std::atoi(s.c_str());
}

std::vector<std::string> split_args(std::string_view inner) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= inner.size(); ++i) {
        if (i == inner.size() || inner[i] == ',') {
            out.push_back(trim(inner.substr(start, i - start)));
            start = i + 1;
        }
    }
    return out;
}

std::string expected_usage(TypeKind kind) {
    switch (kind) {
        case TypeKind::kString:
            return "String or String(LENGTH)";
        case TypeKind::kNumeric:
            return "Numeric, Numeric(PRECISION) or Numeric(PRECISION, SCALE)";
        case TypeKind::kDateTime:
            return "DateTime or DateTime(timezone)";
        case TypeKind::kEnum:
            return "Enum(NAME)";
        default:
            return "no arguments";
    }
}

bool type_word_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

std::string upper(std::string_view word) {
    std::string out(word);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// Words that begin a column constraint: text holding one at the top level is a type plus
// something else, which has its own model key.
bool constraint_word(const std::string& w) {
    static const char* const kWords[] = {
        "CONSTRAINT", "NOT",   "NULL",    "DEFAULT",   "PRIMARY", "KEY",          "UNIQUE",
        "REFERENCES", "CHECK", "COLLATE", "GENERATED", "AS",      "AUTOINCREMENT"};
    for (const char* k : kWords)
        if (w == k) return true;
    return false;
}

// Checks that dialect type text is one type name and nothing else: words, numbers, "quoted"
// names, '.', signs, balanced (...) and [...], commas only inside brackets. No ';', comment
// or string literal can occur, so the text cannot end the column definition or the statement
// it is pasted into. Returns an empty string when fine, else what is wrong.
std::string dialect_type_problem(const std::string& text) {
    std::vector<char> open;  // the brackets not closed yet
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (std::isspace(static_cast<unsigned char>(c)) || c == '.' || c == '+') continue;
        if (type_word_char(c)) {
            size_t end = i;
            while (end < text.size() && type_word_char(text[end])) ++end;
            const std::string word = upper(std::string_view(text).substr(i, end - i));
            if (open.empty() && constraint_word(word))
                return "'" + word + "' does not belong in a type; give defaults, keys, " +
                       "nullability and collations with their own keys";
            i = end - 1;
        } else if (c == '"') {
            size_t close = text.find('"', i + 1);
            while (close != std::string::npos && close + 1 < text.size() && text[close + 1] == '"')
                close = text.find('"', close + 2);
            if (close == std::string::npos) return "it has an unclosed '\"'";
            i = close;
        } else if (c == '(' || c == '[') {
            open.push_back(c == '(' ? ')' : ']');
        } else if (c == ')' || c == ']') {
            if (open.empty() || open.back() != c)
                return std::string("it has an unbalanced '") + c + "'";
            open.pop_back();
        } else if (c == ',') {
            if (open.empty()) return "a ',' outside parentheses starts a second column";
        } else if (c == '-') {
            if (next == '-') return "it holds a comment ('--')";
        } else if (c == ';') {
            return "it holds a ';', which would end the statement";
        } else if (c == '/' && next == '*') {
            return "it holds a comment ('/*')";
        } else if (c == '\'' || c == '`') {
            return std::string("it holds a quote (") + c + "), which a type name never has";
        } else {
            return std::string("the character '") + c + "' cannot be part of a type name";
        }
    }
    if (!open.empty())
        return std::string("it has an unclosed '") + (open.back() == ')' ? '(' : '[') + "'";
    return "";
}

}  // namespace

const char* const* generic_type_names() { return kGenericNameList; }

SqlType SqlType::string(std::optional<int> length) {
    SqlType t(TypeKind::kString);
    t.length_ = length;
    return t;
}

SqlType SqlType::numeric(std::optional<int> precision, std::optional<int> scale) {
    SqlType t(TypeKind::kNumeric);
    t.precision_ = precision;
    // NUMERIC(p) means NUMERIC(p, 0) in SQL; one spelling keeps comparisons honest.
    t.scale_ = precision ? std::optional<int>(scale.value_or(0)) : std::nullopt;
    return t;
}

SqlType SqlType::datetime(bool timezone) {
    SqlType t(TypeKind::kDateTime);
    t.timezone_ = timezone;
    return t;
}

SqlType SqlType::enumeration(std::string name) {
    SqlType t(TypeKind::kEnum);
    t.name_ = std::move(name);
    return t;
}

SqlType SqlType::dialect(std::string text) {
    SqlType t(TypeKind::kDialect);
    t.name_ = std::move(text);
    return t;
}

std::optional<SqlType> SqlType::parse(std::string_view raw, std::string* error) {
    std::string text = trim(raw);
    if (text.empty()) {
        *error = "empty type";
        return std::nullopt;
    }
    // A dialect type is pasted into DDL as it is written: it must be one type name.
    const auto dialect = [&](std::string t) -> std::optional<SqlType> {
        std::string problem = dialect_type_problem(t);
        if (problem.empty()) return SqlType::dialect(std::move(t));
        *error = "type '" + t + "' is not one type name: " + problem;
        return std::nullopt;
    };
    size_t paren = text.find('(');
    std::string name = trim(text.substr(0, paren));
    std::optional<std::vector<std::string>> args;
    if (paren != std::string::npos) {
        if (text.back() != ')') {
            if (!looks_generic(name)) return dialect(text);
            *error = "type '" + text + "' has an unclosed '('";
            return std::nullopt;
        }
        args = split_args(std::string_view(text).substr(paren + 1, text.size() - paren - 2));
    }
    const GenericName* generic = nullptr;
    for (const auto& g : kGenerics)
        if (name == g.name) generic = &g;
    if (!generic) {
        if (!looks_generic(name)) return dialect(text);
        std::string list;
        for (const auto& g : kGenerics) list += std::string(list.empty() ? "" : ", ") + g.name;
        *error = "unknown type '" + name + "'; generic types are " + list +
                 " (write a database's own type in capitals, for example VARCHAR(40))";
        return std::nullopt;
    }
    SqlType t(generic->kind);
    auto bad_args = [&]() -> std::optional<SqlType> {
        *error = "type '" + text + "' takes " + expected_usage(generic->kind);
        return std::nullopt;
    };
    switch (generic->kind) {
        case TypeKind::kString:
            if (args) {
                if (args->size() != 1 || !parse_int((*args)[0])) return bad_args();
                t.length_ = parse_int((*args)[0]);
            }
            return t;
        case TypeKind::kNumeric:
            if (args) {
                if (args->empty() || args->size() > 2) return bad_args();
                t.precision_ = parse_int((*args)[0]);
                if (!t.precision_) return bad_args();
                t.scale_ = 0;
                if (args->size() == 2) {
                    t.scale_ = parse_int((*args)[1]);
                    if (!t.scale_) return bad_args();
                }
            }
            return t;
        case TypeKind::kDateTime:
            if (args) {
                if (args->size() != 1 || (*args)[0] != "timezone") return bad_args();
                t.timezone_ = true;
            }
            return t;
        case TypeKind::kEnum:
            if (!args || args->size() != 1 || (*args)[0].empty()) return bad_args();
            t.name_ = (*args)[0];
            return t;
        default:
            if (args) return bad_args();
            return t;
    }
}

std::string SqlType::str() const {
    if (kind_ == TypeKind::kDialect) return name_;
    std::string base;
    for (const auto& g : kGenerics)
        if (g.kind == kind_) base = g.name;
    switch (kind_) {
        case TypeKind::kString:
            return length_ ? base + "(" + std::to_string(*length_) + ")" : base;
        case TypeKind::kNumeric:
            if (!precision_) return base;
            if (!scale_) return base + "(" + std::to_string(*precision_) + ")";
            return base + "(" + std::to_string(*precision_) + ", " + std::to_string(*scale_) + ")";
        case TypeKind::kDateTime:
            return timezone_ ? base + "(timezone)" : base;
        case TypeKind::kEnum:
            return base + "(" + name_ + ")";
        default:
            return base;
    }
}

}  // namespace migrate::orm
