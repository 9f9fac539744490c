#pragma once

/// Autogenerate: compares the models with a database schema (or the schema replayed from the
/// revisions) and derives the operations that make the database match the models
/// (DESIGN.md section 6).
///
/// Both sides are first brought to the dialect's normal form (`normalize_for_compare`), so that
/// spellings the database treats alike never show as differences. Objects are matched by name
/// where both sides name them, by definition where either side leaves the name to the
/// database. Renames come only from `renamed_from` hints; a drop and an add of the same type in
/// one table give a warning naming the hint to add.

#include <string>
#include <vector>

#include "migrations_engine/config/config.h"
#include "migrations_engine/ops/operation.h"

namespace migrate::engine {

struct Difference {
    std::string kind;   // "add_table", "remove_column", "modify_nullable", ...
    std::string table;  // qualified as in models
    std::string column;
    std::string from;  // readable, "" when not applicable
    std::string to;
    bool destructive = false;
    /// One line a reviewer understands: `add column users.email VARCHAR(120) NULL`.
    std::string summary;
};

struct Comparison {
    std::vector<Difference> differences;
    std::vector<Operation> upgrade;    // ordered: creates in dependency order, drops reversed
    std::vector<Operation> downgrade;  // the inverse, in reverse order
    /// Rename hints to add, NOT NULL columns without a default, changes no operation can make.
    std::vector<std::string> warnings;
    /// Upgrade operations without an inverse (their downgrade is a placeholder that fails).
    std::vector<std::string> not_invertible;
    /// The two sides in the normal form they were compared in (models as the database holds
    /// them; the database as reflected), for showing the differences (`diff`).
    orm::MetaData target;
    orm::MetaData current;

    bool empty() const { return differences.empty(); }
};

struct CompareScope {
    CompareOptions compare;
    /// Tables the comparison leaves alone: the version table, and `include.exclude_tables`
    /// (globs with `*` and `?`, matched against `table` and `schema.table`).
    std::vector<std::string> exclude_tables;
    /// The schema that no `schema:` stands for (PostgreSQL: the connection's
    /// `current_schema()`), so that naming it in a model is the same as not naming it.
    std::string default_schema = "public";
    /// Named schemas the database has (PostgreSQL), besides those its tables and enums show:
    /// a model table or enum in a schema that neither names gets a create_schema first.
    std::vector<std::string> existing_schemas;
    /// Schemas holding objects the comparison does not see (views, functions, ...): never
    /// dropped, even when the comparison drops their last tables and enums.
    std::vector<std::string> occupied_schemas;
};

/// The differences between `models` (the target) and `database` (what is), and the operations
/// from the second to the first. `dialect` gives the normal form and what it can express.
/// `as_held`, when given, is `models` as the database would spell it (Dialect::as_held): it is
/// what gets compared, while the operations keep the models' own text.
Comparison compare_schemas(const orm::MetaData& models, const orm::MetaData& database,
                           const orm::Dialect& dialect, const CompareScope& scope,
                           const orm::MetaData* as_held = nullptr);

/// `schema` in the dialect's normal form for comparing (types, expressions, names the
/// database chooses, implicit settings; `default_schema` written as no schema). Exposed for
/// tests.
orm::MetaData normalize_for_compare(const orm::MetaData& schema, const orm::Dialect& dialect,
                                    const std::string& default_schema = "public");

/// Whether `name` matches the glob `pattern` (`*` any run, `?` one character).
bool glob_match(const std::string& pattern, const std::string& name);

}  // namespace migrate::engine
