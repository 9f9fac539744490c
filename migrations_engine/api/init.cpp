#include "migrations_engine/api/init.h"

#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <set>

#include "migrations_engine/script/embedded_files.h"
#include "orm/error.h"

namespace migrate::engine {
namespace fs = std::filesystem;
namespace {

std::set<std::string> template_names() {
    std::set<std::string> out;
    for (const auto& [path, text] : embedded_files())
        if (path.find('/') != std::string::npos) out.insert(path.substr(0, path.find('/')));
    return out;
}

const std::string& template_file(const std::string& tmpl, const std::string& name) {
    return embedded_files().at(tmpl + "/" + name);
}

}  // namespace

std::vector<TemplateInfo> list_templates() {
    std::vector<TemplateInfo> out;
    for (const auto& name : template_names()) {
        const std::string& models = template_file(name, "models.yaml");
        std::string first = models.substr(0, models.find('\n'));
        if (first.rfind("# ", 0) == 0) first = first.substr(2);
        out.push_back({name, first});
    }
    return out;
}

InitResult init_project(const InitRequest& request) {
    if (!template_names().count(request.template_name))
        throw UsageError("no template '" + request.template_name +
                         "'; `migrate list-templates` lists them");
    const fs::path root = request.root;
    const fs::path dir = request.directory;
    struct Output {
        fs::path path;
        std::string text;
    };
    kainjow::mustache::data vars;
    vars.set("script_location", dir.generic_string());
    const std::string& tmpl = request.template_name;
    const std::vector<Output> outputs = {
        {root / "migrate.yaml",
         kainjow::mustache::mustache(template_file(tmpl, "migrate.yaml")).render(vars)},
        {root / "models.yaml", template_file(tmpl, "models.yaml")},
        {root / dir / "script.yaml.mustache", template_file(tmpl, "script.yaml.mustache")},
    };
    const fs::path versions = root / dir / "versions";
    std::vector<std::string> existing;
    for (const auto& o : outputs)
        if (fs::exists(o.path)) existing.push_back(o.path.string());
    if (fs::exists(versions) && !fs::is_empty(versions)) existing.push_back(versions.string());
    if (!existing.empty()) {
        std::string list;
        for (const auto& e : existing) list += (list.empty() ? "" : ", ") + e;
        throw UsageError("init does not overwrite: " + list +
                         " already exist(s). Remove them or choose another folder.");
    }
    fs::create_directories(versions);
    InitResult result;
    for (const auto& o : outputs) {
        std::ofstream out(o.path, std::ios::binary);
        out << o.text;
        if (!out) throw UsageError("cannot write '" + o.path.string() + "'");
        result.files.push_back(o.path.string());
    }
    result.versions_dir = versions.string();
    return result;
}

}  // namespace migrate::engine
