#include "migrations_engine/runtime/op_sql.h"

#include "orm/error.h"

namespace migrate::engine {
namespace detail {

std::vector<std::string> bulk_insert_sql(const BulkInsert& op, const orm::Dialect& dialect) {
    BulkInsertStatements statements(op, dialect);
    std::vector<std::string> out;
    for (size_t k = 0; k < statements.size(); ++k) out.push_back(statements.statement(k));
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
    if (const auto* bulk = std::get_if<BulkInsert>(&ops[first])) {
        // Its statements depend on the rows alone, and are made as they run.
        *next = first + 1;
        out.bulk = std::make_shared<detail::BulkInsertStatements>(*bulk, dialect);
    } else if (dialect.rebuilds_tables()) {
        out = detail::compile_sqlite(ops, first, next, dialect, source);
    } else {
        *next = first + 1;
        out.statements = detail::compile_postgresql(ops[first], dialect, source);
    }
    source.applied(ops, first, *next);
    return out;
}

size_t CompiledOps::size() const { return bulk ? bulk->size() : statements.size(); }

std::string CompiledOps::statement(size_t k) const {
    return bulk ? bulk->statement(k) : statements[k];
}

bool may_rebuild(const std::vector<Operation>& ops, const orm::Dialect& dialect) {
    if (!dialect.rebuilds_tables()) return false;
    for (const auto& op : ops)
        if (detail::sqlite_may_rebuild(op)) return true;
    return false;
}

}  // namespace migrate::engine
