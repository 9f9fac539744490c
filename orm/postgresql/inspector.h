#pragma once

/// Reflects PostgreSQL schemas into MetaData with seven bulk catalog queries, whatever the
/// number of tables. Types come back through `format_type`, defaults and predicates through
/// `pg_get_expr`, index keys through `pg_get_indexdef`, CHECKs through `pg_get_constraintdef`,
/// so that what the tool created reflects back equal to the models. The default schema ("" in
/// models and options) is the connection's `current_schema()`.
///
/// Every constraint, index and table read is checked by the guard (guard.cpp): the model's
/// version, rendered as the server prints it (canonical.h), must equal the server's own
/// definition. What differs (an exclusion constraint, an index in another tablespace, a
/// collation the model file cannot name, ...) is listed in `not_modelled` and left out of the
/// model, never dropped silently.
///
/// Objects the tool does not manage (views, materialized views, foreign tables, partitioned
/// tables and their partitions, inherited tables, sequences not owned by a column, functions,
/// triggers, domains, rules, policies, statistics objects, extensions) are listed in
/// `unmanaged`, never mistaken for tables.

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

class PgInspector : public Inspector {
  public:
    ReflectedSchema reflect(Connection& connection, const ReflectOptions& options) const override;
};

/// Rewrites the varchar `IN (...)` array form PostgreSQL deparses unstably into the form it
/// reaches once parsed again (see the definition). Exposed for tests.
std::string stable_array_casts(const std::string& expression);

/// Every schema of the database that holds user objects (not pg_*, information_schema, or
/// schemas created by extensions).
std::vector<std::string> user_schemas(Connection& connection);

}  // namespace migrate::orm::postgresql
