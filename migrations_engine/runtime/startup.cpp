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

}  // namespace migrate::engine
