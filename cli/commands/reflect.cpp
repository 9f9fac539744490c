// `reflect` (engine function of migrations_engine/api/schema.h).

#include <iostream>

#include "cli/commands/commands.h"
#include "migrations_engine/api/schema.h"

namespace migrate::cli {
namespace {

struct ReflectOptions {
    engine::ReflectRequest request;
    std::string format = "yaml";
};

void run_reflect(ReflectOptions opts, const Context& ctx) {
    opts.request.format =
        opts.format == "cpp" ? engine::ModelFormat::kCpp : engine::ModelFormat::kYaml;
    engine::ReflectResult r = engine::reflect(ctx.project(), opts.request);
    // Said on standard error, so that standard output stays a model file.
    for (const auto& n : r.schema.not_modelled)
        std::cerr << "note: not modelled, left out of the models: table " << n.table << ", "
                  << n.object << ": " << n.definition << "\n";
    if (r.hint) ctx.notice(*r.hint);
    if (opts.request.output.empty()) {
        std::cout << r.text;
        return;
    }
    ctx.info("Wrote " + std::to_string(r.schema.metadata.tables.size()) + " tables to " +
             opts.request.output);
}

}  // namespace

void setup_reflect(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<ReflectOptions>();
    engine::ReflectRequest& req = opts->request;
    CLI::App* cmd = app.add_subcommand("reflect",
                                       "Write the live schema as a models YAML file, or C++ source "
                                       "with --format cpp (to standard output or -o FILE)");
    cmd->add_option("--tables", req.tables,
                    "Only these tables, plus the tables their foreign keys reach")
        ->delimiter(',');
    cmd->add_option("--schemas", req.reflect.schemas,
                    "PostgreSQL schemas to read, comma-separated (default: include.schemas "
                    "of migrate.yaml, else the current schema)")
        ->delimiter(',');
    cmd->add_option("-o,--output", req.output, "Write to FILE instead of standard output");
    cmd->add_option("--format", opts->format,
                    "yaml: a models file; cpp: C++ source declaring the schema with the orm "
                    "builder (a function returning migrate::orm::MetaData)")
        ->check(CLI::IsMember({"yaml", "cpp"}));
    cmd->add_option("--function", req.function,
                    "Name of the C++ function --format cpp defines (default: schema)");
    cmd->add_flag("--force", req.force, "Overwrite the -o file if it exists");
    cmd->callback([opts, &global] { run_reflect(*opts, Context(global)); });
}

}  // namespace migrate::cli
