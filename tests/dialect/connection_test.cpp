// Connection behaviour every dialect shares, and what only PostgreSQL has.

#include "orm/postgresql/connection.h"

#include <gtest/gtest.h>

#include <thread>

#include "orm/error.h"
#include "orm/postgresql/inspector.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

class ConnectionTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = test::make_test_database(GetParam());
        conn_ = db_->connect();
    }
    std::unique_ptr<test::TestDatabase> db_;
    std::unique_ptr<Connection> conn_;
};

TEST_P(ConnectionTest, ErrorsCarryStatementAndCode) {
    try {
        conn_->execute("SELECT * FROM missing_table");
        FAIL() << "no error";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(e.sql(), "SELECT * FROM missing_table");
        EXPECT_EQ(e.sqlstate(), GetParam() == "sqlite" ? "1" : "42P01");
        EXPECT_NE(std::string(e.what()).find("missing_table"), std::string::npos) << e.what();
        EXPECT_EQ(e.exit_code(), 3);
    }
    EXPECT_EQ(conn_->query("SELECT 2").rows.at(0).at(0), std::optional<std::string>("2"))
        << "the connection stays usable";
}

TEST_P(ConnectionTest, ParametersTransactionsAndSavepoints) {
    conn_->execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL)");
    conn_->begin();
    EXPECT_TRUE(conn_->in_transaction());
    conn_->query("INSERT INTO t VALUES (?, ?, ?)", {std::int64_t{1}, std::string("x'y"), 2.5});
    conn_->savepoint("sp1");
    conn_->query("INSERT INTO t VALUES (?, ?, ?)", {std::int64_t{2}, nullptr, 0.0});
    conn_->rollback_to_savepoint("sp1");
    conn_->release_savepoint("sp1");
    conn_->commit();
    EXPECT_FALSE(conn_->in_transaction());
    ResultSet rs = conn_->query("SELECT a, b, c FROM t WHERE b = ?", {std::string("x'y")});
    ASSERT_EQ(rs.rows.size(), 1u);
    EXPECT_EQ(rs.rows[0][0], std::optional<std::string>("1"));
    EXPECT_EQ(rs.rows[0][1], std::optional<std::string>("x'y"));
    EXPECT_EQ(rs.rows[0][2], std::optional<std::string>("2.5"));
    conn_->begin();
    conn_->execute("INSERT INTO t VALUES (3, NULL, NULL)");
    conn_->rollback();
    EXPECT_EQ(conn_->query("SELECT count(*) FROM t").rows[0][0], std::optional<std::string>("1"));
}

TEST_P(ConnectionTest, FailedStatementInTransactionRollsBackEverything) {
    conn_->execute("CREATE TABLE t (a INTEGER PRIMARY KEY)");
    conn_->begin();
    conn_->execute("INSERT INTO t VALUES (1)");
    EXPECT_THROW(conn_->execute("INSERT INTO t VALUES (1)"), DatabaseError);
    conn_->rollback();
    EXPECT_EQ(conn_->query("SELECT count(*) FROM t").rows[0][0], std::optional<std::string>("0"));
}

TEST_P(ConnectionTest, StatementsAreCountedAndEchoed) {
    std::vector<std::string> echoed;
    conn_->set_echo([&](const std::string& sql) { echoed.push_back(sql); });
    size_t before = conn_->statement_count();
    conn_->execute("SELECT 1");
    conn_->query("SELECT ?", {std::int64_t{5}});
    EXPECT_EQ(conn_->statement_count() - before, 2u);
    EXPECT_EQ(echoed, (std::vector<std::string>{"SELECT 1", "SELECT ?"}));
}

INSTANTIATE_TEST_SUITE_P(Dialects, ConnectionTest, ::testing::ValuesIn(test::test_dialects()),
                         [](const auto& info) { return info.param; });

