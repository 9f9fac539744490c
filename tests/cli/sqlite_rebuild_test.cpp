// SQLite table rebuilds keep rows, indexes, CHECKs, triggers and the children pointing at the
// rebuilt table (children with ON DELETE CASCADE keep their rows).

#include <gtest/gtest.h>

#include <filesystem>

#include "orm/error.h"
#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

class SqliteRebuildTest : public ::testing::Test {
  protected:
    CommandResult run(std::vector<std::string> args) {
        return run_migrate(
            args, dir_.path().string(),
            {"MIGRATE_URL=sqlite:///" + dir_.file("app.db"), "DATABASE_URL=", "MIGRATE_CONFIG="});
    }
    void revision(const std::string& id, const std::string& upgrade, const std::string& downgrade) {
        ASSERT_EQ(run({"revision", "-m", id, "--rev-id", id}).exit_code, 0);
        for (const auto& e : fs::directory_iterator(dir_.path() / "migrations" / "versions")) {
            if (e.path().filename().string().rfind(id, 0) != 0) continue;
            std::string text = read_file(e.path().string());
            text = text.substr(0, text.find("upgrade:")) + "upgrade:\n" + upgrade + "downgrade:\n" +
                   downgrade;
            write_file(e.path().string(), text);
        }
    }
    std::string one(const std::string& sql) {
        auto conn = orm::connect(orm::DatabaseUrl::parse("sqlite:///" + dir_.file("app.db")));
        auto rs = conn->query(sql);
        return rs.rows.empty() ? "<none>" : rs.rows[0][0].value_or("NULL");
    }
    TempDir dir_;
};

TEST_F(SqliteRebuildTest, TypeAndNullabilityChangeKeepsEverything) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    revision(
        "r1",
        "  - create_table:\n"
        "      name: parent\n"
        "      columns:\n"
        "        id: {type: Integer, primary_key: true}\n"
        "        code: {type: String(10)}\n"
        "        amount: {type: Integer}\n"
        "      indexes:\n"
        "        ix_parent_code: {columns: [code]}\n"
        "      checks:\n"
        "        - {name: ck_parent_amount, condition: \"amount >= 0\"}\n"
        "  - create_table:\n"
        "      name: child_cascade\n"
        "      columns:\n"
        "        id: {type: Integer, primary_key: true}\n"
        "        parent_id: {type: Integer, nullable: false, foreign_key: parent.id, ondelete: "
        "CASCADE}\n"
        "  - create_table:\n"
        "      name: child_plain\n"
        "      columns:\n"
        "        id: {type: Integer, primary_key: true}\n"
        "        parent_id: {type: Integer, foreign_key: parent.id}\n"
        "  - sql: \"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
        "10000) "
        "INSERT INTO parent (id, code, amount) SELECT i, 'c' || i, i FROM n\"\n"
        "  - sql: \"INSERT INTO child_cascade (id, parent_id) SELECT id, id FROM parent\"\n"
        "  - sql: \"INSERT INTO child_plain (id, parent_id) SELECT id, id FROM parent WHERE id <= "
        "500\"\n"
        "  - sql: \"CREATE TRIGGER parent_guard BEFORE DELETE ON parent BEGIN SELECT 1; END\"\n",
        "  - drop_table: {name: child_plain}\n  - drop_table: {name: child_cascade}\n"
        "  - drop_table: {name: parent}\n");
    revision("r2",
             "  - alter_column: {table: parent, column: code, type: Text, nullable: false, "
             "existing_type: String(10), existing_nullable: true}\n"
             "  - alter_column: {table: parent, column: amount, type: BigInteger, existing_type: "
             "Integer}\n",
             "  - alter_column: {table: parent, column: code, type: String(10), nullable: true, "
             "existing_type: Text, existing_nullable: false}\n");
    auto up = run({"upgrade", "head", "--echo"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    // Both changes to `parent` share one rebuild.
    size_t rebuilds = 0;
    for (size_t p = 0;
         (p = up.err.find("CREATE TABLE \"_migrate_rebuild_parent\"", p)) != std::string::npos; ++p)
        ++rebuilds;
    EXPECT_EQ(rebuilds, 1u) << up.err;

    EXPECT_EQ(one("SELECT count(*) FROM parent"), "10000");
    EXPECT_EQ(one("SELECT count(*) FROM child_cascade"), "10000");
    EXPECT_EQ(one("SELECT count(*) FROM child_plain"), "500");
    EXPECT_EQ(one("SELECT count(*) FROM pragma_foreign_key_check"), "0");
    EXPECT_EQ(one("SELECT type FROM pragma_table_info('parent') WHERE name = 'code'"), "TEXT");
    EXPECT_EQ(one("SELECT \"notnull\" FROM pragma_table_info('parent') WHERE name = 'code'"), "1");
    EXPECT_EQ(one("SELECT type FROM pragma_table_info('parent') WHERE name = 'amount'"), "BIGINT");
    EXPECT_EQ(
        one("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'ix_parent_code'"),
        "ix_parent_code");
    EXPECT_EQ(one("SELECT name FROM sqlite_master WHERE type = 'trigger'"), "parent_guard");
    EXPECT_NE(one("SELECT sql FROM sqlite_master WHERE name = 'parent'").find("ck_parent_amount"),
              std::string::npos);
    EXPECT_EQ(one("SELECT name FROM sqlite_master WHERE name LIKE '_migrate_rebuild%'"), "<none>");
    // The children still point at the rebuilt parent: deleting a parent cascades.
    auto conn = orm::connect(orm::DatabaseUrl::parse("sqlite:///" + dir_.file("app.db")));
    conn->execute("DELETE FROM child_plain WHERE parent_id = 7");
    conn->execute("DELETE FROM parent WHERE id = 7");
    EXPECT_EQ(one("SELECT count(*) FROM child_cascade"), "9999");
    // The CHECK survived.
    EXPECT_THROW(conn->execute("INSERT INTO parent (id, code, amount) VALUES (20000, 'x', -1)"),
                 migrate::DatabaseError);

    auto down = run({"downgrade", "r1"});
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_EQ(one("SELECT \"notnull\" FROM pragma_table_info('parent') WHERE name = 'code'"), "0");
    EXPECT_EQ(one("SELECT count(*) FROM parent"), "9999");
}

TEST_F(SqliteRebuildTest, RebuildThatBreaksForeignKeysIsRolledBack) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    revision("r1",
             "  - create_table: {name: p, columns: {id: {type: Integer, primary_key: true}}}\n"
             "  - create_table: {name: c, columns: {id: {type: Integer, primary_key: true}, pid: "
             "{type: Integer}}}\n"
             "  - sql: \"INSERT INTO c (id, pid) VALUES (1, 42)\"\n",
             "  - drop_table: {name: c}\n  - drop_table: {name: p}\n");
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    revision(
        "r2",
        "  - create_foreign_key: {table: c, name: fk_c_p, columns: [pid], references: p(id)}\n",
        "  - drop_constraint: {table: c, name: fk_c_p, type: foreignkey}\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find("foreign keys point nowhere"), std::string::npos) << r.err;
    EXPECT_EQ(one("SELECT count(*) FROM migrate_version"), "1");
    EXPECT_EQ(one("SELECT sql FROM sqlite_master WHERE name = 'c'").find("fk_c_p"),
              std::string::npos);
}

}  // namespace
}  // namespace migrate::test
