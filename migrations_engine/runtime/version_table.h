#pragma once

/// The version table: one row per applied revision (DESIGN.md section 5).
///
/// Columns: `revision` (primary key, up to 255 characters), `checksum` (SHA-256 of the
/// revision file, line endings normalised), `applied_at` (UTC), `execution_ms`,
/// `applied_by`. Every statement is built here, once, for the online run and for offline
/// SQL alike.

#include <map>
#include <string>
#include <vector>

#include "orm/dialect.h"

namespace migrate::engine {

struct AppliedRevision {
    std::string revision;
    std::string checksum;
    std::string applied_at;
    long long execution_ms = 0;
    std::string applied_by;
};

class VersionTable {
  public:
    /// `name` may be `schema.table` on PostgreSQL.
    VersionTable(const orm::Dialect& dialect, std::string name);

    std::string create_sql() const;  // CREATE TABLE IF NOT EXISTS ...
    std::string insert_sql(const AppliedRevision& row) const;
    /// As insert_sql(), doing nothing when the revision has a row already (offline `stamp`).
    std::string insert_if_absent_sql(const AppliedRevision& row) const;
    std::string delete_sql(const std::string& revision) const;
    std::string purge_sql() const;

    /// Whether the table exists on `connection`.
    bool exists(orm::Connection& connection) const;
    /// Every row, by revision id; empty when the table does not exist. Throws UsageError
    /// (exit 2) when a table of that name exists with other columns (another tool's table:
    /// the message says to set `version_table`).
    std::map<std::string, AppliedRevision> read(orm::Connection& connection) const;

    const std::string& name() const { return name_; }
    /// The schema part of the name (PostgreSQL `schema.table`), or "".
    const std::string& schema() const { return schema_; }
    const std::string& table() const { return table_; }

  private:
    std::string quoted() const;
    void check_shape(orm::Connection& connection) const;

    const orm::Dialect& dialect_;
    std::string name_;
    std::string schema_;
    std::string table_;
};

/// The current time as `2026-11-21T10:15:00Z`.
std::string utc_now();

/// `user@host` of this process.
std::string applied_by();

}  // namespace migrate::engine
