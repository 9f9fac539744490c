// Typed errors a program can branch on: a failing statement in a revision reaches the caller as
// a MigrationError carrying the SQLSTATE / SQLite code, its portable category, the statement,
// the revision and the operation; a refused connection as a ConnectionError with the server's
// SQLSTATE and a category; a held lock as LockTimeoutError. Real databases, both dialects.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/lock.h"
#include "migrations_engine/runtime/startup.h"
#include "migrations_engine/script/revision_source.h"
#include "orm/error.h"
#include "orm/url.h"
#include "tests/support/test_support.h"

namespace migrate::engine {
namespace {

const char* const kCreate =
    "revision: aaaa00000001\n"
    "down_revision: null\n"
    "message: create accounts\n"
    "upgrade:\n"
    "  - create_table:\n"
    "      name: accounts\n"
    "      columns:\n"
    "        id: {type: Integer, primary_key: true}\n"
    "        email: {type: String(120), nullable: false}\n"
    "  - create_index: {table: accounts, name: ux_accounts_email, columns: [email], unique: "
    "true}\n"
    "downgrade:\n"
    "  - drop_table: {name: accounts}\n";

// A second revision whose `sql` operation fails at its second statement.
std::string failing(const std::string& second_statement) {
    return "revision: bbbb00000002\n"
           "down_revision: aaaa00000001\n"
           "message: seed accounts\n"
           "upgrade:\n"
           "  - sql: \"INSERT INTO accounts (id, email) VALUES (1, 'a@example.com'); " +
           second_statement +
           "\"\n"
           "downgrade:\n"
           "  - sql: DELETE FROM accounts\n";
}

std::shared_ptr<const RevisionSource> revisions(const std::string& second_statement) {
    return std::make_shared<MemoryRevisionSource>(std::vector<MemoryRevisionSource::File>{
        {"aaaa00000001_create.yaml", kCreate},
        {"bbbb00000002_seed.yaml", failing(second_statement)}});
}

class TypedErrorsTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = test::make_test_database(GetParam());
    }
    bool sqlite() const { return GetParam() == "sqlite"; }

    // Runs the failing upgrade and returns its error, after checking that nothing stayed.
    MigrationError upgrade_failing(const std::string& second_statement) {
        try {
            upgrade_at_startup(db_->url(), revisions(second_statement));
        } catch (const MigrationError& e) {
            auto conn = db_->connect();
            EXPECT_TRUE(conn->dialect().table_columns(*conn, "", "accounts").empty())
                << "the run was rolled back: no table accounts";
            EXPECT_EQ(conn->query("SELECT count(*) FROM migrate_version").rows[0][0],
                      std::optional<std::string>("0"));
            return e;
        }
        ADD_FAILURE() << "the upgrade did not fail";
        return MigrationError("", "", "");
    }
    std::unique_ptr<test::TestDatabase> db_;
};

TEST_P(TypedErrorsTest, DuplicateKeyIsAUniqueViolationNamingStatementRevisionAndOperation) {
    const std::string dup = "INSERT INTO accounts (id, email) VALUES (2, 'a@example.com')";
    MigrationError e = upgrade_failing(dup);
    EXPECT_EQ(e.sqlstate(), sqlite() ? "2067" : "23505");  // SQLITE_CONSTRAINT_UNIQUE
    EXPECT_EQ(e.category(), ErrorCategory::kUniqueViolation);
    EXPECT_STREQ(to_string(e.category()), "unique_violation");
    EXPECT_NE(e.sql().find(dup), std::string::npos) << e.sql();
    EXPECT_EQ(e.sql().find("(1, "), std::string::npos) << "only the failing statement: " << e.sql();
    EXPECT_EQ(e.revision(), "bbbb00000002");
    EXPECT_EQ(e.operation(), "sql");
    EXPECT_EQ(e.exit_code(), exit_code::kMigrationFailed);
}

TEST_P(TypedErrorsTest, NullInNotNullColumnIsANotNullViolation) {
    MigrationError e = upgrade_failing("INSERT INTO accounts (id, email) VALUES (3, NULL)");
    EXPECT_EQ(e.sqlstate(), sqlite() ? "1299" : "23502");  // SQLITE_CONSTRAINT_NOTNULL
    EXPECT_EQ(e.category(), ErrorCategory::kNotNullViolation);
    EXPECT_NE(e.sql().find("VALUES (3, NULL)"), std::string::npos) << e.sql();
    EXPECT_EQ(e.revision(), "bbbb00000002");
    EXPECT_EQ(e.operation(), "sql");
}

TEST_P(TypedErrorsTest, MissingTableIsAnUndefinedObject) {
    MigrationError e = upgrade_failing("UPDATE no_such_table SET x = 1");
    EXPECT_EQ(e.sqlstate(), sqlite() ? "1" : "42P01");
    EXPECT_EQ(e.category(), ErrorCategory::kUndefinedObject);
}

