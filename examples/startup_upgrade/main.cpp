// Upgrades the SQLite database named on the command line with the revisions compiled into
// this program, then reports what it did. See docs/library.md.
#include <iostream>

#include "app_revisions.h"
#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/startup.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " DATABASE_FILE\n";
        return 2;
    }
    const std::string url = std::string("sqlite:///") + argv[1];

    migrate::engine::StartupOptions options;
    options.run.lock_timeout_seconds = 10;
    options.run.say = [](const std::string& line) { std::cout << "  " << line << "\n"; };
    try {
        const auto result = migrate::engine::upgrade_at_startup(url, app_revisions(), options);
        if (result.steps.empty())
            std::cout << "database is up to date\n";
        else
            std::cout << "applied " << result.steps.size() << " revision(s)\n";
        for (const auto& head : result.heads) std::cout << "at revision " << head << "\n";
        return 0;
    } catch (const migrate::engine::ChangedRevisionError& e) {
        // A revision this program carries was edited after the database applied it: refuse
        // to start rather than guess which version of the schema is right.
        std::cerr << "refusing to start: revision " << e.revisions().front()
                  << " was edited after it was applied\n  " << e.what() << "\n";
        return 10;
    } catch (const migrate::engine::MigrationError& e) {
        std::cerr << "upgrade failed in revision " << e.revision() << " (" << e.operation()
                  << "), nothing changed:\n  " << e.what() << "\n";
        return 11;
    } catch (const migrate::Error& e) {
        std::cerr << "cannot upgrade the database: " << e.what() << "\n";
        return e.exit_code();
    }
}
