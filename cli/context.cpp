#include "cli/context.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "migrations_engine/schema_tools.h"
#include "orm/error.h"
#include "orm/model_file.h"

namespace migrate::cli {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

}  // namespace

orm::DatabaseUrl Context::database_url() const {
    if (!options_.url.empty()) return orm::DatabaseUrl::parse(options_.url);
    for (const char* name : {"MIGRATE_URL", "DATABASE_URL"}) {
        std::string v = env(name);
        if (!v.empty()) return orm::DatabaseUrl::parse(v);
    }
    throw UsageError(
        "no database URL: pass --url (for example --url sqlite:///app.db), or set MIGRATE_URL "
        "or DATABASE_URL");
}

std::unique_ptr<orm::Connection> Context::connect(bool must_exist) const {
    engine::OpenOptions open;
    open.must_exist = must_exist;
    if (options_.echo) open.echo = [](const std::string& sql) { std::cerr << sql << ";\n"; };
    return engine::open_database(database_url(), open);
}

std::string Context::models_path() const {
    return options_.models.empty() ? "models.yaml" : options_.models;
}

orm::MetaData Context::load_models() const { return orm::load_models(models_path()); }

Format Context::format() const {
    if (options_.format == "json") return Format::kJson;
    return Format::kText;
}

bool Context::color() const {
    return !options_.no_color && env("NO_COLOR").empty() && isatty(STDOUT_FILENO);
}

void Context::info(const std::string& line) const {
    if (!options_.quiet) std::cout << line << "\n";
}

}  // namespace migrate::cli
