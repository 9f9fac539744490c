// `check` and `diff` (engine functions of migrations_engine/api/check.h): the models against
// the database (or, offline, the revisions), printed.

#include "migrations_engine/api/check.h"

#include <dtl/dtl.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands/commands.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

void print_warnings(const std::vector<std::string>& warnings, const Context& ctx) {
    for (const auto& w : warnings) ctx.notice("warning: " + w);
}

void run_check(const engine::CheckRequest& opts, const Context& ctx) {
    engine::CheckResult c = engine::check(ctx.project(), opts);
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
    print_warnings(c.warnings, ctx);
    if (!c.empty())
        throw Error(std::to_string(c.differences.size()) +
                        " difference(s) between the models and the " +
                        (opts.offline ? "revisions" : "database") +
                        "; `migrate revision --autogenerate -m ...` writes a revision for them",
                    exit_code::kDifferences);
}

void run_diff(const engine::CheckRequest& opts, const Context& ctx) {
    engine::DiffResult c = engine::diff(ctx.project(), opts);
    print_warnings(c.warnings, ctx);
    if (c.empty()) return;
    const bool color = ctx.color();
    for (const auto& table : c.tables) {
        const std::string& name = table.table;
        dtl::Diff<std::string, std::vector<std::string>> diff(table.database, table.models);
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
    for (const auto& summary : c.other) std::cout << "# " << summary << "\n";
    throw Error("", exit_code::kDifferences);
}

}  // namespace

void setup_check(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<engine::CheckRequest>();
    CLI::App* cmd = app.add_subcommand(
        "check", "Exit 1 when the models and the database differ, listing each difference");
    cmd->add_flag("--offline", opts->offline,
                  "Compare with the schema the revision files build, without a database");
    cmd->callback([opts, &global] { run_check(*opts, Context(global)); });

    auto dopts = std::make_shared<engine::CheckRequest>();
    CLI::App* diff = app.add_subcommand(
        "diff", "Show the differences between database and models as a unified diff of DDL");
    diff->add_flag("--offline", dopts->offline,
                   "Compare with the schema the revision files build, without a database");
    diff->callback([dopts, &global] { run_diff(*dopts, Context(global)); });
}

}  // namespace migrate::cli
