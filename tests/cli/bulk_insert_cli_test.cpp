// End-to-end, on SQLite and PostgreSQL: a bulk_insert of many rows with differing column sets,
// NULLs, quotes, unicode, big integers, floats and booleans inserts exactly those values, online
// and through the offline script; a malformed row deep in a long list stops the run, naming
// its file:line:column, before any revision runs.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>

#include "tests/support/project_test.h"

namespace migrate::test {
namespace {

using Row = std::map<std::string, orm::Value>;

// Double-quoted YAML, as the revision writer quotes text.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string yaml_value(const orm::Value& v) {
    if (std::holds_alternative<std::nullptr_t>(v)) return "null";
    if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const double* d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        std::string t = buf;
        return t.find_first_of(".e") == std::string::npos ? t + ".0" : t;
    }
    return quoted(std::get<std::string>(v));
}

// Row k: some columns present (the set changes every few rows), values of every kind.
Row make_row(int k) {
    const std::vector<std::int64_t> ints = {0, -1, std::numeric_limits<std::int64_t>::max(),
                                            std::numeric_limits<std::int64_t>::min(),
                                            123456789012345};
    const std::vector<double> reals = {0.1, 1e300, -1.5, 5e-324, 0.30000000000000004, 123456.789};
    const std::vector<std::string> texts = {"it's", "back\\slash", "two\nlines", "Zoë ✓ 😀 日本",
                                            "",     "\"q\"",       "x, y",       "a: b # c",
                                            "null", "true",        "12",         "-- ; /* */"};
    Row r{{"id", std::int64_t{k}}};
    const int shape = (k / 3) % 5;  // runs of three rows share their columns
    if (shape != 1) r["i"] = k % 11 == 0 ? orm::Value(nullptr) : ints[k % ints.size()];
    if (shape != 2) r["f"] = k % 13 == 0 ? orm::Value(nullptr) : reals[k % reals.size()];
    if (shape != 3) r["s"] = k % 17 == 0 ? orm::Value(nullptr) : texts[k % texts.size()];
    if (shape != 4) r["b"] = k % 19 == 0 ? orm::Value(nullptr) : orm::Value(k % 2 == 0);
    return r;
}

const char* const kCreate =
    "  - create_table:\n"
    "      name: v\n"
    "      columns:\n"
    "        id: {type: Integer, primary_key: true}\n"
    "        i: {type: BigInteger}\n"
    "        f: {type: Float}\n"
    "        s: {type: Text}\n"
    "        b: {type: Boolean}\n";

class BulkInsertCliTest : public ProjectTest {
  protected:
    void SetUp() override {
        ProjectTest::SetUp();
        if (IsSkipped()) return;
        ASSERT_EQ(run({"init"}).exit_code, 0);
        write_file(dir_.file("models.yaml"), "tables: {}\n");
    }

    bool has_table(TestDatabase& db, const std::string& name) {
        auto conn = db.connect();
        for (const auto& t : conn->dialect().inspector().reflect(*conn, {}).metadata.tables)
            if (t.name == name) return true;
        return false;
    }

    // Every row of `rows` is in table v of `db` exactly: one query per row compares each
    // column with its value as a parameter (doubles compare exactly), absent columns NULL.
    void expect_rows(TestDatabase& db, const std::vector<Row>& rows, const char* mode) {
        auto conn = db.connect();
        EXPECT_EQ(conn->query("SELECT count(*) FROM v").rows.at(0).at(0),
                  std::optional<std::string>(std::to_string(rows.size())))
            << mode;
        for (const Row& r : rows) {
            std::string sql = "SELECT count(*) FROM v WHERE id = ?";
            std::vector<orm::Value> params{r.at("id")};
            for (const char* c : {"i", "f", "s", "b"}) {
                auto it = r.find(c);
                if (it == r.end() || std::holds_alternative<std::nullptr_t>(it->second)) {
                    sql += std::string(" AND ") + c + " IS NULL";
                } else {
                    sql += std::string(" AND ") + c + " = ?";
                    params.push_back(it->second);
                }
            }
            auto rs = conn->query(sql, params);
            ASSERT_EQ(rs.rows.at(0).at(0), std::optional<std::string>("1"))
                << mode << ": row " << yaml_value(r.at("id"));
        }
    }

