#pragma once

/// PostgreSQL's own text for what a model holds: exactly what `pg_get_constraintdef(oid, true)`,
/// `pg_get_indexdef(oid, 0, true)` and `pg_class.reloptions` print for the object the model
/// describes. Reflection compares these renderings with the server's definitions (the guard):
/// whatever differs is a fact the model did not keep, and is reported as not modelled.
///
/// Expressions (CHECK conditions, index expressions and predicates) are printed as the model
/// holds them; reflection fills them with the server's own deparsed text, so they compare
/// equal when nothing else was lost. Pure functions: no connection, no failure.

#include <string>
#include <utility>
#include <vector>

#include "orm/schema/table.h"

namespace migrate::orm::postgresql {

/// PostgreSQL's `quote_identifier()`: bare when the name is lower-case letters, digits and `_`
/// (not starting with a digit) and not a keyword PostgreSQL reserves; double-quoted otherwise.
std::string pg_identifier(const std::string& name);

/// `a.b` with each dot-separated part through pg_identifier (qualified collation and operator
/// class names, as the model writes them).
std::string pg_dotted_identifier(const std::string& dotted);

/// How the server names a relation inside a definition: bare when it is visible on the
/// search_path, else schema-qualified.
std::string pg_relation_name(const std::string& schema, const std::string& name, bool visible);

/// `DEFERRABLE`, `INITIALLY DEFERRED`, each with a leading space, as constraints end.
std::string canonical_deferral(const Deferral& deferral);

std::string canonical_primary_key(const PrimaryKey& pk);
std::string canonical_unique(const UniqueConstraint& uq);
/// `referred_relation` as pg_relation_name gives it.
std::string canonical_foreign_key(const ForeignKey& fk, const std::string& referred_relation);
/// `condition` as the server prints it inside `CHECK (...)`.
std::string canonical_check(const CheckConstraint& ck, const std::string& condition);

/// One index key: the column (quoted as the server quotes it) or the expression text, then
/// COLLATE, operator class, DESC and NULLS as `pg_get_indexdef` prints them.
std::string canonical_index_element(const IndexElement& e);
/// `relation` as pg_relation_name gives it; an empty method is btree.
std::string canonical_index(const Index& ix, const std::string& relation);

/// The storage parameters as `WITH (...)` prints them in index and constraint definitions:
/// `fillfactor='70', deduplicate_items=off`.
std::string canonical_with(const std::vector<std::pair<std::string, std::string>>& storage);

/// The storage parameters as `pg_class.reloptions` holds them, one `name=value` each.
std::vector<std::string> canonical_reloptions(
    const std::vector<std::pair<std::string, std::string>>& storage);

}  // namespace migrate::orm::postgresql
