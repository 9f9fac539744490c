#include "orm/schema/naming.h"

#include <gtest/gtest.h>

namespace migrate::orm {
namespace {

TEST(NamingConventionTest, ExpandsSqlalchemyTokens) {
    NamingContext ctx{"customers", {"rep_id", "name"}, "employees", "balance"};
    std::string out, error;
    ASSERT_TRUE(expand_naming_template(
        "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", ctx, &out, &error));
    EXPECT_EQ(out, "fk_customers_rep_id_employees");
    ASSERT_TRUE(expand_naming_template("uq_%(table_name)s_%(column_0_N_name)s", ctx, &out, &error));
    EXPECT_EQ(out, "uq_customers_rep_id_name");
    ASSERT_TRUE(expand_naming_template("ck_%(table_name)s_%(constraint_name)s", ctx, &out, &error));
    EXPECT_EQ(out, "ck_customers_balance");
    ASSERT_TRUE(expand_naming_template("x_%(column_1_name)s", ctx, &out, &error));
    EXPECT_EQ(out, "x_name");
}

TEST(NamingConventionTest, UnknownTokenIsReported) {
    std::string out, error;
    EXPECT_FALSE(expand_naming_template("ix_%(tabel_name)s", {}, &out, &error));
    EXPECT_NE(error.find("tabel_name"), std::string::npos);
    EXPECT_FALSE(expand_naming_template("ix_%(table_name", {}, &out, &error));
}

TEST(NamingConventionTest, DefaultIndexNameFollowsConventionOrSqlalchemy) {
    NamingContext ctx{"customers", {"name"}, "", ""};
    EXPECT_EQ(default_index_name({}, ctx), "ix_customers_name");
    NamingConvention conv{{"ix", "idx_%(column_0_name)s_on_%(table_name)s"}};
    EXPECT_EQ(default_index_name(conv, ctx), "idx_name_on_customers");
}

Table named(const std::string& name) {
    Table t;
    t.name = name;
    return t;
}

TEST(MetaDataTest, DependencyOrderPutsReferencedTablesFirst) {
    MetaData md;
    Table orders = named("orders"), customers = named("customers"), lines = named("lines");
    orders.foreign_keys.push_back({"", {"customer_id"}, "", "customers", {"id"}, "", ""});
    lines.foreign_keys.push_back({"", {"order_id"}, "", "orders", {"id"}, "", ""});
    lines.foreign_keys.push_back({"", {"parent"}, "", "lines", {"id"}, "", ""});  // self
    md.tables = {lines, orders, customers};
    std::vector<std::string> names;
    for (size_t i : md.dependency_order()) names.push_back(md.tables[i].name);
    EXPECT_EQ(names, (std::vector<std::string>{"customers", "orders", "lines"}));
}

TEST(MetaDataTest, SubsetPullsInTablesReachedByForeignKeys) {
    MetaData md;
    Table a = named("a"), b = named("b"), c = named("c"), d = named("d");
    a.foreign_keys.push_back({"", {"b_id"}, "", "b", {"id"}, "", ""});
    b.foreign_keys.push_back({"", {"c_id"}, "", "c", {"id"}, "", ""});
    md.tables = {a, b, c, d};
    std::vector<std::string> missing;
    MetaData sub = md.subset_reaching({"a", "nope"}, &missing);
    std::vector<std::string> names;
    for (const auto& t : sub.tables) names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(missing, std::vector<std::string>{"nope"});
}

}  // namespace
}  // namespace migrate::orm
