// The `migrate` executable loads PostgreSQL's client libraries (libpq with its Kerberos, LDAP
// and TLS dependencies) only for a PostgreSQL URL, from the module migrate-postgresql.so. The
// dynamic loader itself says what it loaded (LD_DEBUG=libs).

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

bool loaded(const CommandResult& r, const std::string& library) {
    return r.err.find("calling init: ") != std::string::npos &&
           r.err.find(library) != std::string::npos;
}

TEST(StartupLibrariesTest, SqliteCommandsLoadNoPostgresLibrary) {
    auto db = make_test_database("sqlite");
    TempDir dir;
    ASSERT_EQ(run_migrate({"init"}, dir.path().string()).exit_code, 0);
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--version"},
                                               {"--url", db->url(), "upgrade", "head"},
                                               {"--url", db->url(), "current"},
                                               {"--url", db->url(), "heads"}}) {
        auto r = run_migrate(args, dir.path().string(), {"LD_DEBUG=libs", "MIGRATE_URL="});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(loaded(r, "libsqlite3")) << "LD_DEBUG shows no library loads:\n" << r.err;
        EXPECT_FALSE(loaded(r, "libpq")) << args.back() << " loaded libpq:\n" << r.err;
        EXPECT_FALSE(loaded(r, "libkrb5")) << args.back();
    }
}

TEST(StartupLibrariesTest, PostgresCommandsLoadTheModule) {
    MIGRATE_SKIP_UNLESS_AVAILABLE("postgresql");
    auto db = make_test_database("postgresql");
    TempDir dir;
    ASSERT_EQ(run_migrate({"init"}, dir.path().string()).exit_code, 0);
    auto r = run_migrate({"--url", db->url(), "current"}, dir.path().string(), {"LD_DEBUG=libs"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(loaded(r, "migrate-postgresql.so")) << r.err;
    EXPECT_TRUE(loaded(r, "libpq.so")) << r.err;
}

// Without the module, a PostgreSQL URL is a connection error that says what is missing; SQLite
// still works.
TEST(StartupLibrariesTest, AMissingModuleIsAClearConnectionError) {
    TempDir dir;
    const std::filesystem::path copy = dir.path() / "migrate";
    std::filesystem::copy_file(MIGRATE_BINARY, copy);
    const std::string out = (dir.path() / "out").string();
    const std::string cmd =
        "cd '" + dir.path().string() + "' && MIGRATE_URL= DATABASE_URL= '" + copy.string() +
        "' --url postgresql://u:secret@127.0.0.1:1/db current > '" + out + "' 2>&1";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 3);
    const std::string text = read_file(out);
    EXPECT_NE(text.find("PostgreSQL support could not be loaded"), std::string::npos) << text;
    EXPECT_NE(text.find("migrate-postgresql.so"), std::string::npos) << text;
    EXPECT_EQ(text.find("secret"), std::string::npos) << text;

    auto sqlite = make_test_database("sqlite");
    const std::string ok = "cd '" + dir.path().string() + "' && '" + copy.string() +
                           "' init > /dev/null && '" + copy.string() + "' --url '" + sqlite->url() +
                           "' upgrade head > /dev/null 2>&1";
    EXPECT_EQ(std::system(ok.c_str()), 0);
}

}  // namespace
}  // namespace migrate::test
