#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands/commands.h"
#include "migrations_engine/schema_tools.h"
#include "orm/error.h"
#include "orm/model_cpp_writer.h"
#include "orm/model_file.h"

namespace migrate::cli {
namespace {

struct ReflectOptions {
    std::vector<std::string> tables;
    orm::ReflectOptions reflect;
    std::string output;
    std::string format = "yaml";
    std::string function = "schema";
    bool force = false;
};

void run_reflect(ReflectOptions opts, const Context& ctx) {
    if (opts.reflect.schemas.empty()) opts.reflect.schemas = ctx.config().include.schemas;
    if (!opts.output.empty() && !opts.force && std::filesystem::exists(opts.output))
        throw UsageError("'" + opts.output +
                         "' exists; reflect does not overwrite files. Pass --force to replace it, "
                         "or choose another -o path.");
    auto conn = ctx.connect(/*must_exist=*/true);
    orm::ReflectedSchema reflected =
        engine::reflect_models(*conn, opts.tables, ctx.config().version_table, opts.reflect);
    const orm::MetaData& models = reflected.metadata;
    // Said on standard error, so that standard output stays a model file.
    for (const auto& n : reflected.not_modelled)
        std::cerr << "note: not modelled, left out of the models: table " << n.table << ", "
                  << n.object << ": " << n.definition << "\n";
    if (opts.tables.empty())
        if (auto hint = engine::schema_hint(reflected, opts.reflect)) ctx.notice(*hint);
    const bool cpp = opts.format == "cpp";
    const std::string text =
        cpp ? orm::write_models_cpp(models, opts.function) : orm::write_models(models);
    if (opts.output.empty()) {
        std::cout << text;
        return;
    }
    if (cpp) {
        std::ofstream out(opts.output, std::ios::binary);
        if (!(out << text) || !out.flush())
            throw InputError(SourceLocation{opts.output}, "cannot write the C++ source");
    } else {
        orm::write_models_file(models, opts.output);
    }
    ctx.info("Wrote " + std::to_string(models.tables.size()) + " tables to " + opts.output);
}

}  // namespace

void setup_reflect(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<ReflectOptions>();
    CLI::App* cmd = app.add_subcommand("reflect",
                                       "Write the live schema as a models YAML file, or C++ source "
                                       "with --format cpp (to standard output or -o FILE)");
    cmd->add_option("--tables", opts->tables,
                    "Only these tables, plus the tables their foreign keys reach")
        ->delimiter(',');
    cmd->add_option("--schemas", opts->reflect.schemas,
                    "PostgreSQL schemas to read, comma-separated (default: include.schemas "
                    "of migrate.yaml, else the current schema)")
        ->delimiter(',');
    cmd->add_option("-o,--output", opts->output, "Write to FILE instead of standard output");
    cmd->add_option("--format", opts->format,
                    "yaml: a models file; cpp: C++ source declaring the schema with the orm "
                    "builder (a function returning migrate::orm::MetaData)")
        ->check(CLI::IsMember({"yaml", "cpp"}));
    cmd->add_option("--function", opts->function,
                    "Name of the C++ function --format cpp defines (default: schema)");
    cmd->add_flag("--force", opts->force, "Overwrite the -o file if it exists");
    cmd->callback([opts, &global] { run_reflect(*opts, Context(global)); });
}

}  // namespace migrate::cli
