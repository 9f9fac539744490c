#pragma once

/// One setup function per command; each registers a subcommand whose callback runs it.

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace migrate::cli {

void setup_check(CLI::App& app, const GlobalOptions& global);
void setup_inspect(CLI::App& app, const GlobalOptions& global);
void setup_reflect(CLI::App& app, const GlobalOptions& global);
void setup_create_all(CLI::App& app, const GlobalOptions& global);
void setup_drop_all(CLI::App& app, const GlobalOptions& global);
void setup_init(CLI::App& app, const GlobalOptions& global);
void setup_list_templates(CLI::App& app, const GlobalOptions& global);
void setup_revision(CLI::App& app, const GlobalOptions& global);
void setup_merge(CLI::App& app, const GlobalOptions& global);
void setup_edit(CLI::App& app, const GlobalOptions& global);
void setup_upgrade(CLI::App& app, const GlobalOptions& global);
void setup_downgrade(CLI::App& app, const GlobalOptions& global);
void setup_stamp(CLI::App& app, const GlobalOptions& global);
/// current, history, heads, branches, show.
void setup_status_commands(CLI::App& app, const GlobalOptions& global);

}  // namespace migrate::cli
