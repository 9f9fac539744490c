#pragma once

/// Internal: writing one table body of a model file, as `write_models` does.
///
/// Not part of the public API (it takes a yaml-cpp emitter); used by model_file_writer.cpp
/// and by the YAML form of schema operations, whose `create_table` body is a model table
/// body. What is written loads back through `parse_table` (model_table_parser.h) to an equal
/// Table, given the same naming convention.

#include <yaml-cpp/yaml.h>

#include <string>

#include "orm/schema/metadata.h"

namespace migrate::orm::detail {

/// Writes the keys of `table`'s body (`schema`, `comment`, `columns`, ...) into the map that
/// `out` has open; the table's name is the caller's to write. Names that `convention` gives
/// back on loading are left out.
void write_table_keys(YAML::Emitter& out, const NamingConvention& convention, const Table& table);

/// Writes `s` as a string scalar, quoted when a YAML reader could take it for null, a boolean
/// or a number.
YAML::Emitter& write_text(YAML::Emitter& out, const std::string& s);

}  // namespace migrate::orm::detail
