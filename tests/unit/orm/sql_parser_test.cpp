#include "orm/sqlite/sql_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrate::orm::sqlite {
namespace {

using Names = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// unquote_identifier

TEST(SqliteSqlParserTest, UnquoteIdentifierRemovesEachQuotingStyle) {
    EXPECT_EQ(unquote_identifier(R"("a""b")"), R"(a"b)");
    EXPECT_EQ(unquote_identifier("[x y]"), "x y");
    EXPECT_EQ(unquote_identifier("`x`"), "x");
    EXPECT_EQ(unquote_identifier("`a``b`"), "a`b");
    EXPECT_EQ(unquote_identifier("'x'"), "x");
    EXPECT_EQ(unquote_identifier("'it''s'"), "it's");
    EXPECT_EQ(unquote_identifier(R"("")"), "");
}

TEST(SqliteSqlParserTest, UnquoteIdentifierKeepsUnquotedAndMalformedTokens) {
    EXPECT_EQ(unquote_identifier("plain_Name"), "plain_Name");
    EXPECT_EQ(unquote_identifier(""), "");
    EXPECT_EQ(unquote_identifier(R"(")"), R"(")");
    EXPECT_EQ(unquote_identifier(R"("abc)"), R"("abc)");
    EXPECT_EQ(unquote_identifier(R"([abc")"), R"([abc")");
    EXPECT_EQ(unquote_identifier(R"("a"b")"), R"("a"b")");  // two tokens, not one
    EXPECT_EQ(unquote_identifier("[a]]"), "[a]]");          // brackets have no escape
}

// ---------------------------------------------------------------------------------------------
// CREATE TABLE: columns

TEST(SqliteSqlParserTest, SimpleTableReadsNamesAndTypes) {
    auto table = parse_create_table("CREATE TABLE users (id INTEGER, email TEXT NOT NULL)");
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->name, "users");
    ASSERT_EQ(table->columns.size(), 2u);
    EXPECT_EQ(table->columns[0].name, "id");
    EXPECT_EQ(table->columns[0].type, "INTEGER");
    EXPECT_FALSE(table->columns[0].not_null);
    EXPECT_FALSE(table->columns[0].default_text.has_value());
    EXPECT_EQ(table->columns[1].name, "email");
    EXPECT_EQ(table->columns[1].type, "TEXT");
    EXPECT_TRUE(table->columns[1].not_null);
    EXPECT_TRUE(table->constraints.empty());
    EXPECT_FALSE(table->without_rowid);
    EXPECT_FALSE(table->strict);
}

TEST(SqliteSqlParserTest, ColumnWithoutType) {
    auto table = parse_create_table("CREATE TABLE t (a, b NOT NULL, c PRIMARY KEY)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 3u);
    EXPECT_EQ(table->columns[0].name, "a");
    EXPECT_EQ(table->columns[0].type, "");
    EXPECT_EQ(table->columns[1].type, "");
    EXPECT_TRUE(table->columns[1].not_null);
    EXPECT_EQ(table->columns[2].type, "");
    EXPECT_TRUE(table->columns[2].primary_key);
}

TEST(SqliteSqlParserTest, MultiWordTypesWithArgumentsAreVerbatim) {
    auto table = parse_create_table(
        "CREATE TABLE t (a DOUBLE PRECISION NOT NULL, b UNSIGNED BIG INT, c VARCHAR(20), "
        "d DECIMAL(10, 2) DEFAULT 0, e NATIVE CHARACTER (70), f BLOB SUB_TYPE TEXT DEFAULT NULL, "
        "g \"custom type\", h DECIMAL(-1, +2))");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 8u);
    EXPECT_EQ(table->columns[0].type, "DOUBLE PRECISION");
    EXPECT_TRUE(table->columns[0].not_null);
    EXPECT_EQ(table->columns[1].type, "UNSIGNED BIG INT");
    EXPECT_EQ(table->columns[2].type, "VARCHAR(20)");
    EXPECT_EQ(table->columns[3].type, "DECIMAL(10, 2)");
    EXPECT_EQ(table->columns[3].default_text, "0");
    EXPECT_EQ(table->columns[4].type, "NATIVE CHARACTER (70)");
    EXPECT_EQ(table->columns[5].type, "BLOB SUB_TYPE TEXT");
    EXPECT_EQ(table->columns[5].default_text, "NULL");
    EXPECT_EQ(table->columns[6].type, "\"custom type\"");
    EXPECT_EQ(table->columns[7].type, "DECIMAL(-1, +2)");
}

TEST(SqliteSqlParserTest, ChinookBracketIdentifiersAndNamedPrimaryKey) {
    const char* sql =
        "CREATE TABLE [Album]\n"
        "(\n"
        "    [AlbumId] INTEGER  NOT NULL,\n"
        "    [Title] NVARCHAR(160)  NOT NULL,\n"
        "    [ArtistId] INTEGER  NOT NULL,\n"
        "    CONSTRAINT [PK_Album] PRIMARY KEY  ([AlbumId]),\n"
        "    FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) \n"
        "\t\tON DELETE NO ACTION ON UPDATE NO ACTION\n"
        ")";
    auto table = parse_create_table(sql);
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->name, "Album");
    ASSERT_EQ(table->columns.size(), 3u);
    EXPECT_EQ(table->columns[0].name, "AlbumId");
    EXPECT_EQ(table->columns[1].name, "Title");
    EXPECT_EQ(table->columns[1].type, "NVARCHAR(160)");
    EXPECT_TRUE(table->columns[2].not_null);
    ASSERT_EQ(table->constraints.size(), 2u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kPrimaryKey);
    EXPECT_EQ(table->constraints[0].name, "PK_Album");
    EXPECT_EQ(table->constraints[0].columns, Names{"AlbumId"});
    EXPECT_EQ(table->constraints[1].kind, ConstraintKind::kForeignKey);
    EXPECT_EQ(table->constraints[1].name, "");
    EXPECT_EQ(table->constraints[1].columns, Names{"ArtistId"});
    EXPECT_EQ(table->constraints[1].referred_table, "Artist");
    EXPECT_EQ(table->constraints[1].referred_columns, Names{"ArtistId"});
}

TEST(SqliteSqlParserTest, NorthwindCrlfAndTypeRightAfterBracketName) {
    const char* sql =
        "CREATE TABLE [Order Details](\r\n"
        "   [OrderID]INTEGER NOT NULL,\r\n"
        "   [ProductID]INTEGER NOT NULL,\r\n"
        "   [UnitPrice]NUMERIC NOT NULL DEFAULT 0,\r\n"
        "   [Quantity]INTEGER NOT NULL DEFAULT 1,\r\n"
        "   [Discount]REAL NOT NULL DEFAULT 0,\r\n"
        "    PRIMARY KEY (\"OrderID\",\"ProductID\"),\r\n"
        "    CHECK ([Discount]>=(0) AND [Discount]<=(1)),\r\n"
        "    CHECK ([Quantity]>(0)),\r\n"
        "    CHECK ([UnitPrice]>=(0)),\r\n"
        "\tFOREIGN KEY ([OrderID]) REFERENCES [Orders] ([OrderID]) \r\n"
        "\t\tON DELETE NO ACTION ON UPDATE NO ACTION,\r\n"
        "\tFOREIGN KEY ([ProductID]) REFERENCES [Products] ([ProductID]) \r\n"
        "\t\tON DELETE NO ACTION ON UPDATE NO ACTION\r\n"
        ")";
    auto table = parse_create_table(sql);
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->name, "Order Details");
    ASSERT_EQ(table->columns.size(), 5u);
    EXPECT_EQ(table->columns[0].name, "OrderID");
    EXPECT_EQ(table->columns[0].type, "INTEGER");
    EXPECT_EQ(table->columns[2].name, "UnitPrice");
    EXPECT_EQ(table->columns[2].type, "NUMERIC");
    EXPECT_EQ(table->columns[2].default_text, "0");
    EXPECT_EQ(table->columns[3].default_text, "1");
    EXPECT_EQ(table->columns[4].type, "REAL");
    ASSERT_EQ(table->constraints.size(), 6u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kPrimaryKey);
    EXPECT_EQ(table->constraints[0].columns, (Names{"OrderID", "ProductID"}));
    EXPECT_EQ(table->constraints[1].kind, ConstraintKind::kCheck);
    EXPECT_EQ(table->constraints[1].check_text, "[Discount]>=(0) AND [Discount]<=(1)");
    EXPECT_EQ(table->constraints[2].check_text, "[Quantity]>(0)");
    EXPECT_EQ(table->constraints[3].check_text, "[UnitPrice]>=(0)");
    EXPECT_EQ(table->constraints[4].kind, ConstraintKind::kForeignKey);
    EXPECT_EQ(table->constraints[4].referred_table, "Orders");
    EXPECT_EQ(table->constraints[5].columns, Names{"ProductID"});
    EXPECT_EQ(table->constraints[5].referred_table, "Products");
    EXPECT_EQ(table->constraints[5].referred_columns, Names{"ProductID"});
}

TEST(SqliteSqlParserTest, SakilaColumnCheckAndCurrentTimestampDefault) {
    auto table = parse_create_table(
        "CREATE TABLE film (\n"
        "  rating VARCHAR(10) DEFAULT 'G' CHECK(rating in ('G','PG','PG-13','R','NC-17')),\n"
        "  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
        ")");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 2u);
    EXPECT_EQ(table->columns[0].default_text, "'G'");
    ASSERT_EQ(table->columns[0].checks.size(), 1u);
    EXPECT_EQ(table->columns[0].checks[0].name, "");
    EXPECT_EQ(table->columns[0].checks[0].text, "rating in ('G','PG','PG-13','R','NC-17')");
    EXPECT_EQ(table->columns[1].type, "TIMESTAMP");
    EXPECT_TRUE(table->columns[1].not_null);
    EXPECT_EQ(table->columns[1].default_text, "CURRENT_TIMESTAMP");
    EXPECT_TRUE(table->constraints.empty());
}

TEST(SqliteSqlParserTest, SakilaNamedMultiLineTableCheckIsVerbatim) {
    auto table = parse_create_table(
        "CREATE TABLE film (\n"
        "  special_features VARCHAR(100) DEFAULT NULL,\n"
        "  PRIMARY KEY  (film_id),\n"
        "  CONSTRAINT CHECK_special_features CHECK(special_features is null or\n"
        "        special_features like '%Trailers%' or\n"
        "        special_features like '%Deleted Scenes%'),\n"
        "  CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES language "
        "(language_id) ,\n"
        "  CONSTRAINT fk_customer_store FOREIGN KEY (store_id) REFERENCES store (store_id) "
        "ON DELETE NO ACTION ON UPDATE CASCADE\n"
        ")");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->constraints.size(), 4u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kPrimaryKey);
    EXPECT_EQ(table->constraints[0].name, "");
    EXPECT_EQ(table->constraints[1].kind, ConstraintKind::kCheck);
    EXPECT_EQ(table->constraints[1].name, "CHECK_special_features");
    EXPECT_EQ(table->constraints[1].check_text,
              "special_features is null or\n"
              "        special_features like '%Trailers%' or\n"
              "        special_features like '%Deleted Scenes%'");
    EXPECT_EQ(table->constraints[2].name, "fk_film_language");
    EXPECT_EQ(table->constraints[2].referred_table, "language");
    EXPECT_EQ(table->constraints[3].name, "fk_customer_store");
    EXPECT_EQ(table->constraints[3].columns, Names{"store_id"});
}

TEST(SqliteSqlParserTest, ZoteroBareKeywordLikeColumnNameAndComments) {
    auto table = parse_create_table(
        "CREATE TABLE items (\n"
        "    itemID INTEGER PRIMARY KEY, -- the row id\n"
        "    key TEXT NOT NULL, /* ;--- not the end */\n"
        "    UNIQUE (libraryID, key),\n"
        "    FOREIGN KEY (libraryID) REFERENCES libraries(libraryID) ON DELETE CASCADE\n"
        ")");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 2u);
    EXPECT_EQ(table->columns[0].name, "itemID");
    EXPECT_TRUE(table->columns[0].primary_key);
    EXPECT_FALSE(table->columns[0].autoincrement);
    EXPECT_EQ(table->columns[1].name, "key");
    EXPECT_EQ(table->columns[1].type, "TEXT");
    ASSERT_EQ(table->constraints.size(), 2u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kUnique);
    EXPECT_EQ(table->constraints[0].columns, (Names{"libraryID", "key"}));
    EXPECT_EQ(table->constraints[1].referred_table, "libraries");
}

