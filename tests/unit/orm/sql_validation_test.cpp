// Text the tool pastes into SQL: script splitting per dialect (as sqlite3 and psql split),
// dialect type text that must be one type, index methods, and literals per dialect.

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "orm/dialect.h"
#include "orm/error.h"
#include "orm/model_file.h"
#include "orm/postgresql/statements.h"
#include "orm/schema/keywords.h"
#include "orm/schema/types.h"
#include "orm/sqlite/statements.h"

namespace migrate::orm {
namespace {

using Lines = std::vector<std::string>;

TEST(SqliteSplitTest, SplitsAtSemicolonsOutsideQuotesAndComments) {
    EXPECT_EQ(sqlite::split_statements("CREATE TABLE a (x); INSERT INTO a VALUES (1)"),
              (Lines{"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)"}));
    EXPECT_EQ(sqlite::split_statements(
                  "  -- lead\n INSERT INTO a VALUES ('x;y', \"c;d\", [e;f], `g;h`) /* ; */ ;;\n"
                  "SELECT 1 -- trailing ;\n;\n-- only a comment\n"),
              (Lines{"INSERT INTO a VALUES ('x;y', \"c;d\", [e;f], `g;h`)", "SELECT 1"}))
        << "comments after a statement's last token are left out";
    EXPECT_EQ(sqlite::split_statements("SELECT 'it''s; fine'"), (Lines{"SELECT 'it''s; fine'"}));
    EXPECT_TRUE(sqlite::split_statements(" ;; -- nothing\n/* at all */").empty());
}

TEST(SqliteSplitTest, TriggerBodiesKeepTheirSemicolons) {
    const std::string trigger =
        "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  UPDATE a SET x = CASE WHEN 1 THEN 2 END;\n"
        "  DELETE FROM b;\n"
        "END";
    EXPECT_EQ(sqlite::split_statements("SELECT 1;\n" + trigger + ";\nSELECT 2;"),
              (Lines{"SELECT 1", trigger, "SELECT 2"}));
}

TEST(SqliteSplitTest, OnlySeparators) {
    EXPECT_TRUE(sqlite::only_separators(""));
    EXPECT_TRUE(sqlite::only_separators(" ; -- x\n /* y */ ;"));
    EXPECT_FALSE(sqlite::only_separators(" ; DROP TABLE victim"));
}

TEST(PostgresqlSplitTest, SplitsAtSemicolonsOutsideQuotesCommentsAndBodies) {
    EXPECT_EQ(postgresql::split_statements("CREATE TABLE a (x int); INSERT INTO a VALUES (1);"),
              (Lines{"CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)"}));
    EXPECT_EQ(postgresql::split_statements(
                  "SELECT 'a;b', E'c\\';d', \"e;f\", $$g;h$$, $fn$ i; $$ ; $fn$, /* x /* ; */ "
                  "; */ $1;\n-- c;\nSELECT 2"),
              (Lines{"SELECT 'a;b', E'c\\';d', \"e;f\", $$g;h$$, $fn$ i; $$ ; $fn$, /* x /* ; */ "
                     "; */ $1",
                     "SELECT 2"}));
    EXPECT_EQ(postgresql::split_statements("SELECT 'x\\'; SELECT 3"),
              (Lines{"SELECT 'x\\'", "SELECT 3"}))
        << "a backslash escapes nothing in a standard string";
    EXPECT_EQ(postgresql::split_statements("CREATE RULE r AS ON INSERT TO a DO (NOTIFY a; NOTIFY "
                                           "b); SELECT 1"),
              (Lines{"CREATE RULE r AS ON INSERT TO a DO (NOTIFY a; NOTIFY b)", "SELECT 1"}));
    EXPECT_TRUE(postgresql::split_statements(";; -- none\n").empty());
}

TEST(PostgresqlSplitTest, SqlStandardFunctionBodies) {
    const std::string fn =
        "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
        "  SELECT CASE WHEN x > 0 THEN 1 END;\n"
        "  SELECT 2;\n"
        "END";
    EXPECT_EQ(postgresql::split_statements(fn + ";\nBEGIN;\nSELECT 1;\nEND;"),
              (Lines{fn, "BEGIN", "SELECT 1", "END"}));
}

TEST(SplitTest, LongInputIsLinearAndSafe) {
    const std::string quoted = "SELECT '" + std::string(200000, ';') + "'";
    EXPECT_EQ(sqlite::split_statements(quoted + ";" + quoted).size(), 2u);
    EXPECT_EQ(postgresql::split_statements(quoted + ";" + quoted).size(), 2u);
    EXPECT_TRUE(sqlite::split_statements(std::string(200000, ';')).empty());
}

TEST(DialectTypeTest, OneTypeNameIsAccepted) {
    for (const char* text :
         {"NVARCHAR(40)", "JSONB", "TEXT[]", "integer[3][]", "character varying(50)",
          "timestamp(6) with time zone", "double precision", "\"char\"", "public.citext",
          "geometry(Point, 4326)", "numeric(10, -2)", "INTERVAL DAY TO SECOND(3)",
          "UNSIGNED BIG INT"}) {
        std::string error;
        auto t = SqlType::parse(text, &error);
        ASSERT_TRUE(t) << text << ": " << error;
        EXPECT_EQ(t->kind(), TypeKind::kDialect);
        EXPECT_EQ(t->str(), text);
    }
}

TEST(DialectTypeTest, AnythingMoreIsRefused) {
    const std::pair<const char*, const char*> cases[] = {
        {"INTEGER); DROP TABLE victim; CREATE TABLE zz (a INTEGER", "it has an unbalanced ')'"},
        {"INTEGER; DROP TABLE victim", "it holds a ';', which would end the statement"},
        {"INTEGER -- x", "it holds a comment ('--')"},
        {"INTEGER /* x */", "it holds a comment ('/*')"},
        {"VARCHAR(10", "it has an unclosed '('"},
        {"TEXT[", "it has an unclosed '['"},
        {"INT, b INT", "a ',' outside parentheses starts a second column"},
        {"TEXT DEFAULT 'x'",
         "'DEFAULT' does not belong in a type; give defaults, keys, nullability and collations "
         "with their own keys"},
        {"INTEGER NOT NULL",
         "'NOT' does not belong in a type; give defaults, keys, nullability and collations with "
         "their own keys"},
        {"INTEGER REFERENCES victim",
         "'REFERENCES' does not belong in a type; give defaults, keys, nullability and "
         "collations with their own keys"},
        {"\"open", "it has an unclosed '\"'"},
        {"TEXT'", "it holds a quote ('), which a type name never has"},
        {"INT = 1", "the character '=' cannot be part of a type name"},
    };
    for (const auto& [text, why] : cases) {
        std::string error;
        EXPECT_FALSE(SqlType::parse(text, &error)) << text;
        EXPECT_EQ(error, "type '" + std::string(text) + "' is not one type name: " + why);
    }
}

TEST(DialectTypeTest, ModelInjectionIsAnErrorAtItsPosition) {
    const std::string yaml =
        "tables:\n"
        "  t:\n"
        "    columns:\n"
        "      a: {type: \"INTEGER); DROP TABLE victim; CREATE TABLE zz (a INTEGER\"}\n";
    try {
        load_models_from_string(yaml, "m.yaml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), "m.yaml:4:17");
        EXPECT_EQ(e.exit_code(), exit_code::kUsage);
    }
}

TEST(IndexMethodTest, PlainWordsOnly) {
    for (const char* ok : {"btree", "gin", "GIST", "spgist", "brin", "hash", "hnsw", "my_am2"})
        EXPECT_TRUE(is_index_method(ok)) << ok;
    for (const char* bad : {"", "gin (a); DROP TABLE v", "gin;", "2gin", "\"gin\"", "gin--"})
        EXPECT_FALSE(is_index_method(bad)) << bad;
    const std::string yaml =
        "tables:\n"
        "  t:\n"
        "    columns: {a: {type: Integer}}\n"
        "    indexes:\n"
        "      ix_a: {columns: [a], using: \"btree (a); DROP TABLE v; --\"}\n";
    try {
        load_models_from_string(yaml, "m.yaml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), "m.yaml:5:35");
        EXPECT_EQ(e.what_only(),
                  "bad index method 'btree (a); DROP TABLE v; --' in index 'ix_a' of table 't'; "
                  "an index method is one plain word: btree, hash, gist, spgist, gin, brin, or "
                  "an extension's method");
    }
}

TEST(LiteralTest, EachDialectSpellsValues) {
    const Dialect& lite = dialect_by_name("sqlite");
    const Dialect& pg = dialect_by_name("postgresql");
    EXPECT_EQ(lite.literal(true), "1");
    EXPECT_EQ(lite.literal(false), "0");
    EXPECT_EQ(pg.literal(true), "TRUE");
    EXPECT_EQ(pg.literal(false), "FALSE");
    for (const Dialect* d : {&lite, &pg}) {
        EXPECT_EQ(d->literal(nullptr), "NULL");
        EXPECT_EQ(d->literal(std::int64_t{-9223372036854775807LL - 1}), "-9223372036854775808");
        EXPECT_EQ(d->literal(0.1), "0.1");
        EXPECT_EQ(d->literal(1e300), "1e+300");
        EXPECT_EQ(d->literal(123456.789), "123456.789");
        EXPECT_EQ(d->literal(3.0), "3.0");
        EXPECT_EQ(d->literal(0.30000000000000004), "0.30000000000000004");
        EXPECT_EQ(d->literal(std::string("it's \\ \n ✓")), "'it''s \\ \n ✓'");
        EXPECT_THROW(d->literal(std::numeric_limits<double>::infinity()), UsageError);
        EXPECT_THROW(d->literal(std::numeric_limits<double>::quiet_NaN()), UsageError);
    }
    EXPECT_EQ(lite.literal(-0.0), "-0.0");
    EXPECT_EQ(pg.literal(-0.0), "'-0'") << "numeric -0.0 has no sign; the column type's own "
                                           "input function keeps it";
}

}  // namespace
}  // namespace migrate::orm
