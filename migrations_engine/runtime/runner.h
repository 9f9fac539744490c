#pragma once

/// The runner: applies and reverts revisions, under the lock, in transactions, recording each
/// applied revision in the version table (DESIGN.md section 5). Offline `--sql` runs the same
/// code against a RecordingConnection.

#include <functional>
#include <map>
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
};

class Runner {
  public:
    Runner(ScriptDirectory scripts, std::string version_table, RunOptions options);

    /// Applies what `target` needs (DESIGN.md identifiers). Throws MigrationError (exit 4)
    /// after rolling back, LockTimeoutError (exit 5), GraphError / InputError (exit 2) for a
    /// bad target, a broken graph, or a revision file changed since it was applied.
    std::vector<Step> upgrade(const orm::DatabaseUrl& url, const std::string& target);
    /// Reverts down to `target`. Throws as upgrade().
    std::vector<Step> downgrade(const orm::DatabaseUrl& url, const std::string& target);
    /// Makes the version table say `target` is applied (its ancestors too), running nothing.
    /// `purge` empties the table first. Returns the applied heads afterwards.
    std::vector<std::string> stamp(const orm::DatabaseUrl& url, const std::string& target,
                                   bool purge);
    /// The applied revisions and their state; takes no lock and changes nothing.
    Status status(const orm::DatabaseUrl& url);

    /// Offline: the SQL script of `upgrade range` ("A:B", or "B" meaning base:B).
    std::string upgrade_sql(const orm::Dialect& dialect, const std::string& range);
    /// Offline: the SQL script of `downgrade range` ("B:A": from B down to A).
    std::string downgrade_sql(const orm::Dialect& dialect, const std::string& range);
    /// Offline: the version-table statements of `stamp target`.
    std::string stamp_sql(const orm::Dialect& dialect, const std::string& target, bool purge);

    const ScriptDirectory& scripts() const { return scripts_; }

  private:
    ScriptDirectory scripts_;
    std::string version_table_;
    RunOptions options_;
};

}  // namespace migrate::engine
