// Uses each library the static archives pull in (SQLite, yaml-cpp, OpenSSL through the
// engine), so that a missing transitive link dependency fails the link.
#include <iostream>

#include "migrations_engine/errors.h"
#include "migrations_engine/schema_tools.h"
#include "orm/model_file.h"
#include "orm/url.h"

int main() {
    try {
        const auto url = migrate::orm::DatabaseUrl::parse("sqlite:///:memory:");
        auto connection = migrate::engine::open_database(url, {});
        const auto models = migrate::orm::load_models_from_string(
            "tables:\n  users:\n    columns:\n      id: {type: Integer, primary_key: true}\n",
            "models.yaml");
        const auto created = migrate::orm::create_all(*connection, models);
        std::cout << "created " << created.created.size() << " table(s)\n";
        return created.created.size() == 1 ? 0 : 1;
    } catch (const migrate::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return e.exit_code();
    }
}
