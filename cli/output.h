#pragma once

/// Rendering of schemas for people (aligned text) and for programs (JSON).

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "orm/dialect.h"

namespace migrate::cli {

/// "a, b, c".
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");

/// The schema as JSON: tables with columns, keys, indexes and constraints; enums; the
/// objects the tool does not manage.
nlohmann::json schema_to_json(const orm::ReflectedSchema& schema);

/// The schema as text, one block per table.
void print_schema_text(std::ostream& out, const orm::ReflectedSchema& schema, bool color);

}  // namespace migrate::cli
