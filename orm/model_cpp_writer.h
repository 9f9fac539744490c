#pragma once

/// MetaData -> C++ source that declares it with SchemaBuilder (`reflect --format cpp`).
///
/// The source defines `migrate::orm::MetaData FUNCTION()` in the global namespace and includes
/// only "orm/schema/builder.h"; compiled and called, the function returns a MetaData equal to
/// `metadata` (it goes through `SchemaBuilder::build()`, so a schema that does not validate
/// throws there). Everything is written at table level (keys, indexes and constraints), with
/// the builder's fluent calls where they cover an option and `get()` for the rest.

#include <string>

#include "orm/schema/metadata.h"

namespace migrate::orm {

/// `function_name` must be a C++ identifier; throws UsageError otherwise.
std::string write_models_cpp(const MetaData& metadata, const std::string& function_name = "schema");

}  // namespace migrate::orm
