#pragma once

/// The bulk catalog queries of the PostgreSQL inspector. Each but kSchemas takes the schema
/// list as its only parameter (`?`, a text array) and covers every table of those schemas at
/// once.
/// Lists of names come back joined by U+001F, which no identifier contains in practice.

namespace migrate::orm::postgresql::catalog {

constexpr char kSeparator = '\x1f';

// The default schema, the user schemas holding tables (for the hint that names them), and
// every schema (so that autogenerate knows which to create). No parameter: it runs first, and
// resolves the schema list the others take.
constexpr const char* kSchemas = R"sql(
SELECT current_schema(),
       (SELECT string_agg(s.nspname || E'\x1e' || s.tables, E'\x1f' ORDER BY s.nspname)
        FROM (SELECT n.nspname, count(*) AS tables
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                AND d.objid = c.oid AND d.deptype = 'e')
              GROUP BY n.nspname) s),
       (SELECT string_agg(nspname, E'\x1f' ORDER BY nspname) FROM pg_namespace))sql";

// Relations, with what decides whether the tool manages them, and the table-level facts.
constexpr const char* kRelations = R"sql(
SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,
       obj_description(c.oid, 'pg_class') AS comment,
       EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS inherits,
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
               AND d.objid = c.oid AND d.deptype IN ('a', 'i')
               AND d.refclassid = 'pg_class'::regclass) AS owned,
       c.relpersistence, array_to_string(c.reloptions, E'\x1f'),
       (SELECT array_to_string(tc.reloptions, E'\x1f') FROM pg_class tc
        WHERE tc.oid = c.reltoastrelid),
       (SELECT ts.spcname FROM pg_tablespace ts WHERE ts.oid = c.reltablespace),
       c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
       (SELECT am.amname FROM pg_am am WHERE am.oid = c.relam), pg_table_is_visible(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY (?::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                  AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY n.nspname, c.relname)sql";

// Columns. Collation only where it is not the type's default; generated expressions pretty-
// printed; the owned sequence of an identity or serial column with its parameters.
constexpr const char* kColumns = R"sql(
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
       a.attidentity, a.attgenerated,
       col_description(a.attrelid, a.attnum),
       CASE WHEN t.typtype = 'e' THEN t.typname END,
       CASE WHEN pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%'
            THEN pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) END,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid, true) END,
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN
            CASE WHEN pg_collation_is_visible(co.oid) THEN co.collname
                 ELSE cn.nspname || '.' || co.collname END END,
       seq.seqstart, seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqcache, seq.seqcycle,
       format_type(seq.seqtypid, NULL),
       array_to_string(a.attoptions, ', '), a.attstattarget, a.attstorage <> t.typstorage,
       a.attstorage, a.attcompression
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN LATERAL (
    SELECT s.* FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i')
    ORDER BY d.objid LIMIT 1) seq ON true
WHERE n.nspname = ANY (?::text[]) AND c.relkind IN ('r', 'p') AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum)sql";

// Constraints with their options and the server's own definition (the guard compares it).
constexpr const char* kConstraints = R"sql(
SELECT con.conrelid, con.conname, con.contype,
       (SELECT string_agg(a.attname, E'\x1f' ORDER BY k.o)
        FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, o)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
       fn.nspname, fc.relname,
       (SELECT string_agg(a.attname, E'\x1f' ORDER BY k.o)
        FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, o)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
       con.confupdtype, con.confdeltype, pg_get_constraintdef(con.oid, true),
       con.condeferrable, con.condeferred, con.confmatchtype, con.convalidated,
       con.connoinherit,
       CASE WHEN con.contype IN ('p', 'u') THEN
            (SELECT ix.indnullsnotdistinct FROM pg_index ix WHERE ix.indexrelid = con.conindid)
       END,
       CASE WHEN con.contype = 'f' THEN pg_table_is_visible(con.confrelid) END
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE n.nspname = ANY (?::text[]) AND con.contype IN ('p', 'u', 'f', 'c', 'x')
ORDER BY con.conrelid, con.conname)sql";

// Indexes that back no constraint: the server's definition, the bare text of each key
// (pg_get_indexdef(oid, k, true)), the table columns of the keys (0: an expression), the
// sort options, NULLS NOT DISTINCT, storage parameters and tablespace.
constexpr const char* kIndexes = R"sql(
SELECT i.indrelid, ic.relname, i.indisunique, pg_get_indexdef(i.indexrelid, 0, true),
       pg_get_expr(i.indpred, i.indrelid, true), am.amname,
       (SELECT string_agg(COALESCE(a.attname, ''), E'\x1f' ORDER BY k.o)
        FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, o)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum),
       (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), E'\x1f' ORDER BY k)
        FROM generate_series(1, i.indnatts) AS k),
       i.indnkeyatts, i.indoption::text, i.indnullsnotdistinct,
       array_to_string(ic.reloptions, E'\x1f'),
       (SELECT ts.spcname FROM pg_tablespace ts WHERE ts.oid = ic.reltablespace),
       i.indisvalid
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
SELECT 'policy', n.nspname, p.polname, c.relname
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'statistics', n.nspname, s.stxname, c.relname
FROM pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE n.nspname = ANY ($1::text[])
UNION ALL
SELECT 'collation', n.nspname, co.collname, ''
FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass
                  AND d.objid = co.oid AND d.deptype = 'e')
UNION ALL
SELECT 'extension', '', e.extname, '' FROM pg_extension e WHERE e.extname <> 'plpgsql'
ORDER BY 1, 2, 3)sql";

}  // namespace migrate::orm::postgresql::catalog
