#pragma once

/// `migrate check` and `migrate diff` as functions: the models against the database (or,
/// offline, against the schema the revisions build).

#include <string>
#include <vector>

#include "migrations_engine/api/project.h"
#include "migrations_engine/autogenerate/compare.h"

namespace migrate::engine {

struct CheckRequest {
    /// Compare with the schema replayed from the revisions (dialect of the URL), no database.
    bool offline = false;
};

struct CheckResult {
    /// What autogenerate would write operations for; empty when models and database agree.
    std::vector<Difference> differences;
    /// Rename hints to add, changes no operation can make.
    std::vector<std::string> warnings;
    bool empty() const { return differences.empty(); }
};

/// Compares the models with the database, which must exist and be at the heads (UsageError
/// otherwise, naming what is not applied). Differences are a result, not an error: the CLI
/// turns a non-empty result into exit 1. Throws InputError for bad models or revisions,
/// ConnectionError / DatabaseError (exit 3); offline, UsageError when a raw `sql` operation
/// may change the schema.
CheckResult check(const Project& project, const CheckRequest& request);

/// One table that differs, as normalised DDL on each side (empty on the side without it).
struct TableDdl {
    std::string table;  // qualified as in the models
    std::vector<std::string> database;
    std::vector<std::string> models;
};

struct DiffResult {
    std::vector<Difference> differences;
    std::vector<std::string> warnings;
    /// The tables named by a difference, sorted by name: their DDL, to show as a diff.
    std::vector<TableDdl> tables;
    /// Summaries of differences tied to no table (enums, schemas).
    std::vector<std::string> other;
    bool empty() const { return differences.empty(); }
};

/// As check(), plus each differing table's CREATE statements (constraints and indexes in a
/// stable order) as the dialect of the URL writes them, on both sides. Throws as check().
DiffResult diff(const Project& project, const CheckRequest& request);

}  // namespace migrate::engine
