// End-to-end: init, revisions, upgrade / downgrade / stamp / merge, failures, locking and
// offline SQL, through the real binary, on SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

class MigrateCliTest : public ProjectTest {
  protected:
    // Revisions with a message of their own.
    std::string revision(const std::string& id, const std::string& message,
                         const std::string& upgrade, const std::string& downgrade,
                         std::vector<std::string> extra = {}) {
        return ProjectTest::revision(id, upgrade, downgrade, extra, message);
    }

    void init_with_three_revisions() {
        ASSERT_EQ(run({"init"}).exit_code, 0);
        revision("aaaa00000001", "create accounts",
                 "  - create_table:\n"
                 "      name: accounts\n"
                 "      columns:\n"
                 "        id: {type: Integer, primary_key: true}\n"
                 "        email: {type: String(120), nullable: false, unique: true}\n",
                 "  - drop_table: {name: accounts}\n");
        revision("aaaa00000002", "add name and backfill",
                 "  - add_column: {table: accounts, column: {name: name, type: String(80)}}\n"
                 "  - sql: \"UPDATE accounts SET name = 'x'\"\n",
                 "  - drop_column: {table: accounts, column: name}\n");
        revision("aaaa00000003", "seed plans",
                 "  - create_table:\n"
                 "      name: plans\n"
                 "      columns:\n"
                 "        id: {type: Integer, primary_key: true}\n"
                 "        title: {type: String(40), nullable: false}\n"
                 "  - bulk_insert:\n"
                 "      table: plans\n"
                 "      rows:\n"
                 "        - {id: 1, title: free}\n"
                 "        - {id: 2, title: \"pro's\"}\n",
                 "  - drop_table: {name: plans}\n");
    }

    std::string query_one(const std::string& sql) {
        auto conn = db_->connect();
        auto rs = conn->query(sql);
        return rs.rows.empty() ? "<none>" : rs.rows[0][0].value_or("NULL");
    }

    std::vector<std::string> applied() {
        auto conn = db_->connect();
        std::vector<std::string> out;
        for (const auto& r :
             conn->query("SELECT revision FROM migrate_version ORDER BY revision").rows)
            out.push_back(*r[0]);
        return out;
    }
};

