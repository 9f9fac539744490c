#include "migrations_engine/script/revision_file.h"

#include <openssl/evp.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <random>
#include <sstream>

#include "migrations_engine/ops/bulk_rows_scan.h"
#include "migrations_engine/ops/op_yaml.h"
#include "migrations_engine/script/header_scan.h"
#include "migrations_engine/script/revision_source.h"
#include "orm/model_yaml_reader.h"

namespace migrate::engine {
namespace {

using orm::detail::Entry;
using orm::detail::Keys;
using orm::detail::Reader;

const Keys kRevisionKeys = {"revision",      "down_revision", "branch_labels",
                            "depends_on",    "message",       "create_date",
                            "transactional", "upgrade",       "downgrade"};

// Top-level keys start at column 0; a section runs until the next one.
bool is_top_level_key(const std::string& line, std::string* key) {
    if (line.empty() || !(std::isalpha(static_cast<unsigned char>(line[0])) || line[0] == '_'))
        return false;
    size_t colon = line.find(':');
    if (colon == std::string::npos) return false;
    *key = line.substr(0, colon);
    return key->find_first_of(" \t") == std::string::npos;
}

// The text with the upgrade / downgrade sections replaced by empty lines.
std::string header_only(const std::string& text) {
    std::istringstream in(text);
    std::string line, key, out;
    bool skipping = false;
    while (std::getline(in, line)) {
        if (is_top_level_key(line, &key)) skipping = key == "upgrade" || key == "downgrade";
        out += skipping ? "\n" : line + "\n";
    }
    return out;
}

std::vector<std::string> id_list(const Reader& r, const Entry& e, const std::string& what) {
    std::vector<std::string> out;
    if (e.value.IsNull()) return out;
    if (e.value.IsScalar()) return {r.name(e, what)};
    for (const Entry& item : r.list_items(e, "a " + what + " or a list of them"))
        out.push_back(r.name(item, what));
    return out;
}

RevisionHeader parse_header(const Reader& r, const YAML::Node& root, const std::string& path,
                            std::vector<Entry>* sections) {
    RevisionHeader h;
    h.path = path;
    Entry top{"", "the revision file", root, root, ""};
    bool has_id = false;
    for (const Entry& e : r.map_entries(top, "in the revision file", &kRevisionKeys, "key",
                                        "a map with revision, down_revision, upgrade, ...")) {
        if (e.name == "revision") {
            h.id = r.name(e, "a revision id");
            has_id = true;
        } else if (e.name == "down_revision") {
            h.down_revisions = id_list(r, e, "revision id");
        } else if (e.name == "branch_labels") {
            h.branch_labels = id_list(r, e, "branch label");
        } else if (e.name == "depends_on") {
            h.depends_on = id_list(r, e, "revision");
        } else if (e.name == "message") {
            h.message = r.text(e).value_or("");
        } else if (e.name == "create_date") {
            h.create_date = r.text(e).value_or("");
        } else if (e.name == "transactional") {
            h.transactional = r.boolean(e);
        } else if (sections) {
            sections->push_back(e);
        }
    }
    if (!has_id) r.fail({path, 1, 1}, "the revision file has no 'revision' key");
    return h;
}

YAML::Node load_yaml(const Reader& r, const std::string& text, const std::string& path) {
    try {
        YAML::Node root = YAML::Load(text);
        if (!root.IsMap())
            r.fail({path, 1, 1}, "a revision file is a map with revision, upgrade, ...");
        return root;
    } catch (const YAML::ParserException& e) {
        r.fail(r.at(e.mark), "YAML syntax error: " + e.msg);
    }
}

std::string yaml_scalar(const std::string& text) {
    YAML::Emitter out;
    out << text;
    return out.c_str();
}

std::string yaml_list(const std::vector<std::string>& items) {
    YAML::Emitter out;
    out << YAML::Flow << items;
    return out.c_str();
}

// The operations as an indented YAML block. `notes` come first as comments; an operation that
// may lose data is preceded by a comment saying what it loses, for the reviewer.
std::string ops_block(const std::vector<Operation>& ops, const std::vector<std::string>& notes) {
    if (ops.empty() && notes.empty()) return " []";
    std::string out;
    for (const auto& n : notes) out += "\n  # warning: " + n;
    if (ops.empty()) return out + "\n  []";
    for (const auto& op : ops) {
        if (auto loss = data_loss(op)) out += "\n  # DESTRUCTIVE: " + *loss;
        std::istringstream in(operations_to_yaml({op}));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) out += "\n  " + line;
    }
    return out;
}

RevisionFile parse_yaml(const std::string& yaml_text, const std::string& path,
                        detail::RowLists* row_lists) {
    Reader r(path);
    YAML::Node root = load_yaml(r, yaml_text, path);
    std::vector<Entry> sections;
    RevisionFile f;
    f.header = parse_header(r, root, path, &sections);
    for (const Entry& e : sections)
        (e.name == "upgrade" ? f.upgrade : f.downgrade) = parse_operations(r, e, row_lists);
    return f;
}

// Large bulk_insert rows are read without a YAML node each (bulk_rows_scan.h); should that
// reading have misread the text, the whole file is read again the ordinary way.
RevisionFile parse_revision_file(const std::string& text, const std::string& path) {
    detail::RowLists lists(text);
    if (lists.found()) {
        try {
            RevisionFile f = parse_yaml(lists.take_yaml_text(), path, &lists);
            if (lists.consistent(true)) return f;
        } catch (const InputError&) {
            if (lists.consistent(false)) throw;
        }
    }
    return parse_yaml(text, path, nullptr);
}

}  // namespace

