#include "orm/schema_ops.h"

#include <set>

namespace migrate::orm {
namespace {

struct Existing {
    std::set<std::string> tables;
    std::set<std::string> enums;
};

Existing reflect_existing(Connection& conn, const MetaData& md) {
    ReflectOptions options;
    std::set<std::string> schemas;
    for (const auto& t : md.tables) schemas.insert(t.schema);  // "" is the default schema
    for (const auto& e : md.enums) schemas.insert(e.schema);
    options.schemas.assign(schemas.begin(), schemas.end());
    ReflectedSchema live = conn.dialect().inspector().reflect(conn, options);
    Existing out;
    // A table of the default schema is found by its bare name and by its schema-qualified
    // one: `schema: public` in a model is the same table as no schema when public is default.
    for (const auto& t : live.metadata.tables) {
        out.tables.insert(t.qualified_name());
        if (t.schema.empty() && !live.default_schema.empty())
            out.tables.insert(live.default_schema + "." + t.name);
    }
    for (const auto& e : live.metadata.enums) out.enums.insert(e.name);
    return out;
}

template <typename Work>
void in_transaction(Connection& conn, Work work) {
    conn.begin();
    try {
        work();
        conn.commit();
    } catch (...) {
        conn.rollback();
        throw;
    }
}

}  // namespace

CreateAllResult create_all(Connection& conn, const MetaData& md) {
    CreateAllResult result;
    Existing existing = reflect_existing(conn, md);
    const DdlCompiler& ddl = conn.dialect().ddl();
    in_transaction(conn, [&] {
        std::set<std::string> schemas;
        for (const auto& t : md.tables) schemas.insert(t.schema);
        for (const auto& e : md.enums) schemas.insert(e.schema);
        schemas.erase("");
        for (const auto& s : schemas)
            for (const auto& sql : ddl.create_schema(s)) conn.execute(sql);
        for (const auto& e : md.enums)
            if (!existing.enums.count(e.name))
                for (const auto& sql : ddl.create_enum(e)) conn.execute(sql);
        // A foreign key to a table not created yet (a cycle) is added once both exist, where
        // the dialect can add one later; SQLite resolves references lazily anyway.
        std::set<std::string> ready = existing.tables;
        std::vector<std::pair<const Table*, const ForeignKey*>> deferred;
        for (size_t i : md.dependency_order()) {
            const Table& t = md.tables[i];
            if (existing.tables.count(t.qualified_name())) {
                result.existing.push_back(t.qualified_name());
                continue;
            }
            Table now = t;
            now.foreign_keys.clear();
            for (const auto& fk : t.foreign_keys) {
                std::string target = fk.referred_schema.empty()
                                         ? fk.referred_table
                                         : fk.referred_schema + "." + fk.referred_table;
                bool later = target != t.qualified_name() && !ready.count(target) &&
                             ddl.add_foreign_key(t, fk).has_value();
                if (later)
                    deferred.emplace_back(&t, &fk);
                else
                    now.foreign_keys.push_back(fk);
            }
            for (const auto& sql : ddl.create_table(now, md)) conn.execute(sql);
            ready.insert(t.qualified_name());
            result.created.push_back(t.qualified_name());
        }
        for (const auto& [t, fk] : deferred) conn.execute(*ddl.add_foreign_key(*t, *fk));
    });
    return result;
}

DropAllResult drop_all(Connection& conn, const MetaData& md) {
    DropAllResult result;
    Existing existing = reflect_existing(conn, md);
    const DdlCompiler& ddl = conn.dialect().ddl();
    std::vector<size_t> order = md.dependency_order();
    in_transaction(conn, [&] {
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const Table& t = md.tables[*it];
            if (!existing.tables.count(t.qualified_name())) {
                result.absent.push_back(t.qualified_name());
                continue;
            }
            conn.execute(ddl.drop_table(t));
            result.dropped.push_back(t.qualified_name());
        }
        for (const auto& e : md.enums)
            if (existing.enums.count(e.name))
                for (const auto& sql : ddl.drop_enum(e)) conn.execute(sql);
    });
    return result;
}

}  // namespace migrate::orm