TEST_P(MigrateCliTest, InitRevisionsUpgradeDowngradeStampMerge) {
    init_with_three_revisions();
    EXPECT_TRUE(fs::exists(dir_.path() / "migrate.yaml"));
    EXPECT_TRUE(fs::exists(dir_.path() / "migrations" / "script.yaml.mustache"));
    EXPECT_EQ(run({"init"}).exit_code, 2) << "init never overwrites";

    auto up = run({"upgrade", "head"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_NE(up.out.find("Running upgrade <base> -> aaaa00000001, create accounts ("),
              std::string::npos)
        << up.out;
    EXPECT_NE(up.out.find("Running upgrade aaaa00000002 -> aaaa00000003, seed plans"),
              std::string::npos);
    EXPECT_EQ(applied(),
              (std::vector<std::string>{"aaaa00000001", "aaaa00000002", "aaaa00000003"}));
    EXPECT_EQ(query_one("SELECT title FROM plans WHERE id = 2"), "pro's");

    auto current = run({"current"});
    EXPECT_NE(current.out.find("aaaa00000003 (head), seed plans"), std::string::npos)
        << current.out;
    auto json = run({"current", "--format", "json"});
    EXPECT_NE(json.out.find("\"at_heads\": true"), std::string::npos) << json.out;
    auto history = run({"history"});
    EXPECT_EQ(history.out.find("aaaa00000002 -> aaaa00000003 (head), seed plans"), 0u)
        << history.out;
    EXPECT_EQ(run({"current", "--check-heads"}).exit_code, 0);

    auto down1 = run({"downgrade", "-1"});
    ASSERT_EQ(down1.exit_code, 0) << down1.err;
    EXPECT_NE(down1.out.find("Running downgrade aaaa00000003 -> aaaa00000002"), std::string::npos);
    EXPECT_EQ(applied(), (std::vector<std::string>{"aaaa00000001", "aaaa00000002"}));
    EXPECT_EQ(run({"current", "--check-heads"}).exit_code, 1);

    ASSERT_EQ(run({"downgrade", "base"}).exit_code, 0);
    EXPECT_TRUE(applied().empty());
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    EXPECT_EQ(applied().size(), 3u);
    EXPECT_NE(run({"upgrade", "head"}).out.find("nothing to do"), std::string::npos);

    ASSERT_EQ(run({"stamp", "aaaa00000001"}).exit_code, 0);
    EXPECT_EQ(applied(), std::vector<std::string>{"aaaa00000001"});
    ASSERT_EQ(run({"stamp", "head", "--purge"}).exit_code, 0);
    EXPECT_EQ(applied().size(), 3u);

    // Two heads, then a merge.
    revision("bbbb00000001", "side branch", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n",
             {"--head", "aaaa00000002", "--splice"});
    auto heads = run({"heads"});
    EXPECT_NE(heads.out.find("aaaa00000003"), std::string::npos);
    EXPECT_NE(heads.out.find("bbbb00000001"), std::string::npos);
    EXPECT_EQ(run({"upgrade", "head"}).exit_code, 2) << "several heads where one is needed";
    ASSERT_EQ(run({"merge", "heads", "-m", "join", "--rev-id", "cccc00000001"}).exit_code, 0);
    auto merged = run({"upgrade", "head"});
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    EXPECT_EQ(applied().size(), 5u);
    EXPECT_NE(
        run({"history"})
            .out.find("(aaaa00000003, bbbb00000001) -> cccc00000001 (head, mergepoint), join"),
        std::string::npos);
}

TEST_P(MigrateCliTest, FailingThirdStatementLeavesEverythingAsBefore) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    revision("aaaa00000001", "first",
             "  - create_table: {name: t, columns: {id: {type: Integer, primary_key: true}}}\n",
             "  - drop_table: {name: t}\n");
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    revision("aaaa00000002", "breaks",
             "  - add_column: {table: t, column: {name: a, type: Integer}}\n"
             "  - create_table: {name: u, columns: {id: {type: Integer, primary_key: true}}}\n"
             "  - sql: \"INSERT INTO no_such_table VALUES (1)\"\n",
             "  - drop_table: {name: u}\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("revision aaaa00000002"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("operation 3, sql"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("INSERT INTO no_such_table VALUES (1)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no_such_table"), std::string::npos);
    EXPECT_EQ(applied(), std::vector<std::string>{"aaaa00000001"});
    auto conn = db_->connect();
    auto live = conn->dialect().inspector().reflect(*conn, {}).metadata;
    ASSERT_NE(live.find_table("t"), nullptr);
    EXPECT_EQ(live.find_table("t")->columns.size(), 1u) << "column a rolled back";
    EXPECT_EQ(live.find_table("u"), nullptr) << "table u rolled back";
}

TEST_P(MigrateCliTest, EditedAppliedRevisionStopsUpgrade) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    std::string path =
        revision("aaaa00000001", "first", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n");
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    write_file(path, read_file(path) + "# edited\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(fs::path(path).filename().string() +
                         ": revision aaaa00000001 changed since it was applied"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("--allow-changed"), std::string::npos);
    EXPECT_EQ(run({"upgrade", "head", "--allow-changed"}).exit_code, 0);
    // Line endings alone are no change.
    std::string text = read_file(path);
    write_file(path, std::regex_replace(text, std::regex("\n"), "\r\n"));
    ASSERT_EQ(run({"stamp", "head", "--purge"}).exit_code, 0);
    write_file(path, text);
    EXPECT_EQ(run({"upgrade", "head"}).exit_code, 0);
}

TEST_P(MigrateCliTest, EightRunsAtOnceApplyEachRevisionOnce) {
    init_with_three_revisions();
    std::vector<std::vector<std::string>> runs(8, std::vector<std::string>{"upgrade", "head"});
    auto results =
        run_migrate_concurrently(runs, dir_.path().string(),
                                 {"MIGRATE_URL=" + db_->url(), "DATABASE_URL=", "MIGRATE_CONFIG="});
    int ran = 0;
    for (const auto& r : results) {
        EXPECT_EQ(r.exit_code, 0) << r.err;
        if (r.out.find("Running upgrade <base> -> aaaa00000001") != std::string::npos) ++ran;
    }
    EXPECT_EQ(ran, 1) << "exactly one run applied the revisions";
    EXPECT_EQ(applied().size(), 3u);
    EXPECT_EQ(query_one("SELECT count(*) FROM plans"), "2");
}

TEST_P(MigrateCliTest, HeldLockTimesOutWithExit5AndSaysWhoHoldsIt) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    revision("aaaa00000001", "slow",
             "  - sql:\n"
             "      sqlite: \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE "
             "x < 12000000) SELECT count(*) FROM c\"\n"
             "      postgresql: \"SELECT pg_sleep(4)\"\n",
             "  - sql: \"SELECT 1\"\n");
    // The second run starts once the first holds the lock (its revision takes seconds).
    auto results = run_migrate_concurrently(
        {{"upgrade", "head"}, {"upgrade", "head", "--lock-timeout", "1"}}, dir_.path().string(),
        {"MIGRATE_URL=" + db_->url(), "DATABASE_URL=", "MIGRATE_CONFIG="}, {0, 700});
    const CommandResult& winner = results[0];
    const CommandResult& loser = results[1];
    EXPECT_EQ(winner.exit_code, 0) << winner.err;
    EXPECT_EQ(loser.exit_code, 5) << loser.out << loser.err;
    EXPECT_NE(loser.err.find("is locked by pid "), std::string::npos) << loser.err;
    EXPECT_NE(loser.err.find("--lock-timeout"), std::string::npos);
}

TEST_P(MigrateCliTest, OfflineSqlGivesTheSameSchemaAsOnlineUpgrade) {
    init_with_three_revisions();
    auto sql = run({"upgrade", "base:head", "--sql"});
    ASSERT_EQ(sql.exit_code, 0) << sql.err;
    EXPECT_NE(sql.out.find("INSERT INTO"), std::string::npos);
    write_file(dir_.file("upgrade.sql"), sql.out);
    auto offline = make_test_database(GetParam());
    std::string cmd =
        GetParam() == "sqlite"
            ? "sqlite3 -bail '" + offline->url().substr(10) + "' < upgrade.sql"
            : "psql -X -q -1 -v ON_ERROR_STOP=1 -d '" + offline->url() + "' -f upgrade.sql";
    ASSERT_EQ(
        std::system(("cd '" + dir_.path().string() + "' && " + cmd + " > script.log 2>&1").c_str()),
        0)
        << read_file(dir_.file("script.log"));
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    auto inspect = [&](const std::string& url) { return run({"reflect", "--url", url}).out; };
    EXPECT_EQ(inspect(offline->url()), inspect(db_->url()));
    auto offline_conn = offline->connect();
    EXPECT_EQ(offline_conn->query("SELECT count(*) FROM migrate_version").rows[0][0],
              std::optional<std::string>("3"));
    auto down = run({"downgrade", "head:base", "--sql"});
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_NE(down.out.find("DELETE FROM"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Dialects, MigrateCliTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
