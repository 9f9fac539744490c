#include <filesystem>
#include <fstream>
#include <iostream>
#include <kainjow/mustache.hpp>
#include <set>

#include "cli/commands/commands.h"
#include "migrations_engine/script/embedded_files.h"
#include "orm/error.h"

namespace migrate::cli {
namespace fs = std::filesystem;
namespace {

std::set<std::string> template_names() {
    std::set<std::string> out;
    for (const auto& [path, text] : engine::embedded_files())
        if (path.find('/') != std::string::npos) out.insert(path.substr(0, path.find('/')));
    return out;
}

const std::string& template_file(const std::string& tmpl, const std::string& name) {
    return engine::embedded_files().at(tmpl + "/" + name);
}

struct InitOptions {
    std::string directory = "migrations";
    std::string template_name = "generic";
};

void run_init(const InitOptions& opts, const Context& ctx) {
    if (!template_names().count(opts.template_name))
        throw UsageError("no template '" + opts.template_name +
                         "'; `migrate list-templates` lists them");
    const fs::path dir = opts.directory;
    struct Output {
        fs::path path;
        std::string text;
    };
    kainjow::mustache::data vars;
    vars.set("script_location", dir.generic_string());
    std::vector<Output> outputs = {
        {"migrate.yaml",
         kainjow::mustache::mustache(template_file(opts.template_name, "migrate.yaml"))
             .render(vars)},
        {"models.yaml", template_file(opts.template_name, "models.yaml")},
        {dir / "script.yaml.mustache", template_file(opts.template_name, "script.yaml.mustache")},
    };
    std::vector<std::string> existing;
    for (const auto& o : outputs)
        if (fs::exists(o.path)) existing.push_back(o.path.string());
    if (fs::exists(dir / "versions") && !fs::is_empty(dir / "versions"))
        existing.push_back((dir / "versions").string());
    if (!existing.empty()) {
        std::string list;
        for (const auto& e : existing) list += (list.empty() ? "" : ", ") + e;
        throw UsageError("init does not overwrite: " + list +
                         " already exist(s). Remove them or choose another folder.");
    }
    fs::create_directories(dir / "versions");
    for (const auto& o : outputs) {
        std::ofstream out(o.path, std::ios::binary);
        out << o.text;
        if (!out) throw UsageError("cannot write '" + o.path.string() + "'");
        ctx.info("Created " + o.path.string());
    }
    ctx.info("Created " + (dir / "versions").string() + "/");
    ctx.info(
        "Next: edit models.yaml, then `migrate revision -m \"first\"` and `migrate upgrade head`.");
}

}  // namespace

void setup_init(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<InitOptions>();
    CLI::App* cmd = app.add_subcommand(
        "init", "Create migrate.yaml, models.yaml and the revision folder (DIR/versions)");
    cmd->add_option("directory", opts->directory, "Script location (default: migrations)");
    cmd->add_option("-t,--template", opts->template_name, "Template (see list-templates)");
    cmd->callback([opts, &global] { run_init(*opts, Context(global)); });
}

void setup_list_templates(CLI::App& app, const GlobalOptions& global) {
    CLI::App* cmd = app.add_subcommand("list-templates", "List the templates `init` knows");
    cmd->callback([&global] {
        Context ctx(global);
        for (const auto& name : template_names()) {
            const std::string& cfg = template_file(name, "models.yaml");
            std::string first = cfg.substr(0, cfg.find('\n'));
            if (first.rfind("# ", 0) == 0) first = first.substr(2);
            std::cout << name << "  " << first << "\n";
        }
    });
}

}  // namespace migrate::cli
