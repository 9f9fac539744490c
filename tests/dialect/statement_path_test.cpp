// One statement path, on every dialect: `execute` and `query` run exactly one statement,
// `execute_script` runs every statement and names the one that fails, the dialect's splitter
// agrees with the database, and bulk_insert literals read back exactly.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "migrations_engine/runtime/op_sql.h"
#include "orm/error.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

class StatementPathTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = test::make_test_database(GetParam());
        conn_ = db_->connect();
    }
    bool has_table(const std::string& name) {
        for (const auto& t : conn_->dialect().inspector().reflect(*conn_, {}).metadata.tables)
            if (t.name == name) return true;
        return false;
    }
    std::string one(const std::string& sql) {
        return conn_->query(sql).rows.at(0).at(0).value_or("NULL");
    }
    std::unique_ptr<test::TestDatabase> db_;
    std::unique_ptr<Connection> conn_;
};

TEST_P(StatementPathTest, ExecuteRefusesASecondStatementAndRunsNothing) {
    try {
        conn_->execute("CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER)");
        FAIL() << "no error";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("more than one SQL statement"), std::string::npos)
            << e.what();
        EXPECT_EQ(e.exit_code(), exit_code::kDatabase);
    }
    EXPECT_FALSE(has_table("a")) << "not even the first statement runs";
    EXPECT_FALSE(has_table("b"));
    EXPECT_THROW(conn_->query("SELECT 1; SELECT 2"), DatabaseError);
    EXPECT_THROW(conn_->execute("SELECT 1; -- c\n DROP TABLE IF EXISTS victim"), DatabaseError);
    conn_->execute("CREATE TABLE a (x INTEGER); -- a trailing comment; still one statement\n");
    EXPECT_TRUE(has_table("a"));
    EXPECT_EQ(conn_->query("SELECT 7 /* ; */ ;").rows.at(0).at(0), std::optional<std::string>("7"));
}

TEST_P(StatementPathTest, ScriptRunsEveryStatementAndNamesTheOneThatFails) {
    conn_->execute_script(
        "CREATE TABLE a (x INTEGER);\n"
        "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);\n"
        "-- a comment; with a semicolon\n"
        "INSERT INTO a VALUES (3)");
    EXPECT_EQ(one("SELECT count(*) FROM a"), "3");
    try {
        conn_->execute_script(
            "INSERT INTO a VALUES (4);\nINSERT INTO missing VALUES (5);\n"
            "INSERT INTO a VALUES (6)");
        FAIL() << "no error";
    } catch (const DatabaseError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("statement 2"), std::string::npos) << what;
        EXPECT_EQ(e.sql(), "INSERT INTO missing VALUES (5)");
    }
    EXPECT_EQ(one("SELECT count(*) FROM a"), "4") << "what ran before the failure stays";
}

TEST_P(StatementPathTest, ScriptStatementsAreTheSplittersStatements) {
    const std::string script =
        GetParam() == "sqlite"
            ? "CREATE TABLE a (x INTEGER, y TEXT);\n"
              "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
              "  UPDATE a SET y = 'set; by trigger' WHERE x = new.x;\n"
              "END;\n"
              "INSERT INTO a (x) VALUES (1); -- done\n"
            : "CREATE TABLE a (x INTEGER, y TEXT);\n"
              "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
              "BEGIN NEW.y := 'set; by trigger'; RETURN NEW; END $$;\n"
              "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
              "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
              "INSERT INTO a (x) VALUES (1); -- done\n";
    std::vector<std::string> ran;
    conn_->set_echo([&](const std::string& sql) { ran.push_back(sql); });
    conn_->execute_script(script);
    conn_->set_echo(nullptr);
    EXPECT_EQ(ran, conn_->dialect().split_script(script));
    EXPECT_EQ(one("SELECT y FROM a"), "set; by trigger");
}

// The extended protocol (PostgreSQL) still runs what refuses a transaction block.
TEST_P(StatementPathTest, StatementsOutsideTransactionBlocksRun) {
    conn_->execute("CREATE TABLE c (x INTEGER)");
    if (GetParam() == "postgresql") conn_->execute("CREATE INDEX CONCURRENTLY ix_c ON c (x)");
    conn_->execute("VACUUM");
}

