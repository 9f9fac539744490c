// Honest errors and state, through the real binary: read-only commands create no database,
// failures at the version-table write, at COMMIT or of the lock are failed migrations that
// name the revision, the version table is neither reflected nor mistaken for another tool's,
// `sql` ops for other dialects do nothing, and -v says where the database URL came from.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::string>;
constexpr auto npos = std::string::npos;

std::string create(const std::string& table) {
    return "  - create_table: {name: " + table +
           ", columns: {id: {type: Integer, primary_key: true}}}\n";
}

class HonestStateTest : public ProjectTest {
  protected:
    void SetUp() override {
        ProjectTest::SetUp();
        if (IsSkipped()) return;
        ASSERT_EQ(run({"init"}).exit_code, 0);
    }

    Ids applied(const std::string& table = "migrate_version") {
        auto conn = db_->connect();
        Ids out;
        for (const auto& r :
             conn->query("SELECT revision FROM " + table + " ORDER BY revision").rows)
            out.push_back(*r[0]);
        return out;
    }

    bool has_table(const std::string& name) {
        auto conn = db_->connect();
        return conn->dialect().inspector().reflect(*conn, {}).metadata.find_table(name) != nullptr;
    }
};

TEST_P(HonestStateTest, SqlOpWithTextsForOtherDialectsOnlyDoesNothingHere) {
    revision("d1",
             "  - sql: {postgresql: \"CREATE TABLE only_pg (id INTEGER)\"}\n"
             "  - sql: {sqlite: \"CREATE TABLE only_lite (id INTEGER)\"}\n");
    auto r = run({"upgrade", "head"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(has_table("only_pg"), pg());
    EXPECT_EQ(has_table("only_lite"), !pg());
    auto sql = run({"upgrade", "head", "--sql"});
    ASSERT_EQ(sql.exit_code, 0) << sql.err;
    EXPECT_EQ(sql.out.find(pg() ? "only_lite" : "only_pg"), npos) << sql.out;
    EXPECT_NE(sql.out.find(pg() ? "only_pg" : "only_lite"), npos) << sql.out;
}

TEST_P(HonestStateTest, AfterReflectAndDropAllCurrentStillShowsTheAppliedRevision) {
    revision("v1", create("things"));
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    auto reflect = run({"reflect", "-o", "models.yaml", "--force"});
    ASSERT_EQ(reflect.exit_code, 0) << reflect.err;
    const std::string models = read_file(dir_.file("models.yaml"));
    EXPECT_NE(models.find("things"), npos) << models;
    EXPECT_EQ(models.find("migrate_version"), npos) << models;
    EXPECT_EQ(run({"inspect"}).out.find("migrate_version"), npos);
    auto drop = run({"drop-all", "--yes"});
    ASSERT_EQ(drop.exit_code, 0) << drop.err;
    EXPECT_FALSE(has_table("things"));
    auto current = run({"current"});
    EXPECT_EQ(current.exit_code, 0) << current.err;
    EXPECT_NE(current.out.find("v1 (head)"), npos) << current.out;
    // A version table of another name is left out as well.
    const std::string config = read_file(dir_.file("migrate.yaml"));
    write_file(dir_.file("migrate.yaml"),
               config.substr(0, config.find("version_table:")) + "version_table: my_versions\n" +
                   config.substr(config.find('\n', config.find("version_table:")) + 1));
    ASSERT_EQ(run({"stamp", "head"}).exit_code, 0);
    EXPECT_EQ(run({"reflect"}).out.find("my_versions"), npos);
    EXPECT_NE(run({"reflect"}).out.find("migrate_version"), npos) << "no longer the tool's own";
}

TEST_P(HonestStateTest, AnotherToolsTableOfTheSameNameIsAClearError) {
    revision("w1", create("t1"));
    db_->connect()->execute(
        "CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, "
        "repository_path TEXT, version INTEGER)");
    for (const Ids& args : {Ids{"current"}, Ids{"upgrade", "head"}, Ids{"stamp", "head"}}) {
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("repository_id"), npos) << r.err;
        EXPECT_NE(r.err.find("version_table"), npos) << r.err;
    }
    EXPECT_FALSE(has_table("t1"));
    const std::string config = read_file(dir_.file("migrate.yaml"));
    write_file(dir_.file("migrate.yaml"),
               config.substr(0, config.find("version_table:")) + "version_table: schema_rev\n" +
                   config.substr(config.find('\n', config.find("version_table:")) + 1));
    ASSERT_EQ(run({"upgrade", "head"}).exit_code, 0);
    EXPECT_EQ(applied("schema_rev"), Ids{"w1"});
}

TEST_P(HonestStateTest, AFailingVersionRowWriteIsAFailedMigrationNamingTheRevision) {
    revision("x1", create("t1"));
    revision("x2", create("t2"));
    ASSERT_EQ(run({"upgrade", "x1"}).exit_code, 0);
    db_->connect()->execute(
        pg() ? "ALTER TABLE migrate_version ADD CONSTRAINT no_x2 CHECK (revision <> 'x2')"
             : "CREATE TRIGGER no_x2 BEFORE INSERT ON migrate_version WHEN NEW.revision = 'x2' "
               "BEGIN SELECT RAISE(ABORT, 'x2 refused'); END");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("revision x2"), npos) << r.err;
    EXPECT_NE(r.err.find("version table"), npos) << r.err;
    EXPECT_NE(r.err.find("rolled back"), npos) << r.err;
    EXPECT_FALSE(has_table("t2"));
    EXPECT_EQ(applied(), Ids{"x1"});
}

