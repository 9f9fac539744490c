/// migrate::cli::run(): global options, one subcommand per command, one catch.

#include "cli/cli.h"

#include <iostream>

#include "cli/commands/commands.h"
#include "orm/error.h"
#include "orm/url.h"

namespace migrate::cli {
namespace {

void add_global_options(CLI::App& app, GlobalOptions& global, const Options& options) {
    const std::string config_default =
        options.default_config.empty() ? "migrate.yaml" : options.default_config;
    app.add_option(
        "-c,--config", global.config,
        "Configuration file (default: $MIGRATE_CONFIG, else " + config_default + " if present)");
    app.add_option("--env", global.env, "Environment of the configuration file to use");
    app.add_option("--url", global.url,
                   "Database URL (default: $MIGRATE_URL, then the configuration, then "
                   "$DATABASE_URL" +
                       std::string(options.default_url.empty() ? "" : ", then the program's") +
                       "; -v says which)");
    if (options.models) {
        // Kept so that a user who passes it learns why it has no effect.
        const std::string program = options.program_name;
        app.add_option("--models", global.models, "Not used: " + program + " declares its models")
            ->check(CLI::Validator(
                [program](std::string&) {
                    return program + " declares its models in its own code; --models (and the " +
                           "configuration's `models`) are not used";
                },
                "", "models declared by the program"));
    } else {
        app.add_option("--models", global.models, "Models file or folder (default: models.yaml)");
    }
    app.add_flag("-q,--quiet", global.quiet, "Print only errors and requested output");
    app.add_flag("-v,--verbose", global.verbose, "Print more detail");
    app.add_flag("--echo", global.echo, "Print every SQL statement to standard error");
    app.add_option("--format", global.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--no-color", global.no_color, "No colours in output");
}

int parse_and_run(int argc, char** argv, const Options& options) {
    GlobalOptions global;
    global.program = &options;
    CLI::App app{"migrate: schema migrations for SQLite and PostgreSQL", options.program_name};
    app.set_version_flag("--version", std::string("migrate ") + MIGRATE_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    add_global_options(app, global, options);

    setup_init(app, global);
    setup_list_templates(app, global);
    setup_revision(app, global);
    setup_upgrade(app, global);
    setup_downgrade(app, global);
    setup_status_commands(app, global);
    setup_stamp(app, global);
    setup_merge(app, global);
    setup_edit(app, global);
    setup_check(app, global);
    setup_inspect(app, global);
    setup_reflect(app, global);
    setup_create_all(app, global);
    setup_drop_all(app, global);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_code::kUsage;
    }
    return exit_code::kOk;
}

}  // namespace

int run(int argc, char** argv, const Options& options) {
    try {
        return parse_and_run(argc, argv, options);
    } catch (const Error& e) {
        if (*e.what()) std::cerr << "error: " << orm::mask_passwords(e.what()) << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "error: " << orm::mask_passwords(e.what()) << "\n";
        return exit_code::kDatabase;
    }
}

}  // namespace migrate::cli
