#pragma once

/// Lets the server decide how it would hold what a model says: the model's tables are created
/// as temporary tables inside a transaction that is rolled back, reflected like any table, and
/// the server's own spelling of each type and expression (defaults, CHECK conditions, index
/// expressions and predicates, generated columns) replaces the model's. Two texts the server
/// deparses alike then compare equal, and no equality is ever decided by evaluating `a = b`.

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

/// `models` with each table's types and expressions as the server holds them. A table the
/// server rejects (an unknown type, a bad expression) keeps the model's own text. Leaves the
/// database unchanged; runs in a savepoint when a transaction is open.
MetaData settle(Connection& connection, const MetaData& models);

}  // namespace migrate::orm::postgresql
