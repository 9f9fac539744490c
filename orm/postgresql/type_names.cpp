#include "orm/postgresql/type_names.h"

#include <cctype>
#include <utility>

#include "orm/postgresql/dialect.h"
#include "orm/postgresql/types.h"

namespace migrate::orm::postgresql {
namespace {

// Synonym -> format_type spelling, for names without a modifier.
const std::pair<const char*, const char*> kSynonyms[] = {
    {"int", "integer"},
    {"int4", "integer"},
    {"int8", "bigint"},
    {"int2", "smallint"},
    {"bool", "boolean"},
    {"float8", "double precision"},
    {"float", "double precision"},
    {"float4", "real"},
    {"decimal", "numeric"},
    {"varchar", "character varying"},
    {"char", "character"},
    {"bpchar", "character"},
    {"timestamp", "timestamp without time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"time", "time without time zone"},
    {"timetz", "time with time zone"},
    {"varbit", "bit varying"},
    {"serial", "integer"},
    {"bigserial", "bigint"},
    {"smallserial", "smallint"},
    {"serial4", "integer"},
    {"serial8", "bigint"},
    {"serial2", "smallint"},
};

std::string squeeze(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space && c != '(' && c != ')' && c != ',' && c != '[' && c != ']' &&
            out.back() != '(' && out.back() != ',')
            out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

std::string format_type_spelling(const std::string& text) {
    std::string s = squeeze(text);
    std::string arrays;
    while (s.size() > 2 && s.compare(s.size() - 2, 2, "[]") == 0) {
        arrays += "[]";
        s.resize(s.size() - 2);
    }
    std::string base = s, modifier;
    size_t open = s.find('(');
    if (open != std::string::npos) {
        base = s.substr(0, open);
        while (!base.empty() && base.back() == ' ') base.pop_back();
        modifier = s.substr(open);
    }
    for (const auto& [from, to] : kSynonyms)
        if (base == from) base = to;
    // A modifier of a time type sits before "with(out) time zone".
    for (const char* t : {"timestamp", "time"}) {
        const std::string tz = std::string(t) + " without time zone";
        const std::string wtz = std::string(t) + " with time zone";
        if (!modifier.empty() && (base == tz || base == wtz))
            return std::string(t) + modifier + base.substr(std::string(t).size()) + arrays;
    }
    return base + modifier + arrays;
}

SqlType canonical_type(const SqlType& type, const MetaData& metadata) {
    if (type.kind() == TypeKind::kEnum) return type;
    std::string sql = type_sql(type, metadata, dialect());
    return type_from_catalog(format_type_spelling(sql), "");
}

}  // namespace migrate::orm::postgresql
