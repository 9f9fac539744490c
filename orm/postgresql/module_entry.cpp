// The entry point of the module `migrate-postgresql.so`, which the `migrate` executable loads
// on its first PostgreSQL connection; see open_connection.h.

#include <type_traits>

#include "orm/postgresql/connection.h"
#include "orm/postgresql/open_connection.h"

extern "C" migrate::orm::Connection* migrate_postgresql_open(const migrate::orm::Dialect& dialect,
                                                             const migrate::orm::DatabaseUrl& url) {
    return new migrate::orm::postgresql::PgConnection(dialect, url);
}

// The module's own signature must stay the one the executable calls.
static_assert(
    std::is_same_v<decltype(&migrate_postgresql_open), migrate::orm::postgresql::OpenConnectionFn>);
