#pragma once

/// PostgreSQL spellings of the generic types, and the way back from `format_type()`.
///
/// Reflection maps the canonical `format_type()` text of a built-in type to its generic type
/// (`character varying(50)` -> `String(50)`, `timestamp with time zone` ->
/// `DateTime(timezone)`), an enum type to `Enum(name)`, and keeps everything else verbatim
/// (`jsonb`, `inet`, `text[]`, `character(1)`, domains).

#include <string>

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

/// The column type for `type`.
std::string type_sql(const SqlType& type, const MetaData& metadata, const Dialect& dialect);

/// The model type for `format_type()` text. `enum_name` is set when the type is an enum.
SqlType type_from_catalog(const std::string& formatted, const std::string& enum_name);

}  // namespace migrate::orm::postgresql
