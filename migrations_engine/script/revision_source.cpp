#include "migrations_engine/script/revision_source.h"

#include <algorithm>
#include <filesystem>

#include "orm/error.h"
#include "orm/model_yaml_reader.h"

namespace migrate::engine {
namespace fs = std::filesystem;

std::vector<std::string> DirectoryRevisionSource::list() const {
    if (!fs::is_directory(dir_))
        throw UsageError("no revision folder '" + dir_ +
                         "'. Run `migrate init` to create a project, or set script_location "
                         "in migrate.yaml.");
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(dir_)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name[0] != '.' && entry.path().extension() == ".yaml")
            paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

std::string DirectoryRevisionSource::read(const std::string& name) const {
    return orm::detail::read_input_file(name, "revision file");
}

MemoryRevisionSource::MemoryRevisionSource(std::vector<File> files, std::string prefix)
    : files_(std::move(files)), prefix_(std::move(prefix)) {
    std::sort(files_.begin(), files_.end(),
              [](const File& a, const File& b) { return a.name < b.name; });
}

std::vector<std::string> MemoryRevisionSource::list() const {
    std::vector<std::string> out;
    out.reserve(files_.size());
    for (const File& f : files_) out.push_back(prefix_ + f.name);
    return out;
}

std::string MemoryRevisionSource::read(const std::string& name) const {
    for (const File& f : files_)
        if (prefix_ + f.name == name) return f.bytes;
    throw InputError(SourceLocation{name}, "cannot read revision file: no such embedded file");
}

}  // namespace migrate::engine
