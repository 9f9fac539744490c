// Inverting operations; see invert.h.

#include "migrations_engine/ops/invert.h"

#include <type_traits>

namespace migrate::engine {
namespace {

/// Swaps one changed attribute with its `existing_*` value; false when that value is unknown.
template <typename T>
bool swap_change(std::optional<T>& change, std::optional<T>& existing) {
    if (!change) return true;  // unchanged: `existing` only documents it, and stays
    if (!existing) return false;
    std::swap(change, existing);
    return true;
}

std::optional<Operation> invert_alter(const AlterColumn& o) {
    AlterColumn inv = o;
    if (!swap_change(inv.type, inv.existing_type) ||
        !swap_change(inv.nullable, inv.existing_nullable) ||
        !swap_change(inv.server_default, inv.existing_server_default) ||
        !swap_change(inv.comment, inv.existing_comment) ||
        !swap_change(inv.collation, inv.existing_collation) ||
        !swap_change(inv.autoincrement, inv.existing_autoincrement) ||
        !swap_change(inv.identity, inv.existing_identity))
        return std::nullopt;
    if (o.new_name) {
        inv.column = *o.new_name;
        inv.new_name = o.column;
    }
    return inv;
}

std::optional<Operation> invert_drop_constraint(const DropConstraint& o) {
    if (!o.definition) return std::nullopt;
    return std::visit(
        [&](const auto& c) -> Operation {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, orm::UniqueConstraint>)
                return CreateUniqueConstraint{o.schema, o.table, c};
            else if constexpr (std::is_same_v<C, orm::ForeignKey>)
                return CreateForeignKey{o.schema, o.table, c};
            else if constexpr (std::is_same_v<C, orm::CheckConstraint>)
                return CreateCheckConstraint{o.schema, o.table, c};
            else
                return CreatePrimaryKey{o.schema, o.table, c};
        },
        *o.definition);
}

template <typename C>
Operation drop_of(const std::string& schema, const std::string& table, const C& c,
                  ConstraintType type) {
    return DropConstraint{schema, table, c.name, type, ConstraintDefinition(c)};
}

}  // namespace

std::optional<Operation> invert(const Operation& op) {
    return std::visit(
        [](const auto& o) -> std::optional<Operation> {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, CreateTable>) {
                return DropTable{o.table};
            } else if constexpr (std::is_same_v<T, DropTable>) {
                if (o.table.columns.empty()) return std::nullopt;
                return CreateTable{o.table};
            } else if constexpr (std::is_same_v<T, RenameTable>) {
                return RenameTable{o.schema, o.new_name, o.table};
            } else if constexpr (std::is_same_v<T, AddColumn>) {
                return DropColumn{o.schema, o.table, o.column, true};
            } else if constexpr (std::is_same_v<T, DropColumn>) {
                if (!o.has_definition) return std::nullopt;
                return AddColumn{o.schema, o.table, o.column};
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                return invert_alter(o);
            } else if constexpr (std::is_same_v<T, CreateIndex>) {
                return DropIndex{o.schema, o.table, o.index, true};
            } else if constexpr (std::is_same_v<T, DropIndex>) {
                if (!o.has_definition) return std::nullopt;
                return CreateIndex{o.schema, o.table, o.index};
            } else if constexpr (std::is_same_v<T, CreateUniqueConstraint>) {
                return drop_of(o.schema, o.table, o.constraint, ConstraintType::kUnique);
            } else if constexpr (std::is_same_v<T, CreateForeignKey>) {
                return drop_of(o.schema, o.table, o.constraint, ConstraintType::kForeignKey);
            } else if constexpr (std::is_same_v<T, CreateCheckConstraint>) {
                return drop_of(o.schema, o.table, o.constraint, ConstraintType::kCheck);
            } else if constexpr (std::is_same_v<T, CreatePrimaryKey>) {
                return drop_of(o.schema, o.table, o.constraint, ConstraintType::kPrimaryKey);
            } else if constexpr (std::is_same_v<T, DropConstraint>) {
                return invert_drop_constraint(o);
            } else if constexpr (std::is_same_v<T, CreateEnum>) {
                return DropEnum{o.enum_type};
            } else if constexpr (std::is_same_v<T, DropEnum>) {
                if (o.enum_type.values.empty()) return std::nullopt;
                return CreateEnum{o.enum_type};
            } else if constexpr (std::is_same_v<T, AlterEnum>) {
                if (o.existing_values.empty()) return std::nullopt;
                return AlterEnum{o.schema, o.name, o.existing_values, o.values};
            } else if constexpr (std::is_same_v<T, CreateSchema>) {
                return DropSchema{o.name};
            } else if constexpr (std::is_same_v<T, DropSchema>) {
                return CreateSchema{o.name};
            } else if constexpr (std::is_same_v<T, SetTableComment>) {
                if (!o.existing_comment) return std::nullopt;
                return SetTableComment{o.schema, o.table, *o.existing_comment, o.comment};
            } else {
                static_assert(std::is_same_v<T, AddEnumValue> || std::is_same_v<T, Sql> ||
                              std::is_same_v<T, BulkInsert>);
                return std::nullopt;
            }
        },
        op);
}

std::vector<Operation> invert_all(const std::vector<Operation>& ops,
                                  std::vector<std::string>* not_invertible) {
    std::vector<std::optional<Operation>> inverses;
    for (const Operation& op : ops) {
        inverses.push_back(invert(op));
        if (!inverses.back() && not_invertible) not_invertible->push_back(describe(op));
    }
    std::vector<Operation> out;
    for (auto it = inverses.rbegin(); it != inverses.rend(); ++it)
        if (*it) out.push_back(std::move(**it));
    return out;
}

}  // namespace migrate::engine
