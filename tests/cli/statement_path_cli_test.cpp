// End-to-end, on SQLite and PostgreSQL: a multi-statement `sql` operation runs every
// statement online and offline (`--sql` run by sqlite3 / psql); text that would carry a second
// statement (a type, a default, an index method) never runs; double-quoted text is never a
// string on SQLite; bulk_insert values round-trip exactly.

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

class StatementPathCliTest : public ProjectTest {
  protected:
    void SetUp() override {
        ProjectTest::SetUp();
        if (IsSkipped()) return;
        ASSERT_EQ(run({"init"}).exit_code, 0);
        write_file(dir_.file("models.yaml"), "tables: {}\n");
    }

    std::string one(TestDatabase& db, const std::string& sql,
                    const std::vector<orm::Value>& params = {}) {
        auto conn = db.connect();
        auto rs = conn->query(sql, params);
        return rs.rows.empty() ? "<none>" : rs.rows[0][0].value_or("NULL");
    }

    bool has_table(TestDatabase& db, const std::string& name) {
        auto conn = db.connect();
        for (const auto& t : conn->dialect().inspector().reflect(*conn, {}).metadata.tables)
            if (t.name == name) return true;
        return false;
    }

    void make_victim() {
        db_->connect()->execute("CREATE TABLE victim (id INTEGER PRIMARY KEY)");
        db_->connect()->execute("INSERT INTO victim VALUES (1)");
    }

    void expect_victim_survives() {
        ASSERT_TRUE(has_table(*db_, "victim"));
        EXPECT_EQ(one(*db_, "SELECT count(*) FROM victim"), "1");
        EXPECT_FALSE(has_table(*db_, "zz"));
    }

    // `upgrade base:head --sql`, run by the dialect's own shell on a fresh database.
    std::unique_ptr<TestDatabase> run_offline() {
        auto sql = run({"upgrade", "base:head", "--sql"});
        EXPECT_EQ(sql.exit_code, 0) << sql.err;
        write_file(dir_.file("upgrade.sql"), sql.out);
        auto offline = make_test_database(GetParam());
        const std::string cmd =
            pg() ? "psql -X -q -v ON_ERROR_STOP=1 -d '" + offline->url() + "' -f upgrade.sql"
                 : "sqlite3 -bail '" + offline->url().substr(10) + "' < upgrade.sql";
        EXPECT_EQ(
            std::system(
                ("cd '" + dir_.path().string() + "' && " + cmd + " > script.log 2>&1").c_str()),
            0)
            << read_file(dir_.file("script.log")) << "\n"
            << sql.out;
        return offline;
    }