TEST(SqliteSqlParserTest, CommentsInsideDefinitionsAreSkippedOrKeptVerbatim) {
    auto table = parse_create_table(
        "CREATE TABLE t ( -- opening comment, with (parens\n"
        "  a INTEGER /* type */ NOT NULL -- ) trailing\n"
        "  , b /* no type */ TEXT,\n"
        "  c INT CHECK ( /* lead */ c > 0 /* inner */ AND c < 9 -- trailing )\n"
        "  )\n"
        ") -- after");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 3u);
    EXPECT_EQ(table->columns[0].type, "INTEGER");
    EXPECT_TRUE(table->columns[0].not_null);
    EXPECT_EQ(table->columns[1].name, "b");
    EXPECT_EQ(table->columns[1].type, "TEXT");
    ASSERT_EQ(table->columns[2].checks.size(), 1u);
    // Comments at the edges are dropped with the white space; a trailing line comment
    // kept there would swallow the closing parenthesis when the text is emitted again.
    EXPECT_EQ(table->columns[2].checks[0].text, "c > 0 /* inner */ AND c < 9");
}

TEST(SqliteSqlParserTest, NestedParenthesesInCheck) {
    auto table =
        parse_create_table("CREATE TABLE t (a INT, b INT, CHECK (a IN (1,2) AND (b > 0)), c INT)");
    // A column after a table constraint is a syntax error in SQLite.
    EXPECT_FALSE(table.has_value());
    table = parse_create_table("CREATE TABLE t (a INT, b INT, CHECK (a IN (1,2) AND (b > 0)))");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->constraints.size(), 1u);
    EXPECT_EQ(table->constraints[0].check_text, "a IN (1,2) AND (b > 0)");
}

