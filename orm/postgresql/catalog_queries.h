#pragma once

/// The bulk catalog queries of the PostgreSQL inspector. Each takes the schema list as its
/// only parameter (`?`, a text array) and covers every table of those schemas at once.
/// Lists of names come back joined by U+001F, which no identifier contains in practice.

namespace migrate::orm::postgresql::catalog {

constexpr char kSeparator = '\x1f';

// Relations, with what decides whether the tool manages them.
constexpr const char* kRelations = R"sql(
SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,
       obj_description(c.oid, 'pg_class') AS comment,
       EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS inherits,
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
               AND d.objid = c.oid AND d.deptype IN ('a', 'i')
               AND d.refclassid = 'pg_class'::regclass) AS owned,
       current_schema() AS current_schema
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY (?::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                  AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY n.nspname, c.relname)sql";

constexpr const char* kColumns = R"sql(
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
       col_description(a.attrelid, a.attnum),
       CASE WHEN t.typtype = 'e' THEN t.typname END,
       CASE WHEN pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%'
            THEN pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE n.nspname = ANY (?::text[]) AND c.relkind IN ('r', 'p') AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum)sql";

constexpr const char* kConstraints = R"sql(
SELECT con.conrelid, con.conname, con.contype,
       (SELECT string_agg(a.attname, E'\x1f' ORDER BY k.o)
        FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, o)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
       fn.nspname, fc.relname,
       (SELECT string_agg(a.attname, E'\x1f' ORDER BY k.o)
        FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, o)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
       con.confupdtype, con.confdeltype, pg_get_constraintdef(con.oid, true)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE n.nspname = ANY (?::text[]) AND con.contype IN ('p', 'u', 'f', 'c', 'x')
ORDER BY con.conrelid, con.conname)sql";

constexpr const char* kIndexes = R"sql(
SELECT i.indrelid, ic.relname, i.indisunique, pg_get_indexdef(i.indexrelid, 0, true),
       pg_get_expr(i.indpred, i.indrelid, true), am.amname,
       (SELECT string_agg(COALESCE(a.attname, ''), E'\x1f' ORDER BY k.o)
        FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, o)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE n.nspname = ANY (?::text[]) AND c.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                  AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname)sql";

constexpr const char* kEnums = R"sql(
SELECT n.nspname, t.typname, string_agg(e.enumlabel, E'\x1f' ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY (?::text[])
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname)sql";

// Everything else the tool leaves alone, for the "not managed" listing.
constexpr const char* kOtherObjects = R"sql(
SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'p' THEN 'procedure' ELSE 'function' END,
       n.nspname, p.proname, ''
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'trigger', n.nspname, t.tgname, c.relname
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY ($1::text[]) AND NOT t.tgisinternal
UNION ALL
SELECT 'domain', n.nspname, t.typname, ''
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY ($1::text[]) AND t.typtype = 'd'
UNION ALL
SELECT 'rule', n.nspname, r.rulename, c.relname
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY ($1::text[]) AND r.rulename <> '_RETURN'
UNION ALL
SELECT 'extension', '', e.extname, '' FROM pg_extension e WHERE e.extname <> 'plpgsql'
ORDER BY 1, 2, 3)sql";

}  // namespace migrate::orm::postgresql::catalog
