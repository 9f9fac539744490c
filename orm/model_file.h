#pragma once

/// YAML model files <-> MetaData (DESIGN.md section 3).
///
/// Loading validates everything a model can get wrong and throws `InputError` naming the
/// file, line and column of the offending node: unknown keys, wrong value types, unknown type
/// names, duplicate table/column/index/enum names, foreign keys to missing tables or columns,
/// indexes and constraints on missing columns, a primary key given both per column and per
/// table. Column shorthands (`primary_key`, `unique`, `index`, `foreign_key`) are turned into
/// table-level objects and naming conventions are applied, so a loaded MetaData has one
/// spelling of every fact. Writing produces the canonical YAML form; loading what was written
/// gives an equal MetaData.

#include <string>

#include "orm/schema/metadata.h"

namespace migrate::orm {

/// Loads a model file, or every `*.yaml` / `*.yml` file of a folder (sorted by name) merged
/// into one MetaData. Throws InputError (file cannot be read, or is invalid).
MetaData load_models(const std::string& path);

/// Loads YAML text; `file_name` is used in error messages only.
MetaData load_models_from_string(const std::string& yaml_text, const std::string& file_name);

/// The canonical YAML text of `metadata`.
std::string write_models(const MetaData& metadata);

/// Writes `write_models(metadata)` to `path`. Throws InputError when it cannot be written.
void write_models_file(const MetaData& metadata, const std::string& path);

}  // namespace migrate::orm
