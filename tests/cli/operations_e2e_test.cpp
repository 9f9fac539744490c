// End-to-end: every operation kind runs for real on SQLite and PostgreSQL through the
// `migrate` binary. Each upgrade's schema facts are read back with `migrate reflect`; each
// hand-written downgrade must give back exactly the schema before it; data survives renames
// and type changes. What a dialect cannot do fails with exit 4 naming the operation.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

class OperationsE2ETest : public ProjectTest {
  protected:
    void SetUp() override {
        ProjectTest::SetUp();
        if (IsSkipped()) return;
        ASSERT_EQ(run({"init"}).exit_code, 0);
    }

    bool ok(std::vector<std::string> args) {
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ":\n" << r.out << r.err;
        return r.exit_code == 0;
    }

    std::string reflect() {
        auto r = run({"reflect"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.out;
    }

    // One table's block of `migrate reflect` output ("" when the table is absent).
    static std::string section(const std::string& yaml, const std::string& table) {
        size_t at = yaml.find("\n  " + table + ":\n");
        if (at == std::string::npos) return "";
        size_t end = yaml.find("\n\n", at + 1);
        return yaml.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    }

    // True when a line of `block`, without its indentation, is exactly `line`.
    static bool has_line(const std::string& block, const std::string& line) {
        std::istringstream in(block);
        for (std::string l; std::getline(in, l);)
            if (l.substr(std::min(l.find_first_not_of(' '), l.size())) == line) return true;
        return false;
    }

    std::vector<std::string> rows(const std::string& sql) {
        auto conn = db_->connect();
        std::vector<std::string> out;
        for (const auto& row : conn->query(sql).rows) {
            std::string line;
            for (const auto& v : row) line += (line.empty() ? "" : "|") + v.value_or("NULL");
            out.push_back(line);
        }
        return out;
    }

    std::vector<std::string> tables() {
        auto conn = db_->connect();
        std::vector<std::string> out;
        for (const auto& t : conn->dialect().inspector().reflect(*conn, {}).metadata.tables)
            out.push_back(t.name);
        std::sort(out.begin(), out.end());
        return out;
    }

    std::vector<std::string> columns(const std::string& table) {
        auto conn = db_->connect();
        auto md = conn->dialect().inspector().reflect(*conn, {}).metadata;
        std::vector<std::string> out;
        if (const auto* t = md.find_table(table))
            for (const auto& c : t->columns) out.push_back(c.name);
        return out;
    }

    // r1: tables, seed rows. r2: column and table changes. r3: indexes and constraints.
    void write_table_revisions();
};

#define EXPECT_LINE(block, line) \
    EXPECT_TRUE(has_line(block, line)) << "no line " << line << "\n" << block

using Lines = std::vector<std::string>;

TEST_P(OperationsE2ETest, EveryTableOperationUpgradesDowngradesAndUpgradesAgain) {
    ASSERT_NO_FATAL_FAILURE(write_table_revisions());

    ASSERT_TRUE(ok({"upgrade", "r1"}));
    const std::string at_r1 = reflect();
    EXPECT_EQ(tables(), (Lines{"migrate_version", "posts", "scratch", "users"}));
    EXPECT_EQ(rows("SELECT id, user_id, title FROM posts ORDER BY id"),
              (Lines{"10|1|hello", "11|2|from " + GetParam()}))
        << "sql: one text, then the text for this dialect";
    ASSERT_TRUE(ok({"upgrade", "r2"}));
    const std::string at_r2 = reflect();
    ASSERT_TRUE(ok({"upgrade", "head"}));
    const std::string at_head = reflect();

    // r2 and r3, as the database reports them.
    EXPECT_EQ(tables(), (Lines{"articles", "migrate_version", "tags", "users"}));
    EXPECT_EQ(columns("users"), (Lines{"id", "email", "display_name", "score", "age"}))
        << "legacy dropped, name renamed, age added last";
    const std::string users = section(at_head, "users");
    EXPECT_LINE(users, "id: {type: Integer, primary_key: true}");
    EXPECT_LINE(users, "score: {type: Integer}") << "server_default removed";
    EXPECT_LINE(users, "age: {type: Integer, nullable: false, server_default: \"0\"}");
    EXPECT_LINE(users, "ix_users_age_partial: {columns: [age], where: age > 0}");
    EXPECT_LINE(users, "- {name: uq_users_display_name, columns: [display_name]}");
    EXPECT_LINE(users, "- {name: ck_users_age, condition: age >= 0}");
    EXPECT_EQ(users.find("uq_users_email"), std::string::npos) << users;
    EXPECT_EQ(users.find("ck_users_score"), std::string::npos) << users;
    if (pg()) {
        EXPECT_LINE(users, "comment: people");
        EXPECT_LINE(users, "email: {type: String(120), nullable: false, comment: login address}");
        EXPECT_LINE(users,
                    "display_name: {type: String(80), nullable: false, server_default: "
                    "\"'anon'::character varying\"}");
        EXPECT_LINE(users,
                    "ix_users_lower_email: {expressions: [lower(email::text)], unique: true}");
    } else {  // SQLite keeps no comments
        EXPECT_EQ(at_head.find("comment"), std::string::npos) << at_head;
        EXPECT_LINE(users, "email: {type: String(120), nullable: false}");
        EXPECT_LINE(
            users, "display_name: {type: String(80), nullable: false, server_default: \"'anon'\"}");
        EXPECT_LINE(users, "ix_users_lower_email: {expressions: [lower(email)], unique: true}");
    }
    const std::string articles = section(at_head, "articles");
    EXPECT_LINE(articles, "primary_key: {name: pk_articles, columns: [id]}");
    EXPECT_LINE(articles, "ix_articles_title: {columns: [title, user_id]}");
    EXPECT_LINE(articles,
                "- {name: fk_articles_user, columns: [user_id], references: users(id), ondelete: "
                "CASCADE}");
    EXPECT_EQ(articles.find("ix_posts_title"), std::string::npos) << articles;
    EXPECT_EQ(articles.find("fk_posts_user"), std::string::npos) << articles;
    EXPECT_LINE(section(at_head, "tags"), "primary_key: {name: pk_tags, columns: [name, rank]}");

    // Rows survive the rename, the type change and the column rename.
    const Lines seeded{"1|a@x.org|Ann|5|0", "2|b@x.org|O'Brien|5|0"};
    EXPECT_EQ(rows("SELECT id, email, display_name, score, age FROM users ORDER BY id"), seeded);
    EXPECT_EQ(rows("SELECT id, user_id, title FROM articles ORDER BY id"),
              (Lines{"10|1|hello", "11|2|from " + GetParam()}));
    EXPECT_EQ(rows("SELECT name, rank FROM tags ORDER BY rank"), (Lines{"a|1", "b|2"}));

    // Each downgrade gives back exactly the schema before its upgrade.
    ASSERT_TRUE(ok({"downgrade", "r2"}));
    EXPECT_EQ(reflect(), at_r2);
    ASSERT_TRUE(ok({"downgrade", "r1"}));
    EXPECT_EQ(reflect(), at_r1);
    EXPECT_EQ(rows("SELECT id, name, legacy FROM users ORDER BY id"),
              (Lines{"1|Ann|NULL", "2|O'Brien|NULL"}))
        << "names back in the old column; the dropped column comes back empty";
    ASSERT_TRUE(ok({"downgrade", "base"}));
    EXPECT_EQ(tables(), Lines{"migrate_version"});
    EXPECT_TRUE(rows("SELECT revision FROM migrate_version").empty());

    ASSERT_TRUE(ok({"upgrade", "head"}));
    EXPECT_EQ(reflect(), at_head);
    EXPECT_EQ(rows("SELECT id, email, display_name, score, age FROM users ORDER BY id"), seeded);

    // The new defaults, the expression index and the foreign key behave.
    auto conn = db_->connect();
    conn->execute("INSERT INTO users (id, email) VALUES (3, 'c@x.org')");
    EXPECT_EQ(rows("SELECT display_name, score, age FROM users WHERE id = 3"),
              Lines{"anon|NULL|0"});
    EXPECT_ANY_THROW(conn->execute("INSERT INTO users (id, email) VALUES (4, 'A@X.org')"))
        << "unique index on lower(email)";
    conn->execute("DELETE FROM users WHERE id = 1");
    EXPECT_EQ(rows("SELECT id FROM articles"), Lines{"11"}) << "ON DELETE CASCADE";
}

void OperationsE2ETest::write_table_revisions() {
    revision("r1", R"Y(  - create_table:
      name: users
      columns:
        id: {type: Integer, primary_key: true}
        email: {type: String(120), nullable: false}
        name: {type: String(40)}
        score: {type: Integer, server_default: "5"}
        legacy: {type: Text}
      unique_constraints:
        - {name: uq_users_email, columns: [email]}
      checks:
        - {name: ck_users_score, condition: "score < 1000"}
  - create_table:
      name: posts
      columns:
        id: {type: Integer}
        user_id: {type: Integer}
        title: {type: String(200)}
      primary_key: {name: pk_posts, columns: [id]}
      foreign_keys:
        - {name: fk_posts_user, columns: [user_id], references: users(id)}
      indexes:
        ix_posts_title: {columns: [title]}
  - create_table: {name: scratch, columns: {id: {type: Integer, primary_key: true}}}
  - bulk_insert:
      table: users
      rows:
        - {id: 1, email: a@x.org, name: Ann, legacy: old}
        - {id: 2, email: b@x.org, name: "O'Brien"}
  - sql: "INSERT INTO posts (id, user_id, title) VALUES (10, 1, 'hello')"
  - sql:
      sqlite: "INSERT INTO posts (id, user_id, title) VALUES (11, 2, 'from sqlite')"
      postgresql: "INSERT INTO posts (id, user_id, title) VALUES (11, 2, 'from postgresql')"
)Y",
             R"Y(  - drop_table: {name: scratch}
  - drop_table: {name: posts}
  - drop_table: {name: users}
)Y");
    revision("r2", R"Y(  - add_column:
      table: users
      column: {name: age, type: Integer, nullable: false, server_default: "0"}
  - alter_column: {table: users, column: name, type: String(80), nullable: false,
                   server_default: "'anon'"}
  - alter_column: {table: users, column: score, server_default: null}
  - alter_column: {table: users, column: email, comment: login address}
  - alter_column: {table: users, column: name, new_name: display_name}
  - drop_column: {table: users, column: legacy}
  - rename_table: {table: posts, new_name: articles}
  - set_table_comment: {table: users, comment: people}
)Y",
             R"Y(  - set_table_comment: {table: users, comment: null}
  - rename_table: {table: articles, new_name: posts}
  - add_column: {table: users, column: {name: legacy, type: Text}}
  - alter_column: {table: users, column: display_name, new_name: name}
  - alter_column: {table: users, column: email, comment: null}
  - alter_column: {table: users, column: score, server_default: "5"}
  - alter_column: {table: users, column: name, type: String(40), nullable: true,
                   server_default: null}
  - drop_column: {table: users, column: age}
)Y");
    revision(
        "r3", R"Y(  - create_index: {table: users, name: ix_users_lower_email,
                  expressions: ["lower(email)"], unique: true
}
  - create_index: {table: users, name: ix_users_age_partial, columns: [age], where: "age > 0"}
  - drop_index: {table: articles, name: ix_posts_title}
  - create_index: {table: articles, name: ix_articles_title, columns: [title, user_id]}
  - drop_constraint: {table: users, name: uq_users_email, type: unique}
  - create_unique_constraint: {table: users, name: uq_users_display_name, columns: [display_name]}
  - drop_constraint: {table: users, name: ck_users_score, type: check}
  - create_check_constraint: {table: users, name: ck_users_age, condition: "age >= 0"}
  - drop_constraint: {table: articles, name: fk_posts_user, type: foreignkey}
  - create_foreign_key: {table: articles, name: fk_articles_user, columns: [user_id],
                         references: users(id), ondelete: CASCADE}
  - drop_constraint: {table: articles, type: primary}
  - create_primary_key: {table: articles, name: pk_articles, columns: [id]}
  - create_table:
      name: tags
      columns:
        name: {type: String(30), nullable: false}
        rank: {type: Integer, nullable: false}
  - create_primary_key: {table: tags, name: pk_tags, columns: [name, rank]}
  - bulk_insert: {table: tags, rows: [{name: a, rank: 1}, {name: b, rank: 2}]}
  - drop_table: {name: scratch}
)Y",
        R"Y(  - create_table: {name: scratch, columns: {id: {type: Integer, primary_key: true}}}
  - drop_constraint: {table: tags, name: pk_tags, type: primary}
  - drop_table: {name: tags}
  - drop_constraint: {table: articles, name: pk_articles, type: primary}
  - create_primary_key: {table: articles, name: pk_posts, columns: [id]}
  - drop_constraint: {table: articles, name: fk_articles_user, type: foreignkey}
  - create_foreign_key: {table: articles, name: fk_posts_user, columns: [user_id],
                         references: users(id)}
  - drop_constraint: {table: users, name: ck_users_age, type: check}
  - create_check_constraint: {table: users, name: ck_users_score, condition: "score < 1000"}
  - drop_constraint: {table: users, name: uq_users_display_name, type: unique}
  - create_unique_constraint: {table: users, name: uq_users_email, columns: [email]}
  - drop_index: {table: articles, name: ix_articles_title}
  - create_index: {table: articles, name: ix_posts_title, columns: [title]}
  - drop_index: {table: users, name: ix_users_age_partial}
  - drop_index: {table: users, name: ix_users_lower_email}
)Y");
}

