// migrate::cli::run() called in-process, as an application embedding the command line calls it:
// models declared in C++ (no models file anywhere), the program's default configuration and URL,
// exit codes returned rather than exit() called.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "orm/error.h"
#include "orm/schema/builder.h"
#include "tests/support/test_support.h"

namespace migrate::test {
namespace {
namespace fs = std::filesystem;

// Two tables with a foreign key, an index, a unique constraint and an enum; `with_nickname`
// adds a column, the kind of model edit a developer makes between revisions.
orm::MetaData app_schema(bool with_nickname) {
    orm::SchemaBuilder b;
    b.enumeration("status", {"active", "blocked"});
    auto& users = b.table("users");
    users.column("id", "Integer").primary_key();
    users.column("email", "String(120)").nullable(false).unique();
    users.column("status", "Enum(status)").nullable(false);
    if (with_nickname) users.column("nickname", "String(40)");
    auto& posts = b.table("posts");
    posts.column("id", "Integer").primary_key();
    posts.column("user_id", "Integer").nullable(false).foreign_key("users.id").on_delete("CASCADE");
    posts.column("title", "String(200)").nullable(false);
    posts.index("ix_posts_user_title", {"user_id", "title"});
    return b.build();
}

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run_cli(std::vector<std::string> args, const cli::Options& options) {
    args.insert(args.begin(), "myapp");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int rc = cli::run(static_cast<int>(args.size()), argv.data(), options);
    Outcome o{rc, ::testing::internal::GetCapturedStdout(),
              ::testing::internal::GetCapturedStderr()};
    return o;
}

class EmbeddedCliTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        for (const char* var : {"MIGRATE_URL", "DATABASE_URL", "MIGRATE_CONFIG"}) unsetenv(var);
        db_ = make_test_database(GetParam());
        // The program's own configuration: no database URL and no models in it.
        write_file(project_.file("app-migrate.yaml"), "script_location: migrations\n");
        fs::create_directories(project_.path() / "migrations" / "versions");
        options_.program_name = "myapp db";
        options_.default_config = project_.file("app-migrate.yaml");
        options_.default_url = db_->url();
        options_.models = [this] { return app_schema(with_nickname_); };
    }
    size_t revision_count() const {
        size_t n = 0;
        for (const auto& e : fs::directory_iterator(project_.path() / "migrations" / "versions"))
            n += e.path().extension() == ".yaml";
        return n;
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir project_;
    cli::Options options_;
    bool with_nickname_ = false;
};

TEST_P(EmbeddedCliTest, ModelsFromCodeAndDefaultUrlGoThroughRevisionUpgradeAndCheck) {
    auto rev = run_cli({"revision", "--autogenerate", "-m", "first"}, options_);
    ASSERT_EQ(rev.exit_code, 0) << rev.err;
    EXPECT_EQ(revision_count(), 1u);
    auto up = run_cli({"-v", "upgrade", "head"}, options_);
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_NE(up.err.find("(from the program's default)"), std::string::npos) << up.err;

    auto conn = db_->connect();
    auto live = conn->dialect().inspector().reflect(*conn, {}).metadata;
    ASSERT_NE(live.find_table("users"), nullptr);
    ASSERT_NE(live.find_table("posts"), nullptr);
    EXPECT_EQ(live.find_table("posts")->foreign_keys.size(), 1u);

    auto clean = run_cli({"check"}, options_);
    EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

    // The function is what the commands read: a model edit in code is drift.
    with_nickname_ = true;
    auto drift = run_cli({"check"}, options_);
    EXPECT_EQ(drift.exit_code, exit_code::kDifferences) << drift.out << drift.err;
    EXPECT_NE(drift.out.find("nickname"), std::string::npos) << drift.out;
}

INSTANTIATE_TEST_SUITE_P(Dialects, EmbeddedCliTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

TEST(EmbeddedCliOptionsTest, ModelsOptionIsAUsageErrorWhenTheProgramDeclaresThem) {
    cli::Options options;
    options.program_name = "myapp db";
    options.models = [] { return app_schema(false); };
    auto r = run_cli({"--models", "models.yaml", "check"}, options);
    EXPECT_EQ(r.exit_code, exit_code::kUsage);
    EXPECT_NE(r.err.find("myapp db declares its models in its own code"), std::string::npos)
        << r.err;
}

TEST(EmbeddedCliOptionsTest, HelpAndBadArgumentsReturnTheirCodeToTheCaller) {
    cli::Options options;
    options.program_name = "myapp db";
    auto help = run_cli({"--help"}, options);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Usage: myapp db"), std::string::npos) << help.out;
    auto bad = run_cli({"--no-such-option", "current"}, options);
    EXPECT_EQ(bad.exit_code, exit_code::kUsage);
    auto none = run_cli({}, options);
    EXPECT_EQ(none.exit_code, exit_code::kUsage);
}

TEST(EmbeddedCliOptionsTest, ErrorsOfTheModelsFunctionAreReportedWithTheirExitCode) {
    TempDir dir;
    cli::Options options;
    options.default_url = "sqlite:///" + dir.file("app.db");
    options.default_config = dir.file("absent.yaml");
    options.models = [] {
        orm::SchemaBuilder b;
        b.table("posts").column("user_id", "Integer").foreign_key("users.id");
        return b.build();
    };
    auto r = run_cli({"check"}, options);
    EXPECT_EQ(r.exit_code, exit_code::kUsage) << r.err;
    EXPECT_NE(r.err.find("users"), std::string::npos) << r.err;
}

TEST(EmbeddedCliOptionsTest, DatabaseErrorsAreReturnedWithThePasswordMasked) {
    cli::Options options;
    options.default_config = "absent.yaml";
    options.default_url = "postgresql://app:s3cr3t-word@127.0.0.1:1/app";
    auto r = run_cli({"inspect"}, options);
    EXPECT_EQ(r.exit_code, exit_code::kDatabase) << r.err;
    EXPECT_EQ(r.err.find("s3cr3t-word"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace migrate::test
