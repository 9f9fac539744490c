#include "orm/postgresql/types.h"

#include <regex>

namespace migrate::orm::postgresql {
namespace {

struct Plain {
    const char* sql;      // what we emit
    const char* catalog;  // what format_type() gives back
    TypeKind kind;
};

constexpr Plain kPlain[] = {
    {"INTEGER", "integer", TypeKind::kInteger},
    {"SMALLINT", "smallint", TypeKind::kSmallInteger},
    {"BIGINT", "bigint", TypeKind::kBigInteger},
    {"BOOLEAN", "boolean", TypeKind::kBoolean},
    {"TEXT", "text", TypeKind::kText},
    {"DOUBLE PRECISION", "double precision", TypeKind::kFloat},
    {"DATE", "date", TypeKind::kDate},
    {"TIME WITHOUT TIME ZONE", "time without time zone", TypeKind::kTime},
    {"INTERVAL", "interval", TypeKind::kInterval},
    {"BYTEA", "bytea", TypeKind::kLargeBinary},
    {"JSON", "json", TypeKind::kJson},
    {"UUID", "uuid", TypeKind::kUuid},
};

}  // namespace

std::string type_sql(const SqlType& type, const MetaData& metadata, const Dialect& dialect) {
    switch (type.kind()) {
        case TypeKind::kDialect:
            return type.name();
        case TypeKind::kString:
            return type.length() ? "VARCHAR(" + std::to_string(*type.length()) + ")" : "VARCHAR";
        case TypeKind::kNumeric:
            if (!type.precision()) return "NUMERIC";
            return "NUMERIC(" + std::to_string(*type.precision()) + ", " +
                   std::to_string(type.scale().value_or(0)) + ")";
        case TypeKind::kDateTime:
            return type.timezone() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
        case TypeKind::kEnum: {
            const EnumType* e = metadata.find_enum(type.name());
            std::string name = dialect.quote(type.name());
            return e && !e->schema.empty() ? dialect.quote(e->schema) + "." + name : name;
        }
        default:
            for (const auto& p : kPlain)
                if (p.kind == type.kind()) return p.sql;
            return type.str();
    }
}

SqlType type_from_catalog(const std::string& formatted, const std::string& enum_name) {
    if (!enum_name.empty()) return SqlType::enumeration(enum_name);
    for (const auto& p : kPlain)
        if (formatted == p.catalog) return SqlType(p.kind);
    if (formatted == "character varying") return SqlType::string();
    if (formatted == "numeric") return SqlType::numeric(std::nullopt, std::nullopt);
    if (formatted == "timestamp without time zone") return SqlType::datetime(false);
    if (formatted == "timestamp with time zone") return SqlType::datetime(true);
    static const std::regex varchar(R"(character varying\((\d+)\))");
    static const std::regex numeric(R"(numeric\((\d+),(\d+)\))");
    std::smatch m;
    if (std::regex_match(formatted, m, varchar)) return SqlType::string(std::stoi(m[1]));
    if (std::regex_match(formatted, m, numeric))
        return SqlType::numeric(std::stoi(m[1]), std::stoi(m[2]));
    return SqlType::dialect(formatted);
}

}  // namespace migrate::orm::postgresql