TEST_P(OperationsE2ETest, EnumsAreNativeTypesOnPostgresqlAndChecksOnSqlite) {
    revision("e1", R"Y(  - create_enum: {name: mood, values: [sad, ok]}
  - create_enum: {name: color, values: [red, blue]}
  - create_table:
      name: people
      columns:
        id: {type: Integer, primary_key: true}
        mood: {type: Enum(mood), nullable: false}
  - bulk_insert: {table: people, rows: [{id: 1, mood: ok}, {id: 2, mood: sad}]}
)Y",
             R"Y(  - drop_table: {name: people}
  - drop_enum: {name: color}
  - drop_enum: {name: mood}
)Y");
    // No database can take an enum value back: the downgrade keeps them.
    revision("e2", R"Y(  - add_enum_value: {enum: mood, value: happy, after: ok}
  - add_enum_value: {enum: mood, value: angry, before: sad}
  - drop_enum: {name: color}
)Y",
             "  - create_enum: {name: color, values: [red, blue]}\n");
    revision("e3", "  - bulk_insert: {table: people, rows: [{id: 3, mood: happy}]}\n",
             "  - sql: \"DELETE FROM people WHERE id = 3\"\n");
    const Lines seeded{"1|ok", "2|sad", "3|happy"};

    // PostgreSQL cannot use a new enum value before a commit, even when the transaction created
    // the type: e1 creates it, so the run commits before e2, whose values are then added first.
    auto one_run = run({"upgrade", "head"});
    ASSERT_EQ(one_run.exit_code, 0) << one_run.err;
    EXPECT_EQ(one_run.out.find("the run commits before revision e2") != std::string::npos, pg())
        << one_run.out;

    const std::string schema = reflect();
    EXPECT_LINE(schema, "mood: [angry, sad, ok, happy]");
    EXPECT_EQ(schema.find("color"), std::string::npos) << schema;
    EXPECT_LINE(section(schema, "people"), "mood: {type: Enum(mood), nullable: false}");
    if (pg()) {
        EXPECT_EQ(rows("SELECT enum_range(NULL::mood)::text"), Lines{"{angry,sad,ok,happy}"});
        EXPECT_EQ(rows("SELECT typname FROM pg_type WHERE typname IN ('mood', 'color')"),
                  Lines{"mood"});
    } else {  // a VARCHAR as long as the longest value, and a CHECK named after the enum
        auto ddl = rows("SELECT sql FROM sqlite_master WHERE name = 'people'");
        ASSERT_EQ(ddl.size(), 1u);
        EXPECT_NE(ddl[0].find("\"mood\" VARCHAR(5) NOT NULL"), std::string::npos) << ddl[0];
        EXPECT_NE(ddl[0].find("CONSTRAINT \"mood\" CHECK (\"mood\" IN ('angry', 'sad', 'ok', "
                              "'happy'))"),
                  std::string::npos)
            << ddl[0];
    }
    EXPECT_EQ(rows("SELECT id, mood FROM people ORDER BY id"), seeded);
    EXPECT_ANY_THROW(db_->connect()->execute("INSERT INTO people (id, mood) VALUES (4, 'meh')"));

    ASSERT_TRUE(ok({"downgrade", "base"}));
    EXPECT_EQ(tables(), Lines{"migrate_version"});
    if (pg()) {
        EXPECT_TRUE(rows("SELECT typname FROM pg_type WHERE typname IN ('mood', 'color')").empty());
    }
    ASSERT_TRUE(ok({"upgrade", "e2"}));
    ASSERT_TRUE(ok({"upgrade", "head"}));
    EXPECT_EQ(reflect(), schema);
    EXPECT_EQ(rows("SELECT id, mood FROM people ORDER BY id"), seeded);
}

