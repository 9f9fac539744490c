// A password in the database URL appears nowhere: not on standard output or standard error,
// with or without -v, --echo or JSON output, whether the command succeeds or fails, and in no
// file the commands write.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

class SecretsTest : public ProjectTest {
  protected:
    std::string password() const {
        const std::string u = db_->url();
        const size_t colon = u.find(':', u.find("://") + 3), at = u.find('@');
        return u.substr(colon + 1, at - colon - 1);
    }
    // The URL with its password replaced by `other` (same length class, never the real one).
    std::string url_with_password(const std::string& other) const {
        std::string u = db_->url();
        const std::string p = password();
        return u.replace(u.find(":" + p + "@"), p.size() + 2, ":" + other + "@");
    }

    // Runs every command of `commands`, in order, under each output variant in turn, with
    // `url`, and checks each result for `secret`.
    void run_everywhere(const std::vector<std::vector<std::string>>& commands,
                        const std::string& url, const std::string& secret, bool expect_success) {
        const std::vector<std::vector<std::string>> variants = {
            {}, {"-v"}, {"--echo"}, {"-v", "--echo", "--format", "json"}};
        for (const auto& variant : variants)
            for (const auto& args : commands) {
                std::vector<std::string> full = variant;
                full.insert(full.end(), {"--url", url});
                full.insert(full.end(), args.begin(), args.end());
                auto r = run(full, {"MIGRATE_URL=", "DATABASE_URL=" + url});
                std::string shown;
                for (const auto& a : full) shown += a == url ? "<url> " : a + " ";
                if (expect_success) {
                    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << shown << "\n" << r.err;
                } else {
                    EXPECT_GE(r.exit_code, 2) << shown << "\n" << r.out;
                }
                EXPECT_EQ(r.out.find(secret), std::string::npos) << shown << "printed it:\n"
                                                                 << r.out;
                EXPECT_EQ(r.err.find(secret), std::string::npos) << shown << "printed it:\n"
                                                                 << r.err;
                ++runs_;
            }
    }

    void expect_no_file_holds(const std::string& secret) {
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir_.path())) {
            if (!e.is_regular_file()) continue;
            const std::string text = read_file(e.path().string());
            EXPECT_EQ(text.find(secret), std::string::npos) << e.path() << " holds the password";
        }
    }

    size_t runs_ = 0;
};

// In this order each round leaves the database as it found it: downgrade drops the tables,
// stamp puts the version back, create-all makes the tables again.
const std::vector<std::vector<std::string>> kCommands = {
    {"upgrade", "head"},
    {"current"},
    {"current", "--check-heads"},
    {"history", "--indicate-current"},
    {"heads"},
    {"check"},
    {"diff"},
    {"inspect"},
    {"reflect", "-o", "reflected.yaml", "--force"},
    {"upgrade", "--sql", "base:head"},
    {"downgrade", "-1"},
    {"stamp", "head"},
    {"create-all"},
};

TEST_P(SecretsTest, NoCommandShowsOrWritesThePassword) {
    ASSERT_EQ(run({"init"}).exit_code, 0);
    const std::string secret = password();
    ASSERT_GE(secret.size(), 8u) << "the test server's URL has no password to hide";

    auto first =
        run({"-v", "--echo", "--url", db_->url(), "revision", "--autogenerate", "-m", "first"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ((first.out + first.err).find(secret), std::string::npos) << first.err;
    run_everywhere(kCommands, db_->url(), secret, true);

    // Refused by the server (wrong password), and a server that is not there.
    const std::string wrong = "Wr0ng-" + secret;
    std::vector<std::vector<std::string>> online = {{"revision", "--autogenerate", "-m", "x"}};
    for (const auto& c : kCommands)  // offline --sql and heads need no database
        if ((c[0] != "upgrade" || c[1] != "--sql") && c[0] != "heads") online.push_back(c);
    run_everywhere(online, url_with_password(wrong), wrong, false);
    std::string unreachable = db_->url();
    const size_t port = unreachable.rfind(':');
    unreachable.replace(port, unreachable.find('/', port) - port, ":1");
    run_everywhere(online, unreachable, secret, false);

    expect_no_file_holds(secret);
    expect_no_file_holds(wrong);
    EXPECT_GT(runs_, 100u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, SecretsTest, ::testing::Values("postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
