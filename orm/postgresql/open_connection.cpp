// libpq linked in: see open_connection.h.

#include "orm/postgresql/open_connection.h"

#include "orm/postgresql/connection.h"

namespace migrate::orm::postgresql {

std::unique_ptr<Connection> open_connection(const Dialect& dialect, const DatabaseUrl& url) {
    return std::make_unique<PgConnection>(dialect, url);
}

}  // namespace migrate::orm::postgresql
