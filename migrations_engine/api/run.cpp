#include "migrations_engine/api/run.h"

#include "orm/error.h"

namespace migrate::engine {
namespace {

// Offline runs need a dialect: the request's, else the URL's (without connecting).
const orm::Dialect& offline_dialect(const std::string& dialect, const Project& project) {
    if (!dialect.empty()) return orm::dialect_by_name(dialect);
    try {
        return url_dialect(project);
    } catch (const UsageError&) {
        throw UsageError("--sql needs a dialect: pass --dialect sqlite|postgresql, or a URL");
    }
}

enum class Direction { kUp, kDown };

RunResult run(const Project& project, const RunRequest& request, Direction direction) {
    Runner runner = make_runner(project, request.lock_timeout_seconds, request.allow_changed);
    RunResult result;
    if (request.offline) {
        const orm::Dialect& dialect = offline_dialect(request.dialect, project);
        result.sql = direction == Direction::kUp ? runner.upgrade_sql(dialect, request.target)
                                                 : runner.downgrade_sql(dialect, request.target);
        return result;
    }
    const orm::DatabaseUrl url = database_url(project);
    result.steps = direction == Direction::kUp ? runner.upgrade(url, request.target)
                                               : runner.downgrade(url, request.target);
    if (request.read_heads) result.heads = runner.status(url).current_heads;
    return result;
}

}  // namespace

RunResult upgrade(const Project& project, const RunRequest& request) {
    return run(project, request, Direction::kUp);
}

RunResult downgrade(const Project& project, const RunRequest& request) {
    return run(project, request, Direction::kDown);
}

StampResult stamp(const Project& project, const StampRequest& request) {
    Runner runner = make_runner(project, request.lock_timeout_seconds, false);
    StampResult result;
    if (request.offline) {
        result.sql = runner.stamp_sql(offline_dialect(request.dialect, project), request.targets,
                                      request.purge);
        return result;
    }
    const orm::DatabaseUrl url = database_url(project);
    result.heads = runner.stamp(url, request.targets, request.purge);
    result.database = url.str();
    return result;
}

}  // namespace migrate::engine
