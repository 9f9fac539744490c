#pragma once

/// How the PostgreSQL dialect opens a connection (internal).
///
/// Libraries and programs that link the engine get open_connection.cpp: libpq is linked in.
/// The `migrate` executable defines the same function in cli/postgresql_module.cpp instead,
/// which loads libpq (through the module `migrate-postgresql.so`) only when a PostgreSQL URL
/// is used: a SQLite command then maps none of libpq's libraries (Kerberos, LDAP, TLS) and
/// starts faster. The module exports `migrate_postgresql_open` with the signature of
/// OpenConnectionFn.

#include <memory>

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

/// Opens a connection for `url`, whose dialect() is `dialect`. Throws ConnectionError.
std::unique_ptr<Connection> open_connection(const Dialect& dialect, const DatabaseUrl& url);

/// The module's entry point: a new connection owned by the caller. Throws as open_connection.
using OpenConnectionFn = Connection* (*)(const Dialect& dialect, const DatabaseUrl& url);

}  // namespace migrate::orm::postgresql
