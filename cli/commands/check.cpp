// `check` and `diff`: the models against the database (or, offline, the revisions).

#include <algorithm>
#include <dtl/dtl.hpp>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "migrations_engine/autogenerate/autogenerate.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

struct CheckOptions {
    bool offline = false;
};

engine::Comparison compare(const CheckOptions& opts, const Context& ctx,
                           const orm::MetaData& models) {
    if (opts.offline)
        return engine::compare_offline(models, ctx.config(), ctx.scripts(),
                                       orm::dialect_by_name(ctx.database_url().dialect()));
    auto conn = ctx.connect(/*must_exist=*/true);
    return engine::compare_with_database(*conn, models, ctx.config(), ctx.scripts());
}

void print_warnings(const engine::Comparison& c, const Context& ctx) {
    for (const auto& w : c.warnings) ctx.notice("warning: " + w);
}

void run_check(const CheckOptions& opts, const Context& ctx) {
    engine::Comparison c = compare(opts, ctx, ctx.load_models());
    if (ctx.format() == Format::kJson) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& d : c.differences)
            j.push_back({{"kind", d.kind},
                         {"table", d.table},
                         {"column", d.column},
                         {"from", d.from},
                         {"to", d.to},
                         {"destructive", d.destructive},
                         {"summary", d.summary}});
        std::cout << j.dump(2) << "\n";
    } else {
        for (const auto& d : c.differences)
            std::cout << d.summary << (d.destructive ? "  (destructive)" : "") << "\n";
        if (c.empty()) ctx.info("No differences: the database matches the models.");
    }
    print_warnings(c, ctx);
    if (!c.empty())
        throw Error(std::to_string(c.differences.size()) +
                        " difference(s) between the models and the " +
                        (opts.offline ? "revisions" : "database") +
                        "; `migrate revision --autogenerate -m ...` writes a revision for them",
                    exit_code::kDifferences);
}

// One object's normalised DDL as lines, constraints in a stable order.
std::vector<std::string> ddl_lines(const orm::Table* t, const orm::MetaData& md,
                                   const orm::Dialect& d) {
    std::vector<std::string> lines;
    if (!t) return lines;
    orm::Table sorted = *t;
    auto by_text = [](const auto& a, const auto& b) { return a.tie() < b.tie(); };
    std::sort(sorted.unique_constraints.begin(), sorted.unique_constraints.end(), by_text);
    std::sort(sorted.foreign_keys.begin(), sorted.foreign_keys.end(), by_text);
    std::sort(sorted.checks.begin(), sorted.checks.end(), by_text);
    std::sort(sorted.indexes.begin(), sorted.indexes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<std::string> statements;
    try {
        statements = d.ddl().create_table(sorted, md);
    } catch (const Error& e) {
        statements = {std::string("-- ") + e.what()};
    }
    for (const auto& s : statements) {
        std::istringstream in(s + ";");
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    return lines;
}

void run_diff(const CheckOptions& opts, const Context& ctx) {
    orm::MetaData models = ctx.load_models();
    engine::Comparison c = compare(opts, ctx, models);
    print_warnings(c, ctx);
    if (c.empty()) return;
    const orm::Dialect& d = orm::dialect_by_name(ctx.database_url().dialect());
    const orm::MetaData& want = c.target;
    const orm::MetaData& have = c.current;
    std::set<std::string> tables;
    for (const auto& diff : c.differences)
        if (!diff.table.empty()) tables.insert(diff.table);
    const bool color = ctx.color();
    for (const auto& name : tables) {
        auto find = [&](const orm::MetaData& md) -> const orm::Table* {
            for (const auto& t : md.tables)
                if (t.qualified_name() == name) return &t;
            return nullptr;
        };
        std::vector<std::string> a = ddl_lines(find(have), have, d);
        std::vector<std::string> b = ddl_lines(find(want), want, d);
        dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
        diff.compose();
        diff.composeUnifiedHunks();
        std::ostringstream hunks;
        diff.printUnifiedFormat(hunks);
        std::cout << (color ? "\033[1m" : "") << "--- database/" << name << "\n+++ models/" << name
                  << (color ? "\033[0m" : "") << "\n";
        std::istringstream in(hunks.str());
        for (std::string line; std::getline(in, line);) {
            const char* on = !color           ? ""
                             : line[0] == '+' ? "\033[32m"
                             : line[0] == '-' ? "\033[31m"
                             : line[0] == '@' ? "\033[36m"
                                              : "";
            std::cout << on << line << (*on ? "\033[0m" : "") << "\n";
        }
    }
    for (const auto& diff : c.differences)
        if (diff.table.empty()) std::cout << "# " << diff.summary << "\n";
    throw Error("", exit_code::kDifferences);
}

}  // namespace

void setup_check(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand(
        "check", "Exit 1 when the models and the database differ, listing each difference");
    cmd->add_flag("--offline", opts->offline,
                  "Compare with the schema the revision files build, without a database");
    cmd->callback([opts, &global] { run_check(*opts, Context(global)); });

    auto dopts = std::make_shared<CheckOptions>();
    CLI::App* diff = app.add_subcommand(
        "diff", "Show the differences between database and models as a unified diff of DDL");
    diff->add_flag("--offline", dopts->offline,
                   "Compare with the schema the revision files build, without a database");
    diff->callback([dopts, &global] { run_diff(*dopts, Context(global)); });
}

}  // namespace migrate::cli
