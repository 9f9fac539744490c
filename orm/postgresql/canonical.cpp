// PostgreSQL's canonical text of constraints, indexes and storage parameters; see canonical.h.
// Each function follows the matching code of PostgreSQL 15's ruleutils.c.

#include "orm/postgresql/canonical.h"

#include <algorithm>
#include <iterator>

namespace migrate::orm::postgresql {
namespace {

// The keywords quote_identifier() quotes: every category but UNRESERVED_KEYWORD
// (`SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'` on PostgreSQL 15), sorted.
constexpr const char* kQuotedKeywords[] = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
};

bool is_quoted_keyword(const std::string& word) {
    return std::binary_search(std::begin(kQuotedKeywords), std::end(kQuotedKeywords), word,
                              [](const std::string& a, const std::string& b) { return a < b; });
}

std::string column_list(const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + pg_identifier(c);
    return out;
}

// simple_quote_literal(): standard_conforming_strings is on, so only quotes double.
std::string quote_literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string pg_identifier(const std::string& name) {
    bool safe = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
    for (char c : name)
        safe = safe && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (safe && !is_quoted_keyword(name)) return name;
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string pg_dotted_identifier(const std::string& dotted) {
    std::string out;
    size_t start = 0;
    while (true) {
        size_t dot = dotted.find('.', start);
        out += pg_identifier(dotted.substr(start, dot - start));
        if (dot == std::string::npos) return out;
        out += '.';
        start = dot + 1;
    }
}

std::string pg_relation_name(const std::string& schema, const std::string& name, bool visible) {
    return visible ? pg_identifier(name) : pg_identifier(schema) + "." + pg_identifier(name);
}

std::string canonical_deferral(const Deferral& d) {
    return std::string(d.deferrable ? " DEFERRABLE" : "") +
           (d.initially_deferred ? " INITIALLY DEFERRED" : "");
}

std::string canonical_primary_key(const PrimaryKey& pk) {
    return "PRIMARY KEY (" + column_list(pk.columns) + ")" + canonical_deferral(pk.deferral);
}

std::string canonical_unique(const UniqueConstraint& uq) {
    return std::string("UNIQUE ") + (uq.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + "(" +
           column_list(uq.columns) + ")" + canonical_deferral(uq.deferral);
}

std::string canonical_foreign_key(const ForeignKey& fk, const std::string& referred_relation) {
    std::string out = "FOREIGN KEY (" + column_list(fk.columns) + ") REFERENCES " +
                      referred_relation + "(" + column_list(fk.referred_columns) + ")";
    if (!fk.match.empty()) out += " MATCH " + fk.match;
    if (!fk.on_update.empty()) out += " ON UPDATE " + fk.on_update;
    if (!fk.on_delete.empty()) out += " ON DELETE " + fk.on_delete;
    return out + canonical_deferral(fk.deferral) + (fk.not_valid ? " NOT VALID" : "");
}

std::string canonical_check(const CheckConstraint& ck, const std::string& condition) {
    return "CHECK (" + condition + ")" + (ck.no_inherit ? " NO INHERIT" : "") +
           (ck.not_valid ? " NOT VALID" : "");
}

std::string canonical_index_element(const IndexElement& e) {
    std::string out = e.expression ? e.text : pg_identifier(e.text);
    if (!e.collation.empty()) out += " COLLATE " + pg_dotted_identifier(e.collation);
    if (!e.opclass.empty()) out += " " + pg_dotted_identifier(e.opclass);
    if (e.descending)
        out += e.nulls == "LAST" ? " DESC NULLS LAST" : " DESC";
    else if (e.nulls == "FIRST")
        out += " NULLS FIRST";
    return out;
}

std::string canonical_index(const Index& ix, const std::string& relation) {
    std::string elements;
    for (const auto& e : ix.elements)
        elements += (elements.empty() ? "" : ", ") + canonical_index_element(e);
    std::string out = std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX " +
                      pg_identifier(ix.name) + " ON " + relation + " USING " +
                      pg_identifier(ix.method.empty() ? "btree" : ix.method) + " (" + elements +
                      ")";
    if (!ix.include.empty()) out += " INCLUDE (" + column_list(ix.include) + ")";
    if (ix.nulls_not_distinct) out += " NULLS NOT DISTINCT";
    if (!ix.storage.empty()) out += " WITH (" + canonical_with(ix.storage) + ")";
    if (!ix.where.empty()) out += " WHERE " + ix.where;
    return out;
}

std::string canonical_with(const std::vector<std::pair<std::string, std::string>>& storage) {
    std::string out;
    for (const auto& [name, value] : storage)
        out += (out.empty() ? "" : ", ") + pg_identifier(name) + "=" +
               (pg_identifier(value) == value ? value : quote_literal(value));
    return out;
}

std::vector<std::string> canonical_reloptions(
    const std::vector<std::pair<std::string, std::string>>& storage) {
    std::vector<std::string> out;
    for (const auto& [name, value] : storage) out.push_back(name + "=" + value);
    return out;
}

}  // namespace migrate::orm::postgresql
