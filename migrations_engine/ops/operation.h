#pragma once

/// Schema operations: the steps of a revision's `upgrade` and `downgrade` (DESIGN.md section 4).
///
/// Each operation is a plain value type; `Operation` is their variant, so that every
/// `std::visit` over it fails to compile when a case is missing. Operations that remove
/// something (`DropTable`, `DropColumn`, `DropIndex`, `DropConstraint`, `DropEnum`) carry
/// the definition they remove when it is known, so that their inverse can rebuild it. Table
/// and enum names are unqualified; `schema` is empty for the default schema.

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "migrations_engine/ops/bulk_rows.h"
#include "orm/dialect.h"
#include "orm/schema/metadata.h"

namespace migrate::engine {

struct CreateTable {
    orm::Table table;

    auto tie() const { return std::tie(table); }
    bool operator==(const CreateTable& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateTable& o) const { return !(*this == o); }
};

struct DropTable {
    orm::Table table;  // full definition when known; at least the name

    auto tie() const { return std::tie(table); }
    bool operator==(const DropTable& o) const { return tie() == o.tie(); }
    bool operator!=(const DropTable& o) const { return !(*this == o); }
};

struct RenameTable {
    std::string schema;
    std::string table;
    std::string new_name;

    auto tie() const { return std::tie(schema, table, new_name); }
    bool operator==(const RenameTable& o) const { return tie() == o.tie(); }
    bool operator!=(const RenameTable& o) const { return !(*this == o); }
};

struct AddColumn {
    std::string schema;
    std::string table;
    orm::Column column;

    auto tie() const { return std::tie(schema, table, column); }
    bool operator==(const AddColumn& o) const { return tie() == o.tie(); }
    bool operator!=(const AddColumn& o) const { return !(*this == o); }
};

struct DropColumn {
    std::string schema;
    std::string table;
    orm::Column column;  // full definition when known; at least the name
    bool has_definition = false;

    auto tie() const { return std::tie(schema, table, column, has_definition); }
    bool operator==(const DropColumn& o) const { return tie() == o.tie(); }
    bool operator!=(const DropColumn& o) const { return !(*this == o); }
};

/// Changes one column. Each `optional` that is set is a change; `existing_*` say what the
/// column was, where known, so that the change can be inverted. For `server_default` and
/// `comment` the inner optional is the new value (nullopt: remove it). `collation` empty is
/// the database's default collation. `autoincrement` and `identity` say whether and how the
/// column draws its values from a sequence (PostgreSQL identity, SQLite AUTOINCREMENT), as a
/// model column does. A generated expression is never altered in place: autogenerate drops
/// and adds the column.
struct AlterColumn {
    std::string schema;
    std::string table;
    std::string column;
    std::optional<orm::SqlType> type;
    std::optional<bool> nullable;
    std::optional<std::optional<std::string>> server_default;
    std::optional<std::optional<std::string>> comment;
    std::optional<std::string> new_name;
    std::optional<orm::SqlType> existing_type;
    std::optional<bool> existing_nullable;
    std::optional<std::optional<std::string>> existing_server_default;
    std::optional<std::optional<std::string>> existing_comment;
    std::optional<std::string> collation;
    std::optional<std::string> existing_collation;
    std::optional<orm::Autoincrement> autoincrement;
    std::optional<orm::Autoincrement> existing_autoincrement;
    std::optional<orm::Identity> identity;
    std::optional<orm::Identity> existing_identity;

    auto tie() const {
        return std::tie(schema, table, column, type, nullable, server_default, comment, new_name,
                        existing_type, existing_nullable, existing_server_default, existing_comment,
                        collation, existing_collation, autoincrement, existing_autoincrement,
                        identity, existing_identity);
    }
    bool operator==(const AlterColumn& o) const { return tie() == o.tie(); }
    bool operator!=(const AlterColumn& o) const { return !(*this == o); }
};

struct CreateIndex {
    std::string schema;
    std::string table;
    orm::Index index;

    auto tie() const { return std::tie(schema, table, index); }
    bool operator==(const CreateIndex& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateIndex& o) const { return !(*this == o); }
};

struct DropIndex {
    std::string schema;
    std::string table;
    orm::Index index;  // full definition when known; at least the name
    bool has_definition = false;

    auto tie() const { return std::tie(schema, table, index, has_definition); }
    bool operator==(const DropIndex& o) const { return tie() == o.tie(); }
    bool operator!=(const DropIndex& o) const { return !(*this == o); }
};

struct CreateUniqueConstraint {
    std::string schema;
    std::string table;
    orm::UniqueConstraint constraint;

    auto tie() const { return std::tie(schema, table, constraint); }
    bool operator==(const CreateUniqueConstraint& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateUniqueConstraint& o) const { return !(*this == o); }
};

struct CreateForeignKey {
    std::string schema;
    std::string table;
    orm::ForeignKey constraint;

    auto tie() const { return std::tie(schema, table, constraint); }
    bool operator==(const CreateForeignKey& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateForeignKey& o) const { return !(*this == o); }
};

struct CreateCheckConstraint {
    std::string schema;
    std::string table;
    orm::CheckConstraint constraint;

    auto tie() const { return std::tie(schema, table, constraint); }
    bool operator==(const CreateCheckConstraint& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateCheckConstraint& o) const { return !(*this == o); }
};

struct CreatePrimaryKey {
    std::string schema;
    std::string table;
    orm::PrimaryKey constraint;

