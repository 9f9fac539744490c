// A graph that keeps its promises, through the real binary on SQLite and PostgreSQL: stamp
// moves only the target's lineage (online and offline), a gap in the version table is
// reported, a broken last revision stops `upgrade` before anything runs in every transaction
// mode, identifiers that need the database read it, offline mode refuses what needs one, new
// labels and ids are checked before anything is written, and no input length crashes.

#include <gtest/gtest.h>

#include <cstdlib>
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

class GraphPromisesTest : public ProjectTest {
  protected:
    void SetUp() override {
        ProjectTest::SetUp();
        if (IsSkipped()) return;
        ASSERT_EQ(run({"init"}).exit_code, 0);
    }

    Ids applied() {
        auto conn = db_->connect();
        Ids out;
        for (const auto& r :
             conn->query("SELECT revision FROM migrate_version ORDER BY revision").rows)
            out.push_back(*r[0]);
        return out;
    }

    bool has_table(const std::string& name) {
        auto conn = db_->connect();
        return conn->dialect().inspector().reflect(*conn, {}).metadata.find_table(name) != nullptr;
    }

    // Runs an offline script with the dialect's own client.
    void run_script(const std::string& sql) {
        write_file(dir_.file("script.sql"), sql);
        const std::string cmd =
            pg() ? "psql -X -q -1 -v ON_ERROR_STOP=1 -d '" + db_->url() + "' -f script.sql"
                 : "sqlite3 -bail '" + db_->url().substr(10) + "' < script.sql";
        ASSERT_EQ(
            std::system(
                ("cd '" + dir_.path().string() + "' && " + cmd + " > script.log 2>&1").c_str()),
            0)
            << read_file(dir_.file("script.log"));
    }

    // r0 <- a1 <- a2, r0 <- b1
    void two_branches() {
        revision("r0", "  - sql: \"SELECT 1\"\n");
        revision("a1", "  - sql: \"SELECT 1\"\n");
        revision("a2", "  - sql: \"SELECT 1\"\n");
        revision("b1", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n",
                 {"--head", "r0", "--splice"});
    }
};

