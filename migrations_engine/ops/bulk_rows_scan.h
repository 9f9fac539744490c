#pragma once

/// Internal to op_yaml: reading the rows of a bulk_insert without a YAML node per value.
///
/// yaml-cpp spends hundreds of bytes and several allocations on each node, which for a
/// revision of 200,000 rows is most of its memory and time. So before a revision file goes to
/// yaml-cpp, RowLists finds each `rows:` key followed by rows written one per line as flow maps
/// (`- {id: 1, name: x}`, the form `migrate revision` writes) and hands yaml-cpp the text with
/// those lines blanked and the value replaced by the placeholder `!migrate-rows N`: lines and
/// columns elsewhere stay where they were. The bulk_insert reader then reads the rows from the
/// original text with a small scanner; a row the scanner does not handle (anchors, tags,
/// nested lists, an escape it does not know, anything malformed) is read by yaml-cpp alone,
/// at its own position in the file. Either way a row reads as yaml-cpp would read it, and a
/// message names the row's file:line:column.
///
/// A placeholder that no bulk_insert read (the "rows" sat inside a block scalar, say) means the
/// text was misread: consistent() says so, and the caller parses the original text again
/// without RowLists.

#include <string>
#include <vector>

#include "migrations_engine/ops/bulk_rows.h"
#include "migrations_engine/ops/op_yaml_fields.h"

namespace migrate::engine::detail {

class RowLists {
  public:
    /// Scans `text`, which must outlive this object.
    explicit RowLists(const std::string& text);

    /// Whether any list of rows was found.
    bool found() const { return !lists_.empty(); }
    /// The text for yaml-cpp (moved out: call once).
    std::string take_yaml_text() { return std::move(yaml_text_); }

    /// Whether `value` is a placeholder of this object.
    bool is_placeholder(const YAML::Node& value) const;
    /// The rows of the placeholder `rows.value`, `rows` being the bulk_insert's `rows` entry and
    /// `what` naming the operation ("bulk_insert (item 2 of 'upgrade')"). Throws InputError at
    /// the offending row or value, with the messages the YAML reader gives.
    BulkRows read(const Entry& rows, const Reader& r, const std::string& what);
    /// Whether the placeholders read so far were the first ones, in file order (and, with
    /// `all`, every one of them).
    bool consistent(bool all) const { return in_order_ && (!all || next_ == lists_.size()); }

  private:
    struct List {
        size_t begin, end;  // byte range of the row lines in the text
        size_t line;        // 0-based line of `begin`
    };
    void scan();

    const std::string& text_;
    std::string yaml_text_;
    std::vector<List> lists_;
    size_t next_ = 0;
    bool in_order_ = true;
};

/// Reads one row node (`item`: label "item N of 'rows'") into `rows`, as the YAML reader
/// reads a row. Throws InputError.
void read_row_node(const Reader& r, const Entry& item, const std::string& what, BulkRows* rows);

}  // namespace migrate::engine::detail
