// Where the database URL comes from: a relative SQLite path written in migrate.yaml is
// relative to the file's folder; one from --url or a variable is relative to the working
// directory; an explicit --env beats an ambient $DATABASE_URL.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "migrations_engine/config/config.h"
#include "tests/support/test_support.h"

namespace migrate::engine {
namespace {

class ConfigUrlTest : public ::testing::Test {
  protected:
    std::string write(const std::string& relative, const std::string& text) {
        std::filesystem::create_directories((dir_.path() / relative).parent_path());
        test::write_file(dir_.file(relative), text);
        return dir_.file(relative);
    }
    std::optional<UrlChoice> choose(const std::string& config_path, const std::string& env = "",
                                    const std::string& cli = "") {
        return choose_database_url(cli, load_config(config_path, env, getenv_), getenv_);
    }

    test::TempDir dir_;
    std::map<std::string, std::string> vars_;
    Getenv getenv_ = [this](const char* name) -> const char* {
        auto it = vars_.find(name);
        return it == vars_.end() ? nullptr : it->second.c_str();
    };
};

TEST_F(ConfigUrlTest, RelativeSqlitePathInTheFileIsRelativeToTheFile) {
    const std::string path =
        write("deploy/migrate.yaml", "database: {url: sqlite:///data/app.db}\n");
    EXPECT_EQ(choose(path)->url, "sqlite:///" + dir_.file("deploy/data/app.db"));
    EXPECT_EQ(choose(path)->source, path);
    // The default of the template is written in the file too.
    const std::string templ =
        write("t/migrate.yaml", "database:\n  url: ${DATABASE_URL:-sqlite:///app.db}\n");
    EXPECT_EQ(choose(templ)->url, "sqlite:///" + dir_.file("t/app.db"));
    // A value that comes whole from a variable stays relative to the working directory.
    vars_ = {{"DATABASE_URL", "sqlite:///from_env.db"}};
    EXPECT_EQ(choose(templ)->url, "sqlite:///from_env.db");
    // So do --url and $MIGRATE_URL, and absolute paths and memory are kept.
    EXPECT_EQ(choose(path, "", "sqlite:///cli.db")->url, "sqlite:///cli.db");
    vars_ = {{"MIGRATE_URL", "sqlite:///m.db"}};
    EXPECT_EQ(choose(path)->url, "sqlite:///m.db");
    vars_.clear();
    EXPECT_EQ(choose(write("a/migrate.yaml", "database: {url: \"sqlite:////abs/x.db\"}\n"))->url,
              "sqlite:////abs/x.db");
    EXPECT_EQ(choose(write("b/migrate.yaml", "database: {url: \"sqlite:///:memory:\"}\n"))->url,
              "sqlite:///:memory:");
    EXPECT_EQ(choose(write("c/migrate.yaml", "database: {url: \"postgresql://h/db\"}\n"))->url,
              "postgresql://h/db");
}

TEST_F(ConfigUrlTest, ExplicitEnvBeatsAmbientDatabaseUrl) {
    const std::string path = write("migrate.yaml",
                                   "environments:\n"
                                   "  staging:\n"
                                   "    database: {url: \"postgresql://staging/db\"}\n"
                                   "  other: {models: m.yaml}\n");
    vars_ = {{"DATABASE_URL", "postgresql://ambient/db"}};
    EXPECT_EQ(choose(path, "staging")->url, "postgresql://staging/db");
    EXPECT_EQ(choose(path, "staging")->source, "--env staging (" + path + ")");
    // An environment that sets no URL, or none at all: the ambient variable.
    EXPECT_EQ(choose(path, "other")->url, "postgresql://ambient/db");
    EXPECT_EQ(choose(path, "other")->source, "$DATABASE_URL");
    EXPECT_EQ(choose(path)->source, "$DATABASE_URL");
}

TEST_F(ConfigUrlTest, TopLevelUrlUnderAnEnvIsTheFilesOwn) {
    const std::string path = write("migrate.yaml",
                                   "database: {url: \"postgresql://top/db\"}\n"
                                   "environments:\n"
                                   "  dev: {models: dev.yaml}\n");
    EXPECT_EQ(choose(path, "dev")->url, "postgresql://top/db");
    EXPECT_EQ(choose(path, "dev")->source, path);
}

}  // namespace
}  // namespace migrate::engine
