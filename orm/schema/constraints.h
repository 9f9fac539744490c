#pragma once

/// Table-level constraints: primary key, unique, foreign key and CHECK.
///
/// An empty `name` means the database chooses (or, for SQLite, keeps none).

#include <string>
#include <tuple>
#include <vector>

namespace migrate::orm {

/// When a constraint is checked: `deferrable` with `initially_deferred` false is
/// `DEFERRABLE INITIALLY IMMEDIATE`. SQLite honours it on foreign keys only.
struct Deferral {
    bool deferrable = false;
    bool initially_deferred = false;

    bool any() const { return deferrable || initially_deferred; }
    auto tie() const { return std::tie(deferrable, initially_deferred); }
    bool operator==(const Deferral& o) const { return tie() == o.tie(); }
    bool operator!=(const Deferral& o) const { return !(*this == o); }
    bool operator<(const Deferral& o) const { return tie() < o.tie(); }
};

struct PrimaryKey {
    std::string name;
    std::vector<std::string> columns;
    Deferral deferral;

    bool empty() const { return columns.empty(); }
    auto tie() const { return std::tie(name, columns, deferral); }
    bool operator==(const PrimaryKey& o) const { return tie() == o.tie(); }
    bool operator!=(const PrimaryKey& o) const { return !(*this == o); }
};

struct UniqueConstraint {
    std::string name;
    std::vector<std::string> columns;
    Deferral deferral;
    /// PostgreSQL 15 `UNIQUE NULLS NOT DISTINCT`: two NULLs count as equal.
    bool nulls_not_distinct = false;

    auto tie() const { return std::tie(name, columns, deferral, nulls_not_distinct); }
    bool operator==(const UniqueConstraint& o) const { return tie() == o.tie(); }
    bool operator!=(const UniqueConstraint& o) const { return !(*this == o); }
};

/// Referential actions are upper-case SQL (`CASCADE`, `SET NULL`, ...); empty means the
/// database default, NO ACTION.
struct ForeignKey {
    std::string name;
    std::vector<std::string> columns;
    std::string referred_schema;
    std::string referred_table;
    std::vector<std::string> referred_columns;
    std::string on_delete;
    std::string on_update;
    /// `FULL` for MATCH FULL; empty for the default, MATCH SIMPLE.
    std::string match;
    Deferral deferral;
    /// PostgreSQL `NOT VALID`: existing rows were not checked.
    bool not_valid = false;

    auto tie() const {
        return std::tie(name, columns, referred_schema, referred_table, referred_columns, on_delete,
                        on_update, match, deferral, not_valid);
    }
    bool operator==(const ForeignKey& o) const { return tie() == o.tie(); }
    bool operator!=(const ForeignKey& o) const { return !(*this == o); }
};

/// `condition` is SQL text without the surrounding parentheses.
struct CheckConstraint {
    std::string name;
    std::string condition;
    /// PostgreSQL `NO INHERIT`: not passed on to child tables.
    bool no_inherit = false;
    /// PostgreSQL `NOT VALID`: existing rows were not checked.
    bool not_valid = false;

    auto tie() const { return std::tie(name, condition, no_inherit, not_valid); }
    bool operator==(const CheckConstraint& o) const { return tie() == o.tie(); }
    bool operator!=(const CheckConstraint& o) const { return !(*this == o); }
};

/// Normalises a referential action ("set null" -> "SET NULL", "NO ACTION" -> "").
/// Returns false when `text` is not one of the five SQL actions.
bool normalize_referential_action(const std::string& text, std::string* out);

}  // namespace migrate::orm
