#pragma once

/// The effect of an operation on an in-memory schema.
///
/// Used to replay revisions from base (offline SQL, where no database can be asked) and to
/// know a table's full definition before a SQLite table rebuild. `apply` changes `schema` as
/// the database would: dropping a column also drops the indexes and the unique, primary-key
/// and foreign-key constraints of its table that use it (CHECK conditions are SQL text and
/// are left alone); renaming a table or a column updates the references to it; adding a
/// primary key makes its columns NOT NULL. It checks that what the op names exists (and that
/// what it creates does not), not what other objects refer to: enums and foreign-key targets
/// may live outside the replayed schema.

#include <string>

#include "migrations_engine/ops/operation.h"
#include "orm/schema/metadata.h"

namespace migrate::engine {

/// Applies `op` to `schema`. Throws UsageError naming the op when it refers to a table,
/// column, index, constraint or enum that `schema` lacks, or creates one that exists; then
/// `schema` is unchanged. `sql` and `bulk_insert` change nothing. A drop without a carried
/// definition removes by name.
void apply(const Operation& op, orm::MetaData& schema);

/// The enum `name` of `schema_name` (empty: the default schema), or nullptr.
/// (`MetaData::find_enum` matches the name only; `MetaData::find_table` takes the schema.)
const orm::EnumType* find_enum(const orm::MetaData& schema, const std::string& schema_name,
                               const std::string& name);

/// The table of `schema_name` that holds the index `index` (index names are unique within a
/// schema on both dialects), or nullptr.
const orm::Table* find_index_table(const orm::MetaData& schema, const std::string& schema_name,
                                   const std::string& index);

}  // namespace migrate::engine
