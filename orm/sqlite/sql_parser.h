#pragma once

/// Reads the parts of SQLite's stored CREATE TABLE / CREATE INDEX text that no pragma
/// reports: constraint names, CHECK expressions, AUTOINCREMENT, index expressions and
/// partial-index predicates.
///
/// Works on the text kept in `sqlite_schema.sql`, which SQLite stores exactly as written
/// (comments, brackets, backquotes and all). Expression texts are returned verbatim from the
/// source, trimmed of surrounding white space, so that emitting them again and reading them
/// back gives the same text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::orm::sqlite {

struct ParsedCheck {
    std::string name;  // empty when unnamed
    std::string text;  // expression inside CHECK ( ... ), verbatim, trimmed
};

struct ParsedColumn {
    std::string name;              // unquoted
    std::string type;              // declared type text, verbatim (may be empty)
    bool primary_key = false;      // column-level PRIMARY KEY
    std::string primary_key_name;  // CONSTRAINT name before it, if any
    bool autoincrement = false;    // PRIMARY KEY ... AUTOINCREMENT
    bool unique = false;           // column-level UNIQUE
    std::string unique_name;
    bool not_null = false;
    std::optional<std::string> default_text;  // text after DEFAULT, verbatim
    std::string collation;                    // COLLATE name, unquoted
    std::vector<ParsedCheck> checks;          // column-level CHECKs
    bool references = false;                  // column-level REFERENCES
    std::string references_name;              // CONSTRAINT name before REFERENCES
    std::string referred_table;               // unquoted
    std::vector<std::string> referred_columns;
    bool generated = false;  // GENERATED ALWAYS AS / AS ( ... )
    std::string generated_expression;
    bool generated_stored = false;  // STORED; VIRTUAL is SQLite's default
    std::string references_match;   // MATCH name, upper case
    bool references_deferrable = false;
    bool references_initially_deferred = false;
};

enum class ConstraintKind { kPrimaryKey, kUnique, kCheck, kForeignKey };

struct ParsedConstraint {
    ConstraintKind kind = ConstraintKind::kCheck;
    std::string name;                  // unquoted; empty when unnamed
    std::vector<std::string> columns;  // PK / UNIQUE / FK columns, unquoted
    std::string check_text;            // CHECK expression, verbatim
    std::string referred_table;        // FK
    std::vector<std::string> referred_columns;
    std::string match;  // FK MATCH name, upper case
    bool deferrable = false;
    bool initially_deferred = false;
};

/// A clause the schema model cannot hold (`ON CONFLICT REPLACE`, `PRIMARY KEY DESC`, ...).
struct ParsedNote {
    std::string object;  // "column email", "constraint uq_x", "table"
    std::string text;    // the clause as written
};

struct ParsedTable {
    std::string name;
    std::vector<ParsedColumn> columns;
    std::vector<ParsedConstraint> constraints;  // table-level, in source order
    bool without_rowid = false;
    bool strict = false;
    std::vector<ParsedNote> not_modelled;
};

/// Parses `CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name ( ... ) [options]`.
/// Returns nullopt for text it cannot read (CREATE VIRTUAL TABLE, CREATE TABLE ... AS SELECT).
std::optional<ParsedTable> parse_create_table(std::string_view sql);

/// One key of an index, its sort order and collation split off.
struct ParsedIndexKey {
    std::string text;  // `"a"`, `lower(b)`
    bool descending = false;
    std::string collation;  // unquoted; empty when not given
};

struct ParsedIndex {
    std::string name;
    std::string table;
    bool unique = false;
    std::vector<std::string> elements;  // each key's text, verbatim (`"a"`, `lower(b)`, `c DESC`)
    std::vector<ParsedIndexKey> keys;   // the same keys, split
    std::string where;                  // predicate after WHERE, verbatim; empty if none
};

/// Parses `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name ON table ( ... ) [WHERE ...]`.
std::optional<ParsedIndex> parse_create_index(std::string_view sql);

/// Removes SQL quoting from one identifier: `"a""b"` -> `a"b`, `[x y]` -> `x y`, `` `x` `` -> `x`,
/// `'x'` -> `x`; an unquoted identifier is returned as it is.
std::string unquote_identifier(std::string_view token);

}  // namespace migrate::orm::sqlite
