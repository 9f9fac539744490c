// Loading model files: YAML -> validated MetaData (DESIGN.md section 3).
//
// Each file is parsed on its own (keys, value types, names local to a table); what needs every
// file (enum names, foreign-key targets, naming conventions, index names) is checked by
// Loader::finish() once all files are in, so a folder may split tables across files freely.

#include "orm/model_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "orm/error.h"
#include "orm/model_table_parser.h"
#include "orm/schema/naming.h"
#include "orm/schema/validate.h"

namespace migrate::orm {
namespace {

namespace fs = std::filesystem;
using detail::Entry;
using detail::Keys;
using detail::ParsedTable;

const Keys kTopKeys = {"naming_convention", "enums", "tables"};
const Keys kConventionKeys = {"ix", "uq", "fk", "pk", "ck"};
const Keys kEnumKeys = {"schema", "values"};

/// Collects the files of one model, then checks and builds the MetaData.
class Loader {
  public:
    void add_file(const std::string& text, const std::string& file);
    MetaData finish();

  private:
    void add_conventions(const Entry& section);
    void add_enums(const Entry& section);
    void add_table(const Entry& te);
    /// Where the object a ModelError names was read.
    SourceLocation location(const ModelPath& path) const;

    detail::Reader r_;
    NamingConvention conventions_;
    std::vector<SourceLocation> convention_at_;
    std::vector<EnumType> enums_;
    std::vector<SourceLocation> enum_at_;
    std::vector<ParsedTable> tables_;
};

void Loader::add_file(const std::string& text, const std::string& file) {
    r_ = detail::Reader(file);
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
        throw InputError(r_.at(e.mark), "invalid YAML: " + e.msg);
    }
    if (docs.size() > 1)
        r_.fail(r_.at(docs[1]), "a model file holds one YAML document; found a second one");
    if (docs.empty() || docs[0].IsNull()) return;
    Entry root{"", "the model file", docs[0], docs[0], ""};
    for (const Entry& e : r_.map_entries(root, "at top level", &kTopKeys, "key",
                                         "a map with keys naming_convention, enums, tables")) {
        if (e.name == "naming_convention") add_conventions(e);
        if (e.name == "enums") add_enums(e);
        if (e.name == "tables")
            for (const Entry& te :
                 r_.map_entries(e, "in 'tables'", nullptr, "table", "a map of table names"))
                add_table(te);
    }
}

void Loader::add_conventions(const Entry& section) {
    const NamingContext sample{"t", {"a", "b"}, "r", "c"};
    for (const Entry& e : r_.map_entries(section, "in 'naming_convention'", &kConventionKeys, "key",
                                         "a map such as {ix: \"ix_%(column_0_name)s\"}")) {
        std::string value = r_.name(e, "a template string"), out, error;
        if (!expand_naming_template(value, sample, &out, &error)) r_.fail(r_.value_at(e), error);
        size_t i = 0;
        while (i < conventions_.size() && conventions_[i].first != e.name) ++i;
        if (i == conventions_.size()) {
            conventions_.emplace_back(e.name, value);
            convention_at_.push_back(r_.value_at(e));
        } else if (conventions_[i].second != value) {
            r_.fail(r_.value_at(e), "naming convention '" + e.name + "' differs from the one at " +
                                        convention_at_[i].str() + "; give each template once");
        }
    }
}

void Loader::add_enums(const Entry& section) {
    for (const Entry& e : r_.map_entries(section, "in 'enums'", nullptr, "enum",
                                         "a map of enum names to value lists")) {
        EnumType en;
        en.name = e.name;
        Entry values = e;
        if (e.value.IsMap()) {
            bool has_values = false;
            for (const Entry& k :
                 r_.map_entries(e, "in enum '" + e.name + "'", &kEnumKeys, "key", "")) {
                if (k.name == "schema") en.schema = r_.name(k, "a schema name");
                if (k.name == "values") values = k, has_values = true;
            }
            if (!has_values) r_.fail(r_.at(e.key_node), "enum '" + e.name + "' has no 'values'");
        }
        std::map<std::string, SourceLocation> seen;
        for (const Entry& item : r_.list_items(values, "a list of values such as [sad, ok]")) {
            std::optional<std::string> text = r_.text(item);
            if (!text) r_.wrong_type(item, "a value (a string)");
            const std::string& v = *text;
            auto [it, fresh] = seen.emplace(v, r_.at(item.value));
            if (!fresh)
                r_.fail(r_.at(item.value), "duplicate value '" + v + "' in enum '" + e.name +
                                               "' (first at " + it->second.str() + ")");
            en.values.push_back(v);
        }
        enums_.push_back(std::move(en));
        enum_at_.push_back(r_.at(e.key_node));
    }
}

void Loader::add_table(const Entry& te) { tables_.push_back(detail::parse_table(r_, te)); }

SourceLocation Loader::location(const ModelPath& path) const {
    using Part = ModelPath::Part;
    if (path.part == Part::kConvention) return convention_at_.at(path.item);
    if (path.part == Part::kEnum) return enum_at_.at(path.table);
    const ParsedTable& pt = tables_.at(path.table);
    if (path.part == Part::kColumn && path.item < pt.type_at.size()) return pt.type_at[path.item];
    if (path.part == Part::kIndex && path.item < pt.index_at.size()) return pt.index_at[path.item];
    if (path.part == Part::kForeignKey && path.item < pt.fk_at.size()) return pt.fk_at[path.item];
    return pt.at;
}

MetaData Loader::finish() {
    MetaData m;
    m.naming_convention = conventions_;
    m.enums = enums_;
    for (const auto& pt : tables_) m.tables.push_back(pt.table);
    apply_naming_conventions(m);
    try {
        validate(m);
    } catch (const ModelError& e) {
        throw InputError(location(e.at()), e.message(e.first() ? location(*e.first()).str() : ""));
    }
    return m;
}

}  // namespace

MetaData load_models_from_string(const std::string& yaml_text, const std::string& file_name) {
    Loader loader;
    loader.add_file(yaml_text, file_name);
    return loader.finish();
}

MetaData load_models(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        throw InputError(SourceLocation{path}, "cannot read model file: " + ec.message());
    if (!fs::exists(status))
        throw InputError(SourceLocation{path}, "model file or folder not found");
    Loader loader;
    if (!fs::is_directory(status)) {
        loader.add_file(detail::read_input_file(path, "model file"), path);
        return loader.finish();
    }
    std::vector<fs::path> files;
    try {
        for (const auto& entry : fs::directory_iterator(path)) {
            const fs::path& p = entry.path();
            const std::string name = p.filename().string();
            if ((p.extension() == ".yaml" || p.extension() == ".yml") && name[0] != '.' &&
                entry.is_regular_file())
                files.push_back(p);
        }
    } catch (const fs::filesystem_error& e) {
        throw InputError(SourceLocation{path},
                         std::string("cannot list model folder: ") + e.code().message());
    }
    if (files.empty())
        throw InputError(SourceLocation{path}, "model folder has no *.yaml or *.yml files");
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    for (const auto& f : files)
        loader.add_file(detail::read_input_file(f.string(), "model file"), f.string());
    return loader.finish();
}

}  // namespace migrate::orm