TEST(SqliteSqlParserTest, StringsWithParensCommasAndQuotesInCheck) {
    auto table = parse_create_table(
        "CREATE TABLE t (x TEXT CHECK (x <> 'a,)b''c'), y TEXT DEFAULT ')(,', z BLOB)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 3u);
    ASSERT_EQ(table->columns[0].checks.size(), 1u);
    EXPECT_EQ(table->columns[0].checks[0].text, "x <> 'a,)b''c'");
    EXPECT_EQ(table->columns[1].default_text, "')(,'");
    EXPECT_EQ(table->columns[2].name, "z");
}

TEST(SqliteSqlParserTest, QuotedKeywordsAreColumnNames) {
    auto table = parse_create_table(
        "CREATE TABLE \"select\" (\"check\" TEXT, [primary] INT, `unique` INT, "
        "\"default\" INTEGER DEFAULT 1, 'constraint' \"NOT\", \"a\"\"b\" x)");
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->name, "select");
    ASSERT_EQ(table->columns.size(), 6u);
    EXPECT_EQ(table->columns[0].name, "check");
    EXPECT_EQ(table->columns[0].type, "TEXT");
    EXPECT_EQ(table->columns[1].name, "primary");
    EXPECT_FALSE(table->columns[1].primary_key);
    EXPECT_EQ(table->columns[2].name, "unique");
    EXPECT_FALSE(table->columns[2].unique);
    EXPECT_EQ(table->columns[3].name, "default");
    EXPECT_EQ(table->columns[3].default_text, "1");
    EXPECT_EQ(table->columns[4].name, "constraint");
    EXPECT_EQ(table->columns[4].type, "\"NOT\"");
    EXPECT_FALSE(table->columns[4].not_null);
    EXPECT_EQ(table->columns[5].name, "a\"b");
    EXPECT_TRUE(table->constraints.empty());
}

