#include "migrations_engine/schema_tools.h"

#include <algorithm>

#include "migrations_engine/runtime/version_table.h"
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

// The not-modelled reports of the tables `out` kept, and where the other tables are.
void keep_not_modelled_of(const orm::ReflectedSchema& live, orm::ReflectedSchema& out) {
    for (const auto& n : live.not_modelled)
        for (const auto& t : out.metadata.tables)
            if (n.table == t.qualified_name()) {
                out.not_modelled.push_back(n);
                break;
            }
    out.default_schema = live.default_schema;
    out.unread_schemas = live.unread_schemas;
}

bool is_version_table(const orm::Table& t, const VersionTable& vt) {
    if (t.name != vt.table()) return false;
    if (vt.schema().empty()) return t.schema.empty();
    return t.schema == vt.schema() || (t.schema.empty() && vt.schema() == "public");
}

void leave_out_version_table(orm::ReflectedSchema* live, const orm::Dialect& dialect,
                             const std::string& version_table) {
    const VersionTable vt(dialect, version_table);
    auto& tables = live->metadata.tables;
    tables.erase(std::remove_if(tables.begin(), tables.end(),
                                [&](const orm::Table& t) { return is_version_table(t, vt); }),
                 tables.end());
    auto& unmanaged = live->unmanaged;
    unmanaged.erase(std::remove_if(unmanaged.begin(), unmanaged.end(),
                                   [&](const orm::UnmanagedObject& u) {
                                       return u.table == vt.table() &&
                                              (u.schema.empty() || u.schema == vt.schema());
                                   }),
                    unmanaged.end());
    auto& not_modelled = live->not_modelled;
    not_modelled.erase(std::remove_if(not_modelled.begin(), not_modelled.end(),
                                      [&](const orm::NotModelled& n) {
                                          return n.table == vt.table() || n.table == vt.name();
                                      }),
                       not_modelled.end());
}

}  // namespace

std::unique_ptr<orm::Connection> open_database(const orm::DatabaseUrl& url,
                                               const OpenOptions& options) {
    auto conn = orm::connect(options.must_exist ? url.must_exist() : url);
    if (options.echo) conn->set_echo(options.echo);
    return conn;
}

orm::ReflectedSchema inspect_schema(orm::Connection& conn, const std::vector<std::string>& tables,
                                    const std::string& version_table,
                                    const orm::ReflectOptions& options) {
    orm::ReflectedSchema live = conn.dialect().inspector().reflect(conn, options);
    if (tables.empty()) {
        leave_out_version_table(&live, conn.dialect(), version_table);
        return live;
    }
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
                                    const std::string& version_table,
                                    const orm::ReflectOptions& options) {
    orm::ReflectedSchema live = conn.dialect().inspector().reflect(conn, options);
    if (tables.empty()) {
        leave_out_version_table(&live, conn.dialect(), version_table);
        return live;
    }
    std::vector<std::string> missing;
    orm::ReflectedSchema out;
    out.metadata = live.metadata.subset_reaching(tables, &missing);
    if (!missing.empty()) unknown_tables(missing, live.metadata);
    keep_not_modelled_of(live, out);
    return out;
}

std::optional<std::string> schema_hint(const orm::ReflectedSchema& schema,
                                       const orm::ReflectOptions& options) {
    size_t most = 0;
    std::string names, counts;
    for (const auto& [name, tables] : schema.unread_schemas) {
        most = std::max(most, tables);
        names += (names.empty() ? "" : ",") + name;
        counts += (counts.empty() ? "" : ", ") + name + " (" + std::to_string(tables) +
                  (tables == 1 ? " table)" : " tables)");
    }
    const size_t read = schema.metadata.tables.size();
    if (schema.unread_schemas.empty() || (read > 0 && most <= read)) return std::nullopt;
    std::string wanted = names;
    if (read > 0) {  // keep what was read too
        std::string current;
        for (const auto& s : options.schemas)
            current += (current.empty() ? "" : ",") + (s.empty() ? schema.default_schema : s);
        wanted = (current.empty() ? schema.default_schema : current) + "," + names;
    }
    std::string yaml_list;
    for (size_t i = 0, start = 0; i <= wanted.size(); ++i)
        if (i == wanted.size() || wanted[i] == ',') {
            yaml_list += (yaml_list.empty() ? "" : ", ") + wanted.substr(start, i - start);
            start = i + 1;
        }
    return std::string(read == 0 ? "note: the schemas read hold no tables; "
                                 : "note: other schemas hold more tables than the ones read; ") +
           "tables are in " + counts + ": read them with --schemas " + wanted +
           ", or set include.schemas: [" + yaml_list + "] in migrate.yaml";
}

}  // namespace migrate::engine
