#pragma once

/// An index: plain columns or SQL expressions, optionally unique and partial.

#include <string>
#include <tuple>
#include <vector>

namespace migrate::orm {

/// One key of an index: a column name, or SQL text (`lower(email)`, `"name" DESC`).
struct IndexElement {
    std::string text;
    bool expression = false;

    auto tie() const { return std::tie(text, expression); }
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

    bool has_expressions() const;
    /// Column names of the plain elements, in order.
    std::vector<std::string> column_names() const;

    auto tie() const { return std::tie(name, elements, unique, where, method, include); }
    bool operator==(const Index& o) const { return tie() == o.tie(); }
    bool operator!=(const Index& o) const { return !(*this == o); }
};

}  // namespace migrate::orm
