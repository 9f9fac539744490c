#include "migrations_engine/autogenerate/autogenerate.h"

#include <cctype>
#include <set>

#include "migrations_engine/ops/apply.h"
#include "migrations_engine/runtime/version_table.h"
#include "orm/error.h"

namespace migrate::engine {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

// Whether raw SQL may change the schema: anything but plain data statements.
bool changes_schema(const std::string& sql) {
    std::string upper;
    for (char c : sql) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const char* word : {"CREATE ", "ALTER ", "DROP ", "RENAME ", "COMMENT ON"})
        if (upper.find(word) != std::string::npos) return true;
    return false;
}

}  // namespace

CompareScope project_scope(const Config& config) {
    CompareScope scope;
    scope.compare = config.compare;
    scope.exclude_tables = config.include.exclude_tables;
    scope.exclude_tables.push_back(config.version_table);
    return scope;
}

Comparison compare_with_database(orm::Connection& conn, const orm::MetaData& models,
                                 const Config& config, const ScriptDirectory& scripts) {
    RevisionGraph graph = scripts.load_graph();
    VersionTable table(conn.dialect(), config.version_table);
    std::set<std::string> applied;
    for (const auto& [id, row] : table.read(conn)) applied.insert(id);
    std::vector<std::string> missing;
    for (const auto& id : graph.upgrade_plan(applied, graph.heads()))
        if (!applied.count(id)) missing.push_back(id);
    if (!missing.empty())
        throw UsageError("the database is not at head: revision(s) " + join(missing) +
                         " are not applied. Run `migrate upgrade head` first, so that the "
                         "comparison shows only what the revisions do not do yet.");
    orm::ReflectOptions options;
    options.schemas = config.include.schemas;
    orm::ReflectedSchema live = conn.dialect().inspector().reflect(conn, options);
    orm::MetaData held = conn.dialect().as_held(conn, models);
    CompareScope scope = project_scope(config);
    if (!live.default_schema.empty()) scope.default_schema = live.default_schema;
    return compare_schemas(models, live.metadata, conn.dialect(), scope, &held);
}

orm::MetaData replay_revisions(const ScriptDirectory& scripts, const orm::Dialect& dialect) {
    RevisionGraph graph = scripts.load_graph();
    orm::MetaData replayed;
    for (const auto& id : graph.upgrade_plan({}, graph.heads())) {
        RevisionFile file = read_revision_file(graph.get(id).path);
        for (const auto& op : file.upgrade) {
            if (const auto* sql = std::get_if<Sql>(&op)) {
                auto text = sql->for_dialect(dialect.name());
                if (text && changes_schema(*text))
                    throw UsageError("revision " + id + " (" + graph.get(id).path +
                                     ") has a `sql` operation that may change the schema, which "
                                     "offline comparison cannot follow; compare against a "
                                     "database instead (drop --offline)");
            }
            apply(op, replayed);
        }
    }
    return replayed;
}

Comparison compare_offline(const orm::MetaData& models, const Config& config,
                           const ScriptDirectory& scripts, const orm::Dialect& dialect) {
    return compare_schemas(models, replay_revisions(scripts, dialect), dialect,
                           project_scope(config));
}

}  // namespace migrate::engine