TEST(SqliteSqlParserTest, ColumnPrimaryKeyAutoincrement) {
    auto table = parse_create_table(
        "CREATE TABLE [Categories]\n(      [CategoryID] INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "       [CategoryName] TEXT)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 2u);
    EXPECT_TRUE(table->columns[0].primary_key);
    EXPECT_TRUE(table->columns[0].autoincrement);
    EXPECT_EQ(table->columns[0].primary_key_name, "");
    EXPECT_FALSE(table->columns[1].primary_key);
    EXPECT_FALSE(table->columns[1].autoincrement);
}

TEST(SqliteSqlParserTest, PrimaryKeyWithOrderConflictClauseAndAutoincrement) {
    auto table = parse_create_table(
        "create table t (id integer constraint pk primary key asc on conflict replace "
        "autoincrement not null)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 1u);
    EXPECT_TRUE(table->columns[0].primary_key);
    EXPECT_EQ(table->columns[0].primary_key_name, "pk");
    EXPECT_TRUE(table->columns[0].autoincrement);
    EXPECT_TRUE(table->columns[0].not_null);
}

TEST(SqliteSqlParserTest, TableLevelPrimaryKeyAutoincrementMarksTheColumn) {
    auto table = parse_create_table(
        "CREATE TABLE t (ID INTEGER, b TEXT, PRIMARY KEY (\"id\" AUTOINCREMENT))");
    ASSERT_TRUE(table.has_value());
    EXPECT_TRUE(table->columns[0].autoincrement);
    EXPECT_FALSE(table->columns[0].primary_key);
    EXPECT_FALSE(table->columns[1].autoincrement);
    ASSERT_EQ(table->constraints.size(), 1u);
    EXPECT_EQ(table->constraints[0].columns, Names{"id"});
}

TEST(SqliteSqlParserTest, NamedColumnConstraintsOfEachKind) {
    auto table = parse_create_table(
        "CREATE TABLE t (\n"
        "  a INTEGER CONSTRAINT a_pk PRIMARY KEY,\n"
        "  b TEXT CONSTRAINT b_nn NOT NULL CONSTRAINT b_uq UNIQUE ON CONFLICT ABORT,\n"
        "  c INT CONSTRAINT c_ck CHECK (c > 0) CHECK (c < 10),\n"
        "  d INT CONSTRAINT d_fk REFERENCES parent (id),\n"
        "  e INT UNIQUE REFERENCES other\n"
        ")");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 5u);
    EXPECT_EQ(table->columns[0].primary_key_name, "a_pk");
    EXPECT_TRUE(table->columns[1].not_null);
    EXPECT_TRUE(table->columns[1].unique);
    EXPECT_EQ(table->columns[1].unique_name, "b_uq");
    ASSERT_EQ(table->columns[2].checks.size(), 2u);
    EXPECT_EQ(table->columns[2].checks[0].name, "c_ck");
    EXPECT_EQ(table->columns[2].checks[0].text, "c > 0");
    EXPECT_EQ(table->columns[2].checks[1].name, "");
    EXPECT_EQ(table->columns[2].checks[1].text, "c < 10");
    EXPECT_TRUE(table->columns[3].references);
    EXPECT_EQ(table->columns[3].references_name, "d_fk");
    EXPECT_EQ(table->columns[3].referred_table, "parent");
    EXPECT_EQ(table->columns[3].referred_columns, Names{"id"});
    EXPECT_TRUE(table->columns[4].unique);
    EXPECT_EQ(table->columns[4].unique_name, "");
    EXPECT_TRUE(table->columns[4].references);
    EXPECT_EQ(table->columns[4].references_name, "");
    EXPECT_TRUE(table->constraints.empty());
}

