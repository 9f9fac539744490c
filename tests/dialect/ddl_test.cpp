// Exact SQL emitted by each dialect's DDL compiler.

#include <gtest/gtest.h>

#include "orm/dialect.h"
#include "orm/postgresql/inspector.h"
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
    t.indexes.push_back(
        {"ix_customers_slug_rep", {{"slug", false}, {"rep_id", false}}, false, "", "", {}});
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
              "    \"id\" INTEGER,\n"
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
              "    \"id\" INTEGER CONSTRAINT \"pk_log\" PRIMARY KEY AUTOINCREMENT,\n"
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

TEST(PostgresqlDdlTest, CreateTableWithEveryConstraintKind) {
    const Dialect& d = dialect_by_name("postgresql");
    MetaData md = customers_schema();
    md.tables[0].comment = "People's accounts";
    md.tables[0].columns[1].comment = "login";
    md.tables[0].indexes[1].method = "gin";
    md.tables[0].indexes[1].include = {"email"};
    std::vector<std::string> sql = d.ddl().create_table(md.tables[0], md);
    ASSERT_EQ(sql.size(), 5u);
    EXPECT_EQ(sql[0],
              "CREATE TABLE \"customers\" (\n"
              "    \"id\" INTEGER GENERATED BY DEFAULT AS IDENTITY,\n"
              "    \"email\" VARCHAR(60) NOT NULL,\n"
              "    \"balance\" NUMERIC(12, 2) DEFAULT 0,\n"
              "    \"mood\" \"mood\",\n"
              "    \"created_at\" TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
              "    \"slug\" VARCHAR DEFAULT lower('X'),\n"
              "    \"rep_id\" INTEGER,\n"
              "    PRIMARY KEY (\"id\"),\n"
              "    UNIQUE (\"email\"),\n"
              "    CONSTRAINT \"uq_customers_slug_rep\" UNIQUE (\"slug\", \"rep_id\"),\n"
              "    CONSTRAINT \"fk_customers_rep\" FOREIGN KEY (\"rep_id\") REFERENCES "
              "\"employees\" (\"id\") ON DELETE SET NULL,\n"
              "    CONSTRAINT \"ck_balance\" CHECK (balance >= 0),\n"
              "    CHECK (email <> '')\n"
              ")");
    EXPECT_EQ(sql[1], "COMMENT ON TABLE \"customers\" IS 'People''s accounts'");
    EXPECT_EQ(sql[2], "COMMENT ON COLUMN \"customers\".\"email\" IS 'login'");
    EXPECT_EQ(sql[3],
              "CREATE UNIQUE INDEX \"ix_customers_email_lower\" ON \"customers\" (lower(email)) "
              "WHERE email IS NOT NULL");
    EXPECT_EQ(sql[4],
              "CREATE INDEX \"ix_customers_slug_rep\" ON \"customers\" USING gin (\"slug\", "
              "\"rep_id\") INCLUDE (\"email\")");
}

TEST(PostgresqlDdlTest, SchemasEnumsAndLaterForeignKeys) {
    const Dialect& d = dialect_by_name("postgresql");
    EnumType mood{"mood", "app", {"sad", "it's ok"}};
    EXPECT_EQ(d.ddl().create_schema("app"),
              std::vector<std::string>{"CREATE SCHEMA IF NOT EXISTS \"app\""});
    EXPECT_EQ(d.ddl().create_enum(mood),
              std::vector<std::string>{"CREATE TYPE \"app\".\"mood\" AS ENUM ('sad', 'it''s ok')"});
    EXPECT_EQ(d.ddl().drop_enum(mood), std::vector<std::string>{"DROP TYPE \"app\".\"mood\""});
    Table t;
    t.name = "orders";
    t.schema = "app";
    ForeignKey fk{"fk_o_c", {"customer_id"}, "crm", "customers", {"id"}, "CASCADE", ""};
    EXPECT_EQ(d.ddl().add_foreign_key(t, fk),
              std::optional<std::string>(
                  "ALTER TABLE \"app\".\"orders\" ADD CONSTRAINT \"fk_o_c\" FOREIGN KEY "
                  "(\"customer_id\") REFERENCES \"crm\".\"customers\" (\"id\") ON DELETE CASCADE"));
    EXPECT_EQ(dialect_by_name("sqlite").ddl().add_foreign_key(t, fk), std::nullopt);
    EXPECT_EQ(d.ddl().drop_table(t), "DROP TABLE \"app\".\"orders\"");
}

TEST(PostgresqlDdlTest, GenericTypeSpellings) {
    const Dialect& d = dialect_by_name("postgresql");
    MetaData md;
    md.enums.push_back({"e", "", {"a"}});
    auto sql = [&](const char* model) {
        std::string error;
        return d.ddl().type_sql(*SqlType::parse(model, &error), md);
    };
    EXPECT_EQ(sql("Float"), "DOUBLE PRECISION");
    EXPECT_EQ(sql("Numeric(8)"), "NUMERIC(8, 0)");
    EXPECT_EQ(sql("DateTime"), "TIMESTAMP WITHOUT TIME ZONE");
    EXPECT_EQ(sql("DateTime(timezone)"), "TIMESTAMP WITH TIME ZONE");
    EXPECT_EQ(sql("Time"), "TIME WITHOUT TIME ZONE");
    EXPECT_EQ(sql("LargeBinary"), "BYTEA");
    EXPECT_EQ(sql("Enum(e)"), "\"e\"");
    EXPECT_EQ(sql("JSONB"), "JSONB");
}

TEST(PostgresqlInspectorTextTest, VarcharInListIsReflectedInItsStableForm) {
    using postgresql::stable_array_casts;
    EXPECT_EQ(
        stable_array_casts("t::text = ANY (ARRAY['a'::character varying, "
                           "'b,]'::character varying]::text[])"),
        "t::text = ANY (ARRAY['a'::character varying::text, 'b,]'::character varying::text])");
    const std::string untouched = "x = ANY (ARRAY[1, 2]) AND y = ANY (ARRAY['a'::text]::text[])";
    EXPECT_EQ(stable_array_casts(untouched), untouched);
}

}  // namespace
}  // namespace migrate::orm