TEST_P(HonestStateTest, AFailingCommitIsAFailedMigrationNamingTheRevision) {
    // PostgreSQL checks a deferred foreign key at COMMIT; SQLite's check runs right before it.
    revision("y1",
             "  - sql: \"CREATE TABLE p (id INTEGER PRIMARY KEY)\"\n"
             "  - sql: \"CREATE TABLE c (pid INTEGER REFERENCES p (id) DEFERRABLE INITIALLY "
             "DEFERRED)\"\n"
             "  - sql: \"INSERT INTO c VALUES (1)\"\n");
    auto r = run({"upgrade", "head"});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("y1"), npos) << r.err;
    EXPECT_FALSE(has_table("p"));
    EXPECT_TRUE(applied().empty());
}

TEST_P(HonestStateTest, LostLockRollsBackAndSaysSo) {
    if (!pg()) GTEST_SKIP() << "a SQLite file lock lives as long as the process";
    // The revision ends the session holding the advisory lock (in this database only).
    revision("k1",
             create("t1") +
                 "  - sql: \"SELECT pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype "
                 "= 'advisory' AND pid <> pg_backend_pid() AND database = (SELECT oid FROM "
                 "pg_database WHERE datname = current_database())\"\n");
    for (const std::string mode : {"all", "per_migration"}) {
        const std::string config = read_file(dir_.file("migrate.yaml"));
        const size_t at = config.find("transaction_mode: ");
        write_file(dir_.file("migrate.yaml"), config.substr(0, at) + "transaction_mode: " + mode +
                                                  "\n" + config.substr(config.find('\n', at) + 1));
        auto r = run({"upgrade", "head"});
        EXPECT_EQ(r.exit_code, 4) << mode << ": " << r.out << r.err;
        EXPECT_NE(r.err.find("lock was lost"), npos) << r.err;
        EXPECT_NE(r.err.find("k1"), npos) << r.err;
        EXPECT_NE(r.err.find("rolled back"), npos) << r.err;
        EXPECT_FALSE(has_table("t1")) << mode;
        EXPECT_TRUE(applied().empty()) << mode;
    }
}

