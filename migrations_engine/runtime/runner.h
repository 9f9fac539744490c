#pragma once

/// The runner: applies and reverts revisions, under the lock, in transactions, recording each
/// applied revision in the version table (DESIGN.md section 5). Offline `--sql` runs the same
/// code against a RecordingConnection.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "migrations_engine/config/config.h"
#include "migrations_engine/runtime/version_table.h"
#include "migrations_engine/script/script_directory.h"

namespace migrate::engine {

struct RunOptions {
    TransactionMode transaction_mode = TransactionMode::kAll;
    double lock_timeout_seconds = 60;
    bool allow_changed = false;
    /// One line per step ("Running upgrade A -> B, message (12 ms)") and notices.
    std::function<void(const std::string&)> say;
    /// Every SQL statement before it runs (`--echo`).
    std::function<void(const std::string&)> echo;
};

struct Step {
    std::string revision;
    std::string from;  // "<base>", a revision, or "a, b" for a merge
    std::string to;
    std::string message;
    long long ms = 0;
};

/// What the database says about the project.
struct Status {
    std::map<std::string, AppliedRevision> applied;
    std::vector<std::string> current_heads;
    std::vector<std::string> changed;  // applied revisions whose file changed since
    std::vector<std::string> heads;    // of the graph
    /// The graph this status was read against (loaded once per call).
    std::shared_ptr<const RevisionGraph> graph;
};

class Runner {
  public:
    Runner(ScriptDirectory scripts, std::string version_table, RunOptions options);

    /// Applies what `target` needs (DESIGN.md identifiers). Every revision file of the plan
    /// is read and parsed before the first statement runs. Throws MigrationError (exit 4)
    /// after rolling back (also when a version-table write or COMMIT fails, or the lock is
    /// lost), LockTimeoutError (exit 5), GraphError / InputError (exit 2) for a bad target, a
    /// broken graph or revision file, a gap in the version table, or a revision file changed
    /// since it was applied.
    std::vector<Step> upgrade(const orm::DatabaseUrl& url, const std::string& target);
    /// As upgrade(url, target), on the application's open `connection` (one of its own, or a
    /// handle wrapped with orm::wrap_connection), under the same lock (lock.h). Throws
    /// UsageError, before anything runs, when `connection` is inside an open transaction.
    /// Leaves no transaction open on it, whether it returns or throws; sets its echo to
    /// `options.echo` when that is given.
    std::vector<Step> upgrade(orm::Connection& connection, const std::string& target);
    /// Reverts down to `target`. Throws as upgrade().
    std::vector<Step> downgrade(const orm::DatabaseUrl& url, const std::string& target);
    std::vector<Step> downgrade(orm::Connection& connection, const std::string& target);
    /// Makes the version table say `targets` (identifiers) are applied, with their ancestors,
    /// running nothing. Without `purge`, only the targets' lineage moves (as Alembic does):
    /// revisions applied on other branches stay applied (RevisionGraph::stamp_result); with
    /// `purge` the table is emptied first. Throws GraphError when the result would leave a
    /// gap (a revision applied while one it builds on is not). Returns the applied heads.
    std::vector<std::string> stamp(const orm::DatabaseUrl& url,
                                   const std::vector<std::string>& targets, bool purge);
    std::vector<std::string> stamp(orm::Connection& connection,
                                   const std::vector<std::string>& targets, bool purge);
    /// The applied revisions and their state; takes no lock, changes nothing and creates
    /// nothing (a missing SQLite file is a ConnectionError, exit 3). Throws GraphError for a
    /// gap in the version table or revisions that no file declares.
    Status status(const orm::DatabaseUrl& url);
    /// The same on an open connection (takes no lock either).
    Status status(orm::Connection& connection);

    /// Offline: the SQL script of `upgrade range` ("A:B", or "B" meaning base:B). Throws
    /// UsageError for an identifier that needs the database (`current`, `+1`).
    std::string upgrade_sql(const orm::Dialect& dialect, const std::string& range);
    /// Offline: the SQL script of `downgrade range` ("B:A": from B down to A). The range must
    /// be explicit: UsageError otherwise, or for an identifier that needs the database.
    std::string downgrade_sql(const orm::Dialect& dialect, const std::string& range);
    /// Offline: the version-table statements of `stamp targets`. Without `purge`, as online:
    /// rows of the targets' descendants are deleted and the targets and their ancestors are
    /// inserted unless present, whatever else the table holds.
    std::string stamp_sql(const orm::Dialect& dialect, const std::vector<std::string>& targets,
                          bool purge);

    const ScriptDirectory& scripts() const { return scripts_; }

  private:
    ScriptDirectory scripts_;
    std::string version_table_;
    RunOptions options_;
};

}  // namespace migrate::engine