    auto tie() const { return std::tie(schema, table, constraint); }
    bool operator==(const CreatePrimaryKey& o) const { return tie() == o.tie(); }
    bool operator!=(const CreatePrimaryKey& o) const { return !(*this == o); }
};

enum class ConstraintType { kUnique, kForeignKey, kCheck, kPrimaryKey };

using ConstraintDefinition =
    std::variant<orm::UniqueConstraint, orm::ForeignKey, orm::CheckConstraint, orm::PrimaryKey>;

/// Drops a constraint of kind `type`: the one called `name`; when `name` is empty, the one
/// equal to `definition` but for its name (SQLite keeps unnamed constraints); a primary key
/// needs neither, since a table has one. `definition`, when known, is what the inverse
/// recreates; its alternative matches `type` and its name is normally `name`.
struct DropConstraint {
    std::string schema;
    std::string table;
    std::string name;
    ConstraintType type = ConstraintType::kUnique;
    std::optional<ConstraintDefinition> definition;

    auto tie() const { return std::tie(schema, table, name, type, definition); }
    bool operator==(const DropConstraint& o) const { return tie() == o.tie(); }
    bool operator!=(const DropConstraint& o) const { return !(*this == o); }
};

struct CreateEnum {
    orm::EnumType enum_type;

    auto tie() const { return std::tie(enum_type); }
    bool operator==(const CreateEnum& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateEnum& o) const { return !(*this == o); }
};

struct DropEnum {
    orm::EnumType enum_type;  // values when known; empty when not (then not invertible)

    auto tie() const { return std::tie(enum_type); }
    bool operator==(const DropEnum& o) const { return tie() == o.tie(); }
    bool operator!=(const DropEnum& o) const { return !(*this == o); }
};

struct AddEnumValue {
    std::string schema;
    std::string enum_name;
    std::string value;
    std::string before;  // at most one of before / after
    std::string after;
    /// Nothing happens when the enum has the value already (how the runner adds a value in a
    /// transaction of its own, so that running it again after a failure is harmless).
    bool if_not_exists = false;

    auto tie() const { return std::tie(schema, enum_name, value, before, after, if_not_exists); }
    bool operator==(const AddEnumValue& o) const { return tie() == o.tie(); }
    bool operator!=(const AddEnumValue& o) const { return !(*this == o); }
};

/// Gives an enum type a new list of values, which may remove and reorder values (adding a
/// value alone is AddEnumValue). Destructive: a row holding a removed value makes it fail.
/// `existing_values`, when known (not empty), are the values before, which the inverse
/// restores.
struct AlterEnum {
    std::string schema;
    std::string name;
    std::vector<std::string> values;
    std::vector<std::string> existing_values;

    auto tie() const { return std::tie(schema, name, values, existing_values); }
    bool operator==(const AlterEnum& o) const { return tie() == o.tie(); }
    bool operator!=(const AlterEnum& o) const { return !(*this == o); }
};

/// Creates a named schema (PostgreSQL). Fails when it exists.
struct CreateSchema {
    std::string name;

    auto tie() const { return std::tie(name); }
    bool operator==(const CreateSchema& o) const { return tie() == o.tie(); }
    bool operator!=(const CreateSchema& o) const { return !(*this == o); }
};

/// Drops a named schema (PostgreSQL), which must be empty: never CASCADE.
struct DropSchema {
    std::string name;

    auto tie() const { return std::tie(name); }
    bool operator==(const DropSchema& o) const { return tie() == o.tie(); }
    bool operator!=(const DropSchema& o) const { return !(*this == o); }
};

struct SetTableComment {
    std::string schema;
    std::string table;
    std::optional<std::string> comment;  // nullopt: remove it
    std::optional<std::optional<std::string>> existing_comment;

    auto tie() const { return std::tie(schema, table, comment, existing_comment); }
    bool operator==(const SetTableComment& o) const { return tie() == o.tie(); }
    bool operator!=(const SetTableComment& o) const { return !(*this == o); }
};

/// Raw SQL: one text for every dialect (`sql`, used when `per_dialect` is empty), or one per
/// dialect name ("sqlite", "postgresql").
struct Sql {
    std::string sql;
    std::map<std::string, std::string> per_dialect;

    /// The text for `dialect`, or nullopt when this op has none for it.
    std::optional<std::string> for_dialect(const std::string& dialect) const;

    auto tie() const { return std::tie(sql, per_dialect); }
    bool operator==(const Sql& o) const { return tie() == o.tie(); }
    bool operator!=(const Sql& o) const { return !(*this == o); }
};

/// Rows to insert; each row maps column names to values (null, integer, real, text).
struct BulkInsert {
    std::string schema;
    std::string table;
    BulkRows rows;

    auto tie() const { return std::tie(schema, table, rows); }
    bool operator==(const BulkInsert& o) const { return tie() == o.tie(); }
    bool operator!=(const BulkInsert& o) const { return !(*this == o); }
};

using Operation = std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn,
                               AlterColumn, CreateIndex, DropIndex, CreateUniqueConstraint,
                               CreateForeignKey, CreateCheckConstraint, CreatePrimaryKey,
                               DropConstraint, CreateEnum, DropEnum, AddEnumValue, AlterEnum,
                               CreateSchema, DropSchema, SetTableComment, Sql, BulkInsert>;

/// The YAML key of `op` (`create_table`, `add_column`, ...).
std::string op_name(const Operation& op);

/// "add_column users.email" and the like, for step lines and error messages.
std::string describe(const Operation& op);

/// Whether changing a column from `from` to `to` may lose or refuse values (a shorter string,
/// a smaller integer, fewer digits, or a change of kind). Widening changes keep every value.
bool narrowing(const orm::SqlType& from, const orm::SqlType& to);

/// What running `op` loses, when it may lose data ("drops table users and its rows"); nullopt
/// when it keeps every row and value. Autogenerate marks such operations in revision files.
std::optional<std::string> data_loss(const Operation& op);

}  // namespace migrate::engine
