#include "migrations_engine/runtime/op_sql.h"

#include <cstdio>

#include "orm/error.h"

namespace migrate::engine {
namespace detail {

std::vector<std::string> bulk_insert_sql(const BulkInsert& op, const orm::Dialect& dialect) {
    std::vector<std::string> out;
    const std::string table = dialect.ddl().table_name(op.schema, op.table);
    for (const auto& row : op.rows) {
        std::string cols, values;
        for (const auto& [name, value] : row) {
            cols += (cols.empty() ? "" : ", ") + dialect.quote(name);
            std::string v;
            if (std::holds_alternative<std::nullptr_t>(value)) {
                v = "NULL";
            } else if (auto* i = std::get_if<std::int64_t>(&value)) {
                v = std::to_string(*i);
            } else if (auto* d = std::get_if<double>(&value)) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.17g", *d);
                v = buf;
            } else {
                v = dialect.quote_literal(std::get<std::string>(value));
            }
            values += (values.empty() ? "" : ", ") + v;
        }
        out.push_back("INSERT INTO " + table + " (" + cols + ") VALUES (" + values + ")");
    }
    return out;
}

std::string raw_sql(const Sql& op, const orm::Dialect& dialect) {
    if (auto text = op.for_dialect(dialect.name())) return *text;
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