TEST_P(StatementPathTest, DoubleQuotesNameColumnsNeverStrings) {
    conn_->execute("CREATE TABLE t (name TEXT)");
    EXPECT_THROW(conn_->execute("CREATE INDEX ix ON t (\"nmae\")"), DatabaseError);
    EXPECT_THROW(conn_->query("SELECT \"nmae\" FROM t"), DatabaseError);
    conn_->execute("CREATE INDEX ix ON t (\"name\")");
}

// Reads back through a parameter, which compares doubles exactly.
TEST_P(StatementPathTest, BulkInsertLiteralsReadBackExactly) {
    const bool pg = GetParam() == "postgresql";
    conn_->execute(std::string("CREATE TABLE v (id INTEGER PRIMARY KEY, b ") +
                   (pg ? "BOOLEAN" : "INTEGER") + ", f DOUBLE PRECISION, s TEXT)");
    const std::vector<double> reals = {
        0.1, 1e300, -0.0, 123456.789, 5e-324, 0.30000000000000004, -1.7976931348623157e308};
    const std::vector<std::string> texts = {"it's",
                                            "back\\slash",
                                            "two\nlines",
                                            "Zoë ✓ 😀",
                                            "",
                                            "\"q\"",
                                            "-- not a comment; nor /* this */"};
    engine::BulkInsert ins{"", "v", {}};
    for (size_t i = 0; i < reals.size(); ++i)
        ins.rows.push_back(
            {{"id", std::int64_t(i)}, {"b", Value(i % 2 == 0)}, {"f", reals[i]}, {"s", texts[i]}});
    ins.rows.push_back({{"id", std::int64_t{100}}, {"b", nullptr}, {"f", nullptr}, {"s", nullptr}});
    for (const auto& sql : engine::detail::bulk_insert_sql(ins, conn_->dialect()))
        conn_->execute(sql);
    for (size_t i = 0; i < reals.size(); ++i) {
        auto rs = conn_->query("SELECT count(*) FROM v WHERE id = ? AND f = ? AND s = ?",
                               {std::int64_t(i), reals[i], texts[i]});
        EXPECT_EQ(rs.rows.at(0).at(0), std::optional<std::string>("1")) << "row " << i;
        const std::string b = one("SELECT b FROM v WHERE id = " + std::to_string(i));
        EXPECT_EQ(b, pg ? (i % 2 == 0 ? "t" : "f") : (i % 2 == 0 ? "1" : "0"));
    }
    if (pg) {  // SQLite itself stores -0.0 as 0 (it keeps integral reals as integers)
        EXPECT_EQ(one("SELECT f::text FROM v WHERE id = 2"), "-0");
    }
    EXPECT_EQ(one("SELECT count(*) FROM v WHERE id = 100 AND b IS NULL AND f IS NULL AND s IS "
                  "NULL"),
              "1");
}

TEST_P(StatementPathTest, LargeBulkInsertsAreBatched) {
    conn_->execute("CREATE TABLE n (id INTEGER PRIMARY KEY, v TEXT)");
    engine::BulkInsert ins{"", "n", {}};
    for (int i = 0; i < 1203; ++i)
        ins.rows.push_back(
            {{"id", std::int64_t{i}}, {"v", std::string("row ") + std::to_string(i)}});
    ins.rows.push_back({{"id", std::int64_t{5000}}});  // other columns: a statement of its own
    const auto statements = engine::detail::bulk_insert_sql(ins, conn_->dialect());
    EXPECT_EQ(statements.size(), 4u) << "500 + 500 + 203 rows, then the odd row";
    for (const auto& sql : statements) conn_->execute(sql);
    EXPECT_EQ(one("SELECT count(*) FROM n"), "1204");
    EXPECT_EQ(one("SELECT v FROM n WHERE id = 1202"), "row 1202");
}

INSTANTIATE_TEST_SUITE_P(Dialects, StatementPathTest, ::testing::ValuesIn(test::test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::orm
