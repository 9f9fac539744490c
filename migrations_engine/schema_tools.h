#pragma once

/// The engine side of the schema commands (`inspect`, `reflect`, `create-all`, `drop-all`):
/// opening the database, filtering reflected tables, loading models. The CLI only parses
/// arguments and prints; a C++ program can call these directly.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "orm/dialect.h"
#include "orm/schema_ops.h"

namespace migrate::engine {

struct OpenOptions {
    /// Fail (ConnectionError) rather than create a SQLite file that does not exist: for
    /// commands that only read.
    bool must_exist = false;
    /// Receives every statement before it runs (`--echo`).
    std::function<void(const std::string&)> echo;
};

/// Connects to `url`. Throws ConnectionError (exit 3) with a message free of the password.
std::unique_ptr<orm::Connection> open_database(const orm::DatabaseUrl& url,
                                               const OpenOptions& options);

/// The live schema, restricted to `tables` when it is not empty. The tool's own version table
/// (`version_table`, as in migrate.yaml) is left out unless `tables` names it. Throws
/// UsageError naming any table that does not exist.
orm::ReflectedSchema inspect_schema(orm::Connection& connection,
                                    const std::vector<std::string>& tables,
                                    const std::string& version_table,
                                    const orm::ReflectOptions& options = {});

/// The live schema as models: every table but the version table, or the named ones plus
/// every table their foreign keys reach (as sqlacodegen does), with what those tables hold
/// that the models cannot express (`not_modelled`) and the schemas not read that hold tables.
/// Leaving out the version table means that `drop-all` on reflected models never drops the
/// record of applied revisions. Throws UsageError naming unknown tables.
orm::ReflectedSchema reflect_models(orm::Connection& connection,
                                    const std::vector<std::string>& tables,
                                    const std::string& version_table,
                                    const orm::ReflectOptions& options = {});

/// One line for standard error when the schemas read hold no tables, or fewer than another
/// user schema does: it names the schemas that hold tables and the `--schemas` option and
/// `include.schemas` key that read them. nullopt when there is nothing to say.
std::optional<std::string> schema_hint(const orm::ReflectedSchema& schema,
                                       const orm::ReflectOptions& options);

}  // namespace migrate::engine
