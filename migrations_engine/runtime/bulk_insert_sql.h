#pragma once

/// Internal: the INSERT statements of a bulk_insert, made one batch at a time.
///
/// A large bulk_insert would hold its rows' text twice over if every statement were built
/// before the first ran; the runner and offline `--sql` instead ask for statement k when they
/// reach it. Consecutive rows with the same columns share one multi-row INSERT of at most
/// kBulkInsertBatchRows rows, in row order; a row with no columns is `DEFAULT VALUES`.
/// Values are literals in the dialect's spelling (Dialect::literal).

#include <cstddef>
#include <string>
#include <vector>

#include "migrations_engine/ops/operation.h"

namespace migrate::engine::detail {

/// Rows per INSERT statement of a bulk_insert.
constexpr size_t kBulkInsertBatchRows = 500;

class BulkInsertStatements {
  public:
    /// Keeps references to `op` and `dialect`, which must outlive this object. Throws
    /// UsageError, before any statement is made, for a value no literal can hold (NaN,
    /// infinity).
    BulkInsertStatements(const BulkInsert& op, const orm::Dialect& dialect);

    size_t size() const { return first_row_.size() - 1; }
    /// Statement `k` (k < size()).
    std::string statement(size_t k) const;

  private:
    const BulkInsert& op_;
    const orm::Dialect& dialect_;
    std::string table_;
    std::vector<size_t> first_row_;  // statement k inserts rows [first_row_[k], first_row_[k+1])
};

}  // namespace migrate::engine::detail
