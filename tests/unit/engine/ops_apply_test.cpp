// Applying operations to an in-memory schema: the effect of each op, the errors for what is
// missing or already there (leaving the schema unchanged), and upgrade + downgrade replay.

#include <gtest/gtest.h>

#include "migrations_engine/ops/apply.h"
#include "migrations_engine/ops/invert.h"
#include "orm/error.h"
#include "orm/model_file.h"
#include "tests/unit/engine/ops_samples.h"

namespace migrate::engine {
namespace {

using testing_samples::column;
using testing_samples::type;

orm::MetaData base() {
    return orm::load_models_from_string(
        "enums:\n"
        "  mood: [sad, ok, happy]\n"
        "tables:\n"
        "  users:\n"
        "    columns:\n"
        "      id: {type: Integer, primary_key: true}\n"
        "      email: {type: String(60), nullable: false, unique: true}\n"
        "      name: {type: String(40), index: true}\n"
        "      mood: {type: Enum(mood)}\n"
        "    indexes:\n"
        "      ix_users_name_email: {columns: [name, email], include: [mood]}\n"
        "    checks:\n"
        "      - {name: ck_users_email, condition: \"email <> ''\"}\n"
        "  orders:\n"
        "    columns:\n"
        "      id: {type: Integer, primary_key: true}\n"
        "      user_id: {type: Integer, foreign_key: users.id}\n"
        "      total: {type: \"Numeric(10, 2)\"}\n"
        "    unique_constraints:\n"
        "      - {name: uq_orders_user_total, columns: [user_id, total]}\n"
        "  log:\n"
        "    columns:\n"
        "      at: {type: DateTime}\n",
        "base.yaml");
}

/// Applies `op` to a copy of `md`, expecting UsageError with `message`, and `md` unchanged.
void expect_error(const orm::MetaData& md, const Operation& op, const std::string& message) {
    orm::MetaData copy = md;
    try {
        apply(op, copy);
        ADD_FAILURE() << "no error for " << describe(op);
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()), message);
    }
    EXPECT_TRUE(copy == md) << "schema changed by failing " << describe(op);
}

const orm::Table& table(const orm::MetaData& md, const std::string& name) {
    const orm::Table* t = md.find_table(name);
    if (!t) throw std::runtime_error("no table " + name);
    return *t;
}

TEST(OpsApplyTest, CreateAndDropTable) {
    orm::MetaData md = base();
    orm::Table t = testing_samples::orders_table();
    t.name = "items";
    apply(CreateTable{t}, md);
    EXPECT_EQ(table(md, "items"), t);
    expect_error(md, CreateTable{t},
                 "cannot apply create_table items: table 'items' already exists");
    t.name = "other";
    t.indexes = {{"ix_users_name", {{"id", false}}, false, "", "", {}}};
    expect_error(md, CreateTable{t},
                 "cannot apply create_table other: index 'ix_users_name' already exists, on "
                 "table 'users'");
    orm::Table name_only;
    name_only.name = "items";
    apply(DropTable{name_only}, md);
    EXPECT_EQ(md.find_table("items"), nullptr);
    expect_error(md, DropTable{name_only},
                 "cannot apply drop_table items: table 'items' does not exist");
}

TEST(OpsApplyTest, RenameTableUpdatesForeignKeysToIt) {
    orm::MetaData md = base();
    apply(RenameTable{"", "users", "people"}, md);
    EXPECT_EQ(md.find_table("users"), nullptr);
    EXPECT_EQ(table(md, "orders").foreign_keys[0].referred_table, "people");
    expect_error(md, RenameTable{"", "people", "orders"},
                 "cannot apply rename_table people -> orders: table 'orders' already exists");
    expect_error(md, RenameTable{"s", "people", "x"},
                 "cannot apply rename_table s.people -> x: table 's.people' does not exist");
}

TEST(OpsApplyTest, AddColumn) {
    orm::MetaData md = base();
    orm::Column c = column("note", "Text");
    apply(AddColumn{"", "users", c}, md);
    EXPECT_EQ(table(md, "users").columns.back(), c);
    expect_error(md, AddColumn{"", "users", c},
                 "cannot apply add_column users.note: table 'users' already has a column 'note'");
    expect_error(md, AddColumn{"", "nope", c},
                 "cannot apply add_column nope.note: table 'nope' does not exist");
}

