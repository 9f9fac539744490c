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