TEST(SqliteSqlParserTest, NamedTableConstraintsOfEachKindInSourceOrder) {
    auto table = parse_create_table(
        "CREATE TABLE t (a INT, b INT, c INT,\n"
        "  CONSTRAINT \"t pk\" PRIMARY KEY (a COLLATE NOCASE DESC, b ASC) ON CONFLICT FAIL,\n"
        "  CONSTRAINT t_uq UNIQUE ([b], `c`),\n"
        "  CONSTRAINT t_ck CHECK (a <> b) ON CONFLICT IGNORE,\n"
        "  CONSTRAINT t_fk FOREIGN KEY (c) REFERENCES p (x) DEFERRABLE INITIALLY DEFERRED,\n"
        "  UNIQUE (c)\n"
        ")");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->constraints.size(), 5u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kPrimaryKey);
    EXPECT_EQ(table->constraints[0].name, "t pk");
    EXPECT_EQ(table->constraints[0].columns, (Names{"a", "b"}));
    EXPECT_EQ(table->constraints[1].kind, ConstraintKind::kUnique);
    EXPECT_EQ(table->constraints[1].name, "t_uq");
    EXPECT_EQ(table->constraints[1].columns, (Names{"b", "c"}));
    EXPECT_EQ(table->constraints[2].kind, ConstraintKind::kCheck);
    EXPECT_EQ(table->constraints[2].name, "t_ck");
    EXPECT_EQ(table->constraints[2].check_text, "a <> b");
    EXPECT_EQ(table->constraints[3].kind, ConstraintKind::kForeignKey);
    EXPECT_EQ(table->constraints[3].name, "t_fk");
    EXPECT_EQ(table->constraints[3].referred_columns, Names{"x"});
    EXPECT_EQ(table->constraints[4].kind, ConstraintKind::kUnique);
    EXPECT_EQ(table->constraints[4].name, "");
}

TEST(SqliteSqlParserTest, TableConstraintsWithoutSeparatingCommas) {
    auto table = parse_create_table(
        "CREATE TABLE t (a INT, b INT, PRIMARY KEY (a) CONSTRAINT u UNIQUE (b) CHECK (a > b))");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->constraints.size(), 3u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kPrimaryKey);
    EXPECT_EQ(table->constraints[1].kind, ConstraintKind::kUnique);
    EXPECT_EQ(table->constraints[1].name, "u");
    EXPECT_EQ(table->constraints[2].kind, ConstraintKind::kCheck);
    EXPECT_EQ(table->constraints[2].name, "");
    EXPECT_EQ(table->constraints[2].check_text, "a > b");

    // A comma ends a dangling CONSTRAINT name; it does not carry over to the next constraint.
    table = parse_create_table("CREATE TABLE t (a INT, b INT, CONSTRAINT dangling, UNIQUE (b))");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->constraints.size(), 1u);
    EXPECT_EQ(table->constraints[0].kind, ConstraintKind::kUnique);
    EXPECT_EQ(table->constraints[0].name, "");
}