TEST_P(HonestStateTest, VerboseSaysWhereTheUrlCameFromAndEnvBeatsDatabaseUrl) {
    ASSERT_EQ(run({"stamp", "base"}).exit_code, 0);
    auto r = run({"-v", "current"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(from $MIGRATE_URL)"), npos) << r.err;
    EXPECT_NE(run({"current", "-v"}).err.find("(from $MIGRATE_URL)"), npos);
    EXPECT_NE(run({"-v", "current", "--url", db_->url()}).err.find("(from --url)"), npos);
    const std::string password = pg() ? db_->url().substr(db_->url().find(':', 14) + 1) : "";
    if (pg()) {
        EXPECT_EQ(r.err.find(password.substr(0, password.find('@'))), npos) << r.err;
    }
    // An explicit --env beats an ambient $DATABASE_URL.
    write_file(dir_.file("migrate.yaml"), read_file(dir_.file("migrate.yaml")) +
                                              "  staging:\n    database: {url: \"" + db_->url() +
                                              "\"}\n");
    auto env = run({"-v", "--env", "staging", "current"},
                   {"MIGRATE_URL=", "DATABASE_URL=sqlite:///ambient.db"});
    EXPECT_EQ(env.exit_code, 0) << env.err;
    EXPECT_NE(env.err.find("(from --env staging (migrate.yaml))"), npos) << env.err;
    EXPECT_FALSE(fs::exists(dir_.file("ambient.db")));
    // With no URL in the configuration, $DATABASE_URL is the last resort.
    write_file(dir_.file("bare.yaml"), "script_location: migrations\n");
    auto bare =
        run({"-v", "-c", "bare.yaml", "current"}, {"MIGRATE_URL=", "DATABASE_URL=" + db_->url()});
    EXPECT_EQ(bare.exit_code, 0) << bare.err;
    EXPECT_NE(bare.err.find("(from $DATABASE_URL)"), npos) << bare.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, HonestStateTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

// ---- SQLite files ----

class SqliteFileTest : public ::testing::Test {
  protected:
    CommandResult run(std::vector<std::string> args, const std::string& cwd = "") {
        return run_migrate(args, cwd.empty() ? dir_.path().string() : cwd,
                           {"MIGRATE_URL=", "DATABASE_URL=", "MIGRATE_CONFIG="});
    }
    TempDir dir_;
};

TEST_F(SqliteFileTest, ReadOnlyCommandsOnAMissingFileExit3AndCreateNothing) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    const std::string url = "--url=sqlite:///missing.db";
    for (const Ids& args : {Ids{"current"}, Ids{"history", "-i"}, Ids{"show", "current"},
                            Ids{"inspect"}, Ids{"reflect"}, Ids{"history", "-r", "current:"}}) {
        Ids with_url = args;
        with_url.push_back(url);
        auto r = run(with_url);
        EXPECT_EQ(r.exit_code, 3) << args[0] << ": " << r.out << r.err;
        EXPECT_NE(r.err.find("no such database file 'missing.db'"), npos) << r.err;
        EXPECT_FALSE(fs::exists(dir_.file("missing.db"))) << args[0];
    }
    EXPECT_FALSE(fs::exists(dir_.file("missing.db.migrate-lock")));
    // Commands that write still create it.
    EXPECT_EQ(run({"stamp", "base", url}).exit_code, 0);
    EXPECT_TRUE(fs::exists(dir_.file("missing.db")));
    EXPECT_EQ(run({"current", url}).exit_code, 0);
}

TEST_F(SqliteFileTest, UrlWithoutAPathIsAnError) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    for (const char* url : {"sqlite://", "sqlite:///"})
        for (const char* cmd : {"upgrade", "current"}) {
            auto r = run({cmd, std::string("--url=") + url});
            EXPECT_EQ(r.exit_code, 2) << cmd << " " << url;
            EXPECT_NE(r.err.find("no database file"), npos) << r.err;
        }
}

TEST_F(SqliteFileTest, RelativePathInTheConfigurationIsRelativeToTheFile) {
    ASSERT_EQ(run({"init", "proj/migrations"}).exit_code, 0);
    fs::create_directories(dir_.path() / "proj");
    fs::rename(dir_.file("migrate.yaml"), dir_.file("proj/migrate.yaml"));
    fs::rename(dir_.file("models.yaml"), dir_.file("proj/models.yaml"));
    std::string config = read_file(dir_.file("proj/migrate.yaml"));
    const size_t at = config.find("script_location:");
    config = config.substr(0, at) + "script_location: migrations\n" +
             config.substr(config.find('\n', at) + 1);
    write_file(dir_.file("proj/migrate.yaml"), config);
    fs::create_directories(dir_.path() / "elsewhere");
    const std::string elsewhere = dir_.file("elsewhere");
    auto r = run({"-c", "../proj/migrate.yaml", "stamp", "base"}, elsewhere);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir_.file("proj/app.db")));
    EXPECT_FALSE(fs::exists(dir_.file("elsewhere/app.db")));
    // --url stays relative to the working directory.
    ASSERT_EQ(
        run({"-c", "../proj/migrate.yaml", "stamp", "base", "--url=sqlite:///here.db"}, elsewhere)
            .exit_code,
        0);
    EXPECT_TRUE(fs::exists(dir_.file("elsewhere/here.db")));
}

}  // namespace
}  // namespace migrate::test
