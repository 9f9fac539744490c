#pragma once

/// Runs a plan of revisions on a connection: the one code path of online runs and offline
/// `--sql` (DESIGN.md section 5). Internal to the runner.

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "migrations_engine/runtime/op_sql.h"
#include "migrations_engine/runtime/runner.h"

namespace migrate::engine {

enum class Direction { kUp, kDown };

/// The live database as schema source: read again whenever an operation needs a table's
/// definition, inside the running transaction: the default schema and every schema that the
/// operations of `plan` name. On SQLite it also knows the enums that the `applied` revisions
/// declared (SQLite keeps an enum only as a column's CHECK).
std::unique_ptr<SchemaSource> live_schema(orm::Connection& connection, const RevisionGraph& graph,
                                          const std::set<std::string>& applied,
                                          const std::vector<RevisionFile>& plan);

/// The schema replayed from the revisions' operations up to `targets` (offline runs).
std::unique_ptr<SchemaSource> replayed_schema(const RevisionGraph& graph,
                                              const std::vector<std::string>& targets);

/// Reads every revision file of `plan` in full (YAML and operations), in plan order, so that
/// a broken file stops a run before its first statement. Throws InputError (file:line:column).
std::vector<RevisionFile> load_plan(const RevisionGraph& graph,
                                    const std::vector<std::string>& plan);

/// Checks, before anything runs, what the dialect refuses whatever the tables hold: the
/// indexes of `create_index` operations (an access method or INCLUDE columns on SQLite, say),
/// compiled from the operation alone. Operations whose statements depend on the tables are
/// compiled, and refused, when the run reaches them. Throws MigrationError (exit 4) naming the
/// revision and the operation.
void check_plan(const std::vector<RevisionFile>& plan, const orm::Dialect& dialect,
                Direction direction);

/// Called right before every COMMIT of the run, and before each revision that runs outside a
/// transaction: throws (any migrate::Error) when the run must not go on, e.g. the migration
/// lock was lost. The run then rolls back and fails with MigrationError saying why.
using CommitGuard = std::function<void()>;

/// Applies (kUp) or reverts (kDown) the revisions `plan` (from load_plan()) in order, in the
/// configured transaction mode, writing the version table. Throws MigrationError (exit 4)
/// naming the revision after rolling back what it can: for a failing statement, a failing
/// version-table write, a failing foreign-key check or COMMIT, or a guard that throws. When
/// the rollback fails too, the message says so after the original error.
std::vector<Step> execute_plan(orm::Connection& connection, const VersionTable& table,
                               const RunOptions& options, SchemaSource& source,
                               const std::vector<RevisionFile>& plan, Direction direction,
                               const CommitGuard& guard = {});

}  // namespace migrate::engine
