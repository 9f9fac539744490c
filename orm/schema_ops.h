#pragma once

/// create_all / drop_all: build or remove a model's tables directly, without revisions,
/// as SQLAlchemy's `metadata.create_all()` does. For prototypes and test fixtures.

#include <string>
#include <vector>

#include "orm/dialect.h"

namespace migrate::orm {

struct CreateAllResult {
    std::vector<std::string> created;   // tables created, in creation order
    std::vector<std::string> existing;  // tables left alone because they exist
};

/// Creates the enums, tables and indexes of `metadata` that the database lacks, tables in
/// foreign-key order, all in one transaction: on failure nothing is created and the
/// DatabaseError propagates.
CreateAllResult create_all(Connection& connection, const MetaData& metadata);

struct DropAllResult {
    std::vector<std::string> dropped;
    std::vector<std::string> absent;
};

/// Drops the tables of `metadata` that exist (dependants first), then its enums, in one
/// transaction. Tables not in the models are never touched.
DropAllResult drop_all(Connection& connection, const MetaData& metadata);

}  // namespace migrate::orm
