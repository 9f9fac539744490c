#include "orm/postgresql/settle.h"

#include "orm/error.h"
#include "orm/postgresql/inspector.h"

namespace migrate::orm::postgresql {
namespace {

std::string scratch_name(size_t i) { return "migrate_settle_" + std::to_string(i); }
// Index names are unique per schema, so they carry the table's number too.
std::string index_name(size_t table, size_t k) {
    return "migrate_ix_" + std::to_string(table) + "_" + std::to_string(k);
}

// The parts of `held` that carry the server's spelling, copied into `model`, where the shapes
// agree (same columns, checks and indexes in the same order).
void take_spelling(const Table& held, size_t table, Table& model) {
    if (held.columns.size() == model.columns.size())
        for (size_t c = 0; c < model.columns.size(); ++c) {
            Column& m = model.columns[c];
            const Column& h = held.columns[c];
            if (m.type.kind() != TypeKind::kEnum) m.type = h.type;
            if (m.server_default && h.server_default) m.server_default = h.server_default;
            if (m.generated && h.generated) m.generated->expression = h.generated->expression;
        }
    for (auto& ck : model.checks)
        for (const auto& h : held.checks)
            if (h.name == "migrate_ck_" + std::to_string(&ck - model.checks.data()))
                ck.condition = h.condition;
    for (auto& ix : model.indexes)
        for (const auto& h : held.indexes)
            if (h.name == index_name(table, static_cast<size_t>(&ix - model.indexes.data())) &&
                h.elements.size() == ix.elements.size()) {
                for (size_t e = 0; e < ix.elements.size(); ++e)
                    if (ix.elements[e].expression || h.elements[e].expression)
                        ix.elements[e] = h.elements[e];
                ix.where = h.where;
            }
}

}  // namespace

MetaData settle(Connection& conn, const MetaData& models) {
    MetaData out = models;
    const Dialect& d = conn.dialect();
    const bool own_transaction = !conn.in_transaction();
    if (own_transaction)
        conn.begin();
    else
        conn.savepoint("migrate_settle");
    std::vector<bool> created(models.tables.size(), false);
    try {
        for (size_t i = 0; i < models.tables.size(); ++i) {
            Table t = models.tables[i];
            t.name = scratch_name(i);
            t.schema.clear();
            t.comment.reset();
            for (auto& c : t.columns) c.comment.reset();
            t.foreign_keys.clear();
            t.unique_constraints.clear();
            t.primary_key = {};
            for (size_t k = 0; k < t.checks.size(); ++k)
                t.checks[k].name = "migrate_ck_" + std::to_string(k);
            for (size_t k = 0; k < t.indexes.size(); ++k) t.indexes[k].name = index_name(i, k);
            t.unlogged = false;
            conn.savepoint("migrate_settle_table");
            try {
                std::vector<std::string> statements = d.ddl().create_table(t, models);
                statements[0].replace(0, std::string("CREATE TABLE").size(),
                                      "CREATE TEMPORARY TABLE");
                for (const auto& sql : statements) conn.execute(sql);
                conn.release_savepoint("migrate_settle_table");
                created[i] = true;
            } catch (const Error&) {
                conn.rollback_to_savepoint("migrate_settle_table");
                conn.release_savepoint("migrate_settle_table");
            }
        }
        auto rs = conn.query("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()");
        if (!rs.rows.empty() && rs.rows[0][0]) {
            ReflectOptions options;
            options.schemas = {*rs.rows[0][0]};
            MetaData held = d.inspector().reflect(conn, options).metadata;
            for (size_t i = 0; i < models.tables.size(); ++i) {
                if (!created[i]) continue;
                for (const auto& h : held.tables)
                    if (h.name == scratch_name(i)) take_spelling(h, i, out.tables[i]);
            }
        }
    } catch (...) {
        // The error in flight is the one to report: a failing rollback must not replace it
        // (the caller rolls its own transaction back in turn).
        try {
            if (own_transaction)
                conn.rollback();
            else
                conn.rollback_to_savepoint("migrate_settle");
        } catch (const std::exception&) {
        }
        throw;
    }
    if (own_transaction) {
        conn.rollback();
    } else {
        conn.rollback_to_savepoint("migrate_settle");
        conn.release_savepoint("migrate_settle");
    }
    return out;
}

}  // namespace migrate::orm::postgresql
