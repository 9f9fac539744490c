#pragma once

/// A table: ordered columns plus its keys, indexes and constraints.

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "orm/schema/column.h"
#include "orm/schema/constraints.h"
#include "orm/schema/index.h"

namespace migrate::orm {

struct Table {
    std::string name;
    std::string schema;  // empty: the connection's default schema
    std::optional<std::string> comment;
    std::string renamed_from;  // rename hint for autogenerate
    std::vector<Column> columns;
    PrimaryKey primary_key;
    std::vector<Index> indexes;
    std::vector<UniqueConstraint> unique_constraints;
    std::vector<ForeignKey> foreign_keys;
    std::vector<CheckConstraint> checks;
    /// SQLite `WITHOUT ROWID` and `STRICT` tables.
    bool without_rowid = false;
    bool strict = false;
    /// PostgreSQL `UNLOGGED` table.
    bool unlogged = false;
    /// PostgreSQL storage parameters (`WITH (fillfactor = 70)`), name and value text, in order.
    std::vector<std::pair<std::string, std::string>> storage;

    /// "schema.name" or "name".
    std::string qualified_name() const;
    const Column* find_column(const std::string& column) const;
    Column* find_column(const std::string& column);
    bool in_primary_key(const std::string& column) const;
    /// True when the table's key is one integer column that autoincrements by default.
    const Column* autoincrement_column() const;

    auto tie() const {
        return std::tie(name, schema, comment, renamed_from, columns, primary_key, indexes,
                        unique_constraints, foreign_keys, checks, without_rowid, strict, unlogged,
                        storage);
    }
    bool operator==(const Table& o) const { return tie() == o.tie(); }
    bool operator!=(const Table& o) const { return !(*this == o); }
};

}  // namespace migrate::orm
