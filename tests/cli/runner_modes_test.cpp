// The runner's modes, through the real binary on SQLite and PostgreSQL: transaction modes,
// non-transactional revisions, upgrade / downgrade targets over a branch-and-merge graph,
// JSON output, offline SQL without a database, malformed revisions, the project's revision
// template and `migrate edit`.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::string>;
constexpr auto npos = std::string::npos;

class RunnerModesTest : public ProjectTest {
  protected:
    void SetUp() override {
        ProjectTest::SetUp();
        if (IsSkipped()) return;
        ASSERT_EQ(run({"init"}).exit_code, 0);
    }

    // Revisions here say "rev <id>".
    std::string revision(const std::string& id, const std::string& upgrade,
                         const std::string& downgrade = "  - sql: \"SELECT 1\"\n",
                         std::vector<std::string> extra = {}) {
        return ProjectTest::revision(id, upgrade, downgrade, extra, "rev " + id);
    }

    static void replace(const std::string& path, const std::string& from, const std::string& to) {
        std::string text = read_file(path);
        ASSERT_NE(text.find(from), npos) << path;
        write_file(path, text.replace(text.find(from), from.size(), to));
    }

    Ids applied() {
        Ids out;
        if (!has_table("migrate_version")) return out;  // no run got as far as creating it
        auto conn = db_->connect();
        for (const auto& r :
             conn->query("SELECT revision FROM migrate_version ORDER BY revision").rows)
            out.push_back(*r[0]);
        return out;
    }

    bool has_table(const std::string& name) {
        auto conn = db_->connect();
        return conn->dialect().inspector().reflect(*conn, {}).metadata.find_table(name) != nullptr;
    }
};

std::string create(const std::string& table) {
    return "  - create_table: {name: " + table +
           ", columns: {id: {type: Integer, primary_key: true}}}\n";
}

// ---- Transaction modes: revision f2 of three fails at its second statement. ----

class RunnerModesTransactionTest : public RunnerModesTest {
  protected:
    CommandResult upgrade_with_failing_second_revision(const std::string& mode) {
        replace(dir_.file("migrate.yaml"), "transaction_mode: all", "transaction_mode: " + mode);
        revision("f1", create("t1"));
        revision("f2", create("t2") + "  - sql: \"INSERT INTO no_such_table VALUES (1)\"\n");
        revision("f3", create("t3"));
        auto r = run({"upgrade", "head"});
        EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
        EXPECT_NE(r.err.find("revision f2"), npos) << r.err;
        EXPECT_NE(r.err.find("operation 2, sql"), npos) << r.err;
        EXPECT_NE(r.err.find("no_such_table"), npos) << r.err;
        EXPECT_FALSE(has_table("t3"));
        return r;
    }
};

TEST_P(RunnerModesTransactionTest, PerMigrationKeepsTheRevisionsBeforeTheFailingOne) {
    upgrade_with_failing_second_revision("per_migration");
    EXPECT_EQ(applied(), Ids{"f1"});
    EXPECT_TRUE(has_table("t1"));
    EXPECT_FALSE(has_table("t2")) << "f2's transaction is rolled back";
}

TEST_P(RunnerModesTransactionTest, AllRollsBackEveryRevisionOfTheRun) {
    auto r = upgrade_with_failing_second_revision("all");
    EXPECT_TRUE(applied().empty());
    EXPECT_FALSE(has_table("t1"));
    EXPECT_FALSE(has_table("t2"));
    EXPECT_NE(r.err.find("Nothing of this run was applied"), npos) << r.err;
}

TEST_P(RunnerModesTransactionTest, NoneKeepsTheFailingRevisionsStatementsBeforeTheFailure) {
    auto r = upgrade_with_failing_second_revision("none");
    EXPECT_EQ(applied(), Ids{"f1"});
    EXPECT_TRUE(has_table("t1"));
    EXPECT_TRUE(has_table("t2")) << "without a transaction, f2's first statement stays";
    EXPECT_EQ(r.err.find("rolled back"), npos)
        << "nothing was rolled back, and the message must not say so:\n"
        << r.err;
}

// ---- transactional: false ----

