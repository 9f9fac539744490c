#pragma once

/// The SQLite dialect: embedded, file-based, the default.

#include "orm/dialect.h"

namespace migrate::orm::sqlite {

/// The process-wide SQLite dialect.
const Dialect& dialect();

}  // namespace migrate::orm::sqlite
