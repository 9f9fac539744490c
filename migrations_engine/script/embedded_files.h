#pragma once

/// The files of `templates/`, compiled into the binary: path relative to `templates/`
/// (`generic/migrate.yaml`) -> content.

#include <map>
#include <string>

namespace migrate::engine {

const std::map<std::string, std::string>& embedded_files();

}  // namespace migrate::engine
