#include <iostream>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "migrations_engine/schema_tools.h"

namespace migrate::cli {
namespace {

struct InspectOptions {
    std::vector<std::string> tables;
    orm::ReflectOptions reflect;
};

void run_inspect(InspectOptions opts, const Context& ctx) {
    if (opts.reflect.schemas.empty()) opts.reflect.schemas = ctx.config().include.schemas;
    auto conn = ctx.connect(/*must_exist=*/true);
    orm::ReflectedSchema schema =
        engine::inspect_schema(*conn, opts.tables, ctx.config().version_table, opts.reflect);
    if (opts.tables.empty())
        if (auto hint = engine::schema_hint(schema, opts.reflect)) ctx.notice(*hint);
    if (ctx.format() == Format::kJson) {
        nlohmann::json j = schema_to_json(schema);
        j["database"] = ctx.database_url().str();
        j["dialect"] = conn->dialect().name();
        std::cout << j.dump(2) << "\n";
        return;
    }
    ctx.info("Database " + ctx.database_url().str() + "\n");
    print_schema_text(std::cout, schema, ctx.color());
}

}  // namespace

void setup_inspect(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<InspectOptions>();
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
