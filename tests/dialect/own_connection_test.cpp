// The runner on an application's own open connection: a `sqlite3*` or a libpqxx connection,
// wrapped without being taken over. The upgrade runs under the same lock, version table and
// checksums as with a URL; afterwards the handle is usable, outside any transaction, with its
// settings unchanged. A handle inside a transaction is refused; a held lock times out.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/lock.h"
#include "migrations_engine/runtime/startup.h"
#include "migrations_engine/script/revision_source.h"
#include "orm/connection_handles.h"
#include "orm/url.h"
#include "tests/support/test_support.h"

namespace migrate::engine {
namespace {

const char* const kCreate =
    "revision: aaaa00000001\n"
    "down_revision: null\n"
    "message: create notes\n"
    "upgrade:\n"
    "  - create_table:\n"
    "      name: notes\n"
    "      columns:\n"
    "        id: {type: Integer, primary_key: true}\n"
    "        title: {type: String(200), nullable: false}\n"
    "downgrade:\n"
    "  - drop_table: {name: notes}\n";

const char* const kIndex =
    "revision: bbbb00000002\n"
    "down_revision: aaaa00000001\n"
    "message: index titles\n"
    "upgrade:\n"
    "  - create_index: {table: notes, name: ux_notes_title, columns: [title], unique: true}\n"
    "downgrade:\n"
    "  - drop_index: {table: notes, name: ux_notes_title}\n";

// A third revision that fails (a duplicate title) after a statement that worked.
const char* const kFailing =
    "revision: cccc00000003\n"
    "down_revision: bbbb00000002\n"
    "message: seed\n"
    "upgrade:\n"
    "  - sql: \"INSERT INTO notes (id, title) VALUES (10, 'x'); INSERT INTO notes (id, title) "
    "VALUES (11, 'x')\"\n"
    "downgrade: []\n";

std::shared_ptr<const RevisionSource> revisions(bool with_failing = false) {
    std::vector<MemoryRevisionSource::File> files = {{"aaaa00000001_create.yaml", kCreate},
                                                     {"bbbb00000002_index.yaml", kIndex}};
    if (with_failing) files.push_back({"cccc00000003_seed.yaml", kFailing});
    return std::make_shared<MemoryRevisionSource>(files);
}

// The application's handle, through its own API (not the library's), for the checks.
class Handle {
  public:
    virtual ~Handle() = default;
    virtual StartupResult upgrade(std::shared_ptr<const RevisionSource> source,
                                  const StartupOptions& options) = 0;
    /// The first column of the first row, "" for NULL or none.
    virtual std::string scalar(const std::string& sql) = 0;
    virtual void exec(const std::string& sql) = 0;
    /// Whether the server / library says a transaction is open, asked its own way.
    virtual bool in_transaction() = 0;
    /// A catalog query: does table `name` exist, does index `name` exist.
    virtual std::string table_exists(const std::string& name) = 0;
    virtual std::string index_exists(const std::string& name) = 0;
    /// The session's settings, to compare before and after.
    virtual std::string settings() = 0;
};

class SqliteHandle : public Handle {
  public:
    explicit SqliteHandle(const std::string& path) {
        EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    }
    ~SqliteHandle() override { sqlite3_close(db_); }
    StartupResult upgrade(std::shared_ptr<const RevisionSource> source,
                          const StartupOptions& options) override {
        return upgrade_at_startup(db_, std::move(source), options);
    }
    std::string scalar(const std::string& sql) override {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
            << sqlite3_errmsg(db_);
        std::string out;
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
    void exec(const std::string& sql) override {
        char* err = nullptr;
        EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
            << (err ? err : "");
        sqlite3_free(err);
    }
    bool in_transaction() override { return sqlite3_get_autocommit(db_) == 0; }
    std::string table_exists(const std::string& name) override {
        return scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" +
                      name + "'");
    }
    std::string index_exists(const std::string& name) override {
        return scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" +
                      name + "'");
    }
    std::string settings() override {
        std::string out;
        for (const char* p : {"foreign_keys", "legacy_alter_table", "journal_mode", "synchronous",
                              "recursive_triggers", "defer_foreign_keys"})
            out += std::string(p) + "=" + scalar(std::string("PRAGMA ") + p) + ";";
        return out;
    }
    sqlite3* db() { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

class PgHandle : public Handle {
  public:
    explicit PgHandle(const std::string& url) : conn_(url) {}
    StartupResult upgrade(std::shared_ptr<const RevisionSource> source,
                          const StartupOptions& options) override {
        return upgrade_at_startup(conn_, std::move(source), options);
    }
    std::string scalar(const std::string& sql) override {
        pqxx::nontransaction tx(conn_);
        pqxx::result r = tx.exec(sql);
        return r.empty() || r[0][0].is_null() ? "" : r[0][0].c_str();
    }
    void exec(const std::string& sql) override {
        pqxx::nontransaction tx(conn_);
        tx.exec(sql);
    }
    // SAVEPOINT is refused (25P01) exactly when no transaction block is open.
    bool in_transaction() override {
        try {
            pqxx::nontransaction tx(conn_);
            tx.exec("SAVEPOINT probe");
            tx.exec("RELEASE SAVEPOINT probe");
            return true;
        } catch (const pqxx::sql_error& e) {
            EXPECT_EQ(e.sqlstate(), "25P01") << e.what();
            return false;
        }
    }
    std::string table_exists(const std::string& name) override {
        return scalar("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname = '" + name +
                      "' AND relnamespace = 'public'::regnamespace");
    }
    std::string index_exists(const std::string& name) override {
        return scalar("SELECT count(*) FROM pg_indexes WHERE indexname = '" + name + "'");
    }
    // Every setting of the session, and the advisory locks it holds.
    std::string settings() override {
        return scalar(
                   "SELECT string_agg(name || '=' || setting, ';' ORDER BY name) FROM "
                   "pg_settings") +
               " advisory locks held: " +
               scalar(
                   "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = "
                   "pg_backend_pid()");
    }
    pqxx::connection& conn() { return conn_; }

  private:
    pqxx::connection conn_;
};

class OwnConnectionTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = test::make_test_database(GetParam());
        const auto url = orm::DatabaseUrl::parse(db_->url());
        if (GetParam() == "sqlite")
            handle_ = std::make_unique<SqliteHandle>(url.path());
        else
            handle_ = std::make_unique<PgHandle>(db_->url());
    }
    std::unique_ptr<test::TestDatabase> db_;
    std::unique_ptr<Handle> handle_;
};

TEST_P(OwnConnectionTest, UpgradesThroughTheHandleWhichStaysUsableAndUnchanged) {
    const std::string before = handle_->settings();
    std::vector<std::string> said;
    StartupOptions options;
    options.run.say = [&](const std::string& line) { said.push_back(line); };
    StartupResult result = handle_->upgrade(revisions(), options);
    ASSERT_EQ(result.steps.size(), 2u);
    EXPECT_EQ(result.heads, std::vector<std::string>{"bbbb00000002"});
    EXPECT_FALSE(handle_->in_transaction());
    EXPECT_EQ(handle_->settings(), before) << "the session's settings are as they were";

    // What the same handle sees: the version table and the catalog.
    EXPECT_EQ(handle_->scalar("SELECT count(*) FROM migrate_version"), "2");
    EXPECT_EQ(handle_->scalar("SELECT min(revision) FROM migrate_version"), "aaaa00000001");
    EXPECT_EQ(handle_->scalar("SELECT max(revision) FROM migrate_version"), "bbbb00000002");
    EXPECT_EQ(handle_->table_exists("notes"), "1");
    EXPECT_EQ(handle_->index_exists("ux_notes_title"), "1");
    handle_->exec("INSERT INTO notes (id, title) VALUES (1, 'first')");
    EXPECT_EQ(handle_->scalar("SELECT title FROM notes WHERE id = 1"), "first");

    // The same checksums as a URL run: the CLI's way sees it up to date.
    EXPECT_TRUE(upgrade_at_startup(db_->url(), revisions()).steps.empty());
    EXPECT_TRUE(handle_->upgrade(revisions(), {}).steps.empty());
    EXPECT_EQ(handle_->settings(), before);
}

TEST_P(OwnConnectionTest, AFailingRevisionLeavesTheHandleOutsideAnyTransaction) {
    handle_->upgrade(revisions(), {});
    const std::string before = handle_->settings();
    try {
        handle_->upgrade(revisions(true), {});
        FAIL() << "no error";
    } catch (const MigrationError& e) {
        EXPECT_EQ(e.revision(), "cccc00000003");
        EXPECT_EQ(e.category(), ErrorCategory::kUniqueViolation) << e.what();
        EXPECT_NE(e.sql().find("VALUES (11, 'x')"), std::string::npos) << e.sql();
    }
    EXPECT_FALSE(handle_->in_transaction());
    EXPECT_EQ(handle_->settings(), before);
    EXPECT_EQ(handle_->scalar("SELECT count(*) FROM notes"), "0") << "rolled back";
    EXPECT_EQ(handle_->scalar("SELECT count(*) FROM migrate_version"), "2");
}

TEST_P(OwnConnectionTest, AHandleInsideATransactionIsRefused) {
    handle_->exec("BEGIN");
    EXPECT_THROW(handle_->upgrade(revisions(), {}), UsageError);
    EXPECT_TRUE(handle_->in_transaction()) << "the application's transaction is left alone";
    handle_->exec("ROLLBACK");
    EXPECT_EQ(handle_->table_exists("notes"), "0") << "nothing ran";
    EXPECT_EQ(handle_->upgrade(revisions(), {}).steps.size(), 2u);
}

TEST_P(OwnConnectionTest, AnotherRunnerHoldingTheLockMakesItTimeOut) {
    auto held = acquire_lock(orm::DatabaseUrl::parse(db_->url()), "migrate_version", 5, {});
    StartupOptions options;
    options.run.lock_timeout_seconds = 0.3;
    std::vector<std::string> said;
    options.run.say = [&](const std::string& line) { said.push_back(line); };
    EXPECT_THROW(handle_->upgrade(revisions(), options), LockTimeoutError);
    ASSERT_FALSE(said.empty());
    EXPECT_NE(said[0].find("Waiting for the migration lock"), std::string::npos) << said[0];
    EXPECT_EQ(handle_->table_exists("notes"), "0");
    EXPECT_FALSE(handle_->in_transaction());
    held.reset();
    EXPECT_EQ(handle_->upgrade(revisions(), options).steps.size(), 2u);
}

// The other way round: a handle-based run holds the lock a URL-based runner waits for.
TEST_P(OwnConnectionTest, TheHandleRunTakesTheSameLockAsAUrlRun) {
    std::unique_ptr<orm::Connection> wrapped =
        GetParam() == "sqlite" ? orm::wrap_connection(static_cast<SqliteHandle&>(*handle_).db())
                               : orm::wrap_connection(static_cast<PgHandle&>(*handle_).conn());
    auto held = acquire_lock(*wrapped, "migrate_version", 5, {});
    StartupOptions options;
    options.run.lock_timeout_seconds = 0.3;
    EXPECT_THROW(upgrade_at_startup(db_->url(), revisions(), options), LockTimeoutError);
    held.reset();
    EXPECT_EQ(upgrade_at_startup(*wrapped, revisions(), options).steps.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, OwnConnectionTest, ::testing::ValuesIn(test::test_dialects()));

TEST(OwnSqliteConnectionTest, InMemoryDatabaseNeedsNoLockFile) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
    EXPECT_EQ(upgrade_at_startup(db, revisions()).steps.size(), 2u);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM migrate_version", -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), 2);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST(OwnSqliteConnectionTest, NullHandleIsAUsageError) {
    EXPECT_THROW(orm::wrap_connection(static_cast<sqlite3*>(nullptr)), UsageError);
}

TEST(OwnPgConnectionTest, AnOpenLibpqxxTransactionIsRefused) {
    MIGRATE_SKIP_UNLESS_AVAILABLE("postgresql");
    auto db = test::make_test_database("postgresql");
    pqxx::connection conn(db->url());
    {
        pqxx::work w(conn);
        EXPECT_THROW(upgrade_at_startup(conn, revisions()), UsageError);
        w.exec("SELECT 1");  // still the application's, and usable
        w.commit();
    }
    EXPECT_EQ(upgrade_at_startup(conn, revisions()).steps.size(), 2u);
}

}  // namespace
}  // namespace migrate::engine
