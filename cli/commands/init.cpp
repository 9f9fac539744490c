// `init` and `list-templates` (engine functions of migrations_engine/api/init.h).

#include "migrations_engine/api/init.h"

#include <iostream>

#include "cli/commands/commands.h"

namespace migrate::cli {

void setup_init(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<engine::InitRequest>();
    CLI::App* cmd = app.add_subcommand(
        "init", "Create migrate.yaml, models.yaml and the revision folder (DIR/versions)");
    cmd->add_option("directory", opts->directory, "Script location (default: migrations)");
    cmd->add_option("-t,--template", opts->template_name, "Template (see list-templates)");
    cmd->callback([opts, &global] {
        Context ctx(global);
        engine::InitResult r = engine::init_project(*opts);
        for (const auto& f : r.files) ctx.info("Created " + f);
        ctx.info("Created " + r.versions_dir + "/");
        ctx.info(
            "Next: edit models.yaml, then `migrate revision -m \"first\"` and `migrate upgrade "
            "head`.");
    });
}

void setup_list_templates(CLI::App& app, const GlobalOptions& global) {
    CLI::App* cmd = app.add_subcommand("list-templates", "List the templates `init` knows");
    cmd->callback([&global] {
        Context ctx(global);
        for (const auto& t : engine::list_templates())
            std::cout << t.name << "  " << t.description << "\n";
    });
}

}  // namespace migrate::cli
