#pragma once

/// Reflects a SQLite database into MetaData in six statements, whatever the number of tables:
/// `sqlite_master` joined with the `pragma_table_list`, `pragma_table_xinfo`,
/// `pragma_index_list`, `pragma_index_xinfo` and `pragma_foreign_key_list` table-valued
/// functions. What no pragma reports (constraint names, CHECKs, AUTOINCREMENT, index
/// expressions and predicates) is read from the stored CREATE text.
///
/// Views, triggers, virtual tables and their shadow tables are listed as unmanaged objects.

#include "orm/dialect.h"

namespace migrate::orm::sqlite {

class SqliteInspector : public Inspector {
  public:
    ReflectedSchema reflect(Connection& connection, const ReflectOptions& options) const override;
};

}  // namespace migrate::orm::sqlite
