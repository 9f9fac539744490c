#include "cli/output.h"

#include <algorithm>
#include <iomanip>

namespace migrate::cli {
namespace {

using nlohmann::json;

std::vector<std::string> element_texts(const orm::Index& ix) {
    std::vector<std::string> out;
    for (const auto& e : ix.elements) out.push_back(e.text);
    return out;
}

std::string referential(const orm::ForeignKey& fk) {
    std::string out;
    if (!fk.on_delete.empty()) out += " ON DELETE " + fk.on_delete;
    if (!fk.on_update.empty()) out += " ON UPDATE " + fk.on_update;
    return out;
}

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json table_to_json(const orm::Table& t) {
    json j{{"name", t.name}, {"schema", t.schema}, {"comment", optional_text(t.comment)}};
    j["columns"] = json::array();
    for (const auto& c : t.columns) {
        j["columns"].push_back({{"name", c.name},
                                {"type", c.type.str()},
                                {"nullable", c.nullable},
                                {"default", optional_text(c.server_default)},
                                {"autoincrement", c.autoincrement == orm::Autoincrement::kTrue},
                                {"comment", optional_text(c.comment)}});
    }
    j["primary_key"] = t.primary_key.empty()
                           ? json(nullptr)
                           : json{{"name", t.primary_key.name}, {"columns", t.primary_key.columns}};
    j["indexes"] = json::array();
    for (const auto& ix : t.indexes)
        j["indexes"].push_back({{"name", ix.name},
                                {"elements", element_texts(ix)},
                                {"expressions", ix.has_expressions()},
                                {"unique", ix.unique},
                                {"where", ix.where.empty() ? json(nullptr) : json(ix.where)}});
    j["unique_constraints"] = json::array();
    for (const auto& u : t.unique_constraints)
        j["unique_constraints"].push_back({{"name", u.name}, {"columns", u.columns}});
    j["foreign_keys"] = json::array();
    for (const auto& fk : t.foreign_keys)
        j["foreign_keys"].push_back(
            {{"name", fk.name},
             {"columns", fk.columns},
             {"referred_schema", fk.referred_schema},
             {"referred_table", fk.referred_table},
             {"referred_columns", fk.referred_columns},
             {"on_delete", fk.on_delete.empty() ? "NO ACTION" : fk.on_delete},
             {"on_update", fk.on_update.empty() ? "NO ACTION" : fk.on_update}});
    j["checks"] = json::array();
    for (const auto& ck : t.checks)
        j["checks"].push_back({{"name", ck.name}, {"condition", ck.condition}});
    return j;
}

struct Style {
    bool color;
    std::string bold(const std::string& s) const { return color ? "\033[1m" + s + "\033[0m" : s; }
    std::string dim(const std::string& s) const { return color ? "\033[2m" + s + "\033[0m" : s; }
};

void print_columns(std::ostream& out, const orm::Table& t) {
    size_t name_w = 4, type_w = 4;
    for (const auto& c : t.columns) {
        name_w = std::max(name_w, c.name.size());
        type_w = std::max(type_w, c.type.str().size());
    }
    for (const auto& c : t.columns) {
        std::vector<std::string> notes;
        if (t.in_primary_key(c.name)) notes.push_back("primary key");
        if (c.autoincrement == orm::Autoincrement::kTrue) notes.push_back("autoincrement");
        if (c.server_default) notes.push_back("default " + *c.server_default);
        if (c.comment) notes.push_back("-- " + *c.comment);
        out << "    " << std::left << std::setw(static_cast<int>(name_w)) << c.name << "  "
            << std::setw(static_cast<int>(type_w)) << c.type.str() << "  " << std::setw(8)
            << (c.nullable ? "null" : "not null");
        std::string rest = join(notes);
        out << (rest.empty() ? "" : "  " + rest);
        out << "\n";
    }
}

std::string named(const std::string& name) { return name.empty() ? "" : name + " "; }

}  // namespace

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

nlohmann::json schema_to_json(const orm::ReflectedSchema& schema) {
    json j;
    j["tables"] = json::array();
    for (const auto& t : schema.metadata.tables) j["tables"].push_back(table_to_json(t));
    j["enums"] = json::array();
    for (const auto& e : schema.metadata.enums)
        j["enums"].push_back({{"name", e.name}, {"schema", e.schema}, {"values", e.values}});
    j["unmanaged"] = json::array();
    for (const auto& u : schema.unmanaged)
        j["unmanaged"].push_back(
            {{"kind", u.kind}, {"schema", u.schema}, {"name", u.name}, {"table", u.table}});
    return j;
}

void print_schema_text(std::ostream& out, const orm::ReflectedSchema& schema, bool color) {
    Style s{color};
    for (const auto& e : schema.metadata.enums)
        out << s.bold("Enum " + e.name) << ": " << join(e.values) << "\n";
    for (const auto& t : schema.metadata.tables) {
        out << s.bold("Table " + t.qualified_name()) << "\n";
        if (t.comment) out << "  " << s.dim("-- " + *t.comment) << "\n";
        print_columns(out, t);
        if (t.primary_key.columns.size() > 1 || !t.primary_key.name.empty())
            out << "  primary key " << named(t.primary_key.name) << "("
                << join(t.primary_key.columns) << ")\n";
        for (const auto& ix : t.indexes)
            out << "  " << (ix.unique ? "unique index " : "index ") << ix.name << " ("
                << join(element_texts(ix)) << ")" << (ix.where.empty() ? "" : " WHERE " + ix.where)
                << "\n";
        for (const auto& u : t.unique_constraints)
            out << "  unique " << named(u.name) << "(" << join(u.columns) << ")\n";
        for (const auto& fk : t.foreign_keys)
            out << "  foreign key " << named(fk.name) << "(" << join(fk.columns) << ") -> "
                << (fk.referred_schema.empty() ? "" : fk.referred_schema + ".") << fk.referred_table
                << " (" << join(fk.referred_columns) << ")" << referential(fk) << "\n";
        for (const auto& ck : t.checks)
            out << "  check " << named(ck.name) << "(" << ck.condition << ")\n";
        out << "\n";
    }
    if (!schema.unmanaged.empty()) {
        out << s.bold("Not managed by migrate") << "\n";
        for (const auto& u : schema.unmanaged)
            out << "  " << u.kind << " " << (u.schema.empty() ? "" : u.schema + ".") << u.name
                << (u.table.empty() ? "" : " (on " + u.table + ")") << "\n";
    }
    if (schema.metadata.tables.empty()) out << "No tables.\n";
}

}  // namespace migrate::cli
