// SQLite tables exactly as SQLite holds them: every construct the model holds survives
// reflect -> create-all and a table rebuild; what it cannot hold makes a rebuild refuse;
// foreign keys are enforced in data migrations and checked after every rebuild.
//
// The oracle is SQLite itself: its pragmas (columns, indexes with their order and collation,
// foreign keys, table kinds), sqlite_sequence, and the behaviour a construct promises
// (a NOCASE unique key, a deferred foreign key), never the tool's own reflection.

#include <gtest/gtest.h>

#include "orm/dialect.h"
#include "orm/error.h"
#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

// Sets `transaction_mode` in the project's migrate.yaml.
void set_mode(const std::filesystem::path& dir, const std::string& mode) {
    const std::string path = (dir / "migrate.yaml").string();
    std::string text = read_file(path);
    const size_t at = text.find("transaction_mode: ");
    text.replace(at, text.find('\n', at) - at, "transaction_mode: " + mode);
    write_file(path, text);
}

// Every construct of the model that SQLite has, created by hand.
const char* const kConstructs = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT COLLATE NOCASE NOT NULL,
  first TEXT,
  last TEXT,
  full TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL,
  first_len INTEGER GENERATED ALWAYS AS (length(first)) STORED,
  CONSTRAINT uq_users_email UNIQUE (email)
);
CREATE INDEX ix_users_last ON users (last COLLATE NOCASE DESC, first);
CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY, n INTEGER) WITHOUT ROWID, STRICT;
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  user_id INTEGER,
  CONSTRAINT fk_orders_users FOREIGN KEY (user_id) REFERENCES users (id)
    ON DELETE CASCADE MATCH FULL DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO users (email, first, last) VALUES ('a@x.org', 'Ann', 'Lee'), ('b@x.org', 'Bo', 'Kim'),
  ('c@x.org', 'Cy', 'Ray');
DELETE FROM users WHERE id = 3;
INSERT INTO kv VALUES ('a', 1, 1), ('b', 'two', 2);
INSERT INTO orders VALUES (1, 1), (2, 2);
)sql";

class SqliteFidelityTest : public ::testing::Test {
  protected:
    std::string url(const std::string& db) const { return "sqlite:///" + dir_.file(db); }
    CommandResult run(const std::string& db, std::vector<std::string> args) {
        return run_migrate(args, dir_.path().string(),
                           {"MIGRATE_URL=" + url(db), "DATABASE_URL=", "MIGRATE_CONFIG="});
    }
    std::unique_ptr<orm::Connection> open(const std::string& db) {
        return orm::connect(orm::DatabaseUrl::parse(url(db)));
    }
    std::string one(const std::string& db, const std::string& sql) {
        auto rs = open(db)->query(sql);
        return rs.rows.empty() ? "<none>" : rs.rows[0][0].value_or("NULL");
    }
    void revision(const std::string& db, const std::string& id, const std::string& upgrade) {
        ASSERT_EQ(run(db, {"revision", "-m", id, "--rev-id", id}).exit_code, 0);
        for (const auto& e :
             std::filesystem::directory_iterator(dir_.path() / "migrations" / "versions")) {
            if (e.path().filename().string().rfind(id, 0) != 0) continue;
            std::string text = read_file(e.path().string());
            write_file(e.path().string(), text.substr(0, text.find("upgrade:")) + "upgrade:\n" +
                                              upgrade + "downgrade:\n  - sql: \"SELECT 1\"\n");
        }
    }

    std::string file_of(const std::string& id) const {
        for (const auto& e :
             std::filesystem::directory_iterator(dir_.path() / "migrations" / "versions"))
            if (e.path().filename().string().rfind(id + "_", 0) == 0) return e.path().string();
        return "";
    }

