// Says plainly whether the PostgreSQL tests ran: they never skip silently, and never under CI.

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

TEST(PostgresServerTest, ServerIsAvailable) {
    if (!postgres_server_url()) {
        if (running_in_ci())
            FAIL() << "CI=true but no PostgreSQL test server (MIGRATE_TEST_PG_URL)";
        GTEST_SKIP() << "no PostgreSQL test server: PostgreSQL tests skipped. Run scripts/test.sh, "
                        "which starts one, or set MIGRATE_TEST_PG_URL.";
    }
    auto db = make_test_database("postgresql");
    auto conn = db->connect();
    EXPECT_EQ(conn->query("SELECT 1").rows.at(0).at(0), std::optional<std::string>("1"));
}

}  // namespace
}  // namespace migrate::test
