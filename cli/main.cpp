/// The `migrate` executable: global options, one subcommand per command, one catch.

#include <iostream>

#include "cli/commands/commands.h"
#include "orm/error.h"
#include "orm/url.h"

namespace {

int run(int argc, char** argv) {
    using namespace migrate::cli;
    GlobalOptions global;
    CLI::App app{"migrate: schema migrations for SQLite and PostgreSQL"};
    app.set_version_flag("--version", std::string("migrate ") + MIGRATE_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("-c,--config", global.config,
                   "Configuration file (default: $MIGRATE_CONFIG, else migrate.yaml if present)");
    app.add_option("--env", global.env, "Environment of the configuration file to use");
    app.add_option("--url", global.url,
                   "Database URL (default: $MIGRATE_URL, then the configuration, then "
                   "$DATABASE_URL; -v says which)");
    app.add_option("--models", global.models, "Models file or folder (default: models.yaml)");
    app.add_flag("-q,--quiet", global.quiet, "Print only errors and requested output");
    app.add_flag("-v,--verbose", global.verbose, "Print more detail");
    app.add_flag("--echo", global.echo, "Print every SQL statement to standard error");
    app.add_option("--format", global.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--no-color", global.no_color, "No colours in output");

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
        return migrate::exit_code::kUsage;
    }
    return migrate::exit_code::kOk;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const migrate::Error& e) {
        if (*e.what()) std::cerr << "error: " << migrate::orm::mask_passwords(e.what()) << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "error: " << migrate::orm::mask_passwords(e.what()) << "\n";
        return migrate::exit_code::kDatabase;
    }
}
