#pragma once

/// The engine side of `revision --autogenerate`, `check` and `diff`: what to compare the
/// models with (the database at head, or offline the schema replayed from the revisions),
/// and the comparison itself. A C++ program can call these directly.

#include <string>
#include <vector>

#include "migrations_engine/autogenerate/compare.h"
#include "migrations_engine/config/config.h"
#include "migrations_engine/script/script_directory.h"

namespace migrate::engine {

/// The comparison scope of a project: its `compare` settings, `include.exclude_tables`, and
/// the version table.
CompareScope project_scope(const Config& config);

/// The schemas a comparison reads (PostgreSQL): those of `include.schemas` (the default schema
/// when there are none) and every schema the models name, so that a model table is always
/// compared with what its schema holds.
orm::ReflectOptions compare_reflect_options(const Config& config, const orm::MetaData& models);

/// Compares `models` with the database on `connection`, which must be at the revision
/// graph's heads: otherwise throws UsageError (exit 2) naming the revisions not applied (or
/// applied but unknown). Reads the schemas of compare_reflect_options().
Comparison compare_with_database(orm::Connection& connection, const orm::MetaData& models,
                                 const Config& config, const ScriptDirectory& scripts);

/// Compares `models` with `live`, reflected over `connection`: first by normal forms alone;
/// then, for the tables that still differ, with the models as the database itself would spell
/// them (Dialect::as_held), so that the database is asked only about what the cheap comparison
/// could not settle (nothing, when nothing changed). Leaves the database unchanged.
Comparison compare_with_live(orm::Connection& connection, const orm::MetaData& models,
                             const orm::MetaData& live, const CompareScope& scope);

/// The schema the revisions build when replayed from base to their heads. Throws UsageError
/// naming the revision when a raw `sql` operation may change the schema. `schemas`, when
/// given, receives the named schemas that create_schema / drop_schema leave.
orm::MetaData replay_revisions(const ScriptDirectory& scripts, const orm::Dialect& dialect,
                               std::vector<std::string>* schemas = nullptr);

/// Compares `models` with the schema the revisions build when replayed from base to their
/// heads, for `dialect`, with no database. Throws UsageError naming the revision when a raw
/// `sql` operation may change the schema (the replay cannot know what it did).
Comparison compare_offline(const orm::MetaData& models, const Config& config,
                           const ScriptDirectory& scripts, const orm::Dialect& dialect);

}  // namespace migrate::engine
