#include "migrations_engine/runtime/startup.h"

#include "orm/url.h"

namespace migrate::engine {

StartupResult upgrade_at_startup(const std::string& url,
                                 std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options) {
    const orm::DatabaseUrl parsed = orm::DatabaseUrl::parse(url);
    Runner runner(ScriptDirectory(std::move(revisions)), options.version_table, options.run);
    StartupResult result;
    result.steps = runner.upgrade(parsed, options.target);
    result.heads = runner.status(parsed).current_heads;
    return result;
}

StartupResult upgrade_at_startup(orm::Connection& connection,
                                 std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options) {
    Runner runner(ScriptDirectory(std::move(revisions)), options.version_table, options.run);
    StartupResult result;
    result.steps = runner.upgrade(connection, options.target);
    result.heads = runner.status(connection).current_heads;
    return result;
}

StartupResult upgrade_at_startup(sqlite3* db, std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options) {
    auto connection = orm::wrap_connection(db);
    return upgrade_at_startup(*connection, std::move(revisions), options);
}

StartupResult upgrade_at_startup(pqxx::connection_base& connection,
                                 std::shared_ptr<const RevisionSource> revisions,
                                 const StartupOptions& options) {
    auto wrapped = orm::wrap_connection(connection);
    return upgrade_at_startup(*wrapped, std::move(revisions), options);
}

}  // namespace migrate::engine
