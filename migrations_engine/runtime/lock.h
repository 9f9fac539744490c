#pragma once

/// The migration lock: one runner per database at a time, for the whole command.
///
/// PostgreSQL: a session advisory lock taken on a connection of its own, so that it spans
/// every transaction of the run. SQLite: an exclusive `flock` on `<database>.migrate-lock`
/// beside the database file, released by the kernel if the process dies; the file holds who
/// took it, for the message another runner shows. Waiting is bounded; a waiting runner says
/// once that it waits and who holds the lock.

#include <functional>
#include <memory>
#include <string>

#include "orm/dialect.h"

namespace migrate::engine {

class MigrationLock {
  public:
    virtual ~MigrationLock() = default;
    /// Checks that the lock is still held; throws LockLostError (exit 4) saying why when it
    /// is not. The runner calls it before every COMMIT. A file lock cannot be lost while the
    /// process lives; the PostgreSQL lock is lost with its connection.
    virtual void verify() {}
};

/// Takes the lock for `url` (keyed by `version_table`, so that two projects sharing a
/// PostgreSQL database do not block each other), waiting up to `timeout_seconds`.
/// `notice` receives the one "waiting for ..." line. Throws LockTimeoutError (exit 5)
/// saying who holds the lock, or ConnectionError.
std::unique_ptr<MigrationLock> acquire_lock(const orm::DatabaseUrl& url,
                                            const std::string& version_table,
                                            double timeout_seconds,
                                            const std::function<void(const std::string&)>& notice);

/// Takes the same lock for the database `connection` works on, on the application's own
/// connection (orm/connection_handles.h): PostgreSQL's advisory lock is held by that
/// connection's session until the returned lock is destroyed (so `connection` must outlive
/// it); SQLite's is the flock beside Connection::database_file(), none for an in-memory
/// database. Throws as above.
std::unique_ptr<MigrationLock> acquire_lock(orm::Connection& connection,
                                            const std::string& version_table,
                                            double timeout_seconds,
                                            const std::function<void(const std::string&)>& notice);

}  // namespace migrate::engine
