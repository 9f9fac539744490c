#pragma once

/// The inverse of an operation: what a revision's `downgrade` runs to undo its `upgrade`.
///
/// An operation has an inverse only when it carries what undoing it needs: a drop needs the
/// definition it removes, an `alter_column` needs the `existing_*` value of every attribute it
/// changes, `set_table_comment` needs `existing_comment`. `sql` and `bulk_insert` have none,
/// nor has `add_enum_value` (PostgreSQL cannot remove an enum value). For every invertible
/// op, `invert(*invert(op)) == op`; the one exception is a `drop_constraint` whose definition
/// has another name than the op, since the inverse recreates the definition as it is.

#include <optional>
#include <string>
#include <vector>

#include "migrations_engine/ops/operation.h"

namespace migrate::engine {

/// The operation that undoes `op`, or nullopt when `op` cannot be undone from what it carries.
std::optional<Operation> invert(const Operation& op);

/// The inverses of `ops`, in reverse order: the downgrade of an upgrade. Ops without an
/// inverse are skipped and, when `not_invertible` is given, described there (`describe`), in
/// the order of `ops`, so that the caller can warn or write a placeholder.
std::vector<Operation> invert_all(const std::vector<Operation>& ops,
                                  std::vector<std::string>* not_invertible);

}  // namespace migrate::engine