class PostgresConnectionTest : public ::testing::Test {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE("postgresql");
        db_ = test::make_test_database("postgresql");
    }
    std::unique_ptr<Connection> connect(const std::string& query) {
        return orm::connect(DatabaseUrl::parse(db_->url() + query));
    }
    std::unique_ptr<test::TestDatabase> db_;
};

TEST_F(PostgresConnectionTest, UrlOptionsReachTheSession) {
    auto conn = connect("?application_name=deploy-42&statement_timeout=150&lock_timeout=75");
    auto rs = conn->query(
        "SELECT current_setting('application_name'), current_setting('statement_timeout'), "
        "current_setting('lock_timeout')");
    EXPECT_EQ(rs.rows[0][0], std::optional<std::string>("deploy-42"));
    EXPECT_EQ(rs.rows[0][1], std::optional<std::string>("150ms"));
    EXPECT_EQ(rs.rows[0][2], std::optional<std::string>("75ms"));
    try {
        conn->execute("SELECT pg_sleep(2)");
        FAIL() << "statement_timeout not applied";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(e.sqlstate(), "57014");  // query_canceled
    }
}

TEST_F(PostgresConnectionTest, SetTimeoutsAppliesToTheSession) {
    auto conn = connect("");
    static_cast<postgresql::PgConnection&>(*conn).set_timeouts(0, 250);
    EXPECT_EQ(conn->query("SELECT current_setting('lock_timeout')").rows[0][0],
              std::optional<std::string>("250ms"));
}

TEST_F(PostgresConnectionTest, LostConnectionIsItsOwnError) {
    auto victim = connect("");
    int pid = static_cast<postgresql::PgConnection&>(*victim).backend_pid();
    auto killer = connect("");
    killer->query("SELECT pg_terminate_backend(?)", {std::int64_t{pid}});
    try {
        victim->execute("SELECT 1");
        FAIL() << "no error after the server ended the session";
    } catch (const ConnectionError& e) {
        EXPECT_NE(std::string(e.what()).find("lost the connection"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find(":migrate-test"), std::string::npos)
            << "password shown";
    }
}

TEST_F(PostgresConnectionTest, UnmanagedObjectsAreListedNotMistakenForTables) {
    auto conn = connect("");
    conn->execute_script(R"sql(
        CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
        CREATE TABLE items (id integer PRIMARY KEY, qty posint);
        CREATE VIEW v_items AS SELECT id FROM items;
        CREATE MATERIALIZED VIEW mv_items AS SELECT id FROM items;
        CREATE SEQUENCE free_seq;
        CREATE TABLE measurements (at date NOT NULL, v int) PARTITION BY RANGE (at);
        CREATE TABLE measurements_2026 PARTITION OF measurements
            FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
        CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE SCHEMA other;
        CREATE TABLE other.hidden (id integer);)sql");
    ReflectedSchema s = conn->dialect().inspector().reflect(*conn, {});
    std::vector<std::string> tables, unmanaged;
    for (const auto& t : s.metadata.tables) tables.push_back(t.qualified_name());
    for (const auto& u : s.unmanaged) unmanaged.push_back(u.kind + " " + u.name);
    EXPECT_EQ(tables, std::vector<std::string>{"items"}) << "default schema is public";
    for (const char* expected :
         {"domain posint", "view v_items", "materialized view mv_items", "sequence free_seq",
          "partitioned table measurements", "partition measurements_2026", "function touch",
          "trigger items_touch"})
        EXPECT_NE(std::find(unmanaged.begin(), unmanaged.end(), expected), unmanaged.end())
            << expected;
    EXPECT_EQ(s.metadata.tables[0].columns[1].type, SqlType::dialect("posint"));

    ReflectOptions only_other;
    only_other.schemas = {"other"};
    ReflectedSchema o = conn->dialect().inspector().reflect(*conn, only_other);
    ASSERT_EQ(o.metadata.tables.size(), 1u);
    EXPECT_EQ(o.metadata.tables[0].qualified_name(), "other.hidden");
}

}  // namespace
}  // namespace migrate::orm
