// Inverting operations: invert(invert(op)) == op for every invertible op, the specific
// inverses, what cannot be inverted, and the downgrade order of invert_all. Also op_name,
// describe and Sql::for_dialect.

#include <gtest/gtest.h>

#include "migrations_engine/ops/invert.h"
#include "tests/unit/engine/ops_samples.h"

namespace migrate::engine {
namespace {

using testing_samples::column;
using testing_samples::type;

std::vector<Operation> all_samples() {
    std::vector<Operation> ops = testing_samples::sample_operations();
    for (auto& op : testing_samples::variant_operations()) ops.push_back(op);
    return ops;
}

bool never_invertible(const Operation& op) {
    return std::holds_alternative<AddEnumValue>(op) || std::holds_alternative<Sql>(op) ||
           std::holds_alternative<BulkInsert>(op);
}

/// A drop_constraint whose definition carries another name than the op.
bool renames_definition(const Operation& op) {
    const auto* d = std::get_if<DropConstraint>(&op);
    return d && d->definition &&
           std::visit([&](const auto& c) { return c.name != d->name; }, *d->definition);
}

TEST(OpsInvertTest, InvertingTwiceGivesTheOpBack) {
    size_t inverted = 0;
    for (const Operation& op : all_samples()) {
        std::optional<Operation> inv = invert(op);
        if (!inv) continue;
        ++inverted;
        std::optional<Operation> back = invert(*inv);
        ASSERT_TRUE(back.has_value()) << describe(op) << " -> " << describe(*inv);
        if (renames_definition(op)) continue;  // see DropConstraintRecreatesItsDefinition
        EXPECT_TRUE(*back == op) << describe(op);
        EXPECT_FALSE(*inv == op) << describe(op) << " is its own inverse";
    }
    EXPECT_GE(inverted, 25u);
}

TEST(OpsInvertTest, EverySampleOfAnInvertibleKindIsInvertible) {
    for (const Operation& op : testing_samples::sample_operations())
        EXPECT_EQ(invert(op).has_value(), !never_invertible(op)) << describe(op);
}

TEST(OpsInvertTest, CreateAndDropTableSwap) {
    orm::Table t = testing_samples::users_table();
    EXPECT_TRUE(*invert(CreateTable{t}) == Operation(DropTable{t}));
    EXPECT_TRUE(*invert(DropTable{t}) == Operation(CreateTable{t}));
    orm::Table name_only;
    name_only.name = "users";
    EXPECT_FALSE(invert(DropTable{name_only}).has_value());
}

TEST(OpsInvertTest, RenameTableSwapsNames) {
    EXPECT_TRUE(*invert(RenameTable{"s", "a", "b"}) == Operation(RenameTable{"s", "b", "a"}));
}

TEST(OpsInvertTest, AddAndDropColumnSwapOnlyWithDefinition) {
    orm::Column c = column("email", "Text");
    EXPECT_TRUE(*invert(AddColumn{"s", "t", c}) == Operation(DropColumn{"s", "t", c, true}));
    EXPECT_TRUE(*invert(DropColumn{"s", "t", c, true}) == Operation(AddColumn{"s", "t", c}));
    EXPECT_FALSE(invert(DropColumn{"s", "t", c, false}).has_value());
}

TEST(OpsInvertTest, AlterColumnSwapsChangesWithExistingValues) {
    AlterColumn a{"", "t", "c"};
    a.type = type("Text");
    a.existing_type = type("String(10)");
    a.server_default = std::optional<std::string>();
    a.existing_server_default = "'x'";
    a.new_name = "d";
    a.existing_nullable = false;  // unchanged: stays as documentation
    AlterColumn inv = std::get<AlterColumn>(*invert(a));
    EXPECT_EQ(inv.column, "d");
    EXPECT_EQ(inv.new_name, std::optional<std::string>("c"));
    EXPECT_EQ(inv.type, type("String(10)"));
    EXPECT_EQ(inv.existing_type, type("Text"));
    EXPECT_EQ(inv.server_default, std::optional<std::optional<std::string>>("'x'"));
    ASSERT_TRUE(inv.existing_server_default.has_value());
    EXPECT_FALSE(inv.existing_server_default->has_value());
    EXPECT_FALSE(inv.nullable.has_value());
    EXPECT_EQ(inv.existing_nullable, std::optional<bool>(false));
}

TEST(OpsInvertTest, AlterColumnWithoutTheExistingValueItChangesIsNotInvertible) {
    AlterColumn nullable{"", "t", "c", std::nullopt, true};
    EXPECT_FALSE(invert(nullable).has_value());
    nullable.existing_nullable = false;
    EXPECT_TRUE(invert(nullable).has_value());
    AlterColumn comment{"", "t", "c"};
    comment.comment = "x";
    EXPECT_FALSE(invert(comment).has_value());
    comment.existing_comment = std::optional<std::string>();
    EXPECT_TRUE(invert(comment).has_value());
    AlterColumn rename{"", "t", "c"};
    rename.new_name = "d";
    EXPECT_TRUE(invert(rename).has_value());  // a rename needs nothing more
}

TEST(OpsInvertTest, ConstraintsInvertToDropConstraintWithDefinition) {
    orm::ForeignKey fk{"fk", {"a"}, "", "u", {"id"}, "CASCADE", ""};
    EXPECT_TRUE(*invert(CreateForeignKey{"s", "t", fk}) ==
                Operation(DropConstraint{"s", "t", "fk", ConstraintType::kForeignKey,
                                         ConstraintDefinition(fk)}));
    orm::PrimaryKey pk{"", {"id"}};
    EXPECT_TRUE(*invert(DropConstraint{"", "t", "", ConstraintType::kPrimaryKey,
                                       ConstraintDefinition(pk)}) ==
                Operation(CreatePrimaryKey{"", "t", pk}));
    EXPECT_FALSE(invert(DropConstraint{"", "t", "uq", ConstraintType::kUnique, std::nullopt}));
}

TEST(OpsInvertTest, DropConstraintRecreatesItsDefinition) {
    // The definition is what the inverse recreates, under the definition's own name.
    orm::CheckConstraint ck{"ck_new", "a > 0"};
    DropConstraint d{"", "t", "ck_old", ConstraintType::kCheck, ConstraintDefinition(ck)};
    EXPECT_TRUE(*invert(d) == Operation(CreateCheckConstraint{"", "t", ck}));
    d.name = "ck_new";
    EXPECT_TRUE(*invert(*invert(d)) == Operation(d));
}

TEST(OpsInvertTest, IndexesEnumsAndCommentsInvert) {
    orm::Index ix{"ix", {{"a", false}}, true, "", "", {}};
    EXPECT_TRUE(*invert(CreateIndex{"", "t", ix}) == Operation(DropIndex{"", "t", ix, true}));
    EXPECT_FALSE(invert(DropIndex{"", "t", ix, false}).has_value());
    orm::EnumType e{"mood", "", {"a", "b"}};
    EXPECT_TRUE(*invert(CreateEnum{e}) == Operation(DropEnum{e}));
    EXPECT_FALSE(invert(DropEnum{{"mood", "", {}}}).has_value());
    EXPECT_FALSE(invert(AddEnumValue{"", "mood", "c", "", ""}).has_value());
    EXPECT_TRUE(*invert(AlterEnum{"s", "mood", {"b"}, {"a", "b"}}) ==
                Operation(AlterEnum{"s", "mood", {"a", "b"}, {"b"}}));
    EXPECT_FALSE(invert(AlterEnum{"s", "mood", {"b"}, {}}).has_value());
    EXPECT_TRUE(*invert(CreateSchema{"audit"}) == Operation(DropSchema{"audit"}));
    EXPECT_TRUE(*invert(DropSchema{"audit"}) == Operation(CreateSchema{"audit"}));
    EXPECT_TRUE(*invert(SetTableComment{"", "t", "new", std::optional<std::string>("old")}) ==
                Operation(SetTableComment{"", "t", "old", std::optional<std::string>("new")}));
    EXPECT_FALSE(invert(SetTableComment{"", "t", "new", std::nullopt}).has_value());
}

TEST(OpsInvertTest, InvertAllReversesOrderAndReportsWhatItSkips) {
    const std::vector<Operation> ops = {
        CreateEnum{{"mood", "", {"a"}}},
        AddColumn{"", "t", column("c", "Enum(mood)")},
        Sql{"UPDATE t SET c = 'a'", {}},
        RenameTable{"", "t", "u"},
    };
    std::vector<std::string> skipped;
    std::vector<Operation> down = invert_all(ops, &skipped);
    ASSERT_EQ(down.size(), 3u);
    EXPECT_TRUE(down[0] == Operation(RenameTable{"", "u", "t"}));
    EXPECT_TRUE(std::holds_alternative<DropColumn>(down[1]));
    EXPECT_TRUE(std::holds_alternative<DropEnum>(down[2]));
    EXPECT_EQ(skipped, std::vector<std::string>{"sql UPDATE t SET c = 'a'"});
    EXPECT_EQ(invert_all(ops, nullptr).size(), 3u);
}

TEST(OperationTest, NamesAndDescriptions) {
    EXPECT_EQ(op_name(AddColumn{"", "users", column("email", "Text")}), "add_column");
    EXPECT_EQ(describe(AddColumn{"app", "users", column("email", "Text")}),
              "add_column app.users.email");
    EXPECT_EQ(describe(DropIndex{"", "users", {"ix_users_email"}, false}),
              "drop_index ix_users_email on users");
    EXPECT_EQ(describe(DropConstraint{"", "t", "", ConstraintType::kPrimaryKey, std::nullopt}),
              "drop_constraint primary key on t");
    EXPECT_EQ(describe(CreateUniqueConstraint{"", "t", {"", {"a", "b"}}}),
              "create_unique_constraint on t (a, b)");
    EXPECT_EQ(describe(Sql{"\n  DELETE FROM t\n  WHERE a = 1\n", {}}), "sql DELETE FROM t ...");
    EXPECT_EQ(describe(Sql{std::string(70, 'x'), {}}), "sql " + std::string(60, 'x') + " ...");
    EXPECT_EQ(describe(Sql{"", {{"sqlite", "x"}, {"postgresql", "y"}}}),
              "sql (postgresql, sqlite)");
    EXPECT_EQ(describe(BulkInsert{"", "t", {{}}}), "bulk_insert t (1 row)");
    EXPECT_EQ(describe(AddEnumValue{"s", "mood", "meh", "", ""}), "add_enum_value s.mood 'meh'");
}

TEST(OperationTest, SqlForDialect) {
    Sql all{"SELECT 1", {}};
    EXPECT_EQ(all.for_dialect("sqlite"), std::optional<std::string>("SELECT 1"));
    Sql per{"", {{"postgresql", "SELECT 1::int"}}};
    EXPECT_EQ(per.for_dialect("postgresql"), std::optional<std::string>("SELECT 1::int"));
    EXPECT_EQ(per.for_dialect("sqlite"), std::nullopt);
}

}  // namespace
}  // namespace migrate::engine
