#include "tests/support/pg_catalog_oracle.h"

namespace migrate::test {
namespace {

// Every query returns (key kind, schema, table, name, fact) for the selected tables. $1: the
// schemas (empty array: every user schema).
constexpr const char* kSelectedTables = R"sql(
WITH sel AS (
  SELECT c.oid, n.nspname, c.relname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype = 'e'))
)sql";

constexpr const char* kTables = R"sql(
SELECT 'table', s.nspname, s.relname, '',
       concat_ws(' | ', 'kind=' || c.relkind::text, 'persistence=' || c.relpersistence::text,
                 'reloptions=' || COALESCE(c.reloptions::text, '{}'),
                 'toast=' || COALESCE(t.reloptions::text, '{}'),
                 'tablespace=' || COALESCE(ts.spcname, ''),
                 'am=' || COALESCE(am.amname, ''),
                 'rls=' || c.relrowsecurity::text || '/' || c.relforcerowsecurity::text,
                 'replica=' || c.relreplident::text,
                 'comment=' || COALESCE(obj_description(c.oid, 'pg_class'), '<none>'))
FROM sel s JOIN pg_class c ON c.oid = s.oid
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_am am ON am.oid = c.relam)sql";

constexpr const char* kColumns = R"sql(
SELECT 'column', s.nspname, s.relname, a.attname,
       concat_ws(' | ',
         'position=' || (row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum))::text,
         'type=' || format_type(a.atttypid, a.atttypmod),
         'not_null=' || a.attnotnull::text,
         'identity=' || CASE WHEN a.attidentity <> '' THEN a.attidentity::text
                             WHEN seq.seqrelid IS NOT NULL
                                  AND pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%'
                             THEN 'd' ELSE '' END,
         'generated=' || a.attgenerated::text,
         'default=' || CASE WHEN a.attidentity = '' AND seq.seqrelid IS NOT NULL
                                 AND pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%'
                            THEN '' ELSE COALESCE(pg_get_expr(ad.adbin, ad.adrelid), '') END,
         'collation=' || CASE WHEN a.attcollation <> t.typcollation
                              THEN co.collname ELSE '' END,
         'sequence=' || COALESCE(format('%s %s %s %s %s %s %s', format_type(seq.seqtypid, NULL),
                                        seq.seqstart, seq.seqincrement, seq.seqmin, seq.seqmax,
                                        seq.seqcache, seq.seqcycle), ''),
         'options=' || COALESCE(a.attoptions::text, '{}'),
         'statistics=' || a.attstattarget::text, 'storage=' || a.attstorage::text,
         'compression=' || a.attcompression::text,
         'comment=' || COALESCE(col_description(a.attrelid, a.attnum), '<none>'))
FROM sel s JOIN pg_attribute a ON a.attrelid = s.oid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN LATERAL (
    SELECT q.* FROM pg_depend d JOIN pg_sequence q ON q.seqrelid = d.objid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i')
    LIMIT 1) seq ON true
WHERE a.attnum > 0 AND NOT a.attisdropped)sql";

// Constraint triggers (contype 't') are triggers, which the tool lists as not managed.
constexpr const char* kConstraints = R"sql(
SELECT 'constraint', s.nspname, s.relname, con.conname,
       con.contype::text || ' ' || pg_get_constraintdef(con.oid, true)
FROM sel s JOIN pg_constraint con ON con.conrelid = s.oid
WHERE con.contype <> 't')sql";

constexpr const char* kIndexes = R"sql(
SELECT 'index', s.nspname, s.relname, ic.relname,
       pg_get_indexdef(i.indexrelid) || COALESCE(' TABLESPACE ' || ts.spcname, '')
FROM sel s JOIN pg_index i ON i.indrelid = s.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace)sql";

constexpr const char* kEnums = R"sql(
SELECT 'enum', n.nspname, '', t.typname,
       string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname !~ '^pg_' AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
GROUP BY n.nspname, t.typname)sql";

std::string array_literal(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& s : items) {
        out += (out.size() > 1 ? ",\"" : "\"");
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::string text(const std::optional<std::string>& v) { return v ? *v : "<null>"; }

}  // namespace

CatalogSnapshot catalog_snapshot(orm::Connection& conn, const std::vector<std::string>& schemas,
                                 const std::set<std::string>& only_tables) {
    CatalogSnapshot out;
    const std::vector<orm::Value> params{array_literal(schemas)};
    for (const char* body : {kTables, kColumns, kConstraints, kIndexes}) {
        for (const auto& r : conn.query(std::string(kSelectedTables) + body, params).rows) {
            const std::string table = text(r[1]) + "." + text(r[2]);
            if (!only_tables.empty() && !only_tables.count(table)) continue;
            std::string key = text(r[0]) + " " + table;
            if (!text(r[3]).empty()) key += "." + text(r[3]);
            out[key] = text(r[4]);
        }
    }
    for (const auto& r : conn.query(kEnums, params).rows)
        out["enum " + text(r[1]) + "." + text(r[3])] = text(r[4]);
    return out;
}

std::vector<std::string> snapshot_differences(const CatalogSnapshot& a, const CatalogSnapshot& b) {
    std::vector<std::string> out;
    auto side = [](const CatalogSnapshot& s, const std::string& key) {
        auto it = s.find(key);
        return it == s.end() ? std::string("<absent>") : it->second;
    };
    std::set<std::string> keys;
    for (const auto& [k, v] : a) keys.insert(k);
    for (const auto& [k, v] : b) keys.insert(k);
    for (const auto& k : keys)
        if (side(a, k) != side(b, k))
            out.push_back(k + "\n  a: " + side(a, k) + "\n  b: " + side(b, k));
    return out;
}

std::vector<std::string> unexplained_differences(const CatalogSnapshot& a, const CatalogSnapshot& b,
                                                 const std::vector<orm::NotModelled>& not_modelled,
                                                 const std::string& default_schema) {
    std::vector<std::string> out;
    for (const auto& d : snapshot_differences(a, b)) {
        // "kind schema.table[.name]\n..."
        const std::string key = d.substr(0, d.find('\n'));
        const std::string kind = key.substr(0, key.find(' '));
        std::string rest = key.substr(kind.size() + 1);
        const std::string schema = rest.substr(0, rest.find('.'));
        rest = rest.substr(schema.size() + 1);
        size_t dot = kind == "table" ? std::string::npos : rest.find('.');
        const std::string table = rest.substr(0, dot);
        const std::string name = dot == std::string::npos ? "" : rest.substr(dot + 1);
        const std::string tool_table = schema == default_schema ? table : schema + "." + table;
        bool explained = false;
        for (const auto& n : not_modelled) {
            if (n.table != tool_table) continue;
            const std::string object = " " + n.object + " ";
            explained =
                explained || (name.empty() ? n.object.rfind("table", 0) == 0
                                           : object.find(" " + name + " ") != std::string::npos);
        }
        if (!explained) out.push_back(d);
    }
    return out;
}

}  // namespace migrate::test
