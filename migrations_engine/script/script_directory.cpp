#include "migrations_engine/script/script_directory.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "migrations_engine/script/embedded_files.h"
#include "orm/error.h"

namespace migrate::engine {
namespace fs = std::filesystem;

ScriptDirectory::ScriptDirectory(std::string root, std::string file_template)
    : root_(std::move(root)),
      file_template_(std::move(file_template)),
      source_(std::make_shared<DirectoryRevisionSource>(versions_dir())) {}

ScriptDirectory::ScriptDirectory(std::shared_ptr<const RevisionSource> source)
    : file_template_("{rev}_{slug}"), source_(std::move(source)) {}

std::string ScriptDirectory::versions_dir() const {
    if (root_.empty() && source_) return source_->writable_dir();
    return (fs::path(root_) / "versions").string();
}

RevisionGraph ScriptDirectory::load_graph() const {
    const std::vector<std::string> names = source_->list();
    std::vector<RevisionHeader> headers;
    headers.reserve(names.size());
    for (const auto& name : names) {
        const std::string text = source_->read(name);
        headers.push_back(parse_revision_header(text, name));
        headers.back().source = source_;
        headers.back().checksum = revision_checksum_of_bytes(text);
    }
    return RevisionGraph(std::move(headers));
}

std::string ScriptDirectory::path_of(const RevisionGraph& graph, const std::string& id) const {
    return graph.get(id).path;
}

std::string ScriptDirectory::template_text() const {
    if (root_.empty()) return embedded_files().at("generic/script.yaml.mustache");
    const fs::path own = fs::path(root_) / "script.yaml.mustache";
    if (fs::exists(own)) {
        std::ifstream in(own);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    return embedded_files().at("generic/script.yaml.mustache");
}

std::string ScriptDirectory::file_name(const NewRevision& rev) const {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    const std::pair<const char*, std::string> tokens[] = {
        {"{rev}", rev.id},
        {"{slug}", slugify(rev.message)},
        {"{year}", std::to_string(tm.tm_year + 1900)},
        {"{month}", two(tm.tm_mon + 1)},
        {"{day}", two(tm.tm_mday)},
        {"{hour}", two(tm.tm_hour)},
        {"{minute}", two(tm.tm_min)},
        {"{second}", two(tm.tm_sec)},
    };
    std::string name = file_template_;
    for (const auto& [token, value] : tokens)
        for (size_t p; (p = name.find(token)) != std::string::npos;)
            name.replace(p, std::strlen(token), value);
    while (!name.empty() && (name.back() == '_' || name.back() == '-')) name.pop_back();
    return name + ".yaml";
}

std::string ScriptDirectory::write_revision(const NewRevision& rev,
                                            const RevisionGraph& graph) const {
    if (versions_dir().empty())
        throw UsageError(
            "the revisions are embedded in the program: new revision files are "
            "written into the project's folder, with `migrate revision`");
    const fs::path dir = versions_dir();
    if (!fs::is_directory(dir))
        throw UsageError("no revision folder '" + dir.string() + "'. Run `migrate init` first.");
    const fs::path path = dir / file_name(rev);
    // The graph the project would have: whatever it rejects is not written.
    std::vector<RevisionHeader> headers = graph.revisions();
    RevisionHeader& added = headers.emplace_back();
    added.id = rev.id;
    added.down_revisions = rev.down_revisions;
    added.branch_labels = rev.branch_labels;
    added.depends_on = rev.depends_on;
    added.path = path.string() + " (not written)";
    RevisionGraph(std::move(headers));
    if (fs::exists(path))
        throw UsageError("'" + path.string() + "' exists already; not overwriting it");
    const std::string text = render_revision(rev, template_text());
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw UsageError("cannot write '" + path.string() + "'");
    return path.string();
}

}  // namespace migrate::engine
