#include "orm/sqlite/types.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace migrate::orm::sqlite {
namespace {

// Upper case, white space folded to one space, none inside parentheses.
std::string normalize(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space && c != '(' && c != ')' && c != ',' && out.back() != '(' && out.back() != ',')
            out += ' ';
        space = false;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

struct Plain {
    const char* sql;
    TypeKind kind;
};

constexpr Plain kPlain[] = {
    {"INTEGER", TypeKind::kInteger},   {"SMALLINT", TypeKind::kSmallInteger},
    {"BIGINT", TypeKind::kBigInteger}, {"BOOLEAN", TypeKind::kBoolean},
    {"VARCHAR", TypeKind::kString},    {"TEXT", TypeKind::kText},
    {"FLOAT", TypeKind::kFloat},       {"NUMERIC", TypeKind::kNumeric},
    {"DATE", TypeKind::kDate},         {"DATETIME", TypeKind::kDateTime},
    {"TIME", TypeKind::kTime},         {"INTERVAL", TypeKind::kInterval},
    {"BLOB", TypeKind::kLargeBinary},  {"JSON", TypeKind::kJson},
    {"UUID", TypeKind::kUuid},
};

constexpr const char* kTimestampTz = "TIMESTAMP WITH TIME ZONE";

}  // namespace

std::string type_sql(const SqlType& type, const MetaData& metadata) {
    switch (type.kind()) {
        case TypeKind::kDialect:
            return type.name();
        case TypeKind::kString:
            return type.length() ? "VARCHAR(" + std::to_string(*type.length()) + ")" : "VARCHAR";
        case TypeKind::kNumeric:
            if (!type.precision()) return "NUMERIC";
            if (!type.scale()) return "NUMERIC(" + std::to_string(*type.precision()) + ")";
            return "NUMERIC(" + std::to_string(*type.precision()) + ", " +
                   std::to_string(*type.scale()) + ")";
        case TypeKind::kDateTime:
            return type.timezone() ? kTimestampTz : "DATETIME";
        case TypeKind::kEnum: {
            size_t longest = 1;
            if (const EnumType* e = metadata.find_enum(type.name()))
                for (const auto& v : e->values) longest = std::max(longest, v.size());
            return "VARCHAR(" + std::to_string(longest) + ")";
        }
        default:
            for (const auto& p : kPlain)
                if (p.kind == type.kind()) return p.sql;
            return type.str();
    }
}

SqlType type_from_declared(const std::string& declared) {
    std::string n = normalize(declared);
    // No declared type means no affinity, which is exactly what BLOB gives.
    if (n.empty()) return SqlType(TypeKind::kLargeBinary);
    for (const auto& p : kPlain)
        if (n == p.sql)
            return p.kind == TypeKind::kDateTime ? SqlType::datetime(false) : SqlType(p.kind);
    if (n == kTimestampTz) return SqlType::datetime(true);
    static const std::regex varchar(R"(VARCHAR\((\d{1,9})\))");
    static const std::regex numeric(R"(NUMERIC\((\d{1,9})(?:,(\d{1,9}))?\))");
    std::smatch m;
    if (std::regex_match(n, m, varchar)) return SqlType::string(std::stoi(m[1]));
    if (std::regex_match(n, m, numeric))
        return SqlType::numeric(std::stoi(m[1]),
                                m[2].matched ? std::optional<int>(std::stoi(m[2])) : std::nullopt);
    return SqlType::dialect(declared);
}

}  // namespace migrate::orm::sqlite
