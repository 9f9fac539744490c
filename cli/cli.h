#pragma once

/// The `migrate` command line as a function, for an application that embeds it
/// (`myapp db upgrade head`) with its models declared in C++.
///
///     migrate::cli::Options options;
///     options.program_name = "myapp db";
///     options.models = [] { return myapp::schema(); };  // an orm::MetaData
///     return migrate::cli::run(argc - 1, argv + 1, options);
///
/// Link the target `migrate::cli` (find_package(migrate)). See docs/library.md and
/// examples/embedded_cli.

#include <functional>
#include <string>

#include "orm/schema/metadata.h"

namespace migrate::cli {

/// What the embedding application decides instead of the user. Every field is optional: a
/// default-constructed Options gives the `migrate` executable itself.
struct Options {
    /// The name usage and help lines show (`Usage: myapp db [OPTIONS] SUBCOMMAND`).
    std::string program_name = "migrate";
    /// The target schema. When set, commands that compare (revision --autogenerate, check,
    /// diff, create-all, drop-all) call it instead of reading a models file: the
    /// configuration's `models` is ignored and `--models` is a usage error (exit 2) saying so.
    /// It is called when a command needs the models, and may throw: a migrate::Error (such as
    /// the orm::ModelError of SchemaBuilder::build()) is reported with its exit code.
    std::function<orm::MetaData()> models;
    /// The database URL when nothing else gives one: --url, $MIGRATE_URL, the configuration
    /// and $DATABASE_URL all come first. `-v` names it "the program's default".
    std::string default_url;
    /// The configuration file read when neither -c nor $MIGRATE_CONFIG names one (instead of
    /// `migrate.yaml`); a relative path is relative to the working directory. When it does not
    /// exist the defaults apply, as when there is no migrate.yaml.
    std::string default_config;
};

/// Parses `argv` (argv[0] is the program's name and is not read; the rest are the arguments
/// of `migrate`) and runs the command. Returns the exit code of DESIGN.md section 7 (0 ok,
/// 1 differences, 2 usage or bad input, 3 database, 4 migration failed, 5 lock timeout) and
/// never calls exit(): `--help` and `--version` print and return 0, a bad argument prints
/// the usage and returns 2, and every migrate::Error is printed on standard error (passwords
/// masked) and returned as its exit code. Writes to standard output and standard error.
/// `options` must stay alive during the call; the function keeps nothing after it returns.
int run(int argc, char** argv, const Options& options = {});

}  // namespace migrate::cli
