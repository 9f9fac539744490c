#pragma once

/// The application's database schema, declared in C++: the single source of truth that
/// `myapp db revision --autogenerate` and `myapp db check` compare the database with.

#include "orm/schema/metadata.h"

namespace myapp {

/// Builds the schema; throws migrate::orm::ModelError if the declaration is inconsistent.
migrate::orm::MetaData schema();

}  // namespace myapp
