// The engine never asks which database it talks to: what differs between databases is a
// method or a capability of the Dialect (STYLE.md). This test reads the engine's sources and
// fails on any comparison with a dialect's name; a `sql` operation's per-dialect text is looked
// up by the connected dialect's own name, which is no branch.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

TEST(DialectNeutralTest, EngineHoldsNoBranchOnADialectName) {
    const fs::path root = fs::path(MIGRATE_SOURCE_DIR) / "migrations_engine";
    ASSERT_TRUE(fs::exists(root));
    std::string offenders;
    size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string ext = e.path().extension().string();
        if (ext != ".cpp" && ext != ".h") continue;
        ++files;
        std::ifstream in(e.path());
        std::string line;
        for (size_t n = 1; std::getline(in, line); ++n) {
            const size_t comment = line.find("//");
            const std::string code = line.substr(0, comment);
            for (const char* needle :
                 {"name() == \"", "name() != \"", "dialect() == \"", "dialect() != \"",
                  "== \"sqlite\"", "== \"postgresql\"", "!= \"sqlite\"", "!= \"postgresql\"",
                  "dialect().name() ==", "dialect_.name() ==", "dialect.name() =="})
                if (code.find(needle) != std::string::npos)
                    offenders += e.path().string() + ":" + std::to_string(n) + ": " + line + "\n";
        }
    }
    EXPECT_GT(files, 20u);
    EXPECT_EQ(offenders, "") << "use a capability of orm::Dialect instead";
}

}  // namespace
