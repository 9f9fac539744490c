#pragma once

/// `migrate upgrade`, `downgrade` and `stamp` as functions, online (under the lock, in
/// transactions) or offline (the SQL script, without connecting).

#include <string>
#include <vector>

#include "migrations_engine/api/project.h"
#include "migrations_engine/runtime/runner.h"

namespace migrate::engine {

/// What upgrade and downgrade share.
struct RunRequest {
    /// Target identifier (head, heads, base, an id, +N, -N, label@head); offline, a range
    /// "A:B" (upgrade) or "B:A" (downgrade).
    std::string target = "head";
    /// Offline: return the SQL script in `sql`, touching no database.
    bool offline = false;
    /// Offline dialect ("sqlite", "postgresql"); "" takes the URL's.
    std::string dialect;
    /// Seconds to wait for another runner's lock.
    double lock_timeout_seconds = 60;
    /// Run although an applied revision's file changed since it was applied.
    bool allow_changed = false;
    /// Online: read the applied heads afterwards into `heads` (one more connection, no lock).
    bool read_heads = true;
};

struct RunResult {
    /// The revisions run, in order (empty when there was nothing to do, and offline).
    std::vector<Step> steps;
    /// The applied heads afterwards (online with read_heads).
    std::vector<std::string> heads;
    /// Offline: the SQL script, version-table statements included.
    std::string sql;
};

/// Applies what `request.target` needs; one `project.say` line per step. Throws
/// MigrationError (exit 4) after rolling back, LockTimeoutError (exit 5), GraphError /
/// InputError / ChangedRevisionError (exit 2) for a bad target, a broken graph or revision
/// file, or a changed revision; ConnectionError (exit 3). Offline: UsageError for an
/// identifier that needs the database, or when no dialect is given or known.
RunResult upgrade(const Project& project, const RunRequest& request);

/// Reverts down to `request.target`, which the caller sets ("base", "-1", an id: the default
/// "head" reverts nothing). Throws as upgrade(); offline the range must be explicit ("B:A").
RunResult downgrade(const Project& project, const RunRequest& request);

struct StampRequest {
    /// Identifiers to record as applied, with their ancestors; other branches stay as they
    /// are.
    std::vector<std::string> targets;
    /// Empty the version table first.
    bool purge = false;
    bool offline = false;
    std::string dialect;  // offline, as RunRequest::dialect
    double lock_timeout_seconds = 60;
};

struct StampResult {
    std::string database;            // the URL, password masked (online)
    std::vector<std::string> heads;  // the applied heads afterwards (online)
    std::string sql;                 // offline: the version-table statements
};

/// Makes the version table say `targets` are applied, running nothing. Throws GraphError
/// when the result would leave a gap, LockTimeoutError, ConnectionError; offline as upgrade().
StampResult stamp(const Project& project, const StampRequest& request);

}  // namespace migrate::engine
