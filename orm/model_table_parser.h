#pragma once

/// Internal: parses one table of a model file (an entry of `tables:`).
///
/// Not part of the public API (it includes yaml-cpp through model_yaml_reader.h); used by
/// model_file.cpp only. Everything local to the table is checked here: keys, value types,
/// duplicate columns, constraints and indexes on missing columns, a primary key given twice.
/// Column shorthands become table-level objects, placed before the table-level lists, in
/// column order (the writer relies on this order). What needs the other tables and files is
/// left to the caller, with the positions it needs: enum names, foreign-key targets, index
/// name clashes and naming conventions (index shorthands keep an empty name until then).

#include <string>
#include <utility>
#include <vector>

#include "orm/model_yaml_reader.h"
#include "orm/schema/table.h"

namespace migrate::orm::detail {

struct ParsedTable {
    Table table;
    SourceLocation at;                     // the table's name
    std::vector<SourceLocation> index_at;  // per index: its name, or the column's `index` key
    std::vector<SourceLocation> fk_at;     // per foreign key: the text naming its target
    std::vector<std::pair<std::string, SourceLocation>> enum_uses;  // Enum(x) types
    std::vector<SourceLocation> type_at;                            // per column: its type text
};

/// Parses `entry` (table name -> table map). Throws InputError.
ParsedTable parse_table(const Reader& reader, const Entry& entry);

/// Reads `references: [schema.]table(col, ...)` into `fk`'s referred_* fields, checking its
/// column count against `fk.columns`; `where` places the entry in messages. Throws InputError.
void read_references(const Reader& reader, const Entry& refs, const std::string& where,
                     ForeignKey& fk);

}  // namespace migrate::orm::detail
