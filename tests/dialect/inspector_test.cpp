// SQLite reflection of hand-written DDL in the styles real schemas use.

#include <gtest/gtest.h>

#include "orm/dialect.h"
#include "orm/error.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

ReflectedSchema reflect_sql(const std::string& sql) {
    auto db = test::make_test_database("sqlite");
    auto conn = db->connect();
    conn->execute_script(sql);
    return conn->dialect().inspector().reflect(*conn, {});
}

const Table& table(const ReflectedSchema& s, const std::string& name) {
    const Table* t = s.metadata.find_table(name);
    if (!t) throw std::runtime_error("no table " + name);
    return *t;
}

TEST(SqliteInspectorTest, ColumnsTypesDefaultsAndKeys) {
    auto s = reflect_sql(R"(
        CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, [Name] NVARCHAR(120),
            CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId]));
        CREATE TABLE t (
            id integer primary key,
            price NUMERIC(10,2) DEFAULT 0 NOT NULL,
            made DATETIME DEFAULT (datetime('now')),
            label VARCHAR(20) DEFAULT 'x' CHECK (length(label) > 0),
            flag BOOLEAN,
            raw,
            CONSTRAINT ck_price CHECK (price >= 0)
        );)");
    const Table& artist = table(s, "Artist");
    EXPECT_EQ(artist.primary_key, (PrimaryKey{"PK_Artist", {"ArtistId"}}));
    EXPECT_EQ(artist.columns[1].type, SqlType::dialect("NVARCHAR(120)"));
    EXPECT_TRUE(artist.columns[1].nullable);
    const Table& t = table(s, "t");
    ASSERT_EQ(t.columns.size(), 6u);
    EXPECT_EQ(t.columns[0].type, SqlType::integer());
    EXPECT_FALSE(t.columns[0].nullable) << "an INTEGER PRIMARY KEY is never NULL";
    EXPECT_EQ(t.columns[1].type, SqlType::numeric(10, 2));
    EXPECT_EQ(t.columns[1].server_default, std::optional<std::string>("0"));
    EXPECT_FALSE(t.columns[1].nullable);
    EXPECT_EQ(t.columns[2].server_default, std::optional<std::string>("datetime('now')"));
    EXPECT_EQ(t.columns[3].type, SqlType::string(20));
    EXPECT_EQ(t.columns[3].server_default, std::optional<std::string>("'x'"));
    EXPECT_EQ(t.columns[4].type, SqlType(TypeKind::kBoolean));
    EXPECT_EQ(t.columns[5].type, SqlType(TypeKind::kLargeBinary));
    EXPECT_EQ(t.checks, (std::vector<CheckConstraint>{{"", "length(label) > 0"},
                                                      {"ck_price", "price >= 0"}}));
}

TEST(SqliteInspectorTest, AutoincrementKeyword) {
    auto s = reflect_sql(
        "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, v TEXT);"
        "CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT);");
    EXPECT_EQ(table(s, "a").columns[0].autoincrement, Autoincrement::kTrue);
    EXPECT_EQ(table(s, "b").columns[0].autoincrement, Autoincrement::kAuto);
    EXPECT_EQ(s.metadata.find_table("sqlite_sequence"), nullptr);
}

TEST(SqliteInspectorTest, ForeignKeysWithActionsNamesAndImplicitColumns) {
    auto s = reflect_sql(R"(
        CREATE TABLE parent (a INTEGER, b INTEGER, PRIMARY KEY (a, b));
        CREATE TABLE other (id INTEGER PRIMARY KEY);
        CREATE TABLE child (
            id INTEGER PRIMARY KEY,
            pa INTEGER, pb INTEGER,
            o INTEGER CONSTRAINT fk_child_other REFERENCES OTHER ON DELETE CASCADE,
            CONSTRAINT fk_child_parent FOREIGN KEY (pa, pb) REFERENCES parent (a, b)
                ON DELETE SET NULL ON UPDATE RESTRICT);)");
    const Table& child = table(s, "child");
    ASSERT_EQ(child.foreign_keys.size(), 2u);
    EXPECT_EQ(child.foreign_keys[0],
              (ForeignKey{"fk_child_other", {"o"}, "", "other", {"id"}, "CASCADE", ""}));
    EXPECT_EQ(
        child.foreign_keys[1],
        (ForeignKey{
            "fk_child_parent", {"pa", "pb"}, "", "parent", {"a", "b"}, "SET NULL", "RESTRICT"}));
}