TEST(OpsApplyTest, DropColumnDropsWhatUsesIt) {
    orm::MetaData md = base();
    apply(DropColumn{"", "users", column("name", "Text"), false}, md);
    const orm::Table& users = table(md, "users");
    EXPECT_EQ(users.find_column("name"), nullptr);
    EXPECT_TRUE(users.indexes.empty());  // ix_users_name and the composite index
    EXPECT_EQ(users.unique_constraints.size(), 1u);
    apply(DropColumn{"", "orders", column("user_id", "Integer"), false}, md);
    EXPECT_TRUE(table(md, "orders").foreign_keys.empty());
    EXPECT_TRUE(table(md, "orders").unique_constraints.empty());
    apply(DropColumn{"", "orders", column("id", "Integer"), false}, md);
    EXPECT_TRUE(table(md, "orders").primary_key.empty());
    expect_error(md, DropColumn{"", "orders", column("id", "Integer"), false},
                 "cannot apply drop_column orders.id: table 'orders' has no column 'id'");
}

TEST(OpsApplyTest, AlterColumnChangesAndRenamesWithReferences) {
    orm::MetaData md = base();
    AlterColumn a{"", "users", "email", type("Text"), true};
    a.server_default = std::optional<std::string>("''");
    a.comment = std::optional<std::string>("Mail");
    a.new_name = "mail";
    apply(a, md);
    const orm::Table& users = table(md, "users");
    orm::Column expected = column("mail", "Text");
    expected.server_default = "''";
    expected.comment = "Mail";
    EXPECT_EQ(*users.find_column("mail"), expected);
    EXPECT_EQ(users.indexes[1].column_names(), (std::vector<std::string>{"name", "mail"}));
    EXPECT_EQ(users.unique_constraints[0].columns, std::vector<std::string>{"mail"});

    AlterColumn remove{"", "users", "mail"};
    remove.server_default = std::optional<std::string>();
    apply(remove, md);
    EXPECT_EQ(table(md, "users").find_column("mail")->server_default, std::nullopt);

    AlterColumn id{"", "users", "id"};
    id.new_name = "user_id";
    apply(id, md);
    EXPECT_EQ(table(md, "users").primary_key.columns, std::vector<std::string>{"user_id"});
    EXPECT_EQ(table(md, "orders").foreign_keys[0].referred_columns,
              std::vector<std::string>{"user_id"});
    AlterColumn clash{"", "users", "name"};
    clash.new_name = "mood";
    expect_error(md, clash,
                 "cannot apply alter_column users.name -> mood: table 'users' already has a "
                 "column 'mood'");
    expect_error(md, AlterColumn{"", "users", "nope", std::nullopt, false},
                 "cannot apply alter_column users.nope: table 'users' has no column 'nope'");
}

TEST(OpsApplyTest, CreateAndDropIndex) {
    orm::MetaData md = base();
    orm::Index ix{"ix_orders_total", {{"total", false}}, false, "", "", {}};
    apply(CreateIndex{"", "orders", ix}, md);
    EXPECT_EQ(table(md, "orders").indexes.back(), ix);
    expect_error(md, CreateIndex{"", "log", ix},
                 "cannot apply create_index ix_orders_total on log: index 'ix_orders_total' "
                 "already exists, on table 'orders'");
    ix.name = "ix_log_x";
    ix.elements = {{"x", false}};
    expect_error(md, CreateIndex{"", "log", ix},
                 "cannot apply create_index ix_log_x on log: index 'ix_log_x' names column 'x', "
                 "which table 'log' does not have");
    ix.elements = {{"lower(x)", true}};  // expressions are SQL text, not checked
    apply(CreateIndex{"", "log", ix}, md);
    apply(DropIndex{"", "orders", {"ix_orders_total"}, false}, md);
    EXPECT_TRUE(table(md, "orders").indexes.empty());
    expect_error(md, DropIndex{"", "orders", {"ix_users_name"}, false},
                 "cannot apply drop_index ix_users_name on orders: table 'orders' has no index "
                 "'ix_users_name'");
}