TEST_P(RunnerModesTest, NonTransactionalRevisionRunsOutsideATransaction) {
    revision("n1",
             create("t") + "  - add_column: {table: t, column: {name: a, type: Integer}}\n" +
                 "  - bulk_insert: {table: t, rows: [{id: 1, a: 5}, {id: 2, a: 6}]}\n",
             "  - drop_table: {name: t}\n");
    // Statements that fail inside a transaction.
    const std::string n2 = revision(
        "n2", pg() ? "  - sql: \"CREATE INDEX CONCURRENTLY ix_x ON t (a)\"\n" : "  - sql: VACUUM\n",
        pg() ? "  - sql: \"DROP INDEX CONCURRENTLY ix_x\"\n" : "  - sql: VACUUM\n");
    auto in_tx = run({"upgrade", "head"});
    EXPECT_EQ(in_tx.exit_code, 4) << in_tx.err;
    EXPECT_NE(in_tx.err.find(pg() ? "cannot run inside a transaction block"
                                  : "cannot VACUUM from within a transaction"),
              npos)
        << in_tx.err;
    EXPECT_TRUE(applied().empty());

    replace(n2, "transactional: true", "transactional: false");
    auto r = run({"upgrade", "head"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(applied(), (Ids{"n1", "n2"}));
    auto conn = db_->connect();
    if (pg()) {
        EXPECT_EQ(conn->query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_x'::regclass")
                      .rows[0][0],
                  std::optional<std::string>("t"));
    }
    ASSERT_EQ(run({"downgrade", "base"}).exit_code, 0);
    EXPECT_TRUE(applied().empty());
    EXPECT_FALSE(has_table("t"));

    // A non-transactional revision commits what ran before it, even in mode `all`.
    revision("n3", create("t3") + "  - sql: \"INSERT INTO no_such_table VALUES (1)\"\n");
    auto fails = run({"upgrade", "head"});
    EXPECT_EQ(fails.exit_code, 4);
    EXPECT_EQ(applied(), (Ids{"n1", "n2"}));
    EXPECT_FALSE(has_table("t3"));
    EXPECT_EQ(fails.err.find("Nothing of this run was applied"), npos)
        << "n1 and n2 stay applied; the message must not say otherwise:\n"
        << fails.err;
}

// ---- The revision graph: a1 -> a2, a1 -> b1 (label side), m merges a2 and b1. ----

class RunnerModesGraphTest : public RunnerModesTest {
  protected:
    void SetUp() override {
        RunnerModesTest::SetUp();
        if (IsSkipped()) return;
        revision("a1", "  - sql: \"SELECT 1\"\n");
        revision("a2", "  - sql: \"SELECT 1\"\n");
        revision("b1", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n",
                 {"--head", "a1", "--splice", "--branch-label", "side"});
        auto two_heads = run({"upgrade", "head"});
        EXPECT_EQ(two_heads.exit_code, 2);
        EXPECT_NE(two_heads.err.find("several heads (a2, b1)"), npos) << two_heads.err;
        EXPECT_NE(two_heads.err.find("migrate merge"), npos) << two_heads.err;
        EXPECT_TRUE(applied().empty());
        ASSERT_EQ(run({"merge", "heads", "-m", "join", "--rev-id", "m"}).exit_code, 0);
    }

    // Applied sets are written as "a1 a2"; "" is base.
    static Ids ids(const std::string& text) {
        std::istringstream in(text);
        Ids out;
        for (std::string id; in >> id;) out.push_back(id);
        std::sort(out.begin(), out.end());
        return out;
    }

    // From base, upgrades to each revision of `tips` in turn.
    void reach(const std::string& tips) {
        ASSERT_EQ(run({"downgrade", "base"}).exit_code, 0);
        for (const auto& tip : ids(tips)) ASSERT_EQ(run({"upgrade", tip}).exit_code, 0);
    }
};

TEST_P(RunnerModesGraphTest, EveryTargetFromEveryReachableState) {
    const Ids targets{"base", "a1", "a2", "b1", "m", "heads"};
    const std::string all = "a1 a2 b1 m";
    struct Row {
        std::string tips, state;
        std::vector<std::string> then;  // per target: "up: <set>" or "down: <set>"
    };
    // Downgrading to X removes X's descendants that are neither X nor its ancestors, so from
    // "a1 a2 b1", downgrade a2 removes nothing: b1 is not a2's descendant.
    const std::vector<Row> rows = {
        {"", "", {"down:", "up: a1", "up: a1 a2", "up: a1 b1", "up: " + all, "up: " + all}},
        {"a1", "a1", {"down:", "down: a1", "up: a1 a2", "up: a1 b1", "up: " + all, "up: " + all}},
        {"a2",
         "a1 a2",
         {"down:", "down: a1", "down: a1 a2", "up: a1 a2 b1", "up: " + all, "up: " + all}},
        {"b1",
         "a1 b1",
         {"down:", "down: a1", "up: a1 a2 b1", "down: a1 b1", "up: " + all, "up: " + all}},
        {"a2 b1",
         "a1 a2 b1",
         {"down:", "down: a1", "down: a1 a2 b1", "down: a1 a2 b1", "up: " + all, "up: " + all}},
        {"m",
         all,
         {"down:", "down: a1", "down: a1 a2 b1", "down: a1 a2 b1", "down: " + all, "up: " + all}},
    };
    for (const Row& row : rows) {
        for (size_t i = 0; i < targets.size(); ++i) {
            ASSERT_NO_FATAL_FAILURE(reach(row.tips));
            ASSERT_EQ(applied(), ids(row.state)) << "reaching " << row.tips;
            const std::string& cell = row.then[i];
            const std::string command = cell.rfind("up:", 0) == 0 ? "upgrade" : "downgrade";
            auto r = run({command, targets[i]});
            EXPECT_EQ(r.exit_code, 0) << command << " " << targets[i] << ": " << r.err;
            EXPECT_EQ(applied(), ids(cell.substr(cell.find(':') + 1)))
                << "from {" << row.state << "}: " << command << " " << targets[i];
        }
    }
}

TEST_P(RunnerModesGraphTest, RelativeStepsAndBranchLabels) {
    ASSERT_EQ(run({"upgrade", "+1"}).exit_code, 0);
    EXPECT_EQ(applied(), Ids{"a1"});
    auto ambiguous = run({"upgrade", "+1"});
    EXPECT_EQ(ambiguous.exit_code, 2);
    EXPECT_NE(ambiguous.err.find("a1 is a branch point (branches: a2, b1)"), npos) << ambiguous.err;
    EXPECT_EQ(applied(), Ids{"a1"});
    ASSERT_EQ(run({"upgrade", "a2"}).exit_code, 0);
    ASSERT_EQ(run({"downgrade", "-1"}).exit_code, 0);
    EXPECT_EQ(applied(), Ids{"a1"});

    ASSERT_EQ(run({"upgrade", "side"}).exit_code, 0) << "a label names its revision";
    EXPECT_EQ(applied(), (Ids{"a1", "b1"}));
    ASSERT_EQ(run({"downgrade", "side@base"}).exit_code, 0) << "side@base is a1";
    EXPECT_EQ(applied(), Ids{"a1"});
    ASSERT_EQ(run({"upgrade", "side@head"}).exit_code, 0) << "side's branch ends in m";
    EXPECT_EQ(applied(), (Ids{"a1", "a2", "b1", "m"}));
    auto below_merge = run({"downgrade", "-1"});
    EXPECT_EQ(below_merge.exit_code, 2) << "one step down from a merge is ambiguous";
    EXPECT_EQ(applied().size(), 4u);
}

TEST_P(RunnerModesGraphTest, HeadsHistoryAndCurrentAsJson) {
    ASSERT_EQ(run({"upgrade", "a2"}).exit_code, 0);
    auto heads = nlohmann::json::parse(run({"heads", "--format", "json"}).out);
    ASSERT_EQ(heads.size(), 1u) << heads;
    EXPECT_EQ(heads[0]["revision"], "m");
    EXPECT_EQ(heads[0]["down_revisions"].get<Ids>(), (Ids{"a2", "b1"}));
    EXPECT_EQ(heads[0]["is_merge"], true);
    EXPECT_EQ(heads[0]["is_head"], true);
    EXPECT_EQ(heads[0]["message"], "join");
    EXPECT_TRUE(fs::exists(fs::path(dir_.path()) / heads[0]["path"].get<std::string>()));

    auto history = nlohmann::json::parse(run({"history", "-i", "--format", "json"}).out);
    ASSERT_EQ(history.size(), 4u) << history;
    Ids order;
    for (const auto& r : history) order.push_back(r["revision"]);
    EXPECT_EQ(order, (Ids{"m", "b1", "a2", "a1"})) << "newest first";
    EXPECT_EQ(history[1]["branch_labels"].get<Ids>(), Ids{"side"});
    EXPECT_EQ(history[3]["down_revisions"].get<Ids>(), Ids{});
    EXPECT_EQ(history[3]["is_branch_point"], true);
    EXPECT_EQ(history[2]["is_current"], true);
    EXPECT_EQ(history[3]["is_current"], false);

    auto current = nlohmann::json::parse(run({"current", "--format", "json"}).out);
    ASSERT_EQ(current["current"].size(), 1u) << current;
    EXPECT_EQ(current["current"][0]["revision"], "a2");
    EXPECT_EQ(current["current"][0]["message"], "rev a2");
    EXPECT_FALSE(current["current"][0]["applied_at"].get<std::string>().empty());
    EXPECT_GE(current["current"][0]["execution_ms"].get<long long>(), 0);
    EXPECT_EQ(current["applied"].get<Ids>(), (Ids{"a1", "a2"}));
    EXPECT_EQ(current["heads"].get<Ids>(), Ids{"m"});
    EXPECT_EQ(current["at_heads"], false);
    EXPECT_EQ(current["changed"].get<Ids>(), Ids{});
    std::smatch password;
    const std::string url = db_->url();
    if (std::regex_search(url, password, std::regex("://[^:/@]+:([^@]+)@"))) {
        EXPECT_EQ(current["database"].get<std::string>().find(password[1].str()), npos)
            << "the password is masked";
    }
}

// ---- Files and commands that need no database. ----

TEST_P(RunnerModesTest, OfflineSqlNeedsNoUrlAndCreatesNoDatabase) {
    revision("o1", create("t") + "  - bulk_insert: {table: t, rows: [{id: 1}]}\n");
    const std::vector<std::string> no_url{"MIGRATE_URL=", "DATABASE_URL="};
    // No --dialect: the dialect of migrate.yaml's default URL, sqlite:///app.db.
    for (const std::string& dialect : {std::string(), GetParam()}) {
        std::vector<std::string> args{"upgrade", "--sql"};
        if (!dialect.empty()) args.insert(args.end(), {"--dialect", dialect});
        auto r = run(args, no_url);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("CREATE TABLE"), npos) << r.out;
        EXPECT_NE(r.out.find("INSERT INTO \"t\" (\"id\") VALUES (1)"), npos) << r.out;
        EXPECT_NE(r.out.find("INSERT INTO \"migrate_version\""), npos) << r.out;
        EXPECT_EQ(r.out.find("Running upgrade"), npos) << "standard output is only SQL";
        EXPECT_NE(r.err.find("Running upgrade <base> -> o1"), npos) << r.err;
        const bool pg_sql = dialect == "postgresql";
        EXPECT_EQ(r.out.find("TIMESTAMP WITH TIME ZONE") != npos, pg_sql) << r.out;
    }
    EXPECT_FALSE(fs::exists(dir_.path() / "app.db"));
    EXPECT_FALSE(fs::exists(dir_.path() / "app.db.migrate-lock"));
}

TEST_P(RunnerModesTest, MalformedUpgradeStopsUpgradeButNotHeadsOrHistory) {
    revision("w1", create("t"), "  - drop_table: {name: t}\n");
    const std::string path = revision("w2", "  - sql: \"SELECT 1\"\n  - no_such_op: {table: t}\n");
    auto heads = run({"heads"});
    EXPECT_EQ(heads.exit_code, 0) << heads.err;
    EXPECT_EQ(heads.out, "w2 (head), rev w2\n");
    auto history = run({"history"});
    EXPECT_EQ(history.exit_code, 0) << history.err;
    EXPECT_EQ(history.out, "w1 -> w2 (head), rev w2\n<base> -> w1, rev w1\n");

    const std::string text = read_file(path);
    const auto line = std::count(text.begin(), text.begin() + text.find("- no_such_op"), '\n') + 1;
    auto up = run({"upgrade", "head"});
    EXPECT_EQ(up.exit_code, 2) << up.err;
    EXPECT_NE(up.err.find(fs::path(path).filename().string() + ":" + std::to_string(line) +
                          ":5: unknown operation 'no_such_op'"),
              npos)
        << up.err;
    EXPECT_TRUE(applied().empty()) << "w1 ran in the same transaction and was rolled back";
    EXPECT_FALSE(has_table("t"));
}

TEST_P(RunnerModesTest, TheProjectsRevisionTemplateWins) {
    const std::string tmpl = dir_.file("migrations/script.yaml.mustache");
    write_file(tmpl, "# reviewed-by: {{{revision}}} template\n" + read_file(tmpl));
    EXPECT_NE(
        read_file(revision("t1", "  - sql: \"SELECT 1\"\n")).find("# reviewed-by: t1 template"),
        npos);
    EXPECT_EQ(run({"heads"}).out, "t1 (head), rev t1\n");
    fs::remove(tmpl);  // without it, the built-in template
    ASSERT_EQ(run({"revision", "-m", "plain", "--rev-id", "t2"}).exit_code, 0);
    EXPECT_EQ(read_file(file_of("t2")).find("reviewed-by"), npos);
}

TEST_P(RunnerModesTest, EditOpensTheRevisionInTheEditor) {
    const std::string path = revision("x1", "  - sql: \"SELECT 1\"\n");
    const std::string before = read_file(path);
    auto edited = run({"edit", "head"}, {"VISUAL=", "EDITOR=sh -c 'echo \"# edited\" >> \"$0\"'"});
    ASSERT_EQ(edited.exit_code, 0) << edited.err;
    EXPECT_EQ(read_file(path), before + "# edited\n");

    auto no_editor = run({"edit", "x1"}, {"VISUAL=", "EDITOR="});
    EXPECT_EQ(no_editor.exit_code, 2);
    EXPECT_NE(no_editor.err.find("$EDITOR"), npos) << no_editor.err;
    EXPECT_NE(no_editor.err.find(fs::path(path).filename().string()), npos) << no_editor.err;
    EXPECT_EQ(read_file(path), before + "# edited\n");
}

auto dialect_name = [](const auto& info) { return info.param; };
// Three roots merged at once, and a revision that depends on another branch: what upgrade and
// downgrade apply follows parents through down_revision and depends_on alike.
TEST_P(RunnerModesTest, MergeOfThreeAndDependsOnAcrossBranches) {
    revision("x1", "  - sql: \"SELECT 1\"\n");
    revision("y1", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n", {"--head", "base"});
    revision("z1", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n", {"--head", "base"});
    revision("d1", "  - sql: \"SELECT 1\"\n", "  - sql: \"SELECT 1\"\n",
             {"--head", "x1", "--depends-on", "y1"});
    ASSERT_EQ(run({"upgrade", "d1"}).exit_code, 0);
    EXPECT_EQ(applied(), (Ids{"d1", "x1", "y1"})) << "d1 needs x1 and, through depends_on, y1";
    auto down = run({"downgrade", "x1"});
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_EQ(applied(), (Ids{"x1", "y1"}));
    ASSERT_EQ(run({"upgrade", "d1"}).exit_code, 0);
    auto y_down = run({"downgrade", "z1"});
    EXPECT_EQ(y_down.exit_code, 2) << "z1 is not applied: " << y_down.err;
    ASSERT_EQ(run({"merge", "d1", "y1", "z1", "-m", "three", "--rev-id", "m3"}).exit_code, 0);
    auto up = run({"upgrade", "head"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(applied(), (Ids{"d1", "m3", "x1", "y1", "z1"}));
    EXPECT_NE(run({"history"}).out.find("(d1, y1, z1) -> m3 (head, mergepoint), three"), npos);
    EXPECT_EQ(run({"downgrade", "-1"}).exit_code, 2) << "one step below a merge is ambiguous";
    ASSERT_EQ(run({"downgrade", "d1"}).exit_code, 0);
    EXPECT_EQ(applied(), (Ids{"d1", "x1", "y1", "z1"})) << "the merge alone goes";
    ASSERT_EQ(run({"downgrade", "base"}).exit_code, 0);
    EXPECT_TRUE(applied().empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, RunnerModesTest, ::testing::ValuesIn(test_dialects()),
                         dialect_name);
INSTANTIATE_TEST_SUITE_P(Dialects, RunnerModesTransactionTest, ::testing::ValuesIn(test_dialects()),
                         dialect_name);
INSTANTIATE_TEST_SUITE_P(Dialects, RunnerModesGraphTest, ::testing::ValuesIn(test_dialects()),
                         dialect_name);

}  // namespace
}  // namespace migrate::test
