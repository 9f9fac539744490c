// `inspect` (engine function of migrations_engine/api/schema.h).

#include <iostream>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "migrations_engine/api/schema.h"

namespace migrate::cli {
namespace {

void run_inspect(const engine::InspectRequest& request, const Context& ctx) {
    engine::InspectResult r = engine::inspect(ctx.project(), request);
    if (r.hint) ctx.notice(*r.hint);
    if (ctx.format() == Format::kJson) {
        nlohmann::json j = schema_to_json(r.schema);
        j["database"] = r.database;
        j["dialect"] = r.dialect;
        std::cout << j.dump(2) << "\n";
        return;
    }
    ctx.info("Database " + r.database + "\n");
    print_schema_text(std::cout, r.schema, ctx.color());
}

}  // namespace

void setup_inspect(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<engine::InspectRequest>();
    CLI::App* cmd = app.add_subcommand(
        "inspect", "Show the live schema: tables, columns, keys, indexes, constraints");
    cmd->add_option("tables", opts->tables, "Tables to show (default: all)");
    cmd->add_option("--schemas", opts->reflect.schemas,
                    "PostgreSQL schemas to read, comma-separated (default: include.schemas "
                    "of migrate.yaml, else the current schema)")
        ->delimiter(',');
    cmd->callback([opts, &global] { run_inspect(*opts, Context(global)); });
}

}  // namespace migrate::cli
