#pragma once

/// An index: plain columns or SQL expressions, optionally unique and partial.

#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace migrate::orm {

/// One key of an index: a column name, or SQL text (`lower(email)`), with its sort order,
/// NULLS placement, operator class and collation.
struct IndexElement {
    std::string text;
    bool expression = false;
    bool descending = false;
    /// `FIRST`, `LAST`, or empty for the default (NULLS LAST ascending, FIRST descending).
    std::string nulls;
    /// Operator class (`text_pattern_ops`), empty for the type's default (PostgreSQL).
    std::string opclass;
    /// Collation name, empty for the column's own.
    std::string collation;

    bool has_options() const {
        return descending || !nulls.empty() || !opclass.empty() || !collation.empty();
    }
    auto tie() const { return std::tie(text, expression, descending, nulls, opclass, collation); }
    bool operator==(const IndexElement& o) const { return tie() == o.tie(); }
    bool operator!=(const IndexElement& o) const { return !(*this == o); }
};

struct Index {
    std::string name;
    std::vector<IndexElement> elements;
    bool unique = false;
    /// Partial index predicate, SQL text after WHERE; empty for a full index.
    std::string where;
    /// Access method (`gin`, `gist`, ...); empty for the database's default (btree).
    std::string method;
    /// Non-key columns carried in the index (PostgreSQL `INCLUDE (...)`).
    std::vector<std::string> include;
    /// PostgreSQL 15 `NULLS NOT DISTINCT` on a unique index.
    bool nulls_not_distinct = false;
    /// Storage parameters (`WITH (fillfactor = 70)`), as name and value text, in order.
    std::vector<std::pair<std::string, std::string>> storage;

    bool has_expressions() const;
    /// Column names of the plain elements, in order.
    std::vector<std::string> column_names() const;

    auto tie() const {
        return std::tie(name, elements, unique, where, method, include, nulls_not_distinct,
                        storage);
    }
    bool operator==(const Index& o) const { return tie() == o.tie(); }
    bool operator!=(const Index& o) const { return !(*this == o); }
};

}  // namespace migrate::orm
