#pragma once

/// Internal: the YAML form of schema operations (DESIGN.md section 4).
///
/// Not part of the public API: it includes yaml-cpp (through model_yaml_reader.h), so only
/// .cpp files that link yaml-cpp include it (the revision-file reader and writer). A list of
/// operations is a YAML list whose items are one-key maps, `op_name: body`:
///
///     - add_column:
///         table: users
///         column: {name: email, type: String(120)}
///     - alter_column: {table: users, column: email, nullable: false}
///     - sql: "UPDATE users SET email = ''"
///
/// Reading checks everything local to the list and throws InputError at the file, line and
/// column of the offending node: unknown operations and keys, wrong value types, missing
/// required keys, bad type names, referential actions and references. It does not check that
/// tables, enums or foreign-key targets exist: they may exist in the database already (that
/// is `apply`'s business). Writing is deterministic, and reading what was written gives equal
/// operations.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "migrations_engine/ops/operation.h"
#include "orm/model_yaml_reader.h"

namespace migrate::engine {

namespace detail {
class RowLists;
}

/// Parses the operation list `list_entry.value` (null: no operations). `list_entry.name`
/// names the list in messages ("item 2 of 'upgrade'"). With `row_lists` (bulk_rows_scan.h),
/// a bulk_insert whose rows are its placeholder reads them from there. Throws InputError.
std::vector<Operation> parse_operations(const orm::detail::Reader& reader,
                                        const orm::detail::Entry& list_entry,
                                        detail::RowLists* row_lists = nullptr);

/// Writes `ops` as a block list at the emitter's position (`[]` when empty). Small bodies
/// are flow maps on the op's line; bodies holding maps (a table, a column, rows) are block
/// maps. Multi-line SQL is a literal block when it reads back unchanged.
void emit_operations(YAML::Emitter& out, const std::vector<Operation>& ops);

/// Parses a YAML document that is one list of operations; `file` is used in messages only.
/// Throws InputError, also for invalid YAML.
std::vector<Operation> operations_from_yaml(const std::string& yaml_list_text,
                                            const std::string& file);

/// The YAML text of `ops` (two-space indent, ending with a newline).
std::string operations_to_yaml(const std::vector<Operation>& ops);

}  // namespace migrate::engine