TEST(SqliteInspectorTest, UniqueConstraintsAndIndexes) {
    auto s = reflect_sql(R"(
        CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT UNIQUE, a TEXT, b TEXT,
                        CONSTRAINT uq_ab UNIQUE (a, b));
        CREATE INDEX ix_plain ON u (a, b);
        CREATE UNIQUE INDEX ix_expr ON u (lower(email)) WHERE email IS NOT NULL;
        CREATE INDEX ix_desc ON u (a DESC, "b");)");
    const Table& u = table(s, "u");
    EXPECT_EQ(u.unique_constraints,
              (std::vector<UniqueConstraint>{{"uq_ab", {"a", "b"}}, {"", {"email"}}}));
    ASSERT_EQ(u.indexes.size(), 3u);
    // A sort order is an option of a column key, not an expression.
    ASSERT_EQ(u.indexes[0].name, "ix_desc");
    ASSERT_EQ(u.indexes[0].elements.size(), 2u);
    EXPECT_EQ(u.indexes[0].elements[0].text, "a");
    EXPECT_FALSE(u.indexes[0].elements[0].expression);
    EXPECT_TRUE(u.indexes[0].elements[0].descending);
    EXPECT_EQ(u.indexes[0].elements[1].text, "b");
    EXPECT_FALSE(u.indexes[0].elements[1].descending);
    EXPECT_EQ(u.indexes[1],
              (Index{"ix_expr", {{"lower(email)", true}}, true, "email IS NOT NULL", {}, {}}));
    EXPECT_EQ(u.indexes[2], (Index{"ix_plain", {{"a", false}, {"b", false}}, false, "", {}, {}}));
}

TEST(SqliteInspectorTest, ViewsTriggersAndVirtualTablesAreNotManaged) {
    auto s = reflect_sql(R"(
        CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);
        CREATE VIEW v AS SELECT id FROM t;
        CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 1; END;
        CREATE VIRTUAL TABLE search USING fts4(body);)");
    std::vector<std::string> tables;
    for (const auto& t : s.metadata.tables) tables.push_back(t.name);
    EXPECT_EQ(tables, std::vector<std::string>{"t"});
    std::vector<std::string> unmanaged;
    for (const auto& u : s.unmanaged) unmanaged.push_back(u.kind + " " + u.name);
    EXPECT_NE(std::find(unmanaged.begin(), unmanaged.end(), "view v"), unmanaged.end());
    EXPECT_NE(std::find(unmanaged.begin(), unmanaged.end(), "trigger trg"), unmanaged.end());
    EXPECT_NE(std::find(unmanaged.begin(), unmanaged.end(), "virtual table search"),
              unmanaged.end());
    EXPECT_NE(std::find(unmanaged.begin(), unmanaged.end(), "shadow table search_content"),
              unmanaged.end());
}

TEST(SqliteInspectorTest, EnumCheckReadsBackAsEnumOnlyInItsExactForm) {
    auto s = reflect_sql(R"(
        CREATE TABLE a (m VARCHAR(5), CONSTRAINT "mood" CHECK ("m" IN ('sad', 'ok', 'happy')));
        CREATE TABLE b (m VARCHAR(5), CONSTRAINT "other" CHECK (m IN ('sad', 'ok', 'happy')));)");
    EXPECT_EQ(table(s, "a").columns[0].type, SqlType::enumeration("mood"));
    EXPECT_TRUE(table(s, "a").checks.empty());
    ASSERT_EQ(s.metadata.enums.size(), 1u);
    EXPECT_EQ(s.metadata.enums[0], (EnumType{"mood", "", {"sad", "ok", "happy"}}));
    EXPECT_EQ(table(s, "b").columns[0].type, SqlType::string(5));
    EXPECT_EQ(table(s, "b").checks.size(), 1u);
}

}  // namespace
}  // namespace migrate::orm