TEST_P(TypedErrorsTest, StatementErrorOutsideAMigrationCarriesTheCategoryToo) {
    auto conn = db_->connect();
    conn->execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    try {
        conn->execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        FAIL() << "no error";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(e.category(), ErrorCategory::kDuplicateObject) << e.what();
        EXPECT_EQ(e.sqlstate(), sqlite() ? "1" : "42P07");
    }
}

TEST_P(TypedErrorsTest, HeldLockIsALockTimeoutError) {
    const auto url = orm::DatabaseUrl::parse(db_->url());
    auto held = acquire_lock(url, "migrate_version", 5, {});
    StartupOptions options;
    options.run.lock_timeout_seconds = 0.3;
    try {
        upgrade_at_startup(db_->url(), revisions("SELECT 1"), options);
        FAIL() << "no error";
    } catch (const LockTimeoutError& e) {
        EXPECT_EQ(e.exit_code(), exit_code::kLockTimeout);
        EXPECT_NE(std::string(e.what()).find("is locked by"), std::string::npos) << e.what();
    }
    held.reset();
    EXPECT_EQ(upgrade_at_startup(db_->url(), revisions("SELECT 1"), options).steps.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, TypedErrorsTest, ::testing::ValuesIn(test::test_dialects()));

TEST(ConnectionErrorTest, MissingSqliteFileIsAMissingDatabase) {
    test::TempDir dir;
    try {
        orm::connect(orm::DatabaseUrl::parse("sqlite:///" + dir.file("absent.db")).must_exist());
        FAIL() << "no error";
    } catch (const ConnectionError& e) {
        EXPECT_EQ(e.category(), ErrorCategory::kMissingDatabase);
        EXPECT_EQ(e.sqlstate(), "14");  // SQLITE_CANTOPEN
        EXPECT_EQ(e.exit_code(), exit_code::kDatabase);
    }
}

// The test server (scripts/pg_server.sh) authenticates TCP connections with scram-sha-256, so a
// wrong password over 127.0.0.1 is refused by the server itself, with 28P01.
class PgConnectionErrorTest : public ::testing::Test {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE("postgresql");
        url_ = *test::postgres_server_url();
    }
    // The server URL with `what` ("password", "database", "port") replaced by `value`.
    std::string with(const std::string& what, const std::string& value) const {
        const auto u = orm::DatabaseUrl::parse(url_);
        const std::string user = u.user();
        const std::string password = what == "password" ? value : u.password().value_or("");
        const std::string port = what == "port" ? value : std::to_string(u.port().value_or(5432));
        const std::string database = what == "database" ? value : u.database();
        return "postgresql://" + user + ":" + password + "@" + u.host() + ":" + port + "/" +
               database;
    }
    ConnectionError refused(const std::string& url) {
        try {
            orm::connect(orm::DatabaseUrl::parse(url));
        } catch (const ConnectionError& e) {
            return e;
        }
        ADD_FAILURE() << "connected to " << url;
        return ConnectionError("");
    }
    std::string url_;
};

TEST_F(PgConnectionErrorTest, WrongPasswordIs28P01Authentication) {
    const std::string wrong = "Wr0ng-Secret-4711";
    ConnectionError e = refused(with("password", wrong));
    EXPECT_EQ(e.sqlstate(), "28P01") << e.what();
    EXPECT_EQ(e.category(), ErrorCategory::kAuthentication);
    EXPECT_EQ(std::string(e.what()).find(wrong), std::string::npos) << "no password: " << e.what();
    EXPECT_EQ(e.exit_code(), exit_code::kDatabase);
}

TEST_F(PgConnectionErrorTest, MissingDatabaseIs3D000) {
    ConnectionError e = refused(with("database", "migrate_no_such_database"));
    EXPECT_EQ(e.sqlstate(), "3D000") << e.what();
    EXPECT_EQ(e.category(), ErrorCategory::kMissingDatabase);
}

TEST_F(PgConnectionErrorTest, NoServerIsUnreachableWithoutSqlstate) {
    ConnectionError e = refused(with("port", "1"));
    EXPECT_EQ(e.sqlstate(), "") << e.what();
    EXPECT_EQ(e.category(), ErrorCategory::kUnreachable) << e.what();
}

TEST(ErrorCategoryTest, SqlstatesOfEitherClassMapToOneCategory) {
    EXPECT_EQ(category_of_sqlstate("23503"), ErrorCategory::kForeignKeyViolation);
    EXPECT_EQ(category_of_sqlstate("23514"), ErrorCategory::kCheckViolation);
    EXPECT_EQ(category_of_sqlstate("42501"), ErrorCategory::kPermission);
    EXPECT_EQ(category_of_sqlstate("28000"), ErrorCategory::kAuthentication);
    EXPECT_EQ(category_of_sqlstate("08006"), ErrorCategory::kUnreachable);
    EXPECT_EQ(category_of_sqlstate("22012"), ErrorCategory::kOther);
    EXPECT_EQ(category_of_sqlstate(""), ErrorCategory::kOther);
}

}  // namespace
}  // namespace migrate::engine