TEST(OpsApplyTest, CreateConstraints) {
    orm::MetaData md = base();
    apply(CreateUniqueConstraint{"", "log", {"uq_log_at", {"at"}}}, md);
    apply(CreateForeignKey{"", "log", {"fk_log_at", {"at"}, "", "elsewhere", {"x"}, "", ""}}, md);
    apply(CreateCheckConstraint{"", "log", {"ck_log_at", "at > 0"}}, md);
    apply(CreatePrimaryKey{"", "log", {"pk_log", {"at"}}}, md);
    const orm::Table& log = table(md, "log");
    EXPECT_EQ(log.unique_constraints.size(), 1u);
    EXPECT_EQ(log.foreign_keys[0].referred_table, "elsewhere");  // targets are not checked
    EXPECT_EQ(log.checks[0].condition, "at > 0");
    EXPECT_EQ(log.primary_key, (orm::PrimaryKey{"pk_log", {"at"}}));
    EXPECT_FALSE(log.columns[0].nullable);  // as ADD PRIMARY KEY does
    expect_error(md, CreateCheckConstraint{"", "log", {"uq_log_at", "1 = 1"}},
                 "cannot apply create_check_constraint uq_log_at on log: table 'log' already has "
                 "a constraint 'uq_log_at'");
    expect_error(md, CreatePrimaryKey{"", "log", {"", {"at"}}},
                 "cannot apply create_primary_key on log (at): table 'log' already has a primary "
                 "key");
    expect_error(md, CreateUniqueConstraint{"", "log", {"", {"nope"}}},
                 "cannot apply create_unique_constraint on log (nope): the constraint names "
                 "column 'nope', which table 'log' does not have");
}

TEST(OpsApplyTest, DropConstraintByNameOrDefinition) {
    orm::MetaData md = base();
    apply(DropConstraint{"", "users", "ck_users_email", ConstraintType::kCheck, std::nullopt}, md);
    EXPECT_TRUE(table(md, "users").checks.empty());
    // SQLite keeps the unique shorthand unnamed: found by its definition.
    apply(DropConstraint{"", "users", "", ConstraintType::kUnique,
                         ConstraintDefinition(orm::UniqueConstraint{"", {"email"}})},
          md);
    EXPECT_TRUE(table(md, "users").unique_constraints.empty());
    apply(DropConstraint{"", "orders", "", ConstraintType::kForeignKey,
                         ConstraintDefinition(
                             orm::ForeignKey{"", {"user_id"}, "", "users", {"id"}, "", ""})},
          md);
    EXPECT_TRUE(table(md, "orders").foreign_keys.empty());
    apply(DropConstraint{"", "orders", "orders_pkey", ConstraintType::kPrimaryKey, std::nullopt},
          md);
    EXPECT_TRUE(table(md, "orders").primary_key.empty());
    expect_error(md, DropConstraint{"", "orders", "", ConstraintType::kPrimaryKey, std::nullopt},
                 "cannot apply drop_constraint primary key on orders: table 'orders' has no "
                 "primary key");
    expect_error(md, DropConstraint{"", "orders", "uq_x", ConstraintType::kUnique, std::nullopt},
                 "cannot apply drop_constraint uq_x on orders: table 'orders' has no unique "
                 "constraint 'uq_x'");
    expect_error(md,
                 DropConstraint{"", "orders", "", ConstraintType::kCheck,
                                ConstraintDefinition(orm::CheckConstraint{"", "a > 0"})},
                 "cannot apply drop_constraint check on orders: table 'orders' has no check "
                 "constraint matching the definition");
    apply(CreatePrimaryKey{"", "orders", {"pk_orders", {"id"}}}, md);
    expect_error(md,
                 DropConstraint{"", "orders", "pk_x", ConstraintType::kPrimaryKey, std::nullopt},
                 "cannot apply drop_constraint pk_x on orders: the primary key of table 'orders' "
                 "is 'pk_orders', not 'pk_x'");
}