TEST_P(GraphPromisesTest, StampOfARevisionOnAnotherBranchKeepsTheFirstBranchApplied) {
    two_branches();
    ASSERT_EQ(run({"upgrade", "a2"}).exit_code, 0);
    auto r = run({"stamp", "b1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(applied(), (Ids{"a1", "a2", "b1", "r0"}));
    EXPECT_NE(r.out.find("a2, b1"), npos) << r.out;
    // Back down one branch: the other stays.
    ASSERT_EQ(run({"stamp", "a1"}).exit_code, 0);
    EXPECT_EQ(applied(), (Ids{"a1", "b1", "r0"}));
    // --purge empties first; several targets at once.
    ASSERT_EQ(run({"stamp", "--purge", "a1"}).exit_code, 0);
    EXPECT_EQ(applied(), (Ids{"a1", "r0"}));
    ASSERT_EQ(run({"stamp", "a2", "b1"}).exit_code, 0);
    EXPECT_EQ(applied(), (Ids{"a1", "a2", "b1", "r0"}));
    ASSERT_EQ(run({"stamp", "base"}).exit_code, 0);
    EXPECT_TRUE(applied().empty());
}

TEST_P(GraphPromisesTest, OfflineStampDoesWhatTheOnlineStampDoes) {
    two_branches();
    ASSERT_EQ(run({"upgrade", "a2"}).exit_code, 0);
    auto sql = run({"stamp", "b1", "--sql"});
    ASSERT_EQ(sql.exit_code, 0) << sql.err;
    EXPECT_EQ(sql.out.find("DELETE"), npos) << "b1 has no descendants: " << sql.out;
    run_script(sql.out);
    EXPECT_EQ(applied(), (Ids{"a1", "a2", "b1", "r0"}));
    auto down = run({"stamp", "a1", "--sql"});
    ASSERT_EQ(down.exit_code, 0) << down.err;
    run_script(down.out);
    EXPECT_EQ(applied(), (Ids{"a1", "b1", "r0"}));
    auto purge = run({"stamp", "--purge", "r0", "--sql"});
    run_script(purge.out);
    EXPECT_EQ(applied(), Ids{"r0"});
    EXPECT_EQ(run({"stamp", "current", "--sql"}).exit_code, 2);
}

TEST_P(GraphPromisesTest, AGapInTheVersionTableIsReportedWithItsRepair) {
    revision("g1", create("t1"));
    revision("g2", create("t2"));
    revision("g3", create("t3"));
    ASSERT_EQ(run({"upgrade", "g2"}).exit_code, 0);
    db_->connect()->execute("DELETE FROM migrate_version WHERE revision = 'g1'");
    for (const Ids& args : {Ids{"current"}, Ids{"upgrade", "head"}, Ids{"history", "-i"}}) {
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.out << r.err;
        EXPECT_NE(r.err.find("g2"), npos) << r.err;
        EXPECT_NE(r.err.find("is applied, but its parent g1"), npos) << r.err;
        EXPECT_NE(r.err.find("`migrate stamp g2`"), npos) << r.err;
    }
    EXPECT_FALSE(has_table("t3")) << "upgrade ran nothing";
    ASSERT_EQ(run({"stamp", "g2"}).exit_code, 0);
    EXPECT_EQ(applied(), (Ids{"g1", "g2"}));
    auto up = run({"upgrade", "head"});
    EXPECT_EQ(up.exit_code, 0) << up.err;
    EXPECT_TRUE(has_table("t3"));
}

TEST_P(GraphPromisesTest, SyntaxErrorInTheLastRevisionStopsUpgradeBeforeAnythingRuns) {
    revision("s1", create("t1"));
    revision("s2", create("t2"));
    const std::string broken = revision("s3", "  - create_table: {name: t3, columns: {id: \n");
    for (const std::string mode : {"all", "per_migration", "none"}) {
        const std::string config = read_file(dir_.file("migrate.yaml"));
        const size_t at = config.find("transaction_mode: ");
        write_file(dir_.file("migrate.yaml"), config.substr(0, at) + "transaction_mode: " + mode +
                                                  "\n" + config.substr(config.find('\n', at) + 1));
        auto r = run({"upgrade", "head"});
        EXPECT_EQ(r.exit_code, 2) << mode << ": " << r.out << r.err;
        EXPECT_NE(r.err.find(fs::path(broken).filename().string()), npos) << r.err;
        EXPECT_EQ(r.out.find("Running upgrade"), npos) << mode << ": " << r.out;
        EXPECT_FALSE(has_table("t1")) << mode;
        EXPECT_FALSE(has_table("migrate_version")) << mode;
    }
    // An unknown operation is found before anything runs too.
    write_file(broken, read_file(broken).substr(0, read_file(broken).find("upgrade:")) +
                           "upgrade:\n  - create_tabel: {name: t3}\ndowngrade: []\n");
    EXPECT_EQ(run({"upgrade", "head"}).exit_code, 2);
    EXPECT_FALSE(has_table("t1"));
}

TEST_P(GraphPromisesTest, AnIndexTheDialectCannotBuildStopsThePlanBeforeAnythingRuns) {
    const std::string config = read_file(dir_.file("migrate.yaml"));
    const size_t at = config.find("transaction_mode: ");
    write_file(dir_.file("migrate.yaml"), config.substr(0, at) +
                                              "transaction_mode: per_migration\n" +
                                              config.substr(config.find('\n', at) + 1));
    revision("i1",
             "  - create_table: {name: t, columns: {id: {type: Integer, primary_key: true}, a: "
             "{type: Integer}, b: {type: Integer}}}\n");
    revision("i2", "  - create_index: {table: t, name: ix_t_a, columns: [a], include: [b]}\n");
    auto r = run({"upgrade", "head"});
    if (pg()) {
        EXPECT_EQ(r.exit_code, 0) << r.err;  // PostgreSQL has INCLUDE
        return;
    }
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_NE(r.err.find("revision i2"), npos) << r.err;
    EXPECT_NE(r.err.find("operation 1, create_index"), npos) << r.err;
    EXPECT_NE(r.err.find("Nothing ran"), npos) << r.err;
    EXPECT_FALSE(has_table("t")) << "i1 did not commit";
}

TEST_P(GraphPromisesTest, IdentifiersThatNeedTheDatabaseReadIt) {
    revision("c1", "  - sql: \"SELECT 1\"\n");
    revision("c2", "  - sql: \"SELECT 1\"\n");
    revision("c3", "  - sql: \"SELECT 1\"\n");
    ASSERT_EQ(run({"stamp", "base"}).exit_code, 0);  // the database exists, nothing applied
    auto none = run({"show", "current"});
    EXPECT_EQ(none.exit_code, 0) << none.err;
    EXPECT_NE(none.out.find("<base> (nothing applied)"), npos) << none.out;
    ASSERT_EQ(run({"upgrade", "c2"}).exit_code, 0);
    auto current = run({"show", "current"});
    ASSERT_EQ(current.exit_code, 0) << current.err;
    EXPECT_NE(current.out.find("Rev: c2"), npos) << current.out;
    EXPECT_NE(run({"show", "+1"}).out.find("Rev: c3"), npos);
    EXPECT_NE(run({"show", "-1"}).out.find("Rev: c1"), npos);
    auto history = run({"history", "-r", "-1:"});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_NE(history.out.find("-> c3"), npos) << history.out;
    EXPECT_NE(history.out.find("-> c2"), npos) << history.out;
    EXPECT_NE(history.out.find("-> c1"), npos) << "A:B includes A: " << history.out;
    auto range = run({"history", "-r", "c2:c3"});
    EXPECT_NE(range.out.find("-> c2"), npos) << range.out;
    EXPECT_EQ(range.out.find("-> c1"), npos) << range.out;
}

TEST_P(GraphPromisesTest, OfflineModeRefusesWhatNeedsTheDatabase) {
    revision("o1", create("t1"));
    revision("o2", create("t2"));
    for (const Ids& args : {Ids{"upgrade", "current:head", "--sql"}, Ids{"upgrade", "+1", "--sql"},
                            Ids{"downgrade", "base", "--sql"}, Ids{"downgrade", "-1", "--sql"},
                            Ids{"downgrade", "current:base", "--sql"}}) {
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args[1] << ": " << r.out;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    EXPECT_NE(run({"downgrade", "head:base", "--sql"}).out.find("DELETE"), npos);
    EXPECT_NE(run({"upgrade", "o1:head", "--sql"}).out.find("CREATE TABLE \"t2\""), npos);
}

TEST_P(GraphPromisesTest, LabelsAndIdsAreCheckedBeforeAnythingIsWritten) {
    revision("l1", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n",
             {"--branch-label", "side"});
    auto dup = run(
        {"revision", "-m", "again", "--rev-id", "l2", "--head", "base", "--branch-label", "side"});
    EXPECT_EQ(dup.exit_code, 2) << dup.out << dup.err;
    EXPECT_NE(dup.err.find("'side' exists already"), npos) << dup.err;
    EXPECT_EQ(file_of("l2"), "") << "nothing written";
    EXPECT_EQ(run({"heads"}).exit_code, 0) << "the project still works";
    for (const char* label : {"head", "a:b", "x@y", "two words", "l1"}) {
        auto r = run({"revision", "-m", "m", "--rev-id", "l3", "--branch-label", label});
        EXPECT_EQ(r.exit_code, 2) << label;
        EXPECT_EQ(file_of("l3"), "") << label;
    }
    for (const char* id : {"base", "current", "a:b", "x@y", "-1", "+2", "a b"}) {
        auto r = run({"revision", "-m", "m", "--rev-id=" + std::string(id)});
        EXPECT_EQ(r.exit_code, 2) << id << ": " << r.err;
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path() / "migrations" / "versions"),
                            fs::directory_iterator{}),
              1);
}

TEST_P(GraphPromisesTest, MergeTakesHeadsOnly) {
    two_branches();
    auto r = run({"merge", "a1", "b1", "-m", "join"});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("a1"), npos);
    EXPECT_NE(r.err.find("not a head"), npos) << r.err;
    EXPECT_EQ(run({"merge", "a2", "b1", "-m", "join", "--rev-id", "mg"}).exit_code, 0);
}