// PostgreSQL refuses to use an enum value in the transaction that added it: the runner adds
// the values first, committed, in every transaction mode, and a retry after a failure is
// harmless.
TEST_P(OperationsE2ETest, EnumValuesAddedByARevisionCanBeUsedInIt) {
    revision("v1", R"Y(  - create_enum: {name: mood, values: [sad, ok]}
  - create_table:
      name: people
      columns:
        id: {type: Integer, primary_key: true}
        mood: {type: Enum(mood), nullable: false}
)Y",
             "  - drop_table: {name: people}\n  - drop_enum: {name: mood}\n");
    revision("v2", R"Y(  - add_enum_value: {enum: mood, value: happy, after: ok}
  - add_enum_value: {enum: mood, value: ecstatic, after: happy}
  - bulk_insert: {table: people, rows: [{id: 1, mood: happy}, {id: 2, mood: ecstatic}]}
)Y");
    revision("v3", R"Y(  - add_enum_value: {enum: mood, value: meh, before: sad}
  - sql: "INSERT INTO people (id, mood) VALUES (3, 'meh')"
)Y");
    ASSERT_TRUE(ok({"upgrade", "v1"}));

    // Offline, the values are added in a transaction of their own before the run's.
    auto script = run({"upgrade", "v1:head", "--sql"});
    ASSERT_EQ(script.exit_code, 0) << script.err;
    if (pg()) {
        const std::string added =
            "BEGIN;\n\nALTER TYPE \"mood\" ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok';\n\n"
            "ALTER TYPE \"mood\" ADD VALUE IF NOT EXISTS 'ecstatic' AFTER 'happy';\n\n"
            "ALTER TYPE \"mood\" ADD VALUE IF NOT EXISTS 'meh' BEFORE 'sad';\n\nCOMMIT;\n\n"
            "BEGIN;\n\nINSERT INTO";
        EXPECT_NE(script.out.find(added), std::string::npos) << script.out;
        EXPECT_EQ(script.out.find("ADD VALUE 'happy'"), std::string::npos) << script.out;
    }

    // `all`: v2 and v3 share the run's transaction.
    ASSERT_TRUE(ok({"upgrade", "head"}));
    EXPECT_EQ(rows("SELECT id, mood FROM people ORDER BY id"),
              (Lines{"1|happy", "2|ecstatic", "3|meh"}));

    // `per_migration`: each revision's transaction, and a failure after the values were added.
    const std::string config = dir_.file("migrate.yaml");
    std::string text = read_file(config);
    text.replace(text.find("transaction_mode: all"), 21, "transaction_mode: per_migration");
    write_file(config, text);
    revision("v4", R"Y(  - add_enum_value: {enum: mood, value: calm, after: ecstatic}
  - bulk_insert: {table: people, rows: [{id: 4, mood: calm}]}
)Y");
    const std::string v5 = revision("v5", R"Y(  - add_enum_value: {enum: mood, value: angry}
  - sql: "INSERT INTO people (id, mood) VALUES (5, 'angry')"
  - sql: "INSERT INTO no_such_table VALUES (1)"
)Y");
    auto failed = run({"upgrade", "head"});
    EXPECT_EQ(failed.exit_code, 4) << failed.out << failed.err;
    EXPECT_NE(failed.err.find("revision v5"), std::string::npos) << failed.err;
    if (pg()) {
        EXPECT_NE(failed.err.find("enum values added before the transaction"), std::string::npos)
            << failed.err;
    }
    EXPECT_EQ(rows("SELECT revision FROM migrate_version ORDER BY revision"),
              (Lines{"v1", "v2", "v3", "v4"}));
    text = read_file(v5);
    text.replace(text.find("no_such_table"), 13, "people");
    text.replace(text.find("VALUES (1)"), 10, "VALUES (6, 'sad')");
    write_file(v5, text);
    ASSERT_TRUE(ok({"upgrade", "head"}));
    EXPECT_EQ(rows("SELECT id, mood FROM people ORDER BY id"),
              (Lines{"1|happy", "2|ecstatic", "3|meh", "4|calm", "5|angry", "6|sad"}));
    if (pg()) {
        EXPECT_EQ(rows("SELECT enum_range(NULL::mood)::text"),
                  Lines{"{meh,sad,ok,happy,ecstatic,calm,angry}"});
    }
}

