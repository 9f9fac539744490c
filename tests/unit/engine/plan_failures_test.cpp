// How a run fails, on a scripted connection: a failing statement, version-table write, COMMIT
// or commit guard is a MigrationError naming the revision, and a failing rollback is added to
// the message, never thrown in its place.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/plan_executor.h"
#include "tests/support/test_support.h"

namespace migrate::engine {
namespace {

// Records every statement; fails the first one containing `fail_on`, and ROLLBACK when asked.
class ScriptedConnection : public orm::Connection {
  public:
    explicit ScriptedConnection(const orm::Dialect& d) : dialect_(d) {}
    const orm::Dialect& dialect() const override { return dialect_; }
    void execute(const std::string& sql) override {
        log.push_back(sql);
        if (!fail_on.empty() && sql.find(fail_on) != std::string::npos)
            throw DatabaseError("the database refused: " + sql, sql, fail_sqlstate);
    }
    void execute_script(const std::string& sql) override { execute(sql); }
    orm::ResultSet query(const std::string& sql, const std::vector<orm::Value>&) override {
        execute(sql);
        return {};
    }
    void begin() override {
        execute("BEGIN");
        open = true;
    }
    void commit() override {
        open = false;
        execute("COMMIT");
    }
    void rollback() override {
        if (rollback_fails) throw ConnectionError("the connection dropped during ROLLBACK");
        open = false;
        log.push_back("ROLLBACK");
    }
    bool in_transaction() const override { return open; }

    std::vector<std::string> log;
    std::string fail_on;
    std::string fail_sqlstate = "XX000";
    bool rollback_fails = false;
    bool open = false;

  private:
    const orm::Dialect& dialect_;
};

class NoTables : public SchemaSource {
  public:
    const orm::MetaData& current() override { return none_; }
    std::vector<std::string> triggers(const std::string&) override { return {}; }
    std::vector<std::string> rebuild_obstacles(const std::string&) override { return {}; }
    void applied(const std::vector<Operation>&, size_t, size_t) override {}

  private:
    orm::MetaData none_;
};

class PlanFailuresTest : public ::testing::Test {
  protected:
    PlanFailuresTest()
        : dialect_(orm::dialect_by_name("postgresql")),
          conn_(dialect_),
          table_(dialect_, "migrate_version") {}

    // Revisions r1, r2, ... each running `SELECT <id>`.
    std::vector<RevisionFile> plan(int n) {
        std::vector<RevisionFile> out;
        for (int i = 1; i <= n; ++i) {
            RevisionFile f;
            f.header.id = "r" + std::to_string(i);
            f.header.path = dir_.file(f.header.id + ".yaml");
            test::write_file(f.header.path, "revision: " + f.header.id + "\n");
            Sql op;
            op.sql = "SELECT '" + f.header.id + "'";
            f.upgrade.push_back(op);
            out.push_back(f);
        }
        return out;
    }

    // The MigrationError of running `n` revisions, or a failure when there is none.
    MigrationError run(int n, const CommitGuard& guard = {}) {
        try {
            execute_plan(conn_, table_, options_, source_, plan(n), Direction::kUp, guard);
        } catch (const MigrationError& e) {
            EXPECT_EQ(e.exit_code(), 4);
            return e;
        }
        ADD_FAILURE() << "no MigrationError";
        return MigrationError("", "", "");
    }

    bool logged(const std::string& sql) const {
        for (const auto& s : conn_.log)
            if (s == sql) return true;
        return false;
    }

