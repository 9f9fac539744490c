#include "cli/context.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "migrations_engine/schema_tools.h"
#include "orm/error.h"
#include "orm/model_file.h"

namespace migrate::cli {

Context::Context(const GlobalOptions& options) : options_(options) {}

const Options& Context::program() const {
    static const Options kMigrate;
    return options_.program ? *options_.program : kMigrate;
}

const engine::Config& Context::config() const {
    if (!config_) {
        std::optional<std::string> path;
        const char* env_config = std::getenv("MIGRATE_CONFIG");
        const std::string& own = program().default_config;
        if (options_.config.empty() && !(env_config && *env_config) && !own.empty()) {
            if (std::filesystem::exists(own)) path = own;
        } else {
            path = engine::find_config(options_.config, std::getenv);
        }
        if (path) {
            config_ = engine::load_config(*path, options_.env);
        } else {
            if (!options_.env.empty())
                throw UsageError("--env " + options_.env +
                                 " needs a configuration file, and there is no migrate.yaml here "
                                 "(run `migrate init`, or pass -c FILE)");
            config_ = engine::Config{};
        }
    }
    return *config_;
}

std::optional<engine::UrlChoice> Context::choose_url() const {
    auto choice = engine::choose_database_url(options_.url, config(), std::getenv);
    if (!choice && !program().default_url.empty())
        choice = engine::UrlChoice{program().default_url, "the program's default"};
    return choice;
}

orm::DatabaseUrl Context::database_url() const {
    auto choice = choose_url();
    if (!choice)
        throw UsageError(
            "no database URL: pass --url (for example --url sqlite:///app.db), set MIGRATE_URL "
            "or DATABASE_URL, or set database.url in migrate.yaml");
    orm::DatabaseUrl url = orm::DatabaseUrl::parse(choice->url);
    if (options_.verbose) tell_url_source(url, choice->source);
    return url;
}

void Context::tell_url_source() const {
    auto choice = choose_url();
    if (choice) tell_url_source(orm::DatabaseUrl::parse(choice->url), choice->source);
}

void Context::tell_url_source(const orm::DatabaseUrl& url, const std::string& source) const {
    if (url_told_) return;
    url_told_ = true;
    notice("Database " + url.str() + " (from " + source + ")");
}

std::unique_ptr<orm::Connection> Context::connect(bool must_exist) const {
    engine::OpenOptions open;
    open.must_exist = must_exist;
    if (options_.echo) open.echo = [](const std::string& sql) { std::cerr << sql << ";\n"; };
    return engine::open_database(database_url(), open);
}

std::string Context::models_path() const {
    if (!options_.models.empty()) return options_.models;
    return config().resolve(config().models);
}

orm::MetaData Context::load_models() const {
    if (program().models) return program().models();
    return orm::load_models(models_path());
}

engine::ScriptDirectory Context::scripts() const {
    return engine::ScriptDirectory(config().resolve(config().script_location),
                                   config().file_template);
}

engine::Runner Context::runner(double lock_timeout, bool allow_changed, bool offline) const {
    engine::RunOptions run;
    run.transaction_mode = config().transaction_mode;
    run.lock_timeout_seconds = lock_timeout;
    run.allow_changed = allow_changed;
    const bool quiet = options_.quiet;
    run.say = [quiet, offline](const std::string& line) {
        if (!quiet) (offline ? std::cerr : std::cout) << line << std::endl;
    };
    if (options_.echo) run.echo = [](const std::string& sql) { std::cerr << sql << ";\n"; };
    return engine::Runner(scripts(), config().version_table, run);
}

engine::Project Context::project(bool offline) const {
    engine::Project p;
    p.config = config();
    if (auto choice = choose_url()) p.url = choice->url;
    p.models = [this] { return load_models(); };
    if (!options_.quiet)
        p.say = [offline](const std::string& line) {
            (offline ? std::cerr : std::cout) << line << std::endl;
        };
    if (options_.echo) p.echo = [](const std::string& sql) { std::cerr << sql << ";\n"; };
    if (options_.verbose) p.using_url = [this](const orm::DatabaseUrl&) { tell_url_source(); };
    return p;
}

Format Context::format() const {
    if (options_.format == "json") return Format::kJson;
    return Format::kText;
}

bool Context::color() const {
    const char* no_color = std::getenv("NO_COLOR");
    return !options_.no_color && !(no_color && *no_color) && isatty(STDOUT_FILENO);
}

void Context::info(const std::string& line) const {
    if (!options_.quiet) std::cout << line << "\n";
}

void Context::notice(const std::string& line) const {
    if (!options_.quiet) std::cerr << line << "\n";
}

}  // namespace migrate::cli
