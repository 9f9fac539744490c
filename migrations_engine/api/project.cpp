#include "migrations_engine/api/project.h"

#include "migrations_engine/schema_tools.h"
#include "orm/error.h"
#include "orm/model_file.h"

namespace migrate::engine {

orm::DatabaseUrl database_url(const Project& project) {
    if (project.url.empty())
        throw UsageError(
            "no database URL: pass --url (for example --url sqlite:///app.db), set MIGRATE_URL "
            "or DATABASE_URL, or set database.url in migrate.yaml");
    orm::DatabaseUrl url = orm::DatabaseUrl::parse(project.url);
    if (project.using_url) project.using_url(url);
    return url;
}

const orm::Dialect& url_dialect(const Project& project) {
    return orm::dialect_by_name(database_url(project).dialect());
}

std::unique_ptr<orm::Connection> connect(const Project& project, bool must_exist) {
    OpenOptions open;
    open.must_exist = must_exist;
    open.echo = project.echo;
    return open_database(database_url(project), open);
}

orm::MetaData load_models(const Project& project) {
    if (project.models) return project.models();
    return orm::load_models(project.config.resolve(project.config.models));
}

ScriptDirectory scripts(const Project& project) {
    if (project.revisions) return ScriptDirectory(project.revisions);
    return ScriptDirectory(project.config.resolve(project.config.script_location),
                           project.config.file_template);
}

Runner make_runner(const Project& project, double lock_timeout_seconds, bool allow_changed) {
    RunOptions run;
    run.transaction_mode = project.config.transaction_mode;
    run.lock_timeout_seconds = lock_timeout_seconds;
    run.allow_changed = allow_changed;
    run.say = project.say;
    run.echo = project.echo;
    return Runner(scripts(project), project.config.version_table, run);
}

}  // namespace migrate::engine
