#include "migrations_engine/schema_tools.h"

#include <filesystem>

#include "orm/error.h"

namespace migrate::engine {
namespace {

[[noreturn]] void unknown_tables(const std::vector<std::string>& missing,
                                 const orm::MetaData& live) {
    std::string names, known;
    for (const auto& m : missing) names += (names.empty() ? "'" : ", '") + m + "'";
    for (const auto& t : live.tables) known += (known.empty() ? "" : ", ") + t.qualified_name();
    throw UsageError("no table " + names + " in the database; it has: " +
                     (known.empty() ? std::string("no tables") : known));
}

// The not-modelled reports of the tables `out` kept.
void keep_not_modelled_of(const orm::ReflectedSchema& live, orm::ReflectedSchema& out) {
    for (const auto& n : live.not_modelled)
        for (const auto& t : out.metadata.tables)
            if (n.table == t.qualified_name()) {
                out.not_modelled.push_back(n);
                break;
            }
}

}  // namespace

std::unique_ptr<orm::Connection> open_database(const orm::DatabaseUrl& url,
                                               const OpenOptions& options) {
    if (options.must_exist && url.dialect() == "sqlite" && !url.is_memory() &&
        !std::filesystem::exists(url.path()))
        throw ConnectionError("SQLite database file '" + url.path() +
                              "' does not exist. Check the URL (" + url.str() +
                              "), or create the database first (create-all, upgrade).");
    auto conn = orm::connect(url);
    if (options.echo) conn->set_echo(options.echo);
    return conn;
}

orm::ReflectedSchema inspect_schema(orm::Connection& conn, const std::vector<std::string>& tables,
                                    const orm::ReflectOptions& options) {
    orm::ReflectedSchema live = conn.dialect().inspector().reflect(conn, options);
    if (tables.empty()) return live;
    orm::ReflectedSchema out;
    std::vector<std::string> missing;
    for (const auto& name : tables) {
        const orm::Table* found = nullptr;
        for (const auto& t : live.metadata.tables)
            if (t.name == name || t.qualified_name() == name) found = &t;
        if (found)
            out.metadata.tables.push_back(*found);
        else
            missing.push_back(name);
    }
    if (!missing.empty()) unknown_tables(missing, live.metadata);
    out.metadata.enums = live.metadata.enums;
    for (const auto& u : live.unmanaged)
        for (const auto& t : out.metadata.tables)
            if (u.table == t.name) out.unmanaged.push_back(u);
    keep_not_modelled_of(live, out);
    return out;
}

orm::ReflectedSchema reflect_models(orm::Connection& conn, const std::vector<std::string>& tables,
                                    const orm::ReflectOptions& options) {
    orm::ReflectedSchema live = conn.dialect().inspector().reflect(conn, options);
    if (tables.empty()) return live;
    std::vector<std::string> missing;
    orm::ReflectedSchema out;
    out.metadata = live.metadata.subset_reaching(tables, &missing);
    if (!missing.empty()) unknown_tables(missing, live.metadata);
    keep_not_modelled_of(live, out);
    return out;
}

}  // namespace migrate::engine
