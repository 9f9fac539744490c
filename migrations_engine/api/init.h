#pragma once

/// `migrate init` and `migrate list-templates` as functions: scaffolding a new project from
/// one of the templates compiled into the library.

#include <string>
#include <vector>

namespace migrate::engine {

struct TemplateInfo {
    std::string name;         // "generic"
    std::string description;  // the first comment line of its models.yaml
};

/// The templates init_project() knows, by name.
std::vector<TemplateInfo> list_templates();

struct InitRequest {
    /// Folder the files are written in; "" for the working directory. Paths in the result
    /// (and in migrate.yaml's `script_location`) are relative to it as given.
    std::string root;
    /// The script location, relative to `root`.
    std::string directory = "migrations";
    std::string template_name = "generic";
};

struct InitResult {
    /// The files written, in order: migrate.yaml, models.yaml, <directory>/script.yaml.mustache.
    std::vector<std::string> files;
    /// The revision folder created (empty), <directory>/versions.
    std::string versions_dir;
};

/// Writes migrate.yaml, models.yaml, <directory>/script.yaml.mustache and an empty
/// <directory>/versions under `root`. Overwrites nothing: when any of them exists (the
/// versions folder: exists and is not empty), throws UsageError (exit 2) listing them and
/// writes nothing. Throws UsageError for an unknown template or a file it cannot write.
InitResult init_project(const InitRequest& request);

}  // namespace migrate::engine
