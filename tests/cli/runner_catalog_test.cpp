// The runner reads the database's catalog a constant number of times per run: a chain of
// plain `create_table` / `add_column` revisions costs no catalog query per revision, on either
// dialect. Counted from the statements `--echo` prints, as the database receives them.

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

class RunnerCatalogTest : public ProjectTest {
  protected:
    // Revisions `first` .. `first + count - 1`: even ones create a table, odd ones add a
    // column to the table before.
    void chain(int first, int count) {
        if (first == 0) {
            ASSERT_EQ(run({"init"}).exit_code, 0);
        }
        for (int i = first; i < first + count; ++i) {
            const std::string id =
                "c" + std::string(11 - std::to_string(i).size(), '0') + std::to_string(i);
            if (i % 2 == 0)
                revision(
                    id,
                    "  - create_table: {name: t" + std::to_string(i) +
                        ", columns: {id: {type: Integer, primary_key: true}, "
                        "label: {type: String(40), nullable: false, server_default: \"'x'\"}}}\n",
                    "  - drop_table: {name: t" + std::to_string(i) + "}\n");
            else
                revision(
                    id,
                    "  - add_column: {table: t" + std::to_string(i - 1) +
                        ", column: {name: extra, type: Integer}}\n",
                    "  - drop_column: {table: t" + std::to_string(i - 1) + ", column: extra}\n");
        }
    }

    // Runs `upgrade head --echo` and returns how many of the statements it sent read the
    // catalog (sqlite_master, table pragmas, pg_catalog, information_schema).
    size_t catalog_reads_of_upgrade() {
        auto r = run({"--echo", "upgrade", "head"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        static const std::regex catalog(
            R"(sqlite_master|sqlite_schema|pragma_|PRAGMA\s+(main\.)?(table_x?info|index_(x?info|list)|foreign_key_list)|pg_catalog|information_schema|pg_class|pg_attribute|pg_constraint|pg_index|pg_type|pg_namespace)",
            std::regex::icase);
        size_t reads = 0;
        for (size_t start = 0; start < r.err.size();) {
            size_t end = r.err.find(";\n", start);
            if (end == std::string::npos) end = r.err.size();
            if (std::regex_search(r.err.begin() + static_cast<long>(start),
                                  r.err.begin() + static_cast<long>(end), catalog))
                ++reads;
            start = end + 2;
        }
        return reads;
    }

    size_t user_tables() {
        auto conn = db_->connect();
        const std::string sql =
            pg() ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = "
                   "current_schema() AND tablename LIKE 't%'"
                 : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 't%'";
        return std::stoul(*conn->query(sql).rows.at(0).at(0));
    }
};

TEST_P(RunnerCatalogTest, PlainRevisionsCostNoCatalogQueryEach) {
    chain(0, 2);
    catalog_reads_of_upgrade();  // the first run also creates the version table
    chain(2, 2);
    const size_t two = catalog_reads_of_upgrade();
    chain(4, 40);
    const size_t forty = catalog_reads_of_upgrade();
    EXPECT_EQ(user_tables(), 22u);
    // Forty revisions read the catalog as often as two did: nothing per revision.
    EXPECT_EQ(forty, two) << "2 revisions: " << two << " catalog reads; 40 revisions: " << forty;
    EXPECT_LE(forty, 8u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, RunnerCatalogTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
