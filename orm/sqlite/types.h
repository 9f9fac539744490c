#pragma once

/// SQLite spellings of the generic types, and the way back.
///
/// Each generic type has one canonical SQLite spelling (`String(60)` <-> `VARCHAR(60)`);
/// reflection maps a declared type back to a generic type only when it is that spelling
/// (case and spacing aside), and keeps any other declared type verbatim. So a reflected
/// model recreates exactly the declared types it was read from: `INT PRIMARY KEY` and
/// `INTEGER PRIMARY KEY` differ in SQLite (only the latter is a rowid alias).

#include <string>

#include "orm/schema/metadata.h"

namespace migrate::orm::sqlite {

/// The declared type for `type`. Enum columns are `VARCHAR(longest value)`; their allowed
/// values are a CHECK constraint the DDL compiler adds.
std::string type_sql(const SqlType& type, const MetaData& metadata);

/// The model type for a declared type.
SqlType type_from_declared(const std::string& declared);

}  // namespace migrate::orm::sqlite