TEST(SqliteSqlParserTest, CompositePrimaryAndForeignKeys) {
    auto table = parse_create_table(
        "CREATE TABLE line (order_id INT, line_no INT, sku TEXT, warehouse TEXT,\n"
        "  PRIMARY KEY (order_id, line_no),\n"
        "  FOREIGN KEY (sku, warehouse) REFERENCES stock (sku, \"warehouse\") ON DELETE SET NULL\n"
        "    ON UPDATE SET DEFAULT MATCH SIMPLE NOT DEFERRABLE)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->constraints.size(), 2u);
    EXPECT_EQ(table->constraints[0].columns, (Names{"order_id", "line_no"}));
    EXPECT_EQ(table->constraints[1].columns, (Names{"sku", "warehouse"}));
    EXPECT_EQ(table->constraints[1].referred_table, "stock");
    EXPECT_EQ(table->constraints[1].referred_columns, (Names{"sku", "warehouse"}));
}

TEST(SqliteSqlParserTest, ForeignKeysWithoutReferredColumns) {
    auto table = parse_create_table(
        "CREATE TABLE t (a INT REFERENCES p ON DELETE CASCADE NOT NULL, b INT,\n"
        "  FOREIGN KEY (b) REFERENCES q)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 2u);
    EXPECT_TRUE(table->columns[0].references);
    EXPECT_EQ(table->columns[0].referred_table, "p");
    EXPECT_TRUE(table->columns[0].referred_columns.empty());
    EXPECT_TRUE(table->columns[0].not_null);
    ASSERT_EQ(table->constraints.size(), 1u);
    EXPECT_EQ(table->constraints[0].referred_table, "q");
    EXPECT_TRUE(table->constraints[0].referred_columns.empty());
}

TEST(SqliteSqlParserTest, ColumnReferencesWithActionsAndDeferral) {
    auto table = parse_create_table(
        "CREATE TABLE t (a INT REFERENCES p(id) ON UPDATE RESTRICT ON DELETE NO ACTION "
        "DEFERRABLE INITIALLY IMMEDIATE COLLATE BINARY, b INT NOT DEFERRABLE NULL,\n"
        "  c INT DEFERRABLE INITIALLY DEFERRED)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 3u);
    EXPECT_EQ(table->columns[0].referred_columns, Names{"id"});
    EXPECT_EQ(table->columns[0].collation, "BINARY");
    EXPECT_EQ(table->columns[1].type, "INT");
    EXPECT_FALSE(table->columns[1].not_null);
    // A deferral clause may stand on its own as a column constraint; it ends the type name.
    EXPECT_EQ(table->columns[2].type, "INT");
}

TEST(SqliteSqlParserTest, DefaultForms) {
    auto table = parse_create_table(
        "CREATE TABLE t (a INT DEFAULT -1, b REAL DEFAULT +2.5, c TEXT DEFAULT 'it''s',\n"
        "  d TEXT DEFAULT (datetime('now', 'localtime')), e BOOLEAN DEFAULT TRUE,\n"
        "  f BLOB DEFAULT x'00ff', g REAL DEFAULT 1e-3, h INT DEFAULT 0x1F NOT NULL,\n"
        "  i INT DEFAULT - 7, j TEXT DEFAULT \"word\", k INT)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 11u);
    EXPECT_EQ(table->columns[0].default_text, "-1");
    EXPECT_EQ(table->columns[1].default_text, "+2.5");
    EXPECT_EQ(table->columns[2].default_text, "'it''s'");
    EXPECT_EQ(table->columns[3].default_text, "(datetime('now', 'localtime'))");
    EXPECT_EQ(table->columns[4].default_text, "TRUE");
    EXPECT_EQ(table->columns[5].default_text, "x'00ff'");
    EXPECT_EQ(table->columns[6].default_text, "1e-3");
    EXPECT_EQ(table->columns[7].default_text, "0x1F");
    EXPECT_TRUE(table->columns[7].not_null);
    EXPECT_EQ(table->columns[8].default_text, "- 7");
    EXPECT_EQ(table->columns[9].default_text, "\"word\"");
    EXPECT_FALSE(table->columns[10].default_text.has_value());
}

TEST(SqliteSqlParserTest, ColumnCollation) {
    auto table = parse_create_table(
        "CREATE TABLE t (a TEXT COLLATE NOCASE NOT NULL, b TEXT COLLATE \"binary\", c TEXT)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 3u);
    EXPECT_EQ(table->columns[0].collation, "NOCASE");
    EXPECT_TRUE(table->columns[0].not_null);
    EXPECT_EQ(table->columns[1].collation, "binary");
    EXPECT_EQ(table->columns[2].collation, "");
}

TEST(SqliteSqlParserTest, GeneratedColumns) {
    auto table = parse_create_table(
        "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED,\n"
        "  c TEXT AS (lower(\"a\")), d INT AS (a + 1) VIRTUAL NOT NULL, e INT)");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->columns.size(), 5u);
    EXPECT_FALSE(table->columns[0].generated);
    EXPECT_TRUE(table->columns[1].generated);
    EXPECT_EQ(table->columns[1].type, "INT");
    EXPECT_TRUE(table->columns[2].generated);
    EXPECT_EQ(table->columns[2].type, "TEXT");
    EXPECT_TRUE(table->columns[3].generated);
    EXPECT_TRUE(table->columns[3].not_null);
    EXPECT_FALSE(table->columns[4].generated);
}

TEST(SqliteSqlParserTest, TableOptions) {
    auto table = parse_create_table("CREATE TABLE t (a INT PRIMARY KEY) WITHOUT ROWID");
    ASSERT_TRUE(table.has_value());
    EXPECT_TRUE(table->without_rowid);
    EXPECT_FALSE(table->strict);

    table = parse_create_table("CREATE TABLE t (a INT) strict");
    ASSERT_TRUE(table.has_value());
    EXPECT_FALSE(table->without_rowid);
    EXPECT_TRUE(table->strict);

    table = parse_create_table("CREATE TABLE t (a INT PRIMARY KEY) STRICT, without rowid;");
    ASSERT_TRUE(table.has_value());
    EXPECT_TRUE(table->without_rowid);
    EXPECT_TRUE(table->strict);
}

TEST(SqliteSqlParserTest, CreateTableHeaderVariants) {
    const std::vector<std::string> statements = {
        "CREATE TEMP TABLE t (a)",
        "create temporary table if not exists t (a);",
        "CREATE TABLE main.t (a)",
        "CREATE TABLE \"main\".\"t\"(a)",
        "CREATE TABLE IF NOT EXISTS [temp].[t] (a) -- done",
        "CREATE TABLE 't' (a)",
    };
    for (const std::string& sql : statements) {
        auto table = parse_create_table(sql);
        ASSERT_TRUE(table.has_value()) << sql;
        EXPECT_EQ(table->name, "t") << sql;
        ASSERT_EQ(table->columns.size(), 1u) << sql;
        EXPECT_EQ(table->columns[0].name, "a") << sql;
    }
}

TEST(SqliteSqlParserTest, VirtualTablesAndCreateTableAsSelectAreNotRead) {
    EXPECT_FALSE(parse_create_table("CREATE VIRTUAL TABLE event_search USING fts4 (content)"));
    EXPECT_FALSE(parse_create_table("CREATE TABLE copy AS SELECT * FROM t"));
    EXPECT_FALSE(parse_create_table("CREATE INDEX i ON t (a)"));
}

TEST(SqliteSqlParserTest, MalformedTableReturnsNullopt) {
    const std::vector<std::string> statements = {
        "",
        "   -- only a comment",
        "CREATE",
        "CREATE TABLE",
        "CREATE TABLE t",
        "CREATE TABLE t (",
        "CREATE TABLE t ()",
        "CREATE TABLE t (a INT",
        "CREATE TABLE t (a INT,",
        "CREATE TABLE t (a INT, )",
        "CREATE TABLE t (a INT))",
        "CREATE TABLE t (a INT) garbage",
        "CREATE TABLE t (a INT) WITHOUT",
        "CREATE TABLE t (a INT); CREATE TABLE u (b INT)",
        "CREATE TABLE t (a INT CHECK (a > 0)",
        "CREATE TABLE t (a INT CHECK (a > (0))",
        "CREATE TABLE t (a INT CHECK ())",
        "CREATE TABLE t (a INT CHECK a > 0)",
        "CREATE TABLE t (a INT DEFAULT)",
        "CREATE TABLE t (a INT DEFAULT (1)",
        "CREATE TABLE t (a INT REFERENCES)",
        "CREATE TABLE t (a INT REFERENCES p ON DELETE)",
        "CREATE TABLE t (a INT PRIMARY)",
        "CREATE TABLE t (a INT NOT)",
        "CREATE TABLE t (a INT GENERATED (a))",
        "CREATE TABLE t (a INT CONSTRAINT)",
        "CREATE TABLE t (a VARCHAR(10)",
        "CREATE TABLE t (a INT UNIQUE ON CONFLICT)",
        "CREATE TABLE t (a INT, PRIMARY KEY)",
        "CREATE TABLE t (a INT, PRIMARY KEY ())",
        "CREATE TABLE t (a INT, FOREIGN KEY (a) p (b))",
        "CREATE TABLE t (PRIMARY KEY (a))",
        "CREATE TABLE t (a TEXT DEFAULT 'unterminated)",
        "CREATE TABLE t (\"a INT)",
        "CREATE TABLE t ([a INT)",
        "CREATE TABLE t (`a INT)",
        "CREATE TABLE t (a BLOB DEFAULT x'00)",
    };
    for (const std::string& sql : statements) {
        EXPECT_FALSE(parse_create_table(sql).has_value()) << sql;
    }
}

TEST(SqliteSqlParserTest, EveryTruncationOfATableIsRejected) {
    const std::string sql =
        "CREATE TABLE [t] (\"id\" INTEGER CONSTRAINT pk PRIMARY KEY AUTOINCREMENT, "
        "b TEXT DEFAULT 'x' CHECK (b IN ('x', 'y')) REFERENCES p (id), "
        "CONSTRAINT u UNIQUE (b))";
    ASSERT_TRUE(parse_create_table(sql).has_value());
    for (size_t length = 0; length < sql.size(); ++length) {
        EXPECT_FALSE(parse_create_table(sql.substr(0, length)).has_value()) << length;
    }
}

// ---------------------------------------------------------------------------------------------
// CREATE INDEX

TEST(SqliteSqlParserTest, SimpleIndex) {
    auto index = parse_create_index("CREATE INDEX ix_t_a ON t (a)");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->name, "ix_t_a");
    EXPECT_EQ(index->table, "t");
    EXPECT_FALSE(index->unique);
    EXPECT_EQ(index->elements, Names{"a"});
    EXPECT_EQ(index->where, "");
}

TEST(SqliteSqlParserTest, UniqueIndexHeaderVariantsKeepQuotedElementsVerbatim) {
    auto index = parse_create_index(
        "create unique index if not exists main.\"ix u\" on [Order Details](\"a\" , [b],`c`);");
    ASSERT_TRUE(index.has_value());
    EXPECT_TRUE(index->unique);
    EXPECT_EQ(index->name, "ix u");
    EXPECT_EQ(index->table, "Order Details");
    EXPECT_EQ(index->elements, (Names{"\"a\"", "[b]", "`c`"}));
}

TEST(SqliteSqlParserTest, IndexElementsWithExpressionsOrderAndCollation) {
    auto index = parse_create_index(
        "CREATE INDEX ix ON users (lower(\"email\"), a DESC, b COLLATE NOCASE ASC, "
        "substr(c, 1, (2 + 3)))");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->elements, (Names{"lower(\"email\")", "a DESC", "b COLLATE NOCASE ASC",
                                      "substr(c, 1, (2 + 3))"}));
}

TEST(SqliteSqlParserTest, PartialIndexWhereIsVerbatim) {
    auto index = parse_create_index(
        "CREATE INDEX current_state_events_member_index ON current_state_events (state_key) "
        "WHERE type = 'm.room;member' AND (x IS NOT NULL);");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->elements, Names{"state_key"});
    EXPECT_EQ(index->where, "type = 'm.room;member' AND (x IS NOT NULL)");

    index = parse_create_index(
        "CREATE INDEX redactions_have_censored_ts ON redactions (received_ts) "
        "WHERE NOT have_censored");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->where, "NOT have_censored");
}

