#include "migrations_engine/runtime/bulk_insert_sql.h"

namespace migrate::engine::detail {

BulkInsertStatements::BulkInsertStatements(const BulkInsert& op, const orm::Dialect& dialect)
    : op_(op), dialect_(dialect), table_(dialect.ddl().table_name(op.schema, op.table)) {
    if (auto bad = op.rows.non_finite()) dialect.literal(*bad);  // throws, naming the value
    const BulkRows& rows = op.rows;
    for (size_t first = 0; first < rows.size();) {
        first_row_.push_back(first);
        size_t next = first + 1;
        if (!rows.columns(first).empty())
            while (next < rows.size() && next - first < kBulkInsertBatchRows &&
                   rows.same_columns(next, first))
                ++next;
        first = next;
    }
    first_row_.push_back(rows.size());
}

std::string BulkInsertStatements::statement(size_t k) const {
    const BulkRows& rows = op_.rows;
    const size_t first = first_row_[k], end = first_row_[k + 1];
    const std::vector<std::string>& columns = rows.columns(first);
    if (columns.empty()) return "INSERT INTO " + table_ + " DEFAULT VALUES";
    std::string sql = "INSERT INTO " + table_ + " (";
    for (size_t c = 0; c < columns.size(); ++c)
        sql += (c == 0 ? "" : ", ") + dialect_.quote(columns[c]);
    sql += ") VALUES";
    // One row stays on one line; several get a line each.
    const char* separator = end - first == 1 ? " (" : "\n  (";
    std::vector<orm::Value> values;
    for (size_t i = first; i < end; ++i) {
        if (i > first) sql += ',';
        sql += separator;
        rows.values(i, &values);
        for (size_t c = 0; c < values.size(); ++c) {
            if (c > 0) sql += ", ";
            sql += dialect_.literal(values[c]);
        }
        sql += ')';
    }
    return sql;
}

}  // namespace migrate::engine::detail
