// migrate's benchmark suite: prints a table of timings. Run: build/bench/migrate_bench
// (PostgreSQL rows too when MIGRATE_TEST_PG_URL names a server; see bench/README.md).

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench/realistic_schema.h"
#include "migrations_engine/autogenerate/autogenerate.h"
#include "migrations_engine/script/script_directory.h"
#include "orm/dialect.h"
#include "orm/model_file.h"
#include "orm/schema_ops.h"

namespace fs = std::filesystem;
using namespace migrate;

namespace {

struct Row {
    std::string what;
    double ms;
    std::string note;
};

// Best of `reps` runs, in milliseconds.
double time_ms(const std::function<void()>& f, int reps = 3) {
    double best = 1e18;
    for (int i = 0; i < reps; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(
            best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                      .count());
    }
    return best;
}

orm::MetaData tables(int n) {
    orm::MetaData md;
    for (int i = 0; i < n; ++i) {
        orm::Table t;
        t.name = "t" + std::to_string(i);
        t.columns = {{"id", orm::SqlType::integer(), false},
                     {"name", orm::SqlType::string(40), true},
                     {"ref", orm::SqlType::integer(), true}};
        t.primary_key.columns = {"id"};
        t.indexes.push_back({"ix_t" + std::to_string(i) + "_name", {{"name", false}}});
        if (i > 0) t.foreign_keys.push_back({"", {"ref"}, "", "t" + std::to_string(i - 1), {"id"}});
        md.tables.push_back(t);
    }
    return md;
}

void reflect_rows(const std::string& label, const std::string& url, std::vector<Row>& rows) {
    for (int n : {10, 100, 1000}) {
        auto conn = orm::connect(orm::DatabaseUrl::parse(url));
        orm::drop_all(*conn, tables(1000));
        orm::create_all(*conn, tables(n));
        size_t before = conn->statement_count();
        double ms = time_ms([&] { conn->dialect().inspector().reflect(*conn, {}); });
        size_t statements = (conn->statement_count() - before) / 3;
        rows.push_back({"reflect " + std::to_string(n) + " tables (" + label + ")", ms,
                        std::to_string(statements) + " statements"});
        orm::drop_all(*conn, tables(n));
    }
}

// What `revision --autogenerate` and `check` do against a database: reflect it, settle the
// models as the database would hold them, compare.
size_t compare_once(orm::Connection& conn, const orm::MetaData& models) {
    orm::ReflectedSchema live = conn.dialect().inspector().reflect(conn, {});
    engine::CompareScope scope;
    if (!live.default_schema.empty()) scope.default_schema = live.default_schema;
    return engine::compare_with_live(conn, models, live.metadata, scope).differences.size();
}

void compare_rows(const std::string& label, const std::string& url, std::vector<Row>& rows) {
    const int n = 1000;
    orm::MetaData models = bench::realistic(n);
    auto conn = orm::connect(orm::DatabaseUrl::parse(url));
    orm::drop_all(*conn, models);
    auto measure = [&](const std::string& what, const orm::MetaData& target) {
        size_t differences = 0;
        size_t before = conn->statement_count();
        double ms = time_ms([&] { differences = compare_once(*conn, target); });
        size_t statements = (conn->statement_count() - before) / 3;
        rows.push_back({what + " (" + label + ")", ms,
                        std::to_string(differences) + " diffs, " + std::to_string(statements) +
                            " statements"});
    };
    measure("autogenerate 1000 tables vs empty database", models);
    orm::create_all(*conn, models);
    measure("check 1000 tables at head, nothing to do", models);
    orm::MetaData changed = models;
    for (int i = 0; i < n; i += 100)
        changed.tables[i].columns.push_back({"extra", orm::SqlType::integer(), true});
    measure("check 1000 tables at head, 1% changed", changed);
    orm::drop_all(*conn, models);
}

void revision_rows(const fs::path& dir, std::vector<Row>& rows) {
    for (int n : {1000, 5000}) {
        fs::remove_all(dir);
        fs::create_directories(dir / "versions");
        for (int i = 0; i < n; ++i) {
            std::ofstream f(dir / "versions" / ("r" + std::to_string(i) + ".yaml"));
            f << "revision: r" << i
              << "\ndown_revision: " << (i ? "r" + std::to_string(i - 1) : "null")
              << "\nmessage: step " << i << "\nupgrade:\n  - sql: \"SELECT " << i
              << "\"\ndowngrade:\n  - sql: \"SELECT 1\"\n";
        }
        engine::ScriptDirectory scripts(dir.string());
        double load = time_ms([&] { scripts.load_graph(); });
        rows.push_back({"load " + std::to_string(n) + " revision headers + graph", load, ""});
        engine::RevisionGraph graph = scripts.load_graph();
        double plan = time_ms([&] { graph.upgrade_plan({}, graph.resolve("head")); });
        rows.push_back({"plan base -> head over " + std::to_string(n) + " revisions", plan, ""});
    }
}

}  // namespace

int main() {
    const fs::path work = fs::temp_directory_path() / ("migrate-bench-" + std::to_string(getpid()));
    fs::create_directories(work);
    std::vector<Row> rows;
    revision_rows(work / "migrations", rows);
    reflect_rows("SQLite", "sqlite:///" + (work / "bench.db").string(), rows);
    compare_rows("SQLite", "sqlite:///" + (work / "compare.db").string(), rows);
    if (const char* pg = std::getenv("MIGRATE_TEST_PG_URL"); pg && *pg) {
        reflect_rows("PostgreSQL", pg, rows);
        compare_rows("PostgreSQL", pg, rows);
    }
    fs::remove_all(work);

    std::printf("| %-62s | %10s | %-28s |\n", "benchmark", "best (ms)", "note");
    std::printf("|%s|%s|%s|\n", std::string(64, '-').c_str(), std::string(12, '-').c_str(),
                std::string(30, '-').c_str());
    for (const auto& r : rows)
        std::printf("| %-62s | %10.2f | %-28s |\n", r.what.c_str(), r.ms, r.note.c_str());
    return 0;
}
