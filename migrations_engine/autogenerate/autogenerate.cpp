#include "migrations_engine/autogenerate/autogenerate.h"

#include <cctype>
#include <set>

#include "migrations_engine/ops/apply.h"
#include "migrations_engine/runtime/version_table.h"
#include "orm/error.h"
#include "orm/sql_text.h"

namespace migrate::engine {
namespace {

using orm::join;

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

orm::ReflectOptions compare_reflect_options(const Config& config, const orm::MetaData& models) {
    std::set<std::string> schemas(config.include.schemas.begin(), config.include.schemas.end());
    if (schemas.empty()) schemas.insert("");
    for (const auto& t : models.tables) schemas.insert(t.schema);
    for (const auto& e : models.enums) schemas.insert(e.schema);
    orm::ReflectOptions options;
    // Only the default schema reads as no list at all, as it always did.
    if (schemas != std::set<std::string>{""})
        options.schemas.assign(schemas.begin(), schemas.end());
    return options;
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
    orm::ReflectedSchema live =
        conn.dialect().inspector().reflect(conn, compare_reflect_options(config, models));
    CompareScope scope = project_scope(config);
    if (!live.default_schema.empty()) scope.default_schema = live.default_schema;
    scope.existing_schemas = live.schemas;
    for (const auto& u : live.unmanaged)
        if (u.table.empty() && !u.schema.empty()) scope.occupied_schemas.push_back(u.schema);
    return compare_with_live(conn, models, live.metadata, scope);
}

Comparison compare_with_live(orm::Connection& conn, const orm::MetaData& models,
                             const orm::MetaData& live, const CompareScope& scope) {
    const orm::Dialect& d = conn.dialect();
    Comparison first = compare_schemas(models, live, d, scope);
    // Tables on both sides that still differ: only there can the database's own spelling of
    // the models' types and expressions tell a real change from another way of writing it.
    std::set<std::string> differing;
    for (const auto& diff : first.differences)
        if (diff.kind != "add_table" && diff.kind != "remove_table") differing.insert(diff.table);
    orm::MetaData subset = models;
    subset.tables.clear();
    std::vector<size_t> where;
    for (size_t i = 0; i < models.tables.size(); ++i) {
        const orm::Table& t = models.tables[i];
        bool default_schema = t.schema.empty() || t.schema == scope.default_schema;
        if (differing.count(default_schema ? t.name : t.schema + "." + t.name)) {
            subset.tables.push_back(t);
            where.push_back(i);
        }
    }
    if (subset.tables.empty()) return first;
    orm::MetaData settled = d.as_held(conn, subset);
    orm::MetaData held = models;
    for (size_t k = 0; k < where.size(); ++k) held.tables[where[k]] = settled.tables[k];
    return compare_schemas(models, live, d, scope, &held);
}

orm::MetaData replay_revisions(const ScriptDirectory& scripts, const orm::Dialect& dialect,
                               std::vector<std::string>* schemas) {
    RevisionGraph graph = scripts.load_graph();
    orm::MetaData replayed;
    std::set<std::string> named;
    for (const auto& id : graph.upgrade_plan({}, graph.heads())) {
        RevisionFile file = read_revision_file(graph.get(id));
        for (const auto& op : file.upgrade) {
            if (const auto* sql = std::get_if<Sql>(&op)) {
                auto text = sql->for_dialect(dialect.name());
                if (text && changes_schema(*text))
                    throw UsageError("revision " + id + " (" + graph.get(id).path +
                                     ") has a `sql` operation that may change the schema, which "
                                     "offline comparison cannot follow; compare against a "
                                     "database instead (drop --offline)");
            }
            if (const auto* create = std::get_if<CreateSchema>(&op)) named.insert(create->name);
            if (const auto* drop = std::get_if<DropSchema>(&op)) named.erase(drop->name);
            apply(op, replayed);
        }
    }
    if (schemas) schemas->assign(named.begin(), named.end());
    return replayed;
}

Comparison compare_offline(const orm::MetaData& models, const Config& config,
                           const ScriptDirectory& scripts, const orm::Dialect& dialect) {
    CompareScope scope = project_scope(config);
    orm::MetaData replayed = replay_revisions(scripts, dialect, &scope.existing_schemas);
    return compare_schemas(models, replayed, dialect, scope);
}

}  // namespace migrate::engine
