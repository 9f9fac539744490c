#include "migrations_engine/runtime/op_sql.h"

#include <algorithm>

#include "orm/error.h"

namespace migrate::engine {
namespace detail {

std::vector<std::string> bulk_insert_sql(const BulkInsert& op, const orm::Dialect& dialect) {
    std::vector<std::string> out;
    const std::string table = dialect.ddl().table_name(op.schema, op.table);
    const auto same_columns = [](const auto& a, const auto& b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(),
                          [](const auto& x, const auto& y) { return x.first == y.first; });
    };
    // Consecutive rows with the same columns share one multi-row INSERT, in order.
    for (size_t first = 0; first < op.rows.size();) {
        const auto& head = op.rows[first];
        if (head.empty()) {
            out.push_back("INSERT INTO " + table + " DEFAULT VALUES");
            ++first;
            continue;
        }
        std::string sql = "INSERT INTO " + table + " (";
        bool first_column = true;
        for (const auto& kv : head) {
            sql += (first_column ? "" : ", ") + dialect.quote(kv.first);
            first_column = false;
        }
        sql += ") VALUES";
        std::vector<std::string> tuples;
        size_t next = first;
        for (; next < op.rows.size() && next - first < kBulkInsertBatchRows &&
               same_columns(op.rows[next], head);
             ++next) {
            std::string tuple = "(";
            for (const auto& kv : op.rows[next])
                tuple += (tuple.size() == 1 ? "" : ", ") + dialect.literal(kv.second);
            tuples.push_back(tuple + ")");
        }
        // One row stays on one line; several get a line each.
        const char* separator = tuples.size() == 1 ? " " : "\n  ";
        for (size_t i = 0; i < tuples.size(); ++i)
            sql += (i == 0 ? "" : ",") + std::string(separator) + tuples[i];
        out.push_back(std::move(sql));
        first = next;
    }
    return out;
}

std::vector<std::string> raw_sql(const Sql& op, const orm::Dialect& dialect) {
    if (auto text = op.for_dialect(dialect.name())) return dialect.split_script(*text);
    throw UsageError("a `sql` operation has no text for " + dialect.name() + "; give `sql: {" +
                     dialect.name() + ": \"...\"}` or one text for all");
}

}  // namespace detail

CompiledOps compile_ops(const std::vector<Operation>& ops, size_t first, size_t* next,
                        const orm::Dialect& dialect, SchemaSource& source) {
    CompiledOps out;
    if (dialect.rebuilds_tables()) {
        out = detail::compile_sqlite(ops, first, next, dialect, source);
    } else {
        *next = first + 1;
        out.statements = detail::compile_postgresql(ops[first], dialect, source);
    }
    source.applied(ops, first, *next);
    return out;
}

bool may_rebuild(const std::vector<Operation>& ops, const orm::Dialect& dialect) {
    if (!dialect.rebuilds_tables()) return false;
    for (const auto& op : ops)
        if (detail::sqlite_may_rebuild(op)) return true;
    return false;
}

}  // namespace migrate::engine
