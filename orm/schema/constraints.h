#pragma once

/// Table-level constraints: primary key, unique, foreign key and CHECK.
///
/// An empty `name` means the database chooses (or, for SQLite, keeps none).

#include <string>
#include <tuple>
#include <vector>

namespace migrate::orm {

struct PrimaryKey {
    std::string name;
    std::vector<std::string> columns;

    bool empty() const { return columns.empty(); }
    auto tie() const { return std::tie(name, columns); }
    bool operator==(const PrimaryKey& o) const { return tie() == o.tie(); }
    bool operator!=(const PrimaryKey& o) const { return !(*this == o); }
};

struct UniqueConstraint {
    std::string name;
    std::vector<std::string> columns;

    auto tie() const { return std::tie(name, columns); }
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

    auto tie() const {
        return std::tie(name, columns, referred_schema, referred_table, referred_columns, on_delete,
                        on_update);
    }
    bool operator==(const ForeignKey& o) const { return tie() == o.tie(); }
    bool operator!=(const ForeignKey& o) const { return !(*this == o); }
};

/// `condition` is SQL text without the surrounding parentheses.
struct CheckConstraint {
    std::string name;
    std::string condition;

    auto tie() const { return std::tie(name, condition); }
    bool operator==(const CheckConstraint& o) const { return tie() == o.tie(); }
    bool operator!=(const CheckConstraint& o) const { return !(*this == o); }
};

/// Normalises a referential action ("set null" -> "SET NULL", "NO ACTION" -> "").
/// Returns false when `text` is not one of the five SQL actions.
bool normalize_referential_action(const std::string& text, std::string* out);

}  // namespace migrate::orm
