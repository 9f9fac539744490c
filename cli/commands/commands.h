#pragma once

/// One setup function per command; each registers a subcommand whose callback runs it.

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace migrate::cli {

void setup_inspect(CLI::App& app, const GlobalOptions& global);
void setup_reflect(CLI::App& app, const GlobalOptions& global);
void setup_create_all(CLI::App& app, const GlobalOptions& global);
void setup_drop_all(CLI::App& app, const GlobalOptions& global);

}  // namespace migrate::cli