    // What SQLite says about every table, index and foreign key, in a stable order.
    std::string oracle(const std::string& db) {
        auto conn = open(db);
        std::string out;
        auto dump = [&](const std::string& sql) {
            for (const auto& row : conn->query(sql).rows) {
                for (const auto& v : row) out += v.value_or("NULL") + "|";
                out += "\n";
            }
        };
        dump(
            "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name "
            "NOT LIKE 'sqlite_%' AND name <> 'migrate_version' ORDER BY name");
        dump(
            "SELECT m.name, p.* FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE "
            "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'migrate_version' "
            "ORDER BY m.name, p.cid");
        dump(
            "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ix.seqno, ix.name, "
            "ix.desc, ix.coll, ix.key FROM sqlite_master m JOIN pragma_index_list(m.name) il "
            "JOIN pragma_index_xinfo(il.name) ix WHERE m.type = 'table' AND m.name <> "
            "'migrate_version' ORDER BY m.name, il.origin, il.name, ix.seqno");
        dump(
            "SELECT m.name, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete, "
            "f.match FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = "
            "'table' ORDER BY m.name, f.id, f.seq");
        return out;
    }

    // What the constructs promise, tried on the database.
    void expect_behaviour(const std::string& db) {
        auto conn = open(db);
        // COLLATE NOCASE on a unique column: case-insensitive uniqueness.
        EXPECT_THROW(conn->execute("INSERT INTO users (email) VALUES ('A@X.ORG')"),
                     migrate::DatabaseError);
        // A deferred foreign key may be broken until COMMIT.
        conn->begin();
        EXPECT_NO_THROW(conn->execute("INSERT INTO orders VALUES (90, 999)"));
        conn->execute("DELETE FROM orders WHERE id = 90");
        conn->commit();
        EXPECT_EQ(one(db, "SELECT full FROM users WHERE id = 1"), "Ann Lee");
    }

    TempDir dir_;
};