    test::TempDir dir_;
    const orm::Dialect& dialect_;
    ScriptedConnection conn_;
    VersionTable table_;
    RunOptions options_;
    NoTables source_;
};

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST_F(PlanFailuresTest, AFailingRollbackIsAddedToTheOriginalError) {
    conn_.fail_on = "SELECT 'r2'";
    conn_.rollback_fails = true;
    MigrationError e = run(2);
    const std::string msg = e.what();
    EXPECT_EQ(e.revision(), "r2");
    EXPECT_TRUE(has(msg, "the database refused: SELECT 'r2'")) << msg;
    EXPECT_TRUE(has(msg, "Rolling back failed too: the connection dropped during ROLLBACK")) << msg;
    EXPECT_LT(msg.find("refused"), msg.find("Rolling back failed")) << msg;
    EXPECT_FALSE(has(msg, "Nothing of this run was applied"))
        << "not known after a failed rollback";
}

// PostgreSQL's lock table full ("out of shared memory", 53200): the message names the server
// setting and, in mode `all`, the transaction mode that avoids it.
TEST_F(PlanFailuresTest, AFullLockTableNamesTheSettingAndTheTransactionMode) {
    conn_.fail_on = "SELECT 'r2'";
    conn_.fail_sqlstate = "53200";
    std::string msg = run(2).what();
    EXPECT_TRUE(has(msg, "max_locks_per_transaction")) << msg;
    EXPECT_TRUE(has(msg, "transaction_mode: per_migration")) << msg;

    conn_.log.clear();
    options_.transaction_mode = TransactionMode::kPerMigration;
    msg = run(2).what();
    EXPECT_TRUE(has(msg, "max_locks_per_transaction")) << msg;
    EXPECT_FALSE(has(msg, "transaction_mode: per_migration")) << "already per migration: " << msg;

    conn_.fail_sqlstate = "XX000";
    EXPECT_FALSE(has(run(2).what(), "max_locks_per_transaction")) << "only for a full lock table";
}

TEST_F(PlanFailuresTest, AFailingVersionRowWriteNamesTheRevision) {
    conn_.fail_on = "VALUES ('r2'";
    MigrationError e = run(3);
    EXPECT_EQ(e.revision(), "r2");
    EXPECT_EQ(e.operation(), "version table");
    EXPECT_TRUE(has(e.what(), "revision r2")) << e.what();
    EXPECT_TRUE(has(e.what(), "recording it in the version table migrate_version")) << e.what();
    EXPECT_TRUE(has(e.what(), "Nothing of this run was applied")) << e.what();
    EXPECT_TRUE(logged("ROLLBACK"));
    EXPECT_FALSE(logged("COMMIT"));
}

TEST_F(PlanFailuresTest, AFailingCommitNamesTheRevisionsOfTheTransaction) {
    conn_.fail_on = "COMMIT";
    MigrationError e = run(2);
    EXPECT_EQ(e.revision(), "r2");
    EXPECT_EQ(e.operation(), "commit");
    EXPECT_TRUE(has(e.what(), "revisions r1, r2 could not be committed: COMMIT failed"))
        << e.what();
}

TEST_F(PlanFailuresTest, AThrowingGuardRollsBackBeforeCommit) {
    MigrationError e = run(2, [] { throw LockLostError("the migration lock was lost (test)"); });
    EXPECT_EQ(e.revision(), "r2");
    EXPECT_TRUE(has(e.what(), "the migration lock was lost (test)")) << e.what();
    EXPECT_TRUE(has(e.what(), "rolled back")) << e.what();
    EXPECT_TRUE(logged("ROLLBACK"));
    EXPECT_FALSE(logged("COMMIT"));
}

TEST_F(PlanFailuresTest, PerMigrationGuardFailureKeepsEarlierCommits) {
    options_.transaction_mode = TransactionMode::kPerMigration;
    int calls = 0;
    MigrationError e = run(3, [&calls] {
        if (++calls == 2) throw LockLostError("the migration lock was lost (test)");
    });
    EXPECT_EQ(e.revision(), "r2");
    EXPECT_TRUE(has(e.what(), "revision r2 could not be committed")) << e.what();
    EXPECT_TRUE(has(e.what(), "committed before it in this run stay applied")) << e.what();
    EXPECT_FALSE(logged("SELECT 'r3'"));
}

}  // namespace
}  // namespace migrate::engine
