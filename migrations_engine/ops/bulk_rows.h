#pragma once

/// The rows of a `bulk_insert`, stored compactly.
///
/// A revision may insert hundreds of thousands of rows, so rows are not kept as a map each:
/// every distinct set of column names is stored once, and the values sit in byte buffers of
/// about a megabyte (per value a tag byte, then 8 bytes for a number, or a length and the bytes
/// of a text), which grow without copying what they hold. Memory stays close to the size of
/// the values' text. Each row keeps its columns sorted by
/// name, as a `std::map` would, so a row reads back as the map it was made from.
///
/// A plain value type: copyable, comparable (row by row, values compared as orm::Value).
/// Nothing throws beyond std::bad_alloc; `row(i)` and `values(i, ...)` need `i < size()`.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "orm/dialect.h"

namespace migrate::engine {

class BulkRows {
  public:
    using Row = std::map<std::string, orm::Value>;

    BulkRows() = default;
    BulkRows(std::initializer_list<Row> rows);

    size_t size() const { return row_at_.size(); }
    bool empty() const { return row_at_.empty(); }

    void push_back(const Row& row);
    /// Appends a row whose `columns` (sorted by name, distinct) hold `values`, in order.
    void add(const std::vector<std::string>& columns, const std::vector<orm::Value>& values);
    /// Appends a row with the columns of the last row (precondition: !empty()).
    void add_like_last(const std::vector<orm::Value>& values);

    /// The first real value that is NaN or infinite, if any (no SQL literal holds one).
    std::optional<double> non_finite() const { return non_finite_; }
    /// Gives back the spare capacity left by appending, once every row is in.
    void shrink_to_fit();

    /// Row `i` as a map of column names to values.
    Row operator[](size_t i) const;
    /// The column names of row `i`, sorted.
    const std::vector<std::string>& columns(size_t i) const { return column_sets_[row_set_[i]]; }
    /// Whether rows `i` and `j` have the same columns.
    bool same_columns(size_t i, size_t j) const { return row_set_[i] == row_set_[j]; }
    /// The values of row `i`, in the order of columns(i), into `out` (replaced).
    void values(size_t i, std::vector<orm::Value>* out) const;

    bool operator==(const BulkRows& o) const;
    bool operator!=(const BulkRows& o) const { return !(*this == o); }

  private:
    uint32_t column_set(const std::vector<std::string>& columns);
    void append(const orm::Value& v);
    void add_row(uint32_t set, const std::vector<orm::Value>& values);

    std::vector<std::vector<std::string>> column_sets_;
    std::map<std::vector<std::string>, uint32_t> set_index_;
    std::vector<uint32_t> row_set_;  // per row: its index in column_sets_
    std::vector<uint64_t> row_at_;   // per row: chunk index << 32 | offset in the chunk
    std::vector<std::string> chunks_;
    std::string scratch_;  // the row being added
    std::optional<double> non_finite_;
};

}  // namespace migrate::engine
