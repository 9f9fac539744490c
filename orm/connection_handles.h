#pragma once

/// An application's own open database handle as an orm::Connection, so that the engine can
/// migrate the database on the connection the application already has (see
/// engine::upgrade_at_startup and docs/library.md, "On your own connection").
///
/// Ownership: the handle stays the application's. The returned Connection never closes it and
/// must be destroyed before the handle is closed. Use both from one thread at a time.
///
/// Settings: the wrapper changes no session setting, except that on SQLite foreign keys are
/// enforced while the wrapper lives (migrations run so, as on a connection the tool opens) and
/// set back to the handle's own setting when it is destroyed. Every transaction the engine
/// opens on it is committed or rolled back before an engine call returns or throws.
///
/// Errors: UsageError when the handle is null or inside an open transaction (a libpqxx
/// transaction object open on it, a BEGIN not yet ended); ConnectionError when a PostgreSQL
/// connection is already closed.

#include <memory>

#include "orm/dialect.h"

struct sqlite3;
namespace pqxx {
// libpqxx 6.4: pqxx::connection (basic_connection<connect_direct>) and the other connection
// types derive from it.
class connection_base;
}  // namespace pqxx

namespace migrate::orm {

/// Wraps an open SQLite handle (from sqlite3_open_v2). The migration lock for it is the one a
/// `sqlite:///` URL of the same file takes (a flock on `<database file>.migrate-lock`, the file
/// from sqlite3_db_filename); an in-memory database needs none. The handle keeps its own busy
/// timeout: give it one (sqlite3_busy_timeout) if other connections write to the file.
std::unique_ptr<Connection> wrap_connection(sqlite3* db);

/// Wraps an open libpqxx connection. The migration lock is the same session advisory lock a
/// URL takes, held by this connection's session for the engine call and released after.
std::unique_ptr<Connection> wrap_connection(pqxx::connection_base& connection);

}  // namespace migrate::orm