TEST(SqliteSqlParserTest, IndexWithCommentsAndCrlf) {
    auto index = parse_create_index(
        "CREATE INDEX ix\r\nON t (\r\n  a /* first */ , -- second follows\r\n  b DESC\r\n)\r\n"
        "WHERE a > 0 -- positive only\r\n");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->elements, (Names{"a", "b DESC"}));
    EXPECT_EQ(index->where, "a > 0");
}

TEST(SqliteSqlParserTest, MalformedIndexReturnsNullopt) {
    const std::vector<std::string> statements = {
        "",
        "CREATE INDEX",
        "CREATE INDEX ix",
        "CREATE INDEX ix ON",
        "CREATE INDEX ix ON t",
        "CREATE INDEX ix ON t (",
        "CREATE INDEX ix ON t ()",
        "CREATE INDEX ix ON t (a,)",
        "CREATE INDEX ix ON t (a b",
        "CREATE INDEX ix ON t (lower(a)",
        "CREATE INDEX ix ON t (a) x",
        "CREATE INDEX ix ON t (a) WHERE",
        "CREATE INDEX ix ON t (a) WHERE (b > 0",
        "CREATE INDEX ix ON t (a) WHERE b > 0)",
        "CREATE INDEX ix ON t (a) WHERE b = 'open",
        "CREATE INDEX ix ON t (a) WHERE b; DROP TABLE t",
        "CREATE UNIQUE TABLE t (a)",
        "CREATE TABLE t (a)",
    };
    for (const std::string& sql : statements) {
        EXPECT_FALSE(parse_create_index(sql).has_value()) << sql;
    }
}

TEST(SqliteSqlParserTest, EveryTruncationOfAnIndexIsRejectedUnlessItEndsBeforeWhere) {
    const std::string head = "CREATE UNIQUE INDEX ix ON t (lower(a), b DESC)";
    const std::string sql = head + " WHERE (c = 'x')";
    ASSERT_TRUE(parse_create_index(sql).has_value());
    for (size_t length = 0; length < sql.size(); ++length) {
        const std::string prefix = sql.substr(0, length);
        auto index = parse_create_index(prefix);
        if (prefix == head || prefix == head + " ") {
            ASSERT_TRUE(index.has_value()) << length;
            EXPECT_EQ(index->where, "");
        } else {
            EXPECT_FALSE(index.has_value()) << length;
        }
    }
}

}  // namespace
}  // namespace migrate::orm::sqlite