TEST_P(OperationsE2ETest, WhatTheDialectCannotDoFailsWithExit4NamingTheOperation) {
    revision("d1", R"Y(  - create_table:
      name: t
      columns:
        id: {type: Integer, primary_key: true}
        a: {type: Integer}
        b: {type: Integer}
      unique_constraints:
        - {columns: [a]}
)Y",
             "  - drop_table: {name: t}\n");
    // Siblings on top of d1, so that each can be tried alone.
    const std::vector<std::string> on_d1{"--head", "d1", "--splice"};
    revision("d2", "  - create_index: {table: t, name: ix_t_a, columns: [a], include: [b]}\n",
             "  - drop_index: {table: t, name: ix_t_a}\n", on_d1);
    revision("d3", "  - drop_constraint: {table: t, type: unique, definition: {columns: [a]}}\n",
             "  - create_unique_constraint: {table: t, columns: [a]}\n", on_d1);
    const std::string other = pg() ? "sqlite" : "postgresql";
    revision("d4", "  - sql: {" + other + ": \"SELECT 1\"}\n", "  - sql: \"SELECT 1\"\n", on_d1);
    ASSERT_TRUE(ok({"upgrade", "d1"}));

    auto refused = [&](const std::string& rev, const std::string& op, const std::string& why) {
        const std::string schema = reflect();
        const Lines applied = rows("SELECT revision FROM migrate_version ORDER BY revision");
        auto r = run({"upgrade", rev});
        EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
        EXPECT_NE(r.err.find("revision " + rev), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("operation 1, " + op), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
        EXPECT_EQ(rows("SELECT revision FROM migrate_version ORDER BY revision"), applied);
        EXPECT_EQ(reflect(), schema);
    };
    if (pg()) {
        ASSERT_TRUE(ok({"upgrade", "d2"}));
    } else {
        refused("d2", "create_index", "SQLite indexes have no access method ('using') or INCLUDE");
    }
    if (pg()) {
        EXPECT_LINE(section(reflect(), "t"), "ix_t_a: {columns: [a], include: [b]}");
    }
    // The unnamed constraint, found by its definition (on PostgreSQL: under the name the
    // database gave it).
    ASSERT_TRUE(ok({"upgrade", "d3"}));
    EXPECT_EQ(section(reflect(), "t").find("unique_constraints"), std::string::npos);
    EXPECT_NO_THROW(db_->connect()->execute("INSERT INTO t (id, a) VALUES (1, 7), (2, 7)"));
    // A `sql` op with texts for other dialects only does nothing on this one.
    const std::string before = reflect();
    ASSERT_TRUE(ok({"upgrade", "d4"}));
    EXPECT_EQ(reflect(), before);
}

INSTANTIATE_TEST_SUITE_P(Dialects, OperationsE2ETest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
