#pragma once

/// Start-up upgrade: an application brings its database to the revisions it carries (usually
/// compiled in with `migrate_embed_revisions()`) with one call, under the same lock, version
/// table and checksums as `migrate upgrade`. See docs/library.md.

#include <memory>
#include <string>
#include <vector>

#include "migrations_engine/runtime/runner.h"
#include "migrations_engine/script/revision_source.h"
#include "orm/connection_handles.h"

namespace migrate::engine {

struct StartupOptions {
    /// What to upgrade to (DESIGN.md identifiers).
    std::string target = "head";
    /// The version table, as `version_table` in migrate.yaml.
    std::string version_table = "migrate_version";
    /// Lock timeout, transaction mode, `say` (one line per step) and `echo`. `allow_changed`
    /// is false unless the program decides otherwise.
    RunOptions run;
};

struct StartupResult {
    std::vector<Step> steps;  // empty when the database was up to date
    /// The applied heads afterwards.
    std::vector<std::string> heads;
};

/// Upgrades the database at `url` (`sqlite:///app.db`, `postgresql://...`) to
/// `options.target` with the revisions of `revisions`, creating a SQLite file or the version
/// table when missing. Throws, all derived from migrate::Error:
///   ChangedRevisionError  an applied revision's bytes differ from the ones carried (exit 2)
///   GraphError / InputError  a broken revision or graph, or the database holds revisions
///                         the program does not carry (a newer program upgraded it; exit 2)
///   ConnectionError       the database cannot be opened (exit 3)
///   MigrationError        a statement failed; everything was rolled back (exit 4)
///   LockTimeoutError      another runner held the lock too long (exit 5)
StartupResult upgrade_at_startup(const std::string& url,
                                 std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options = {});

/// The same on the application's open connection (docs/library.md, "On your own
/// connection"): the same lock for that database (lock.h), version table and checksums, no
/// connection of its own. `connection` is an orm::Connection the application holds, such as
/// one from orm::wrap_connection. When the call returns or throws, no transaction the call
/// opened is left open and the connection is usable. Throws as above, and UsageError when the
/// connection is inside an open transaction (nothing runs then).
StartupResult upgrade_at_startup(orm::Connection& connection,
                                 std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options = {});

/// Shorthands wrapping the handle for the call (orm::wrap_connection): an open SQLite handle,
/// or an open libpqxx 6.4 connection (pqxx::connection is a connection_base). The handle stays
/// open and its settings are as they were when the call returns or throws.
StartupResult upgrade_at_startup(sqlite3* db, std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options = {});
StartupResult upgrade_at_startup(pqxx::connection_base& connection,
                                 std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options = {});

}  // namespace migrate::engine