    // `upgrade base:head --sql`, run by the dialect's own shell on a fresh database.
    std::unique_ptr<TestDatabase> run_offline() {
        auto sql = run({"upgrade", "base:head", "--sql"});
        EXPECT_EQ(sql.exit_code, 0) << sql.err;
        write_file(dir_.file("upgrade.sql"), sql.out);
        auto offline = make_test_database(GetParam());
        const std::string cmd =
            pg() ? "psql -X -q -v ON_ERROR_STOP=1 -d '" + offline->url() + "' -f upgrade.sql"
                 : "sqlite3 -bail '" + offline->url().substr(10) + "' < upgrade.sql";
        EXPECT_EQ(
            std::system(
                ("cd '" + dir_.path().string() + "' && " + cmd + " > script.log 2>&1").c_str()),
            0)
            << read_file(dir_.file("script.log"));
        return offline;
    }
};

TEST_P(BulkInsertCliTest, RowsOfEveryKindAreInsertedExactlyOnlineAndOffline) {
    std::vector<Row> rows;
    std::string text = std::string(kCreate) + "  - bulk_insert:\n      table: v\n      rows:\n";
    for (int k = 1; k <= 1203; ++k) {
        rows.push_back(make_row(k));
        std::string line;
        for (const auto& [column, value] : rows.back())
            line += (line.empty() ? "" : ", ") + column + ": " + yaml_value(value);
        text += "        - {" + line + "}\n";
    }
    // Rows in forms other than the writer's: quoted keys, single quotes, a tag, an alias.
    text += "        - {\"id\": 2001, 's': 'O''Brien'}\n";
    text += "        - {id: 2002, s: !!str 42, i: &n 7, f: *n}\n";
    rows.push_back({{"id", std::int64_t{2001}}, {"s", std::string("O'Brien")}});
    rows.push_back(
        {{"id", std::int64_t{2002}}, {"s", std::string("42")}, {"i", std::int64_t{7}}, {"f", 7.0}});
    revision("aaaa00000001", text);

    auto r = run({"upgrade", "head"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_NO_FATAL_FAILURE(expect_rows(*db_, rows, "online"));
    std::unique_ptr<TestDatabase> offline;
    ASSERT_NO_FATAL_FAILURE(offline = run_offline());
    ASSERT_NO_FATAL_FAILURE(expect_rows(*offline, rows, "offline"));
}

TEST_P(BulkInsertCliTest, AMalformedRowDeepInALongListStopsTheRunBeforeAnything) {
    revision("aaaa00000001", "  - create_table: {name: first, columns: {id: {type: Integer}}}\n");
    struct Case {
        std::string row, where;
    };
    // The revision file: 8 header lines, `upgrade:`, 8 lines of create_table, 3 of
    // bulk_insert; row n is on line 20 + n.
    const std::vector<Case> cases = {
        {"{id: 40000, i: 99999999999999999999}",
         ":40020:26: integer 99999999999999999999 for "
         "'i' in item 40000 of 'rows' of bulk_insert "
         "(item 2 of 'upgrade') is out of range"},
        {"{id: 40000, s: \"unterminated}", ":40020:"},
    };
    for (const Case& c : cases) {
        std::string text = std::string(kCreate) + "  - bulk_insert:\n      table: v\n      rows:\n";
        for (int k = 1; k <= 50000; ++k)
            text += "        - " +
                    (k == 40000 ? c.row : "{id: " + std::to_string(k) + ", s: row}") + "\n";
        const std::string path = revision("aaaa00000002", text);
        auto r = run({"upgrade", "head"});
        EXPECT_EQ(r.exit_code, 2) << r.err;
        const std::string file = std::filesystem::path(path).filename().string();
        EXPECT_NE(r.err.find("versions/" + file + c.where), std::string::npos) << r.err;
        EXPECT_FALSE(has_table(*db_, "first")) << "the first revision ran";
        EXPECT_FALSE(has_table(*db_, "v"));
        std::filesystem::remove(path);
    }
}

INSTANTIATE_TEST_SUITE_P(Dialects, BulkInsertCliTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
