#pragma once

// Sample operations shared by the ops tests: one of every kind, each filled in as fully as
// its YAML form allows (`sample_operations`), and the other forms (short drops, per-dialect
// SQL, removals) in `variant_operations`.

#include <cstdint>
#include <ostream>
#include <vector>

#include "migrations_engine/ops/operation.h"

namespace migrate::engine {

/// How GoogleTest prints an operation in test names and failures.
inline void PrintTo(const Operation& op, std::ostream* os) { *os << describe(op); }

}  // namespace migrate::engine

namespace migrate::engine::testing_samples {

inline orm::SqlType type(const std::string& text) {
    std::string error;
    return *orm::SqlType::parse(text, &error);
}

inline orm::Column column(const std::string& name, const std::string& type_text,
                          bool nullable = true) {
    orm::Column c;
    c.name = name;
    c.type = type(type_text);
    c.nullable = nullable;
    return c;
}

/// A table using every part of a model table body.
inline orm::Table users_table() {
    orm::Table t;
    t.name = "users";
    t.schema = "app";
    t.comment = "People: who buy";
    t.columns = {column("id", "Integer", false),
                 column("email", "String(120)", false),
                 column("balance", "Numeric(12, 2)"),
                 column("mood", "Enum(mood)"),
                 column("note", "Text"),
                 column("created", "DateTime(timezone)", false),
                 column("account_id", "BigInteger")};
    t.columns[2].server_default = "0";
    t.columns[4].comment = "free text";
    t.columns[5].server_default = "CURRENT_TIMESTAMP";
    t.columns[6].autoincrement = orm::Autoincrement::kFalse;
    t.primary_key = {"", {"id"}};
    t.indexes = {
        {"ix_users_lower_email", {{"lower(email)", true}}, true, "email IS NOT NULL", "", {}},
        {"ix_users_mood", {{"mood", false}}, false, "", "btree", {"note"}}};
    t.unique_constraints = {{"", {"email"}}, {"uq_users_email_mood", {"email", "mood"}}};
    t.foreign_keys = {
        {"fk_users_account", {"account_id"}, "app", "accounts", {"id"}, "CASCADE", ""},
        {"", {"balance", "mood"}, "", "other", {"x", "y"}, "", "SET NULL"}};
    t.checks = {{"ck_users_balance", "balance >= 0"}, {"", "email <> ''"}};
    return t;
}

inline orm::Table orders_table() {
    orm::Table t;
    t.name = "orders";
    t.columns = {column("id", "Integer", false), column("line", "SmallInteger", false),
                 column("sku", "NVARCHAR(40)")};
    t.primary_key = {"pk_orders", {"id", "line"}};
    return t;
}

inline std::vector<Operation> sample_operations() {
    AlterColumn alter;
    alter.schema = "app";
    alter.table = "users";
    alter.column = "email";
    alter.type = type("Text");
    alter.nullable = false;
    alter.server_default = std::optional<std::string>();  // remove it
    alter.comment = "Mail: primary";
    alter.new_name = "mail";
    alter.existing_type = type("String(120)");
    alter.existing_nullable = true;
    alter.existing_server_default = "'none'";
    alter.existing_comment = std::optional<std::string>();
    alter.collation = "C";
    alter.existing_collation = "";  // the default
    alter.autoincrement = orm::Autoincrement::kTrue;
    alter.existing_autoincrement = orm::Autoincrement::kAuto;
    alter.identity = orm::Identity{true, 10, -2};
    alter.existing_identity = orm::Identity{};

    orm::Column email = column("email", "String(120)", false);
    email.server_default = "''";
    email.comment = "Mail";
    email.autoincrement = orm::Autoincrement::kFalse;

    using Row = std::map<std::string, orm::Value>;
    return {
        CreateTable{users_table()},
        DropTable{orders_table()},
        RenameTable{"app", "users", "people"},
        AddColumn{"app", "users", email},
        DropColumn{"", "users", column("age", "Integer", false), true},
        alter,
        CreateIndex{"app", "users",
                    orm::Index{"ix_users_name",
                               {{"name", false}, {"email", false}},
                               true,
                               "name <> ''",
                               "gin",
                               {"note"}}},
        DropIndex{"", "users",
                  orm::Index{"ix_users_lower", {{"lower(name)", true}}, false, "", "", {}}, true},
        CreateUniqueConstraint{"", "users", {"uq_users_name", {"name", "email"}}},
        CreateForeignKey{"app",
                         "orders",
                         {"fk_orders_user",
                          {"user_id", "x"},
                          "app",
                          "users",
                          {"id", "y"},
                          "CASCADE",
                          "SET NULL"}},
        CreateCheckConstraint{"", "users", {"ck_users_age", "age >= 0 AND age < 200"}},
        CreatePrimaryKey{"", "users", {"pk_users", {"id", "tenant"}}},
        DropConstraint{"", "users", "uq_users_name", ConstraintType::kUnique,
                       ConstraintDefinition(orm::UniqueConstraint{"uq_users_name", {"name"}})},
        CreateEnum{{"mood", "app", {"sad", "ok", "happy"}}},
        DropEnum{{"mood", "", {"sad", "ok"}}},
        AddEnumValue{"app", "mood", "meh", "ok", ""},
        AlterEnum{"app", "mood", {"ok", "sad"}, {"sad", "ok", "happy"}},
        CreateSchema{"app"},
        DropSchema{"audit"},
        SetTableComment{"app", "users", "People", std::optional<std::string>()},
        Sql{"UPDATE users SET email = name || '@example.com'", {}},
        BulkInsert{"app",
                   "prices",
                   {Row{{"id", std::int64_t{1}},
                        {"name", std::string("x")},
                        {"price", 2.5},
                        {"note", nullptr},
                        {"flag", true}},
                    Row{{"id", std::int64_t{-3}},
                        {"name", std::string("42")},
                        {"price", 1e20},
                        {"note", std::string("null")},
                        {"flag", std::string("true")}}}},
    };
}

/// The other forms: drops that carry no definition, unnamed constraints, removals.
inline std::vector<Operation> variant_operations() {
    AlterColumn nullable_only{"", "users", "email", std::nullopt, true};
    AlterColumn rename_only{"s", "users", "email", std::nullopt, std::nullopt};
    rename_only.new_name = "mail";
    rename_only.existing_type = type("Text");  // documents the type, changes nothing
    AlterColumn identity_only{"", "users", "id"};
    identity_only.collation = "";
    identity_only.existing_collation = "public.nocase";
    identity_only.autoincrement = orm::Autoincrement::kFalse;
    identity_only.existing_autoincrement = orm::Autoincrement::kTrue;
    identity_only.identity = orm::Identity{};
    identity_only.existing_identity = orm::Identity{false, std::nullopt, 5};
    orm::Table short_drop;
    short_drop.name = "users";
    short_drop.schema = "app";
    using Row = std::map<std::string, orm::Value>;
    return {
        DropTable{short_drop},
        DropColumn{"", "users", column("email", "Text"), false},
        nullable_only,
        rename_only,
        identity_only,
        DropIndex{"app", "users", orm::Index{"ix_users_email", {}, false, "", "", {}}, false},
        CreateUniqueConstraint{"", "users", {"", {"email"}}},
        CreateForeignKey{"", "orders", {"", {"user_id"}, "", "users", {"id"}, "", ""}},
        CreateCheckConstraint{"", "users", {"", "a > 0"}},
        CreatePrimaryKey{"", "users", {"", {"id"}}},
        DropConstraint{"", "users", "fk_x", ConstraintType::kForeignKey, std::nullopt},
        DropConstraint{"s", "orders", "fk_orders_user", ConstraintType::kForeignKey,
                       ConstraintDefinition(orm::ForeignKey{
                           "fk_orders_user", {"user_id"}, "s", "users", {"id"}, "", "CASCADE"})},
        DropConstraint{"", "users", "", ConstraintType::kCheck,
                       ConstraintDefinition(orm::CheckConstraint{"", "a > 0"})},
        DropConstraint{"", "users", "ck_named", ConstraintType::kCheck,
                       ConstraintDefinition(orm::CheckConstraint{"ck_other", "a > 0"})},
        DropConstraint{"", "users", "", ConstraintType::kPrimaryKey, std::nullopt},
        DropConstraint{"", "users", "pk_users", ConstraintType::kPrimaryKey,
                       ConstraintDefinition(orm::PrimaryKey{"pk_users", {"id", "tenant"}})},
        DropEnum{{"mood", "app", {}}},
        AddEnumValue{"", "mood", "meh", "", "ok"},
        AddEnumValue{"", "mood", "  ", "", ""},
        AddEnumValue{"", "mood", "meh", "sad", "", true},
        AlterEnum{"", "mood", {"a"}, {}},
        SetTableComment{"", "users", std::nullopt, std::optional<std::string>("old")},
        SetTableComment{"", "users", "new", std::nullopt},
        Sql{"", {{"sqlite", "SELECT 1"}, {"postgresql", "SELECT 1::int"}}},
        Sql{"UPDATE t\nSET a = 1\nWHERE b = 'x: y';\n", {}},
        Sql{"UPDATE t\nSET a = 1", {}},
        Sql{"  indented\n  twice\n", {}},
        Sql{"\ttab: true", {}},
        Sql{"UPDATE t SET name = 'Zoë — “ok”'\n", {}},
        SetTableComment{"", "t", "Straße: ✓", std::nullopt},
        BulkInsert{"", "t", {}},
        BulkInsert{"",
                   "t",
                   {Row{}, Row{{"a", std::string("")},
                               {"b", std::string("1.5")},
                               {"c", std::string("~")},
                               {"d", 0.1},
                               {"e", -0.0},
                               {"f", std::string("yes")},
                               {"g", std::int64_t{9223372036854775807LL}},
                               {"h", 3.0},
                               {"i", false},
                               {"true", std::string("multi\nline")}}}},
    };
}

}  // namespace migrate::engine::testing_samples
