// Names and one-line descriptions of operations; see operation.h.

#include "migrations_engine/ops/operation.h"

#include <algorithm>
#include <iterator>
#include <type_traits>

#include "orm/sql_text.h"

namespace migrate::engine {
namespace {

// In the order of the alternatives of Operation.
const char* const kOpNames[] = {"create_table",
                                "drop_table",
                                "rename_table",
                                "add_column",
                                "drop_column",
                                "alter_column",
                                "create_index",
                                "drop_index",
                                "create_unique_constraint",
                                "create_foreign_key",
                                "create_check_constraint",
                                "create_primary_key",
                                "drop_constraint",
                                "create_enum",
                                "drop_enum",
                                "add_enum_value",
                                "alter_enum",
                                "create_schema",
                                "drop_schema",
                                "set_table_comment",
                                "sql",
                                "bulk_insert"};
static_assert(std::size(kOpNames) == std::variant_size_v<Operation>,
              "every operation needs a name");

using orm::join;

std::string qualified(const std::string& schema, const std::string& name) {
    return schema.empty() ? name : schema + "." + name;
}

/// "on users", "ix_users_email on s.users".
std::string named_on(const std::string& name, const std::string& schema, const std::string& table) {
    return (name.empty() ? "" : name + " ") + "on " + qualified(schema, table);
}

/// The first line of `sql`, cut to a length that fits a step line.
std::string sql_excerpt(const std::string& sql) {
    constexpr size_t kMax = 60;
    size_t begin = sql.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return {};
    std::string line = sql.substr(begin, sql.find('\n', begin) - begin);
    bool cut = line.size() > kMax || begin + line.size() < sql.find_last_not_of(" \t\r\n") + 1;
    if (line.size() > kMax) line.resize(kMax);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return cut ? line + " ..." : line;
}

}  // namespace

std::string op_name(const Operation& op) { return kOpNames[op.index()]; }

std::string describe(const Operation& op) {
    std::string detail = std::visit(
        [](const auto& o) -> std::string {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, DropTable>) {
                return o.table.qualified_name();
            } else if constexpr (std::is_same_v<T, RenameTable>) {
                return qualified(o.schema, o.table) + " -> " + o.new_name;
            } else if constexpr (std::is_same_v<T, AddColumn> || std::is_same_v<T, DropColumn>) {
                return qualified(o.schema, o.table) + "." + o.column.name;
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                return qualified(o.schema, o.table) + "." + o.column +
                       (o.new_name ? " -> " + *o.new_name : "");
            } else if constexpr (std::is_same_v<T, CreateIndex> || std::is_same_v<T, DropIndex>) {
                return named_on(o.index.name, o.schema, o.table);
            } else if constexpr (std::is_same_v<T, CreateUniqueConstraint> ||
                                 std::is_same_v<T, CreateForeignKey> ||
                                 std::is_same_v<T, CreateCheckConstraint> ||
                                 std::is_same_v<T, CreatePrimaryKey>) {
                if constexpr (!std::is_same_v<T, CreateCheckConstraint>)
                    if (o.constraint.name.empty())
                        return "on " + qualified(o.schema, o.table) + " (" +
                               join(o.constraint.columns) + ")";
                return named_on(o.constraint.name, o.schema, o.table);
            } else if constexpr (std::is_same_v<T, DropConstraint>) {
                static const char* const kTypes[] = {"unique", "foreign key", "check",
                                                     "primary key"};
                return named_on(o.name.empty() ? kTypes[static_cast<int>(o.type)] : o.name,
                                o.schema, o.table);
            } else if constexpr (std::is_same_v<T, CreateEnum> || std::is_same_v<T, DropEnum>) {
                return qualified(o.enum_type.schema, o.enum_type.name);
            } else if constexpr (std::is_same_v<T, AddEnumValue>) {
                return qualified(o.schema, o.enum_name) + " '" + o.value + "'";
            } else if constexpr (std::is_same_v<T, AlterEnum>) {
                return qualified(o.schema, o.name);
            } else if constexpr (std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema>) {
                return o.name;
            } else if constexpr (std::is_same_v<T, SetTableComment>) {
                return qualified(o.schema, o.table);
            } else if constexpr (std::is_same_v<T, Sql>) {
                if (!o.per_dialect.empty()) {
                    std::string dialects;
                    for (const auto& [d, text] : o.per_dialect)
                        dialects += (dialects.empty() ? "" : ", ") + d;
                    return "(" + dialects + ")";
                }
                return sql_excerpt(o.sql);
            } else {
                static_assert(std::is_same_v<T, BulkInsert>);
                return qualified(o.schema, o.table) + " (" + std::to_string(o.rows.size()) +
                       (o.rows.size() == 1 ? " row)" : " rows)");
            }
        },
        op);
    return detail.empty() ? op_name(op) : op_name(op) + " " + detail;
}