RevisionHeader read_revision_header(const std::string& path) {
    return parse_revision_header(orm::detail::read_input_file(path, "revision file"), path);
}

RevisionHeader parse_revision_header(const std::string& text, const std::string& name) {
    if (auto simple = detail::scan_simple_header(text, name)) return std::move(*simple);
    return detail::parse_revision_header_yaml(text, name);
}

RevisionHeader detail::parse_revision_header_yaml(const std::string& text,
                                                  const std::string& name) {
    Reader r(name);
    return parse_header(r, load_yaml(r, header_only(text), name), name, nullptr);
}

RevisionFile read_revision_file(const std::string& path) {
    return parse_revision_file(orm::detail::read_input_file(path, "revision file"), path);
}

RevisionFile read_revision_file(const RevisionHeader& header) {
    const std::string text = header.source
                                 ? header.source->read(header.path)
                                 : orm::detail::read_input_file(header.path, "revision file");
    RevisionFile f = parse_revision_file(text, header.path);
    f.header.source = header.source;
    f.header.checksum = revision_checksum_of_bytes(text);  // of the bytes that run
    return f;
}

std::string revision_checksum(const std::string& path) {
    return revision_checksum_of_bytes(orm::detail::read_input_file(path, "revision file"));
}

std::string revision_checksum(const RevisionHeader& header) {
    if (!header.checksum.empty()) return header.checksum;
    if (!header.source) return revision_checksum(header.path);
    return revision_checksum_of_bytes(header.source->read(header.path));
}

std::string revision_checksum_of_bytes(const std::string& text) {
    // Line ends normalised to \n on the fly: a large file is not copied.
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    for (size_t p = 0; p < text.size();) {
        size_t cr = text.find('\r', p);
        if (cr == std::string::npos) cr = text.size();
        EVP_DigestUpdate(ctx, text.data() + p, cr - p);
        if (cr == text.size()) break;
        EVP_DigestUpdate(ctx, "\n", 1);
        p = cr + 1;
        if (p < text.size() && text[p] == '\n') ++p;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, digest, &len);
    EVP_MD_CTX_free(ctx);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string render_revision(const NewRevision& rev, const std::string& template_text) {
    kainjow::mustache::mustache tmpl(template_text);
    if (!tmpl.is_valid())
        throw InputError({"script.yaml.mustache", 0, 0},
                         "invalid template: " + tmpl.error_message());
    kainjow::mustache::data d;
    std::string title = rev.message;
    for (auto& c : title)
        if (c == '\n') c = ' ';
    d.set("title", title);
    d.set("revision", yaml_scalar(rev.id));
    d.set("down_revision", rev.down_revisions.empty()       ? std::string("null")
                           : rev.down_revisions.size() == 1 ? yaml_scalar(rev.down_revisions[0])
                                                            : yaml_list(rev.down_revisions));
    d.set("branch_labels", yaml_list(rev.branch_labels));
    d.set("depends_on", yaml_list(rev.depends_on));
    d.set("message", yaml_scalar(rev.message));
    d.set("create_date", yaml_scalar(rev.create_date));
    d.set("upgrade", ops_block(rev.upgrade, rev.notes));
    d.set("downgrade", ops_block(rev.downgrade, {}));
    return tmpl.render(d);
}

std::string new_revision_id() {
    static std::random_device rd;
    std::uniform_int_distribution<int> digit(0, 15);
    std::string out;
    for (int i = 0; i < 12; ++i) out += "0123456789abcdef"[digit(rd)];
    return out;
}

std::string slugify(const std::string& message) {
    std::string out;
    for (char c : message) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '_')
            out += '_';
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

}  // namespace migrate::engine
