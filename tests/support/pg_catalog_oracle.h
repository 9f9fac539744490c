#pragma once

/// A catalog oracle for PostgreSQL tests: what the server holds about tables, read with plain
/// catalog SQL (never through the tool's own reflection), so that two databases can be compared
/// fact by fact: tables (persistence, storage parameters, tablespace, access method, row
/// security, replica identity, comment), columns (position, format_type, NOT NULL, identity,
/// generated expression, collation, default, owned sequence parameters, per-column options,
/// comment), constraints (pg_get_constraintdef; constraint triggers are triggers, not
/// constraints, to the tool), indexes (pg_get_indexdef, tablespace) and enums.
///
/// A serial column (a nextval() default on a sequence the column owns) is described as an
/// identity BY DEFAULT column: the two are one fact to the tool, which creates the identity
/// form (docs/models.md), and both draw from a sequence whose parameters are compared.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "orm/dialect.h"

namespace migrate::test {

/// Fact key ("column app.t.c", "index app.t.ix", ...) -> the fact as text.
using CatalogSnapshot = std::map<std::string, std::string>;

/// The tables of `schemas` (every user schema when empty), or only `only_tables` (written
/// "schema.table") when given, with their columns, constraints and indexes; and the enums of
/// those schemas.
CatalogSnapshot catalog_snapshot(orm::Connection& connection,
                                 const std::vector<std::string>& schemas = {},
                                 const std::set<std::string>& only_tables = {});

/// One line per fact that differs or exists on one side only: "key\n  a: ...\n  b: ...".
std::vector<std::string> snapshot_differences(const CatalogSnapshot& a, const CatalogSnapshot& b);

/// The differences between `a` and `b` that no entry of `not_modelled` explains. A difference
/// on a table's column, constraint or index is explained by an entry of that table naming the
/// object; one on the table itself, by an entry of that table. `default_schema` is the schema
/// reflection wrote as "" (its tables are named bare in `not_modelled`).
std::vector<std::string> unexplained_differences(const CatalogSnapshot& a, const CatalogSnapshot& b,
                                                 const std::vector<orm::NotModelled>& not_modelled,
                                                 const std::string& default_schema);

}  // namespace migrate::test