TEST(OpsApplyTest, Enums) {
    orm::MetaData md = base();
    apply(AddEnumValue{"", "mood", "meh", "ok", ""}, md);
    apply(AddEnumValue{"", "mood", "glad", "", "ok"}, md);
    apply(AddEnumValue{"", "mood", "ecstatic", "", ""}, md);
    EXPECT_EQ(md.enums[0].values,
              (std::vector<std::string>{"sad", "meh", "ok", "glad", "happy", "ecstatic"}));
    expect_error(md, AddEnumValue{"", "mood", "ok", "", ""},
                 "cannot apply add_enum_value mood 'ok': enum 'mood' already has the value 'ok'");
    expect_error(md, AddEnumValue{"", "mood", "x", "nope", ""},
                 "cannot apply add_enum_value mood 'x': enum 'mood' has no value 'nope'");
    orm::EnumType e{"state", "app", {"on", "off"}};
    apply(CreateEnum{e}, md);
    EXPECT_EQ(*find_enum(md, "app", "state"), e);
    EXPECT_EQ(find_enum(md, "", "state"), nullptr);
    expect_error(md, CreateEnum{e},
                 "cannot apply create_enum app.state: enum 'app.state' already exists");
    apply(AddEnumValue{"app", "state", "on", "", "", true}, md);  // there already: nothing
    EXPECT_EQ(find_enum(md, "app", "state")->values, (std::vector<std::string>{"on", "off"}));
    apply(AlterEnum{"app", "state", {"off", "standby"}, {"on", "off"}}, md);
    EXPECT_EQ(find_enum(md, "app", "state")->values, (std::vector<std::string>{"off", "standby"}));
    expect_error(md, AlterEnum{"", "state", {"x"}, {}},
                 "cannot apply alter_enum state: enum 'state' does not exist");
    expect_error(md, DropSchema{"app"},
                 "cannot apply drop_schema app: schema 'app' still holds enum 'state'");
    apply(DropEnum{{"state", "app", {}}}, md);
    EXPECT_EQ(find_enum(md, "app", "state"), nullptr);
    apply(DropSchema{"app"}, md);
    expect_error(md, DropEnum{e},
                 "cannot apply drop_enum app.state: enum 'app.state' does not exist");
}

TEST(OpsApplyTest, TableCommentSqlAndBulkInsert) {
    orm::MetaData md = base();
    apply(SetTableComment{"", "users", "People", std::nullopt}, md);
    EXPECT_EQ(table(md, "users").comment, std::optional<std::string>("People"));
    apply(SetTableComment{"", "users", std::nullopt, std::nullopt}, md);
    EXPECT_EQ(table(md, "users").comment, std::nullopt);
    expect_error(md, SetTableComment{"", "nope", "x", std::nullopt},
                 "cannot apply set_table_comment nope: table 'nope' does not exist");
    const orm::MetaData before = md;
    apply(Sql{"DROP TABLE users", {}}, md);
    apply(BulkInsert{"", "nope", {{{"a", std::int64_t{1}}}}}, md);
    EXPECT_TRUE(md == before);
}

TEST(OpsApplyTest, FindIndexTableLooksInOneSchema) {
    orm::MetaData md = base();
    EXPECT_EQ(find_index_table(md, "", "ix_users_name"), md.find_table("users"));
    EXPECT_EQ(find_index_table(md, "app", "ix_users_name"), nullptr);
    EXPECT_EQ(find_index_table(md, "", "nope"), nullptr);
}

TEST(OpsApplyTest, UpgradeThenDowngradeRestoresTheSchema) {
    const orm::MetaData start = base();
    orm::Table items = testing_samples::orders_table();
    items.name = "items";
    AlterColumn alter{"", "users", "name", type("Text"), false};
    alter.existing_type = type("String(40)");
    alter.existing_nullable = true;
    alter.new_name = "full_name";
    const std::vector<Operation> upgrade = {
        CreateTable{items},
        AddColumn{"", "orders", column("note", "Text")},
        alter,
        CreateIndex{"", "orders", {"ix_orders_note", {{"note", false}}, false, "", "", {}}},
        CreateUniqueConstraint{"", "log", {"uq_log_at", {"at"}}},
        CreateEnum{{"state", "", {"on", "off"}}},
        SetTableComment{"", "log", "Log", std::optional<std::string>()},
        RenameTable{"", "log", "journal"},
        DropConstraint{"", "users", "ck_users_email", ConstraintType::kCheck,
                       ConstraintDefinition(orm::CheckConstraint{"ck_users_email", "email <> ''"})},
        Sql{"UPDATE orders SET note = ''", {}},
    };
    orm::MetaData md = start;
    for (const Operation& op : upgrade) apply(op, md);
    EXPECT_FALSE(md == start);
    std::vector<std::string> skipped;
    for (const Operation& op : invert_all(upgrade, &skipped)) apply(op, md);
    EXPECT_EQ(skipped.size(), 1u);
    // Dropping and re-adding a check puts it last; here it was the only one, so all is equal.
    EXPECT_TRUE(md == start) << orm::write_models(md);
}

}  // namespace
}  // namespace migrate::engine
