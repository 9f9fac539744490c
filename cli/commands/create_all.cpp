// `create-all` and `drop-all` (engine functions of migrations_engine/api/schema.h).

#include <unistd.h>

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "migrations_engine/api/schema.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

void run_create_all(const Context& ctx) {
    engine::CreateAllResult r = engine::create_all(ctx.project());
    for (const auto& t : r.created) ctx.info("Created table " + t);
    if (ctx.verbose())
        for (const auto& t : r.existing) ctx.info("Table " + t + " exists; left as it is");
    ctx.info(std::to_string(r.created.size()) + " created, " + std::to_string(r.existing.size()) +
             " already present, in " + r.database);
}

bool confirmed(const std::vector<std::string>& tables, const Context& ctx) {
    if (!isatty(STDIN_FILENO)) return false;
    std::cout << "Drop " << tables.size() << " tables (" << join(tables) << ") from "
              << ctx.database_url().str() << "? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

void run_drop_all(bool yes, const Context& ctx) {
    engine::DropAllRequest request;
    if (!yes)
        request.confirm = [&ctx](const std::vector<std::string>& tables) {
            if (!confirmed(tables, ctx))
                throw UsageError("drop-all deletes tables and their rows; pass --yes to confirm");
        };
    engine::DropAllResult r = engine::drop_all(ctx.project(), request);
    for (const auto& t : r.dropped) ctx.info("Dropped table " + t);
    ctx.info(std::to_string(r.dropped.size()) + " dropped, " + std::to_string(r.absent.size()) +
             " were not there");
}

}  // namespace

void setup_create_all(CLI::App& app, const GlobalOptions& global) {
    CLI::App* cmd = app.add_subcommand(
        "create-all", "Create the models' missing tables directly, without a revision");
    cmd->callback([&global] { run_create_all(Context(global)); });
}

void setup_drop_all(CLI::App& app, const GlobalOptions& global) {
    auto yes = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand(
        "drop-all", "Drop the models' tables (and only those), dependants first");
    cmd->add_flag("-y,--yes", *yes, "Do not ask for confirmation");
    cmd->callback([yes, &global] { run_drop_all(*yes, Context(global)); });
}

}  // namespace migrate::cli
