// End-to-end: the real `migrate` binary in a temporary directory.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

constexpr const char* kModels = R"(
tables:
  authors:
    columns:
      id: {type: Integer, primary_key: true}
      name: {type: String(80), nullable: false}
  books:
    columns:
      id: {type: Integer, primary_key: true}
      title: {type: String(200), nullable: false, index: true}
      author_id: {type: Integer, foreign_key: authors.id, ondelete: CASCADE}
)";

class CliTest : public ::testing::Test {
  protected:
    CommandResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
        env.insert(env.begin(), {"MIGRATE_URL=", "DATABASE_URL="});  // the test's own win
        return run_migrate(args, dir_.path().string(), env);
    }
    std::string url() const { return "sqlite:///" + dir_.file("app.db"); }

    TempDir dir_;
};

TEST_F(CliTest, VersionAndHelpForEveryCommand) {
    auto v = run({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out.rfind("migrate ", 0), 0u) << v.out;
    for (const char* cmd : {"init", "list-templates", "revision", "upgrade", "downgrade", "stamp",
                            "current", "history", "heads", "branches", "show", "merge", "edit",
                            "inspect", "reflect", "create-all", "drop-all"}) {
        auto h = run({cmd, "--help"});
        EXPECT_EQ(h.exit_code, 0) << cmd;
        EXPECT_NE(h.out.find("Usage"), std::string::npos) << cmd << ": " << h.out;
    }
}

TEST_F(CliTest, ListTemplatesNamesTheBuiltInOnes) {
    auto r = run({"list-templates"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out.rfind("generic  ", 0), 0u) << r.out;
    EXPECT_EQ(run({"init", "-t", "nope"}).exit_code, 2);
}

TEST_F(CliTest, FileTemplateBranchesAndShow) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    std::string cfg = read_file(dir_.file("migrate.yaml"));
    cfg.replace(cfg.find("file_template: \"{rev}_{slug}\""), 29,
                "file_template: \"{year}_{rev}_{slug}\"");
    write_file(dir_.file("migrate.yaml"), cfg);
    ASSERT_EQ(run({"revision", "-m", "First step!", "--rev-id", "r1"}).exit_code, 0);
    bool found = false;
    for (const auto& e :
         std::filesystem::directory_iterator(dir_.path() / "migrations" / "versions")) {
        const std::string name = e.path().filename().string();
        found = found || (name.size() == 23 && name.substr(4) == "_r1_first_step.yaml");
    }
    EXPECT_TRUE(found) << "file name follows file_template";
    ASSERT_EQ(run({"revision", "-m", "a", "--rev-id", "r2"}).exit_code, 0);
    ASSERT_EQ(run({"revision", "-m", "b", "--rev-id", "r3", "--head", "r1", "--splice"}).exit_code,
              0);
    auto branches = run({"branches"});
    EXPECT_NE(branches.out.find("r1 (branchpoint), First step!\n    -> r2, a\n    -> r3, b"),
              std::string::npos)
        << branches.out;
    auto show = run({"show", "r2"});
    EXPECT_NE(show.out.find("Rev: r2\nParent: r1"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("Upgrade: 0 operations"), std::string::npos);
    EXPECT_EQ(run({"show", "zz"}).exit_code, 2);
}

TEST_F(CliTest, UnknownCommandOrOptionIsUsageError) {
    EXPECT_EQ(run({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(run({"inspect", "--no-such-option"}).exit_code, 2);
    EXPECT_EQ(run({}).exit_code, 2);
}

TEST_F(CliTest, CreateAllInspectReflectDropAll) {
    write_file(dir_.file("models.yaml"), kModels);
    auto created = run({"create-all", "--url", url()});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("Created table authors"), std::string::npos);
    EXPECT_NE(created.out.find("2 created, 0 already present"), std::string::npos) << created.out;

    auto again = run({"create-all", "--url", url()});
    EXPECT_NE(again.out.find("0 created, 2 already present"), std::string::npos) << again.out;

    auto text = run({"inspect", "--url", url(), "--no-color"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Table books"), std::string::npos);
    EXPECT_NE(text.out.find("foreign key (author_id) -> authors (id) ON DELETE CASCADE"),
              std::string::npos)
        << text.out;

    auto json = run({"inspect", "books", "--url", url(), "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_NE(json.out.find("\"name\": \"books\""), std::string::npos);
    EXPECT_EQ(json.out.find("\"name\": \"authors\""), std::string::npos) << "only books asked for";

    auto yaml = run({"reflect", "--tables", "books", "-o", "out.yaml"}, {"MIGRATE_URL=" + url()});
    ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
    std::string out = read_file(dir_.file("out.yaml"));
    EXPECT_NE(out.find("authors:"), std::string::npos) << "books pulls in authors: " << out;
    EXPECT_NE(out.find("ix_books_title"), std::string::npos);

    auto refuse = run({"reflect", "-o", "out.yaml", "--url", url()});
    EXPECT_EQ(refuse.exit_code, 2);
    EXPECT_NE(refuse.err.find("--force"), std::string::npos);

    auto unconfirmed = run({"drop-all", "--url", url()});
    EXPECT_EQ(unconfirmed.exit_code, 2);
    auto dropped = run({"drop-all", "--yes"}, {"DATABASE_URL=" + url()});
    ASSERT_EQ(dropped.exit_code, 0) << dropped.err;
    EXPECT_NE(dropped.out.find("Dropped table books"), std::string::npos);
    auto empty = run({"inspect", "--url", url()});
    EXPECT_NE(empty.out.find("No tables."), std::string::npos) << empty.out;
}

TEST_F(CliTest, ReflectedModelsRecreateTheSameSchema) {
    write_file(dir_.file("models.yaml"), kModels);
    ASSERT_EQ(run({"create-all", "--url", url()}).exit_code, 0);
    auto first = run({"reflect", "--url", url()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    write_file(dir_.file("reflected.yaml"), first.out);
    std::string copy = "sqlite:///" + dir_.file("copy.db");
    ASSERT_EQ(run({"create-all", "--models", "reflected.yaml", "--url", copy}).exit_code, 0);
    EXPECT_EQ(run({"reflect", "--url", copy}).out, first.out);
}

TEST_F(CliTest, MissingUrlBadUrlAndMissingDatabase) {
    auto none = run({"inspect"});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("no database URL"), std::string::npos);
    auto bad = run({"inspect", "--url", "postgresql://u:hunter2@h:0/db"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err.find("hunter2"), std::string::npos) << bad.err;
    auto missing = run({"inspect", "--url", "sqlite:///nope.db"});
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_NE(missing.err.find("no such database file 'nope.db'"), std::string::npos)
        << missing.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.file("nope.db"))) << "inspect created a file";
    auto unknown = run({"inspect", "ghost", "--url", "sqlite:///:memory:"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("no table 'ghost'"), std::string::npos) << unknown.err;
}

TEST_F(CliTest, BadModelFileNamesFileLineAndColumn) {
    write_file(dir_.file("models.yaml"), "tables:\n  t:\n    columns:\n      id: {type: Intger}\n");
    auto r = run({"create-all", "--url", url()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("models.yaml:4:"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.file("app.db"))) << "nothing is touched";
    auto absent = run({"create-all", "--models", "none.yaml", "--url", url()});
    EXPECT_EQ(absent.exit_code, 2);
    EXPECT_NE(absent.err.find("none.yaml"), std::string::npos);
}

TEST_F(CliTest, FailingStatementRollsBackAndExits3) {
    // A CHECK that SQLite rejects at CREATE time: nothing must be left half-created.
    write_file(dir_.file("models.yaml"), R"(
tables:
  a:
    columns:
      id: {type: Integer, primary_key: true}
  b:
    columns:
      id: {type: Integer, primary_key: true}
    checks:
      - {condition: "no_such_function(id) > 0 AND ("}
)");
    auto r = run({"create-all", "--url", url()});
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_NE(r.err.find("CREATE TABLE \"b\""), std::string::npos) << r.err;
    auto after = run({"inspect", "--url", url()});
    EXPECT_NE(after.out.find("No tables."), std::string::npos) << after.out;
}

TEST_F(CliTest, EchoPrintsStatementsToStandardError) {
    write_file(dir_.file("models.yaml"), kModels);
    auto r = run({"create-all", "--echo", "--url", url()});
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_NE(r.err.find("CREATE TABLE \"authors\""), std::string::npos) << r.err;
}

class CliPostgresTest : public CliTest {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE("postgresql");
        db_ = make_test_database("postgresql");
    }
    // The test database's URL with one part replaced.
    std::string url_with(const std::string& from, const std::string& to) const {
        std::string u = db_->url();
        return u.replace(u.find(from), from.size(), to);
    }
    std::string password() const {
        std::string u = db_->url();
        size_t colon = u.find(':', u.find("://") + 3), at = u.find('@');
        return u.substr(colon + 1, at - colon - 1);
    }
    static void expect_one_line_exit_3(const CommandResult& r, const std::string& secret,
                                       const std::string& reason) {
        EXPECT_EQ(r.exit_code, 3) << r.err;
        EXPECT_EQ(r.err.find(secret), std::string::npos) << "password shown: " << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "not one line: " << r.err;
        EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(":***@"), std::string::npos) << "URL shown masked: " << r.err;
    }
    std::unique_ptr<TestDatabase> db_;
};

TEST_F(CliPostgresTest, CreateAllInspectReflectDropAll) {
    write_file(dir_.file("models.yaml"), kModels);
    auto created = run({"create-all", "--url", db_->url()});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("2 created"), std::string::npos) << created.out;
    EXPECT_EQ(created.out.find(password()), std::string::npos);
    auto text = run({"inspect", "--url", db_->url(), "--no-color"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("foreign key books_author_id_fkey (author_id) -> authors (id) "
                            "ON DELETE CASCADE"),
              std::string::npos)
        << text.out;
    EXPECT_EQ(text.out.find(password()), std::string::npos) << "inspect shows the URL masked";
    auto reflected = run({"reflect", "--url", db_->url()});
    ASSERT_EQ(reflected.exit_code, 0) << reflected.err;
    EXPECT_NE(reflected.out.find("ix_books_title"), std::string::npos) << reflected.out;
    auto dropped = run({"drop-all", "--yes", "--url", db_->url()});
    ASSERT_EQ(dropped.exit_code, 0) << dropped.err;
    EXPECT_NE(run({"inspect", "--url", db_->url()}).out.find("No tables."), std::string::npos);
}

TEST_F(CliPostgresTest, SchemasOptionSelectsSchemas) {
    auto conn = db_->connect();
    conn->execute_script(
        "CREATE SCHEMA crm; CREATE TABLE crm.leads (id integer PRIMARY KEY);"
        "CREATE TABLE public.notes (id integer PRIMARY KEY);");
    auto only_public = run({"inspect", "--url", db_->url(), "--format", "json"});
    EXPECT_EQ(only_public.out.find("leads"), std::string::npos) << only_public.out;
    auto crm = run({"reflect", "--schemas", "crm,public", "--url", db_->url()});
    ASSERT_EQ(crm.exit_code, 0) << crm.err;
    EXPECT_NE(crm.out.find("crm.leads:"), std::string::npos) << crm.out;
    EXPECT_NE(crm.out.find("notes:"), std::string::npos) << crm.out;
}

TEST_F(CliPostgresTest, WrongPasswordUnreachableHostMissingDatabase) {
    const std::string secret = "Sup3r-Secret-pw";
    expect_one_line_exit_3(run({"inspect", "--url", url_with(password(), secret)}), secret,
                           "password authentication failed");
    // A closed port on this machine: refused at once.
    std::string port =
        std::getenv("MIGRATE_TEST_PG_PORT") ? std::getenv("MIGRATE_TEST_PG_PORT") : "";
    ASSERT_FALSE(port.empty());
    expect_one_line_exit_3(run({"inspect", "--url", url_with(":" + port + "/", ":1/")}), password(),
                           "Connection refused");
    std::string db_name = db_->url().substr(db_->url().rfind('/') + 1);
    expect_one_line_exit_3(run({"inspect", "--url", url_with("/" + db_name, "/no_such_db")}),
                           password(), "does not exist");
}

}  // namespace
}  // namespace migrate::test
