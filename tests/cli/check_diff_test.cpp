// `check`, `diff` and `revision --autogenerate` as a CI job and a reviewer meet them: exit
// codes, JSON, offline comparison with no database, the refusal when the database is not at
// head, and what the written revision file tells its reviewer.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

const char* const kUsers = R"(tables:
  users:
    columns:
      id: {type: Integer, primary_key: true}
      name: {type: String(40), nullable: false}
      email: {type: String(120)}
)";

// kUsers with `email` gone, a NOT NULL column without a default added, and an index.
const char* const kUsersEdited = R"(tables:
  users:
    columns:
      id: {type: Integer, primary_key: true}
      name: {type: String(40), nullable: false}
      born: {type: Date, nullable: false}
    indexes:
      ix_users_name: {columns: [name]}
)";

class CheckDiffTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = make_test_database(GetParam());
        ASSERT_EQ(run({"init"}).exit_code, 0);
        models_ = project_.file("models.yaml");
        write_file(models_, kUsers);
    }
    CommandResult run(std::vector<std::string> args, const std::string& url = "") {
        return run_migrate(args, project_.path().string(),
                           {"MIGRATE_URL=" + (url.empty() ? db_->url() : url),
                            "DATABASE_URL=", "MIGRATE_CONFIG=", "NO_COLOR=1"});
    }
    std::vector<fs::path> revision_files() const {
        std::vector<fs::path> out;
        for (const auto& e : fs::directory_iterator(project_.path() / "migrations" / "versions"))
            out.push_back(e.path());
        std::sort(out.begin(), out.end());
        return out;
    }
    // A URL of this dialect where no database is: offline commands must not need one.
    std::string nowhere() const {
        return GetParam() == "sqlite" ? "sqlite:///" + project_.file("absent/none.db")
                                      : "postgresql://nobody:secret@127.0.0.1:1/none";
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir project_;
    std::string models_;
};

TEST_P(CheckDiffTest, OfflineCheckNeedsNoDatabaseAndSeesAModelEdit) {
    auto gen = run({"revision", "--autogenerate", "--offline", "-m", "users", "--models", models_},
                   nowhere());
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    ASSERT_EQ(revision_files().size(), 1u);

    auto clean = run({"check", "--offline"}, nowhere());
    EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

    write_file(models_, kUsersEdited);
    auto dirty = run({"check", "--offline"}, nowhere());
    EXPECT_EQ(dirty.exit_code, 1) << dirty.out << dirty.err;
    EXPECT_NE(dirty.out.find("add column users.born"), std::string::npos) << dirty.out;
    EXPECT_NE(dirty.out.find("drop column users.email"), std::string::npos) << dirty.out;
    EXPECT_EQ(run({"diff", "--offline"}, nowhere()).exit_code, 1);

    // The same edit, as a revision written with no database, then checked again.
    ASSERT_EQ(run({"revision", "--autogenerate", "--offline", "-m", "edit"}, nowhere()).exit_code,
              0);
    EXPECT_EQ(run({"check", "--offline"}, nowhere()).exit_code, 0);
}

TEST_P(CheckDiffTest, OfflineStopsAtRawSqlThatChangesTheSchema) {
    ASSERT_EQ(run({"revision", "--autogenerate", "--offline", "-m", "users"}, nowhere()).exit_code,
              0);
    auto raw = run({"revision", "-m", "raw", "--rev-id", "rawsql"});
    ASSERT_EQ(raw.exit_code, 0) << raw.err;
    fs::path path = project_.file("migrations/versions/rawsql_raw.yaml");
    std::string text = read_file(path.string());
    text = text.substr(0, text.find("upgrade:")) +
           "upgrade:\n  - sql: ALTER TABLE users ADD COLUMN x INTEGER\ndowngrade: []\n";
    write_file(path.string(), text);
    auto check = run({"check", "--offline"}, nowhere());
    EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
    EXPECT_NE(check.err.find("rawsql"), std::string::npos) << check.err;
}