TEST_P(GraphPromisesTest, BadNamesInRevisionFilesAreExit2NamingTheFile) {
    const std::string path = revision("f1", "  - sql: \"SELECT 1\"\n");
    const std::string text = read_file(path);
    for (const std::string bad :
         {"revision: head", "revision: \"a:b\"", "revision: \"x@y\"", "revision: \"-1\""}) {
        write_file(path, bad + "\n" + text.substr(text.find('\n', text.find("revision:")) + 1));
        auto r = run({"heads"});
        EXPECT_EQ(r.exit_code, 2) << bad;
        EXPECT_NE(r.err.find(fs::path(path).filename().string()), npos) << r.err;
    }
    write_file(path, text);
    const std::string label = text.substr(0, text.find("branch_labels:")) +
                              "branch_labels: [\"with space\"]" +
                              text.substr(text.find('\n', text.find("branch_labels:")));
    write_file(path, label);
    auto r = run({"history"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("white space"), npos) << r.err;
}

TEST_P(GraphPromisesTest, AHundredThousandCharacterArgumentOrDownRevisionGivesExit2) {
    const std::string path = revision("h1", "  - sql: \"SELECT 1\"\n");
    const std::string huge(100000, 'x');
    for (const Ids& args :
         {Ids{"show", huge}, Ids{"upgrade", huge}, Ids{"downgrade", huge}, Ids{"stamp", huge},
          Ids{"history", "-r", huge + ":"}, Ids{"upgrade", huge + ":head", "--sql"},
          Ids{"revision", "-m", "x", "--rev-id", huge}, Ids{"merge", huge, "h1", "-m", "x"},
          Ids{"revision", "-m", "x", "--branch-label", huge}}) {
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err.substr(0, 300);
        EXPECT_NE(r.err.find("100000 characters"), npos) << args[0];
        EXPECT_LT(r.err.size(), 2000u) << args[0];
    }
    const std::string text = read_file(path);
    write_file(path, text.substr(0, text.find("down_revision:")) + "down_revision: " + huge +
                         text.substr(text.find('\n', text.find("down_revision:"))));
    for (const Ids& args : {Ids{"heads"}, Ids{"upgrade", "head"}, Ids{"history"}}) {
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err.substr(0, 300);
        EXPECT_NE(r.err.find(fs::path(path).filename().string()), npos) << r.err.substr(0, 300);
        EXPECT_LT(r.err.size(), 2000u);
    }
}

INSTANTIATE_TEST_SUITE_P(Dialects, GraphPromisesTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
