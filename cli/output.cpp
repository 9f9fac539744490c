#include "cli/output.h"

#include <algorithm>
#include <iomanip>

namespace migrate::cli {
namespace {

using nlohmann::json;

std::vector<std::string> element_texts(const orm::Index& ix) {
    std::vector<std::string> out;
    for (const auto& e : ix.elements) {
        std::string text = e.text;
        if (!e.collation.empty()) text += " COLLATE " + e.collation;
        if (!e.opclass.empty()) text += " " + e.opclass;
        if (e.descending) text += " DESC";
        if (!e.nulls.empty()) text += " NULLS " + e.nulls;
        out.push_back(text);
    }
    return out;
}

std::string deferral(const orm::Deferral& d) {
    if (!d.deferrable) return "";
    return d.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

std::string storage(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) out += (out.empty() ? "" : ", ") + k + "=" + v;
    return out.empty() ? out : " WITH (" + out + ")";
}

std::string referential(const orm::ForeignKey& fk) {
    std::string out;
    if (!fk.on_delete.empty()) out += " ON DELETE " + fk.on_delete;
    if (!fk.on_update.empty()) out += " ON UPDATE " + fk.on_update;
    if (!fk.match.empty()) out += " MATCH " + fk.match;
    out += deferral(fk.deferral);
    if (fk.not_valid) out += " NOT VALID";
    return out;
}

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json optional_number(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

json storage_json(const std::vector<std::pair<std::string, std::string>>& params) {
    json j = json::object();
    for (const auto& [k, v] : params) j[k] = v;
    return j;
}

json with_deferral(json j, const orm::Deferral& d) {
    j["deferrable"] = d.deferrable;
    j["initially_deferred"] = d.initially_deferred;
    return j;
}

json index_to_json(const orm::Index& ix) {
    json keys = json::array();
    for (const auto& e : ix.elements)
        keys.push_back({{"text", e.text},
                        {"expression", e.expression},
                        {"descending", e.descending},
                        {"nulls", e.nulls.empty() ? json(nullptr) : json(e.nulls)},
                        {"opclass", e.opclass.empty() ? json(nullptr) : json(e.opclass)},
                        {"collation", e.collation.empty() ? json(nullptr) : json(e.collation)}});
    return {{"name", ix.name},
            {"elements", element_texts(ix)},
            {"keys", keys},
            {"expressions", ix.has_expressions()},
            {"unique", ix.unique},
            {"using", ix.method.empty() ? json(nullptr) : json(ix.method)},
            {"include", ix.include},
            {"nulls_not_distinct", ix.nulls_not_distinct},
            {"storage", storage_json(ix.storage)},
            {"where", ix.where.empty() ? json(nullptr) : json(ix.where)}};
}

json table_to_json(const orm::Table& t) {
    json j{{"name", t.name}, {"schema", t.schema}, {"comment", optional_text(t.comment)}};
    j["columns"] = json::array();
    for (const auto& c : t.columns) {
        j["columns"].push_back(
            {{"name", c.name},
             {"type", c.type.str()},
             {"nullable", c.nullable},
             {"default", optional_text(c.server_default)},
             {"autoincrement", c.autoincrement == orm::Autoincrement::kTrue},
             {"comment", optional_text(c.comment)},
             {"collation", c.collation.empty() ? json(nullptr) : json(c.collation)},
             {"generated", c.generated ? json{{"expression", c.generated->expression},
                                              {"stored", c.generated->stored}}
                                       : json(nullptr)},
             {"identity_always", c.identity.always},
             {"identity_start", optional_number(c.identity.start)},
             {"identity_increment", optional_number(c.identity.increment)}});
    }
    j["primary_key"] =
        t.primary_key.empty()
            ? json(nullptr)
            : with_deferral({{"name", t.primary_key.name}, {"columns", t.primary_key.columns}},
                            t.primary_key.deferral);
    j["indexes"] = json::array();
    for (const auto& ix : t.indexes) j["indexes"].push_back(index_to_json(ix));
    j["unique_constraints"] = json::array();
    for (const auto& u : t.unique_constraints)
        j["unique_constraints"].push_back(
            with_deferral({{"name", u.name},
                           {"columns", u.columns},
                           {"nulls_not_distinct", u.nulls_not_distinct}},
                          u.deferral));
    j["foreign_keys"] = json::array();
    for (const auto& fk : t.foreign_keys)
        j["foreign_keys"].push_back(
            {{"name", fk.name},
             {"columns", fk.columns},
             {"referred_schema", fk.referred_schema},
             {"referred_table", fk.referred_table},
             {"referred_columns", fk.referred_columns},
             {"on_delete", fk.on_delete.empty() ? "NO ACTION" : fk.on_delete},
             {"on_update", fk.on_update.empty() ? "NO ACTION" : fk.on_update},
             {"match", fk.match.empty() ? "SIMPLE" : fk.match},
             {"deferrable", fk.deferral.deferrable},
             {"initially_deferred", fk.deferral.initially_deferred},
             {"not_valid", fk.not_valid}});
    j["checks"] = json::array();
    for (const auto& ck : t.checks)
        j["checks"].push_back({{"name", ck.name},
                               {"condition", ck.condition},
                               {"no_inherit", ck.no_inherit},
                               {"not_valid", ck.not_valid}});
    j["without_rowid"] = t.without_rowid;
    j["strict"] = t.strict;
    j["unlogged"] = t.unlogged;
    j["storage"] = json::object();
    for (const auto& [k, v] : t.storage) j["storage"][k] = v;
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
        if (!c.collation.empty()) notes.push_back("collate " + c.collation);
        if (c.generated)
            notes.push_back("generated (" + c.generated->expression + ")" +
                            (c.generated->stored ? " stored" : " virtual"));
        if (c.autoincrement != orm::Autoincrement::kFalse && !c.identity.is_default())
            notes.push_back(
                std::string(c.identity.always ? "identity always" : "identity by default") +
                (c.identity.start ? " start " + std::to_string(*c.identity.start) : "") +
                (c.identity.increment ? " increment " + std::to_string(*c.identity.increment)
                                      : ""));
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
    j["not_modelled"] = json::array();
    for (const auto& n : schema.not_modelled)
        j["not_modelled"].push_back(
            {{"table", n.table}, {"object", n.object}, {"definition", n.definition}});
    return j;
}

void print_schema_text(std::ostream& out, const orm::ReflectedSchema& schema, bool color) {
    Style s{color};
    for (const auto& e : schema.metadata.enums)
        out << s.bold("Enum " + e.name) << ": " << join(e.values) << "\n";
    for (const auto& t : schema.metadata.tables) {
        std::string kinds;
        if (t.without_rowid) kinds += " WITHOUT ROWID";
        if (t.strict) kinds += " STRICT";
        if (t.unlogged) kinds += " UNLOGGED";
        out << s.bold("Table " + t.qualified_name()) << kinds << storage(t.storage) << "\n";
        if (t.comment) out << "  " << s.dim("-- " + *t.comment) << "\n";
        print_columns(out, t);
        if (t.primary_key.columns.size() > 1 || !t.primary_key.name.empty() ||
            t.primary_key.deferral.any())
            out << "  primary key " << named(t.primary_key.name) << "("
                << join(t.primary_key.columns) << ")" << deferral(t.primary_key.deferral) << "\n";
        for (const auto& ix : t.indexes)
            out << "  " << (ix.unique ? "unique index " : "index ") << ix.name
                << (ix.method.empty() ? "" : " USING " + ix.method) << " ("
                << join(element_texts(ix)) << ")"
                << (ix.include.empty() ? "" : " INCLUDE (" + join(ix.include) + ")")
                << (ix.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") << storage(ix.storage)
                << (ix.where.empty() ? "" : " WHERE " + ix.where) << "\n";
        for (const auto& u : t.unique_constraints)
            out << "  unique " << named(u.name) << "(" << join(u.columns) << ")"
                << (u.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") << deferral(u.deferral)
                << "\n";
        for (const auto& fk : t.foreign_keys)
            out << "  foreign key " << named(fk.name) << "(" << join(fk.columns) << ") -> "
                << (fk.referred_schema.empty() ? "" : fk.referred_schema + ".") << fk.referred_table
                << " (" << join(fk.referred_columns) << ")" << referential(fk) << "\n";
        for (const auto& ck : t.checks)
            out << "  check " << named(ck.name) << "(" << ck.condition << ")"
                << (ck.no_inherit ? " NO INHERIT" : "") << (ck.not_valid ? " NOT VALID" : "")
                << "\n";
        out << "\n";
    }
    if (!schema.unmanaged.empty()) {
        out << s.bold("Not managed by migrate") << "\n";
        for (const auto& u : schema.unmanaged)
            out << "  " << u.kind << " " << (u.schema.empty() ? "" : u.schema + ".") << u.name
                << (u.table.empty() ? "" : " (on " + u.table + ")") << "\n";
    }
    if (!schema.not_modelled.empty()) {
        out << s.bold("Not modelled (the database keeps it; models cannot express it)") << "\n";
        for (const auto& n : schema.not_modelled)
            out << "  table " << n.table << ", " << n.object << ": " << n.definition << "\n";
    }
    if (schema.metadata.tables.empty()) out << "No tables.\n";
}

}  // namespace migrate::cli