TEST_P(CheckDiffTest, OnlineCheckJsonAndDiff) {
    ASSERT_EQ(run({"revision", "--autogenerate", "-m", "users"}).exit_code, 0);
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    auto clean = run({"check"});
    EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
    auto no_diff = run({"diff"});
    EXPECT_EQ(no_diff.exit_code, 0) << no_diff.err;
    EXPECT_EQ(no_diff.out, "");
    auto empty = run({"check", "--format", "json"});
    EXPECT_EQ(nlohmann::json::parse(empty.out), nlohmann::json::array());

    write_file(models_, kUsersEdited);
    auto json = run({"check", "--format", "json"});
    EXPECT_EQ(json.exit_code, 1);
    nlohmann::json list = nlohmann::json::parse(json.out);
    ASSERT_TRUE(list.is_array());
    bool saw_drop = false, saw_add = false;
    for (const auto& d : list) {
        for (const char* key : {"kind", "table", "column", "from", "to", "destructive"})
            EXPECT_TRUE(d.contains(key)) << d.dump();
        if (d["kind"] == "remove_column" && d["column"] == "email") {
            saw_drop = true;
            EXPECT_EQ(d["destructive"], true);
            EXPECT_EQ(d["table"], "users");
        }
        if (d["kind"] == "add_column" && d["column"] == "born") {
            saw_add = true;
            EXPECT_EQ(d["destructive"], false);
        }
    }
    EXPECT_TRUE(saw_drop && saw_add) << json.out;

    auto diff = run({"diff"});
    EXPECT_EQ(diff.exit_code, 1) << diff.err;
    EXPECT_NE(diff.out.find("--- database/users"), std::string::npos) << diff.out;
    EXPECT_NE(diff.out.find("+++ models/users"), std::string::npos) << diff.out;
    EXPECT_NE(diff.out.find("\n-"), std::string::npos) << diff.out;  // email goes
    EXPECT_NE(diff.out.find("\n+"), std::string::npos) << diff.out;  // born comes
    EXPECT_EQ(diff.out.find("\033["), std::string::npos) << "no colour when not a terminal";
}

TEST_P(CheckDiffTest, AutogenerateRefusesWhenTheDatabaseIsNotAtHead) {
    ASSERT_EQ(run({"revision", "--autogenerate", "-m", "users", "--rev-id", "first"}).exit_code, 0);
    auto gen = run({"revision", "--autogenerate", "-m", "again"});
    EXPECT_EQ(gen.exit_code, 2) << gen.err;
    EXPECT_NE(gen.err.find("first"), std::string::npos) << gen.err;
    EXPECT_NE(gen.err.find("upgrade head"), std::string::npos) << gen.err;
    EXPECT_EQ(revision_files().size(), 1u);
}

TEST_P(CheckDiffTest, NothingToDoWritesNothingUnlessAllowedEmpty) {
    ASSERT_EQ(run({"revision", "--autogenerate", "-m", "users"}).exit_code, 0);
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    auto none = run({"revision", "--autogenerate", "-m", "nothing"});
    EXPECT_EQ(none.exit_code, 0) << none.err;
    EXPECT_NE(none.out.find("No changes detected"), std::string::npos) << none.out;
    EXPECT_EQ(revision_files().size(), 1u);
    EXPECT_EQ(run({"revision", "--autogenerate", "-m", "empty", "--allow-empty"}).exit_code, 0);
    EXPECT_EQ(revision_files().size(), 2u);
}