TEST_F(SqliteFidelityTest, ReflectThenCreateAllGivesTheSameSchema) {
    open("a.db")->execute_script(kConstructs);
    ASSERT_EQ(run("a.db", {"init"}).exit_code, 0);
    auto reflected = run("a.db", {"reflect", "-o", "models.yaml", "--force"});
    ASSERT_EQ(reflected.exit_code, 0) << reflected.err;
    EXPECT_EQ(reflected.err.find("not modelled"), std::string::npos) << reflected.err;
    auto created = run("b.db", {"create-all"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_EQ(oracle("b.db"), oracle("a.db"));
    open("b.db")->execute_script(
        "INSERT INTO users (email, first, last) VALUES ('a@x.org', 'Ann', 'Lee');"
        "INSERT INTO orders VALUES (1, 1)");
    expect_behaviour("b.db");
}

TEST_F(SqliteFidelityTest, RebuildKeepsEveryConstructEveryRowAndTheAutoincrementCounter) {
    open("a.db")->execute_script(kConstructs);
    const std::string before = oracle("a.db");
    ASSERT_EQ(run("a.db", {"init"}).exit_code, 0);
    revision("a.db", "r1",
             "  - alter_column: {table: users, column: first, nullable: false}\n"
             "  - alter_column: {table: kv, column: n, nullable: false}\n"
             "  - alter_column: {table: orders, column: user_id, nullable: false}\n");
    auto up = run("a.db", {"upgrade", "head", "--echo"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    ASSERT_NE(up.err.find("_migrate_rebuild_users"), std::string::npos) << up.err;
    // Only the three NOT NULL flags differ.
    std::string expected = before;
    for (const std::string col :
         {"users|2|first|TEXT|0", "kv|2|n|INTEGER|0", "orders|1|user_id|INTEGER|0"}) {
        size_t at = expected.find(col);
        ASSERT_NE(at, std::string::npos) << col;
        expected[at + col.size() - 1] = '1';
    }
    EXPECT_EQ(oracle("a.db"), expected);
    EXPECT_EQ(one("a.db", "SELECT count(*) FROM users"), "2");
    EXPECT_EQ(one("a.db", "SELECT group_concat(k || '=' || v) FROM kv"), "a=1,b=two");
    EXPECT_EQ(one("a.db", "SELECT count(*) FROM orders"), "2");
    // The counter stood at 3 (row 3 was deleted): the next key is 4, not 3.
    EXPECT_EQ(one("a.db", "SELECT seq FROM sqlite_sequence WHERE name = 'users'"), "3");
    open("a.db")->execute("INSERT INTO users (email, first) VALUES ('d@x.org', 'Di')");
    EXPECT_EQ(one("a.db", "SELECT max(id) FROM users"), "4");
    expect_behaviour("a.db");
    // ON DELETE CASCADE still reaches the orders.
    open("a.db")->execute("DELETE FROM users WHERE id = 1");
    EXPECT_EQ(one("a.db", "SELECT count(*) FROM orders"), "1");
}

// A rebuild recreates a table from the model: what the model cannot hold would be lost.
TEST_F(SqliteFidelityTest, RebuildOfWhatTheModelCannotHoldRefusesAndChangesNothing) {
    open("a.db")->execute_script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL ON CONFLICT REPLACE "
        "DEFAULT 'x', note TEXT);"
        "CREATE VIRTUAL TABLE docs USING fts4(body);"
        "INSERT INTO t (name, note) VALUES ('a', 'n');");
    const std::string kSchema =
        "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE name <> "
        "'migrate_version' ORDER BY name)";
    const std::string schema_before = one("a.db", kSchema);
    ASSERT_EQ(run("a.db", {"init"}).exit_code, 0);

    auto inspected = run("a.db", {"inspect"});
    ASSERT_EQ(inspected.exit_code, 0) << inspected.err;
    EXPECT_NE(inspected.out.find("ON CONFLICT REPLACE"), std::string::npos) << inspected.out;

    revision("a.db", "r1", "  - alter_column: {table: t, column: note, nullable: false}\n");
    auto r = run("a.db", {"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find("ON CONFLICT REPLACE"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("table 't'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("`sql` operation"), std::string::npos) << r.err;

    // A shadow table of a full-text index is SQLite's own: never rebuilt.
    const std::string r1 = file_of("r1");
    std::string text = read_file(r1);
    write_file(r1, text.substr(0, text.find("upgrade:")) +
                       "upgrade:\n  - alter_column: {table: docs_content, column: c0body, "
                       "nullable: false}\ndowngrade: []\n");
    r = run("a.db", {"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find("shadow table"), std::string::npos) << r.err;

    EXPECT_EQ(one("a.db", kSchema), schema_before);
    EXPECT_EQ(one("a.db", "SELECT group_concat(name || note) FROM t"), "an");
    EXPECT_EQ(one("a.db", "SELECT count(*) FROM migrate_version"), "0");
}

TEST_F(SqliteFidelityTest, OnDeleteCascadeFiresInADataMigration) {
    ASSERT_EQ(run("a.db", {"init"}).exit_code, 0);
    revision("a.db", "r1",
             "  - create_table: {name: p, columns: {id: {type: Integer, primary_key: true}}}\n"
             "  - create_table:\n"
             "      name: c\n"
             "      columns:\n"
             "        id: {type: Integer, primary_key: true}\n"
             "        pid: {type: Integer, foreign_key: p.id, ondelete: CASCADE}\n"
             "  - sql: \"INSERT INTO p (id) VALUES (1), (2)\"\n"
             "  - sql: \"INSERT INTO c (id, pid) VALUES (1, 1), (2, 2)\"\n");
    revision("a.db", "r2", "  - sql: \"DELETE FROM p WHERE id = 1\"\n");
    for (const char* mode : {"per_migration", "none", "all"}) {
        SCOPED_TRACE(mode);
        std::filesystem::remove(dir_.file("a.db"));
        set_mode(dir_.path(), mode);
        auto r = run("a.db", {"upgrade", "head"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(one("a.db", "SELECT group_concat(id) FROM c"), "2");
    }
}

TEST_F(SqliteFidelityTest, OfflineRebuildOfATableRawSqlTouchedIsRefused) {
    ASSERT_EQ(run("a.db", {"init"}).exit_code, 0);
    revision("a.db", "r1",
             "  - create_table: {name: t, columns: {id: {type: Integer, primary_key: true}, "
             "name: {type: Text}}}\n");
    revision("a.db", "r2",
             "  - sql: \"CREATE TRIGGER t_guard BEFORE DELETE ON t BEGIN SELECT 1; END\"\n");
    revision("a.db", "r3", "  - alter_column: {table: t, column: name, nullable: false}\n");
    // r3 alone, starting after r1, rebuilds a table nothing raw touched: fine.
    auto ok = run("a.db", {"upgrade", "r1:r2", "--sql"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    auto r = run("a.db", {"upgrade", "head", "--sql"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("revision r2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("table 't'"), std::string::npos) << r.err;
    // Online, the database shows the trigger, and the rebuild keeps it.
    auto online = run("a.db", {"upgrade", "head"});
    ASSERT_EQ(online.exit_code, 0) << online.err;
    EXPECT_EQ(one("a.db", "SELECT name FROM sqlite_master WHERE type = 'trigger'"), "t_guard");
}

TEST_F(SqliteFidelityTest, ForeignKeysAreCheckedAfterARebuildInEveryMode) {
    for (const char* mode : {"all", "per_migration", "none"}) {
        SCOPED_TRACE(mode);
        TempDir dir;
        auto env = std::vector<std::string>{"MIGRATE_URL=sqlite:///" + dir.file("a.db"),
                                            "DATABASE_URL=", "MIGRATE_CONFIG="};
        ASSERT_EQ(run_migrate({"init"}, dir.path().string(), env).exit_code, 0);
        set_mode(dir.path(), mode);
        auto write = [&](const std::string& id, const std::string& upgrade) {
            ASSERT_EQ(run_migrate({"revision", "-m", id, "--rev-id", id}, dir.path().string(), env)
                          .exit_code,
                      0);
            std::string path =
                (dir.path() / "migrations" / "versions" / (id + "_" + id + ".yaml")).string();
            std::string text = read_file(path);
            write_file(path, text.substr(0, text.find("upgrade:")) + "upgrade:\n" + upgrade +
                                 "downgrade:\n  - sql: \"SELECT 1\"\n");
        };
        write("r1",
              "  - create_table: {name: p, columns: {id: {type: Integer, primary_key: true}}}\n"
              "  - create_table: {name: c, columns: {id: {type: Integer, primary_key: true}, "
              "pid: {type: Integer}}}\n"
              "  - sql: \"INSERT INTO c (id, pid) VALUES (1, 42)\"\n");
        write("r2",
              "  - create_foreign_key: {table: c, name: fk_c_p, columns: [pid], references: "
              "p(id)}\n");
        ASSERT_EQ(run_migrate({"upgrade", "r1"}, dir.path().string(), env).exit_code, 0);
        auto r = run_migrate({"upgrade", "head"}, dir.path().string(), env);
        EXPECT_EQ(r.exit_code, 4) << r.err;
        EXPECT_NE(r.err.find("revision r2"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("point nowhere"), std::string::npos) << r.err;
        auto conn = orm::connect(orm::DatabaseUrl::parse("sqlite:///" + dir.file("a.db")));
        EXPECT_EQ(conn->query("SELECT sql FROM sqlite_master WHERE name = 'c'")
                      .rows[0][0]
                      ->find("fk_c_p"),
                  std::string::npos);
        EXPECT_EQ(
            conn->query("SELECT count(*) FROM migrate_version WHERE revision = 'r2'").rows[0][0],
            "0");
    }
}

}  // namespace
}  // namespace migrate::test
