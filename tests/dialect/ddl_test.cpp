// Exact SQL emitted by each dialect's DDL compiler.

#include <gtest/gtest.h>

#include "orm/dialect.h"
#include "orm/sqlite/ddl_compiler.h"

namespace migrate::orm {
namespace {

MetaData customers_schema() {
    MetaData md;
    md.enums.push_back({"mood", "", {"sad", "ok", "it's fine"}});
    Table t;
    t.name = "customers";
    t.columns = {
        {"id", SqlType::integer(), false, Autoincrement::kAuto, {}, {}, ""},
        {"email", SqlType::string(60), false, Autoincrement::kAuto, {}, {}, ""},
        {"balance", SqlType::numeric(12, 2), true, Autoincrement::kAuto, "0", {}, ""},
        {"mood", SqlType::enumeration("mood"), true, Autoincrement::kAuto, {}, {}, ""},
        {"created_at",
         SqlType::datetime(false),
         false,
         Autoincrement::kAuto,
         "CURRENT_TIMESTAMP",
         {},
         ""},
        {"slug", SqlType::string(), true, Autoincrement::kAuto, "lower('X')", {}, ""},
        {"rep_id", SqlType::integer(), true, Autoincrement::kAuto, {}, {}, ""},
    };
    t.primary_key = {"", {"id"}};
    t.unique_constraints.push_back({"", {"email"}});
    t.unique_constraints.push_back({"uq_customers_slug_rep", {"slug", "rep_id"}});
    t.foreign_keys.push_back(
        {"fk_customers_rep", {"rep_id"}, "", "employees", {"id"}, "SET NULL", ""});
    t.checks.push_back({"ck_balance", "balance >= 0"});
    t.checks.push_back({"", "email <> ''"});
    t.indexes.push_back(
        {"ix_customers_email_lower", {{"lower(email)", true}}, true, "email IS NOT NULL", "", {}});
    t.indexes.push_back({"ix_customers_slug_rep", {{"slug", false}, {"rep_id", false}}, false, "", "", {}});
    md.tables.push_back(t);
    return md;
}

TEST(SqliteDdlTest, CreateTableWithEveryConstraintKind) {
    const Dialect& d = dialect_by_name("sqlite");
    MetaData md = customers_schema();
    std::vector<std::string> sql = d.ddl().create_table(md.tables[0], md);
    ASSERT_EQ(sql.size(), 3u);
    EXPECT_EQ(sql[0],
              "CREATE TABLE \"customers\" (\n"
              "    \"id\" INTEGER NOT NULL,\n"
              "    \"email\" VARCHAR(60) NOT NULL,\n"
              "    \"balance\" NUMERIC(12, 2) DEFAULT 0,\n"
              "    \"mood\" VARCHAR(9),\n"
              "    \"created_at\" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
              "    \"slug\" VARCHAR DEFAULT (lower('X')),\n"
              "    \"rep_id\" INTEGER,\n"
              "    PRIMARY KEY (\"id\"),\n"
              "    UNIQUE (\"email\"),\n"
              "    CONSTRAINT \"uq_customers_slug_rep\" UNIQUE (\"slug\", \"rep_id\"),\n"
              "    CONSTRAINT \"fk_customers_rep\" FOREIGN KEY (\"rep_id\") REFERENCES "
              "\"employees\" (\"id\") ON DELETE SET NULL,\n"
              "    CONSTRAINT \"mood\" CHECK (\"mood\" IN ('sad', 'ok', 'it''s fine')),\n"
              "    CONSTRAINT \"ck_balance\" CHECK (balance >= 0),\n"
              "    CHECK (email <> '')\n"
              ")");
    EXPECT_EQ(sql[1],
              "CREATE UNIQUE INDEX \"ix_customers_email_lower\" ON \"customers\" (lower(email)) "
              "WHERE email IS NOT NULL");
    EXPECT_EQ(sql[2],
              "CREATE INDEX \"ix_customers_slug_rep\" ON \"customers\" (\"slug\", \"rep_id\")");
}

TEST(SqliteDdlTest, ExplicitAutoincrementIsAColumnConstraint) {
    const Dialect& d = dialect_by_name("sqlite");
    MetaData md;
    Table t;
    t.name = "log";
    t.columns = {{"id", SqlType::integer(), false, Autoincrement::kTrue, {}, {}, ""},
                 {"msg", SqlType(TypeKind::kText), true, Autoincrement::kAuto, {}, {}, ""}};
    t.primary_key = {"pk_log", {"id"}};
    EXPECT_EQ(d.ddl().create_table(t, md)[0],
              "CREATE TABLE \"log\" (\n"
              "    \"id\" INTEGER CONSTRAINT \"pk_log\" PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
              "    \"msg\" TEXT\n"
              ")");
}

TEST(SqliteDdlTest, DropStatementsAndQuoting) {
    const Dialect& d = dialect_by_name("sqlite");
    Table t;
    t.name = "Order \"Details\"";
    Index ix{"ix odd", {{"a", false}}, false, "", "", {}};
    EXPECT_EQ(d.ddl().drop_table(t), "DROP TABLE \"Order \"\"Details\"\"\"");
    EXPECT_EQ(d.ddl().drop_index(t, ix), "DROP INDEX \"ix odd\"");
    EXPECT_EQ(d.quote_literal("it's"), "'it''s'");
}

TEST(SqliteDdlTest, DefaultsThatAreNotLiteralsGetParentheses) {
    using sqlite::SqliteDdlCompiler;
    EXPECT_EQ(SqliteDdlCompiler::default_sql("0"), "0");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("-1.5e3"), "-1.5e3");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("'draft'"), "'draft'");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("NULL"), "NULL");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("current_timestamp"), "current_timestamp");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("X'00FF'"), "X'00FF'");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("datetime('now')"), "(datetime('now'))");
    EXPECT_EQ(SqliteDdlCompiler::default_sql("1 + 2"), "(1 + 2)");
}