TEST_P(CheckDiffTest, RevisionFileMarksWhatLosesDataAndWarnsOfNotNull) {
    ASSERT_EQ(run({"revision", "--autogenerate", "-m", "users"}).exit_code, 0);
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    write_file(models_, kUsersEdited);
    auto gen = run({"revision", "--autogenerate", "-m", "edit", "--rev-id", "edit"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    EXPECT_NE(gen.out.find("drop column users.email  (destructive"), std::string::npos) << gen.out;
    EXPECT_NE(gen.err.find("users.born is NOT NULL without a default"), std::string::npos)
        << gen.err;

    std::string text = read_file(project_.file("migrations/versions/edit_edit.yaml"));
    std::string upgrade = text.substr(text.find("upgrade:"), text.find("downgrade:"));
    EXPECT_NE(upgrade.find("# warning: column users.born is NOT NULL without a default"),
              std::string::npos)
        << text;
    // The mark stands right above the operation it is about.
    EXPECT_NE(upgrade.find("  # DESTRUCTIVE: drops column users.email and its values\n"
                           "  - drop_column:\n"),
              std::string::npos)
        << text;
    EXPECT_EQ(upgrade.find("DESTRUCTIVE: drops column users.born"), std::string::npos) << text;
    std::string downgrade = text.substr(text.find("downgrade:"));
    EXPECT_NE(downgrade.find("# DESTRUCTIVE: drops column users.born"), std::string::npos) << text;

    // The comments change nothing the runner reads: the revision applies (the table is empty).
    auto up = run({"upgrade", "head"});
    EXPECT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(run({"check"}).exit_code, 0);
}

// Renames come from `renamed_from`, and the rows stay: a table and a column renamed in one
// revision keep their values through the upgrade and the downgrade.
TEST_P(CheckDiffTest, RenamesKeepTheRows) {
    write_file(models_, R"(tables:
  clients:
    columns:
      id: {type: Integer, primary_key: true}
      fullname: {type: Text}
)");
    ASSERT_EQ(run({"revision", "--autogenerate", "-m", "clients"}).exit_code, 0);
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    db_->connect()->execute("INSERT INTO clients (id, fullname) VALUES (1, 'Ada'), (2, 'Grace')");
    write_file(models_, R"(tables:
  customers:
    renamed_from: clients
    columns:
      id: {type: Integer, primary_key: true}
      full_name: {type: Text, renamed_from: fullname}
)");
    auto gen = run({"revision", "--autogenerate", "-m", "rename"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    EXPECT_NE(gen.out.find("rename table clients -> customers"), std::string::npos) << gen.out;
    EXPECT_NE(gen.out.find("rename column customers.fullname -> full_name"), std::string::npos)
        << gen.out;
    EXPECT_EQ(gen.out.find("drop"), std::string::npos) << gen.out;
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    EXPECT_EQ(run({"check"}).exit_code, 0);
    auto rows = db_->connect()->query("SELECT full_name FROM customers ORDER BY id");
    ASSERT_EQ(rows.rows.size(), 2u);
    EXPECT_EQ(rows.rows[0][0], "Ada");
    EXPECT_EQ(rows.rows[1][0], "Grace");

    ASSERT_EQ(run({"downgrade", "-1"}).exit_code, 0);
    rows = db_->connect()->query("SELECT fullname FROM clients ORDER BY id");
    ASSERT_EQ(rows.rows.size(), 2u);
    EXPECT_EQ(rows.rows[1][0], "Grace");
}

// `compare` and `include.exclude_tables` in migrate.yaml take effect: a type or default change
// that the settings say not to compare is no difference, and a table matched by an excluded
// glob is neither dropped nor reported.
TEST_P(CheckDiffTest, CompareSettingsAndExcludedTablesTakeEffect) {
    ASSERT_EQ(run({"revision", "--autogenerate", "-m", "users"}).exit_code, 0);
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    db_->connect()->execute("CREATE TABLE tmp_cache (k INTEGER)");
    write_file(models_, R"(tables:
  users:
    columns:
      id: {type: Integer, primary_key: true}
      name: {type: String(80), nullable: false, server_default: "'x'"}
      email: {type: String(120)}
)");
    auto all = run({"check"});
    EXPECT_EQ(all.exit_code, 1);
    EXPECT_NE(all.out.find("type VARCHAR(40) -> VARCHAR(80)"), std::string::npos) << all.out;
    EXPECT_NE(all.out.find("server_default"), std::string::npos) << all.out;
    EXPECT_NE(all.out.find("drop table tmp_cache"), std::string::npos) << all.out;

    const std::string config = project_.file("migrate.yaml");
    std::string text = read_file(config);
    auto replace = [&](const std::string& from, const std::string& to) {
        size_t at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
    };
    replace("compare: {type: true, server_default: true, comments: true}",
            "compare: {type: false, server_default: false, comments: true}");
    replace("exclude_tables: []", "exclude_tables: ['tmp_*']");
    write_file(config, text);
    auto none = run({"check"});
    EXPECT_EQ(none.exit_code, 0) << none.out << none.err;
    auto gen = run({"revision", "--autogenerate", "-m", "nothing"});
    EXPECT_EQ(gen.exit_code, 0) << gen.err;
    EXPECT_NE(gen.out.find("No changes detected"), std::string::npos) << gen.out;
    EXPECT_EQ(revision_files().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, CheckDiffTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
