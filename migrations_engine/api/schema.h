#pragma once

/// `migrate reflect`, `inspect`, `create-all` and `drop-all` as functions: the live schema
/// read as models, and the models' tables created or dropped without revisions.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migrations_engine/api/project.h"
#include "orm/dialect.h"
#include "orm/schema_ops.h"

namespace migrate::engine {

enum class ModelFormat { kYaml, kCpp };

struct ReflectRequest {
    /// Only these tables, plus the tables their foreign keys reach; empty for all.
    std::vector<std::string> tables;
    /// Schemas to read (PostgreSQL); empty `schemas` takes the configuration's
    /// include.schemas, else the current schema.
    orm::ReflectOptions reflect;
    ModelFormat format = ModelFormat::kYaml;
    /// Name of the function the C++ source defines.
    std::string function = "schema";
    /// Write the text to this file; "" writes nothing (the text is in the result).
    std::string output;
    /// Replace `output` when it exists.
    bool force = false;
};

struct ReflectResult {
    /// The live schema as models, with what the models cannot express (`not_modelled`).
    orm::ReflectedSchema schema;
    /// The models file (YAML) or C++ source.
    std::string text;
    /// When the schemas read hold no tables, or fewer than another: a line naming them.
    std::optional<std::string> hint;
};

/// Reflects the database (which must exist) into models, leaving out the version table.
/// Throws UsageError when `output` exists and `force` is not set (before connecting), or for
/// unknown tables; ConnectionError / DatabaseError (exit 3); InputError when `output` cannot
/// be written.
ReflectResult reflect(const Project& project, const ReflectRequest& request);

struct InspectRequest {
    std::vector<std::string> tables;  // empty for all
    orm::ReflectOptions reflect;      // as ReflectRequest::reflect
};

struct InspectResult {
    orm::ReflectedSchema schema;
    std::string database;  // the URL, password masked
    std::string dialect;   // "sqlite", "postgresql"
    std::optional<std::string> hint;
};

/// The live schema (which must exist) as the database reflects it, without the version table
/// unless named. Throws UsageError for unknown tables, ConnectionError / DatabaseError.
InspectResult inspect(const Project& project, const InspectRequest& request);

struct CreateAllResult {
    std::string database;               // the URL, password masked
    std::vector<std::string> created;   // tables created, in creation order
    std::vector<std::string> existing;  // tables left alone because they exist
};

/// Creates the models' missing enums, tables and indexes in foreign-key order, in one
/// transaction, with no revision (the database is created when missing). On failure nothing
/// is created and the DatabaseError (exit 3) propagates.
CreateAllResult create_all(const Project& project);

struct DropAllRequest {
    /// Called with the models' table names after connecting and before dropping anything;
    /// may throw to stop (the CLI asks "Drop N tables?" here). Empty: no confirmation.
    std::function<void(const std::vector<std::string>& tables)> confirm;
};

struct DropAllResult {
    std::string database;
    std::vector<std::string> dropped;
    std::vector<std::string> absent;  // models' tables the database does not have
};

/// Drops the models' tables that exist (dependants first), then their enums, in one
/// transaction; tables not in the models are never touched. The database must exist
/// (ConnectionError otherwise). Throws what `confirm` throws, or DatabaseError.
DropAllResult drop_all(const Project& project, const DropAllRequest& request = {});

}  // namespace migrate::engine