bool narrowing(const orm::SqlType& from, const orm::SqlType& to) {
    using K = orm::TypeKind;
    if (from.kind() == K::kString && to.kind() == K::kString)
        return to.length() && (!from.length() || *to.length() < *from.length());
    if (from.kind() == K::kString && to.kind() == K::kText) return false;
    auto rank = [](K k) { return k == K::kSmallInteger ? 1 : k == K::kInteger ? 2 : 3; };
    if (from.is_integer() && to.is_integer()) return rank(to.kind()) < rank(from.kind());
    if (from.kind() == K::kNumeric && to.kind() == K::kNumeric)
        return !(to.precision().value_or(1000) >= from.precision().value_or(1000) &&
                 to.scale().value_or(0) >= from.scale().value_or(0));
    return true;
}

std::optional<std::string> data_loss(const Operation& op) {
    return std::visit(
        [](const auto& o) -> std::optional<std::string> {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, DropTable>) {
                return "drops table " + o.table.qualified_name() + " and its rows";
            } else if constexpr (std::is_same_v<T, DropColumn>) {
                if (o.column.generated) return std::nullopt;  // computed from the others
                return "drops column " + qualified(o.schema, o.table) + "." + o.column.name +
                       " and its values";
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                if (!o.type) return std::nullopt;
                std::string where = qualified(o.schema, o.table) + "." + o.column;
                if (!o.existing_type)
                    return "changes the type of " + where +
                           " from an unknown type: values may not fit";
                if (!narrowing(*o.existing_type, *o.type)) return std::nullopt;
                return "narrows the type of " + where +
                       ": values that do not fit fail the "
                       "upgrade or are cut";
            } else if constexpr (std::is_same_v<T, DropEnum>) {
                return "drops enum " + qualified(o.enum_type.schema, o.enum_type.name);
            } else if constexpr (std::is_same_v<T, AlterEnum>) {
                std::string removed;
                for (const auto& v : o.existing_values)
                    if (std::find(o.values.begin(), o.values.end(), v) == o.values.end())
                        removed += (removed.empty() ? "'" : ", '") + v + "'";
                const std::string name = qualified(o.schema, o.name);
                if (o.existing_values.empty())
                    return "replaces the values of enum " + name +
                           ": rows holding a value it no longer has fail the upgrade";
                if (removed.empty()) return std::nullopt;
                return "removes " + removed + " from enum " + name +
                       ": rows holding a removed value fail the upgrade";
            } else if constexpr (std::is_same_v<T, Sql>) {
                return std::nullopt;  // written by hand: its author knows
            } else {
                static_assert(
                    std::is_same_v<T, CreateTable> || std::is_same_v<T, RenameTable> ||
                        std::is_same_v<T, AddColumn> || std::is_same_v<T, CreateIndex> ||
                        std::is_same_v<T, DropIndex> || std::is_same_v<T, CreateUniqueConstraint> ||
                        std::is_same_v<T, CreateForeignKey> ||
                        std::is_same_v<T, CreateCheckConstraint> ||
                        std::is_same_v<T, CreatePrimaryKey> || std::is_same_v<T, DropConstraint> ||
                        std::is_same_v<T, CreateEnum> || std::is_same_v<T, AddEnumValue> ||
                        std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema> ||
                        std::is_same_v<T, SetTableComment> || std::is_same_v<T, BulkInsert>,
                    "say whether a new operation may lose data");
                return std::nullopt;
            }
        },
        op);
}

std::optional<std::string> Sql::for_dialect(const std::string& dialect) const {
    if (per_dialect.empty()) return sql;
    auto it = per_dialect.find(dialect);
    if (it == per_dialect.end()) return std::nullopt;
    return it->second;
}

}  // namespace migrate::engine
