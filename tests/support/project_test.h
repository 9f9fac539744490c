#pragma once

/// A test fixture for end-to-end runs of `migrate` on a project of its own: a temporary
/// folder, a database of the dialect under test, and revisions written by hand.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace migrate::test {

class ProjectTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = make_test_database(GetParam());
    }

    bool pg() const { return GetParam() == "postgresql"; }

    /// Runs `migrate` in the project folder against the test database (no other URL or
    /// configuration from the environment); `env` entries win.
    CommandResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
        env.insert(env.begin(), {"MIGRATE_URL=" + db_->url(), "DATABASE_URL=", "MIGRATE_CONFIG="});
        return run_migrate(args, dir_.path().string(), env);
    }

    /// `migrate revision` with a fixed id (and `message`, default the id), then its upgrade
    /// and downgrade written by hand. Returns the file's path.
    std::string revision(const std::string& id, const std::string& upgrade,
                         const std::string& downgrade = "  - sql: \"SELECT 1\"\n",
                         std::vector<std::string> extra = {}, const std::string& message = "") {
        std::vector<std::string> args{"revision", "-m", message.empty() ? id : message, "--rev-id",
                                      id};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = run(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const std::string path = file_of(id);
        const std::string text = read_file(path);
        write_file(path, text.substr(0, text.find("upgrade:")) + "upgrade:\n" + upgrade +
                             "downgrade:\n" + downgrade);
        return path;
    }

    /// The revision file of `id`, or "" when there is none.
    std::string file_of(const std::string& id) const {
        for (const auto& e :
             std::filesystem::directory_iterator(dir_.path() / "migrations" / "versions"))
            if (e.path().filename().string().rfind(id + "_", 0) == 0) return e.path().string();
        return "";
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir dir_;
};

}  // namespace migrate::test
