// Google Benchmark micro-benchmarks of migrate's hot paths, in memory (no database, no
// process start): model loading, revision headers, the revision graph and its plans,
// autogenerate's comparison and expression normalisation. Run:
//   build-release/bench/migrate_microbench   (see bench/README.md)

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/realistic_schema.h"
#include "migrations_engine/autogenerate/compare.h"
#include "migrations_engine/script/revision_file.h"
#include "migrations_engine/script/revision_graph.h"
#include "orm/dialect.h"
#include "orm/expression.h"
#include "orm/model_file.h"

using namespace migrate;

namespace {

std::string revision_text(int i) {
    auto id = [](int k) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%012x", k + 1);
        return std::string(buf);
    };
    return "# step " + std::to_string(i) + "\nrevision: " + id(i) +
           "\ndown_revision: " + (i ? id(i - 1) : std::string("null")) +
           "\nbranch_labels: []\ndepends_on: []\nmessage: step " + std::to_string(i) +
           "\ncreate_date: 2026-12-03T00:00:00Z\ntransactional: true\nupgrade:\n"
           "  - add_column:\n      table: t\n      column: {name: c" +
           std::to_string(i) +
           ", type: Integer, nullable: true}\ndowngrade:\n  - drop_column: {table: t, column: c" +
           std::to_string(i) + "}\n";
}

std::vector<engine::RevisionHeader> headers(int n) {
    std::vector<engine::RevisionHeader> out;
    for (int i = 0; i < n; ++i)
        out.push_back(engine::parse_revision_header(revision_text(i), "r" + std::to_string(i)));
    return out;
}

void BM_LoadModels(benchmark::State& state) {
    const std::string text = orm::write_models(bench::realistic(static_cast<int>(state.range(0))));
    for (auto _ : state)
        benchmark::DoNotOptimize(orm::load_models_from_string(text, "models.yaml"));
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_LoadModels)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_WriteModels(benchmark::State& state) {
    const orm::MetaData md = bench::realistic(static_cast<int>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(orm::write_models(md));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_WriteModels)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_ParseRevisionHeader(benchmark::State& state) {
    const std::string text = revision_text(7);
    for (auto _ : state) benchmark::DoNotOptimize(engine::parse_revision_header(text, "r.yaml"));
}
BENCHMARK(BM_ParseRevisionHeader)->Unit(benchmark::kMicrosecond);

void BM_GraphBuild(benchmark::State& state) {
    const auto hs = headers(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        engine::RevisionGraph graph(hs);
        benchmark::DoNotOptimize(graph.heads());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_GraphBuild)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_UpgradePlan(benchmark::State& state) {
    engine::RevisionGraph graph(headers(static_cast<int>(state.range(0))));
    for (auto _ : state) benchmark::DoNotOptimize(graph.upgrade_plan({}, graph.resolve("head")));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_UpgradePlan)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);

void compare(benchmark::State& state, const char* dialect_name, bool empty_database, int changed) {
    const orm::MetaData models = bench::realistic(static_cast<int>(state.range(0)));
    orm::MetaData database = empty_database ? orm::MetaData{} : models;
    for (int i = 0; changed && i < static_cast<int>(database.tables.size()); i += 100 / changed)
        database.tables[i].columns.pop_back();
    const orm::Dialect& dialect = orm::dialect_by_name(dialect_name);
    engine::CompareScope scope;
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::compare_schemas(models, database, dialect, scope));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
void BM_CompareVsEmpty_SQLite(benchmark::State& s) { compare(s, "sqlite", true, 0); }
void BM_CompareNothingToDo_SQLite(benchmark::State& s) { compare(s, "sqlite", false, 0); }
void BM_CompareOnePercent_SQLite(benchmark::State& s) { compare(s, "sqlite", false, 1); }
void BM_CompareNothingToDo_PostgreSQL(benchmark::State& s) { compare(s, "postgresql", false, 0); }
BENCHMARK(BM_CompareVsEmpty_SQLite)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompareNothingToDo_SQLite)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompareOnePercent_SQLite)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompareNothingToDo_PostgreSQL)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_NormalizeForCompare(benchmark::State& state) {
    const orm::MetaData models = bench::realistic(static_cast<int>(state.range(0)));
    const orm::Dialect& dialect = orm::dialect_by_name("postgresql");
    for (auto _ : state) benchmark::DoNotOptimize(engine::normalize_for_compare(models, dialect));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NormalizeForCompare)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_CanonicalExpression(benchmark::State& state) {
    const std::vector<std::string> texts = {"CURRENT_TIMESTAMP",
                                            "'0'::numeric",
                                            "now()",
                                            "(\"Score\" >= 0) AND (score <= 100)",
                                            "lower((email)::text)",
                                            "'basic'::character varying",
                                            "CASE WHEN a IS NULL THEN 0 ELSE a END"};
    for (auto _ : state)
        for (const auto& t : texts) benchmark::DoNotOptimize(orm::canonical_expression(t));
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(BM_CanonicalExpression)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
