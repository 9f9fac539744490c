// Reflection issues a constant number of statements, whatever the number of tables.

#include <gtest/gtest.h>

#include "orm/dialect.h"
#include "orm/schema_ops.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

class StatementCountTest : public ::testing::TestWithParam<std::string> {};

// `n` tables, each with a key, an index, a unique constraint, a CHECK and a foreign key to the
// previous table, so that every per-table catalog query would show.
MetaData many_tables(int n) {
    MetaData md;
    for (int i = 0; i < n; ++i) {
        Table t;
        t.name = "t" + std::to_string(i);
        t.columns = {{"id", SqlType::integer(), false, Autoincrement::kAuto, {}, {}, ""},
                     {"code", SqlType::string(10), true, Autoincrement::kAuto, {}, {}, ""},
                     {"prev_id", SqlType::integer(), true, Autoincrement::kAuto, {}, {}, ""}};
        t.primary_key = {"", {"id"}};
        t.unique_constraints.push_back({"", {"code"}});
        t.indexes.push_back({"ix_" + t.name + "_prev", {{"prev_id", false}}, false, "", "", {}});
        t.checks.push_back({"ck_" + t.name, "code <> ''"});
        if (i > 0)
            t.foreign_keys.push_back(
                {"", {"prev_id"}, "", "t" + std::to_string(i - 1), {"id"}, "", ""});
        md.tables.push_back(t);
    }
    return md;
}

size_t statements_to_reflect(const std::string& dialect, int tables, size_t* reflected) {
    auto db = test::make_test_database(dialect);
    auto setup = db->connect();
    create_all(*setup, many_tables(tables));
    auto conn = db->connect();
    size_t before = conn->statement_count();
    *reflected = conn->dialect().inspector().reflect(*conn, {}).metadata.tables.size();
    return conn->statement_count() - before;
}

TEST_P(StatementCountTest, ThousandTablesTakeAsManyStatementsAsTen) {
    MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
    size_t reflected_small = 0, reflected_large = 0;
    size_t small = statements_to_reflect(GetParam(), 10, &reflected_small);
    size_t large = statements_to_reflect(GetParam(), 1000, &reflected_large);
    EXPECT_EQ(reflected_small, 10u);
    EXPECT_EQ(reflected_large, 1000u);
    EXPECT_GT(small, 0u);
    EXPECT_EQ(small, large);
}

INSTANTIATE_TEST_SUITE_P(Dialects, StatementCountTest, ::testing::ValuesIn(test::test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::orm