    // `check` on the database `upgrade head` left, then on a fresh one built by the offline
    // script, told which it is.
    void online_then_offline(const std::function<void(TestDatabase&, const char* mode)>& check) {
        auto r = run({"upgrade", "head"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        check(*db_, "online");
        std::unique_ptr<TestDatabase> offline;
        ASSERT_NO_FATAL_FAILURE(offline = run_offline());
        check(*offline, "offline");
    }
};

TEST_P(StatementPathCliTest, MultiStatementSqlRunsEveryStatementOnlineAndOffline) {
    revision("aaaa00000001",
             "  - sql: |\n"
             "      CREATE TABLE a (x INTEGER, note TEXT);\n"
             "      INSERT INTO a VALUES (1, 'semi; colon');\n"
             "      -- a comment; with a semicolon\n"
             "      INSERT INTO a VALUES (2, '--not a comment'); INSERT INTO a VALUES (3, NULL)\n",
             "  - sql: \"DROP TABLE a\"\n");
    ASSERT_NO_FATAL_FAILURE(online_then_offline([&](TestDatabase& db, const char* mode) {
        EXPECT_EQ(one(db, "SELECT count(*) FROM a"), "3") << mode;
        EXPECT_EQ(one(db, "SELECT note FROM a WHERE x = 1"), "semi; colon");
        EXPECT_EQ(one(db, "SELECT note FROM a WHERE x = 2"), "--not a comment");
        EXPECT_EQ(one(db, "SELECT count(*) FROM migrate_version"), "1");
    }));
    const std::string script = run({"upgrade", "base:head", "--sql"}).out;
    EXPECT_NE(script.find("INSERT INTO a VALUES (2, '--not a comment');\n"), std::string::npos)
        << "each statement printed on its own:\n"
        << script;
}

TEST_P(StatementPathCliTest, FailingStatementOfASqlOperationIsNamedAndRolledBack) {
    revision("aaaa00000001",
             "  - create_table: {name: a, columns: {x: {type: Integer}}}\n"
             "  - sql: \"INSERT INTO a VALUES (1); INSERT INTO nope VALUES (2); INSERT INTO a "
             "VALUES (3)\"\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("statement 2 of 3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("INSERT INTO nope VALUES (2)"), std::string::npos) << r.err;
    EXPECT_FALSE(has_table(*db_, "a")) << "the revision's transaction was rolled back";
}

TEST_P(StatementPathCliTest, IndexOnAMisspeltColumnFailsWithExit4) {
    revision("aaaa00000001",
             "  - create_table: {name: people, columns: {name: {type: Text}}}\n"
             "  - create_index: {table: people, name: ix_people_name, columns: [nmae]}\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("nmae"), std::string::npos) << r.err;
    EXPECT_FALSE(has_table(*db_, "people"));
}

TEST_P(StatementPathCliTest, InjectedTypeInModelsIsRejectedByCreateAll) {
    make_victim();
    write_file(dir_.file("models.yaml"),
               "tables:\n"
               "  t:\n"
               "    columns:\n"
               "      a: {type: \"INTEGER); DROP TABLE victim; CREATE TABLE zz (a INTEGER\"}\n");
    auto r = run({"create-all"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("models.yaml:4:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("is not one type name"), std::string::npos) << r.err;
    expect_victim_survives();
    EXPECT_FALSE(has_table(*db_, "t"));
}

TEST_P(StatementPathCliTest, InjectedTextInRevisionsIsRejectedAtLoad) {
    make_victim();
    const std::string injected = "\"INTEGER); DROP TABLE victim; CREATE TABLE zz (a INTEGER\"";
    const std::string cases[] = {
        "  - create_table: {name: t, columns: {a: {type: " + injected + "}}}\n",
        "  - create_table: {name: t, columns: {a: {type: Integer}}}\n"
        "  - add_column: {table: t, column: {name: b, type: " +
            injected + "}}\n",
        "  - create_table: {name: t, columns: {a: {type: Integer}}}\n"
        "  - create_index: {table: t, name: ix, columns: [a], using: \"btree (a); DROP TABLE "
        "victim; --\"}\n",
        "  - create_table: {name: t, columns: {a: {type: Integer}}}\n"
        "  - create_foreign_key: {table: t, name: fk, columns: [a], references: victim(id), "
        "ondelete: \"CASCADE; DROP TABLE victim\"}\n",
    };
    for (const auto& upgrade : cases) {
        const std::string path = revision("aaaa00000001", upgrade);
        auto r = run({"upgrade", "head"});
        EXPECT_EQ(r.exit_code, 2) << upgrade << r.out << r.err;
        EXPECT_NE(r.err.find(path.substr(path.rfind('/') + 1) + ":"), std::string::npos) << r.err;
        expect_victim_survives();
        std::filesystem::remove(path);
    }
}

// SQL text fields (defaults, predicates) are SQL by design; one statement per execute keeps
// them to the statement they belong in.
TEST_P(StatementPathCliTest, SqlTextCannotCarryASecondStatement) {
    make_victim();
    // Each closes the dialect's own CREATE TABLE (SQLite wraps a default in parentheses).
    const std::string default_sql =
        pg() ? "0); DROP TABLE victim; CREATE TABLE zz (b INTEGER"
             : "0) ); DROP TABLE victim; CREATE TABLE zz (b INTEGER DEFAULT (0";
    revision("aaaa00000001",
             "  - create_table:\n"
             "      name: t\n"
             "      columns: {a: {type: Integer, server_default: \"" +
                 default_sql + "\"}}\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("more than one SQL statement"), std::string::npos) << r.err;
    expect_victim_survives();
}

TEST_P(StatementPathCliTest, BulkInsertValuesRoundTripOnlineAndOffline) {
    revision("aaaa00000001",
             "  - create_table:\n"
             "      name: v\n"
             "      columns:\n"
             "        id: {type: Integer, primary_key: true}\n"
             "        b: {type: Boolean}\n"
             "        f: {type: Float}\n"
             "        s: {type: Text}\n"
             "  - bulk_insert:\n"
             "      table: v\n"
             "      rows:\n"
             "        - {id: 1, b: true, f: 0.1, s: \"it's\"}\n"
             "        - {id: 2, b: false, f: 1e300, s: \"back\\\\slash\"}\n"
             "        - {id: 3, b: true, f: -0.0, s: \"two\\nlines\"}\n"
             "        - {id: 4, b: false, f: 123456.789, s: \"Zoë ✓ 😀 \\\"q\\\" ''\"}\n"
             "        - {id: 5, b: null, f: null, s: null}\n");
    const std::vector<std::pair<double, std::string>> expected = {{0.1, "it's"},
                                                                  {1e300, "back\\slash"},
                                                                  {-0.0, "two\nlines"},
                                                                  {123456.789, "Zoë ✓ 😀 \"q\" ''"}};
    ASSERT_NO_FATAL_FAILURE(online_then_offline([&](TestDatabase& db, const char* mode) {
        for (size_t i = 0; i < expected.size(); ++i) {
            const auto id = static_cast<std::int64_t>(i + 1);
            EXPECT_EQ(one(db, "SELECT count(*) FROM v WHERE id = ? AND f = ? AND s = ? AND b = ?",
                          {id, expected[i].first, expected[i].second, orm::Value(i % 2 == 0)}),
                      "1")
                << mode << " row " << id << ": " << one(db, "SELECT f FROM v WHERE id = ?", {id})
                << " | " << one(db, "SELECT s FROM v WHERE id = ?", {id});
        }
        if (pg()) {
            EXPECT_EQ(one(db, "SELECT f::text FROM v WHERE id = 3"), "-0") << mode;
        }
        EXPECT_EQ(one(db,
                      "SELECT count(*) FROM v WHERE id = 5 AND b IS NULL AND f IS NULL AND "
                      "s IS NULL"),
                  "1")
            << mode;
    }));
}

INSTANTIATE_TEST_SUITE_P(Dialects, StatementPathCliTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
