#include <unistd.h>

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "orm/error.h"
#include "orm/schema_ops.h"

namespace migrate::cli {
namespace {

void run_create_all(const Context& ctx) {
    orm::MetaData models = ctx.load_models();
    auto conn = ctx.connect(/*must_exist=*/false);
    orm::CreateAllResult r = orm::create_all(*conn, models);
    for (const auto& t : r.created) ctx.info("Created table " + t);
    if (ctx.verbose())
        for (const auto& t : r.existing) ctx.info("Table " + t + " exists; left as it is");
    ctx.info(std::to_string(r.created.size()) + " created, " + std::to_string(r.existing.size()) +
             " already present, in " + ctx.database_url().str());
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
    orm::MetaData models = ctx.load_models();
    std::vector<std::string> names;
    for (const auto& t : models.tables) names.push_back(t.qualified_name());
    auto conn = ctx.connect(/*must_exist=*/true);
    if (!yes && !confirmed(names, ctx))
        throw UsageError("drop-all deletes tables and their rows; pass --yes to confirm");
    orm::DropAllResult r = orm::drop_all(*conn, models);
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
