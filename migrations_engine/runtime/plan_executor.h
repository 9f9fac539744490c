#pragma once

/// Runs a plan of revisions on a connection: the one code path of online runs and offline
/// `--sql` (DESIGN.md section 5). Internal to the runner.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "migrations_engine/runtime/op_sql.h"
#include "migrations_engine/runtime/runner.h"

namespace migrate::engine {

enum class Direction { kUp, kDown };

/// The live database as schema source: read again whenever an operation needs a table's
/// definition, inside the running transaction. On SQLite it also knows the enums that the
/// `applied` revisions declared (SQLite keeps an enum only as a column's CHECK).
std::unique_ptr<SchemaSource> live_schema(orm::Connection& connection, const RevisionGraph& graph,
                                          const std::set<std::string>& applied);

/// The schema replayed from the revisions' operations up to `targets` (offline runs).
std::unique_ptr<SchemaSource> replayed_schema(const RevisionGraph& graph,
                                              const std::vector<std::string>& targets);

/// Applies (kUp) or reverts (kDown) `plan` in order, in the configured transaction mode,
/// writing the version table. Throws MigrationError after rolling back what it can.
std::vector<Step> execute_plan(orm::Connection& connection, const RevisionGraph& graph,
                               const VersionTable& table, const RunOptions& options,
                               SchemaSource& source, const std::vector<std::string>& plan,
                               Direction direction);

}  // namespace migrate::engine