TEST(SqliteDdlTest, GenericTypeSpellings) {
    const Dialect& d = dialect_by_name("sqlite");
    MetaData md;
    md.enums.push_back({"e", "", {"a", "bbb"}});
    auto sql = [&](const char* model) {
        std::string error;
        return d.ddl().type_sql(*SqlType::parse(model, &error), md);
    };
    EXPECT_EQ(sql("Integer"), "INTEGER");
    EXPECT_EQ(sql("SmallInteger"), "SMALLINT");
    EXPECT_EQ(sql("BigInteger"), "BIGINT");
    EXPECT_EQ(sql("Boolean"), "BOOLEAN");
    EXPECT_EQ(sql("String"), "VARCHAR");
    EXPECT_EQ(sql("String(5)"), "VARCHAR(5)");
    EXPECT_EQ(sql("Text"), "TEXT");
    EXPECT_EQ(sql("Float"), "FLOAT");
    EXPECT_EQ(sql("Numeric(10, 3)"), "NUMERIC(10, 3)");
    EXPECT_EQ(sql("Date"), "DATE");
    EXPECT_EQ(sql("DateTime"), "DATETIME");
    EXPECT_EQ(sql("DateTime(timezone)"), "TIMESTAMP WITH TIME ZONE");
    EXPECT_EQ(sql("Time"), "TIME");
    EXPECT_EQ(sql("Interval"), "INTERVAL");
    EXPECT_EQ(sql("LargeBinary"), "BLOB");
    EXPECT_EQ(sql("JSON"), "JSON");
    EXPECT_EQ(sql("UUID"), "UUID");
    EXPECT_EQ(sql("Enum(e)"), "VARCHAR(3)");
    EXPECT_EQ(sql("NVARCHAR(40)"), "NVARCHAR(40)");
}

}  // namespace
}  // namespace migrate::orm
