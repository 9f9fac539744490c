#pragma once

/// The PostgreSQL dialect, over libpqxx.

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

/// The process-wide PostgreSQL dialect.
const Dialect& dialect();

}  // namespace migrate::orm::postgresql
