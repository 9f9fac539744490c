// Writing the canonical YAML form of a MetaData (DESIGN.md section 3).
//
// The output must load back to an equal MetaData. Loading puts column shorthands before the
// table-level lists, in column order, so a constraint is written as a shorthand only when it
// is in the leading run of shorthand-able constraints whose columns follow the column order;
// everything else goes to the table-level lists, in order. Names are left out only where the
// naming convention gives the same name back on loading.

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "orm/error.h"
#include "orm/model_file.h"
#include "orm/model_options.h"
#include "orm/model_table_writer.h"
#include "orm/schema/naming.h"

namespace migrate::orm {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// True for text that a YAML reader could take for something other than that string: null,
/// a boolean (the YAML 1.1 words PyYAML knows) or a number. yaml-cpp quotes the structural
/// cases by itself (": ", a leading indicator or quote, blanks at either end), not these.
bool needs_quotes(const std::string& s) {
    static const char* const kWords[] = {"",   "~",   "null", "true", "false", "yes",   "no",
                                         "on", "off", "<<",   ".inf", "-.inf", "+.inf", ".nan"};
    const std::string l = lower(s);
    for (const char* w : kWords)
        if (l == w) return true;
    const size_t digit = (s[0] == '-' || s[0] == '+' || s[0] == '.') ? 1 : 0;
    return digit < s.size() && std::isdigit(static_cast<unsigned char>(s[digit]));
}

YAML::Emitter& text(YAML::Emitter& out, const std::string& s) {
    if (needs_quotes(s)) out << YAML::DoubleQuoted;
    return out << s;
}

YAML::Emitter& key(YAML::Emitter& out, const std::string& k) { return out << YAML::Key << k; }

void flow_list(YAML::Emitter& out, const std::vector<std::string>& items) {
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& s : items) text(out, s);
    out << YAML::EndSeq;
}

/// A name written in `table.column` or `table(column)` form loads back only without these.
bool plain_name(const std::string& s) {
    return !s.empty() && s.find_first_of(".(),") == std::string::npos &&
           !std::isspace(static_cast<unsigned char>(s.front())) &&
           !std::isspace(static_cast<unsigned char>(s.back()));
}

class TableWriter {
  public:
    TableWriter(const NamingConvention& conv, const Table& t) : conv_(conv), t_(t) {}
    /// Writes the table's keys into the map `out` has open.
    void write(YAML::Emitter& out);

  private:
    /// The name a constraint of kind `kind` on `columns` gets when written without one.
    std::string implied_name(const char* kind, const std::vector<std::string>& columns,
                             const std::string& referred_table = {}) const {
        return conventional_name(conv_, kind, NamingContext{t_.name, columns, referred_table, ""});
    }
    size_t position(const std::string& column) const {
        for (size_t i = 0; i < t_.columns.size(); ++i)
            if (t_.columns[i].name == column) return i;
        return t_.columns.size();
    }
    /// How many leading items of `items` become column shorthands (see the file comment).
    template <typename T, typename Pred>
    size_t shorthand_prefix(const std::vector<T>& items, Pred fits) const {
        size_t n = 0, next = 0;
        while (n < items.size() && items[n].columns.size() == 1 && fits(items[n])) {
            size_t pos = position(items[n].columns[0]);
            if (pos == t_.columns.size() || pos < next) break;
            next = pos + 1;
            ++n;
        }
        return n;
    }
    void write_column(YAML::Emitter& out, const Column& c);
    void write_lists(YAML::Emitter& out);

    const NamingConvention& conv_;
    const Table& t_;
    bool pk_shorthand_ = false;
    size_t uq_shorthands_ = 0, fk_shorthands_ = 0;
};

void TableWriter::write(YAML::Emitter& out) {
    const PrimaryKey& pk = t_.primary_key;
    pk_shorthand_ = pk.columns.size() == 1 && position(pk.columns[0]) < t_.columns.size() &&
                    pk.name == implied_name("pk", pk.columns) && !pk.deferral.any();
    uq_shorthands_ = shorthand_prefix(t_.unique_constraints, [&](const UniqueConstraint& uq) {
        return uq.name == implied_name("uq", uq.columns) && !uq.deferral.any() &&
               !uq.nulls_not_distinct;
    });
    fk_shorthands_ = shorthand_prefix(t_.foreign_keys, [&](const ForeignKey& fk) {
        return fk.referred_columns.size() == 1 && plain_name(fk.referred_table) &&
               plain_name(fk.referred_columns[0]) &&
               (fk.referred_schema.empty() || plain_name(fk.referred_schema)) &&
               fk.name == implied_name("fk", fk.columns, fk.referred_table) && fk.match.empty() &&
               !fk.deferral.any() && !fk.not_valid;
    });

    if (!t_.schema.empty()) text(key(out, "schema") << YAML::Value, t_.schema);
    if (!t_.renamed_from.empty()) text(key(out, "renamed_from") << YAML::Value, t_.renamed_from);
    if (t_.comment) text(key(out, "comment") << YAML::Value, *t_.comment);
    detail::write_options(out, t_);
    key(out, "columns") << YAML::Value;
    if (t_.columns.empty()) out << YAML::Flow;  // `columns: {}`, a table without columns
    out << YAML::BeginMap;
    for (const Column& c : t_.columns) write_column(out, c);
    out << YAML::EndMap;
    if (!pk.empty() && !pk_shorthand_) {
        key(out, "primary_key") << YAML::Value;
        if (pk.name == implied_name("pk", pk.columns) && !pk.deferral.any()) {
            out << YAML::BeginSeq;
            for (const auto& c : pk.columns) text(out, c);
            out << YAML::EndSeq;
        } else {
            out << YAML::Flow << YAML::BeginMap;
            if (!pk.name.empty()) text(key(out, "name") << YAML::Value, pk.name);
            flow_list(out << YAML::Key << "columns" << YAML::Value, pk.columns);
            detail::write_options(out, pk);
            out << YAML::EndMap;
        }
    }
    write_lists(out);
}

void TableWriter::write_column(YAML::Emitter& out, const Column& c) {
    const bool in_pk = t_.in_primary_key(c.name);
    auto first_on = [&](const auto& items, size_t count) -> decltype(&items[0]) {
        for (size_t i = 0; i < count; ++i)
            if (items[i].columns[0] == c.name) return &items[i];
        return nullptr;
    };
    const UniqueConstraint* uq = first_on(t_.unique_constraints, uq_shorthands_);
    const ForeignKey* fk = first_on(t_.foreign_keys, fk_shorthands_);

    text(out << YAML::Key, c.name) << YAML::Value << YAML::Flow << YAML::BeginMap;
    text(key(out, "type") << YAML::Value, c.type.str());
    if (in_pk && pk_shorthand_) key(out, "primary_key") << YAML::Value << true;
    if (c.nullable == in_pk) key(out, "nullable") << YAML::Value << c.nullable;
    if (c.autoincrement != Autoincrement::kAuto)
        key(out, "autoincrement") << YAML::Value << (c.autoincrement == Autoincrement::kTrue);
    if (uq) key(out, "unique") << YAML::Value << true;
    if (c.server_default) text(key(out, "server_default") << YAML::Value, *c.server_default);
    if (c.comment) text(key(out, "comment") << YAML::Value, *c.comment);
    detail::write_options(out, c);
    if (fk) {
        std::string target = fk->referred_table + "." + fk->referred_columns[0];
        if (!fk->referred_schema.empty()) target = fk->referred_schema + "." + target;
        text(key(out, "foreign_key") << YAML::Value, target);
        if (!fk->on_delete.empty()) text(key(out, "ondelete") << YAML::Value, fk->on_delete);
        if (!fk->on_update.empty()) text(key(out, "onupdate") << YAML::Value, fk->on_update);
    }
    if (!c.renamed_from.empty()) text(key(out, "renamed_from") << YAML::Value, c.renamed_from);
    out << YAML::EndMap;
}

void TableWriter::write_lists(YAML::Emitter& out) {
    auto name_entry = [&](const std::string& name) {
        if (!name.empty()) text(key(out, "name") << YAML::Value, name);
    };
    if (!t_.indexes.empty()) {
        key(out, "indexes") << YAML::Value << YAML::BeginMap;
        for (const Index& ix : t_.indexes) {
            text(out << YAML::Key, ix.name) << YAML::Value << YAML::Flow << YAML::BeginMap;
            // The file form has no mixed index: one with an expression lists all as expressions.
            key(out, ix.has_expressions() ? "expressions" : "columns")
                << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (IndexElement e : ix.elements) {
                e.expression = ix.has_expressions();
                detail::write_index_element(out, e);
            }
            out << YAML::EndSeq;
            if (ix.unique) key(out, "unique") << YAML::Value << true;
            if (!ix.method.empty()) text(key(out, "using") << YAML::Value, ix.method);
            if (!ix.include.empty()) flow_list(key(out, "include") << YAML::Value, ix.include);
            if (!ix.where.empty()) text(key(out, "where") << YAML::Value, ix.where);
            detail::write_options(out, ix);
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    if (t_.unique_constraints.size() > uq_shorthands_) {
        key(out, "unique_constraints") << YAML::Value << YAML::BeginSeq;
        for (size_t i = uq_shorthands_; i < t_.unique_constraints.size(); ++i) {
            const UniqueConstraint& uq = t_.unique_constraints[i];
            out << YAML::Flow << YAML::BeginMap;
            name_entry(uq.name);
            flow_list(key(out, "columns") << YAML::Value, uq.columns);
            detail::write_options(out, uq);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    if (t_.foreign_keys.size() > fk_shorthands_) {
        key(out, "foreign_keys") << YAML::Value << YAML::BeginSeq;
        for (size_t i = fk_shorthands_; i < t_.foreign_keys.size(); ++i) {
            const ForeignKey& fk = t_.foreign_keys[i];
            std::string refs = fk.referred_table + "(";
            if (!fk.referred_schema.empty()) refs = fk.referred_schema + "." + refs;
            for (size_t j = 0; j < fk.referred_columns.size(); ++j)
                refs += (j ? ", " : "") + fk.referred_columns[j];
            out << YAML::Flow << YAML::BeginMap;
            name_entry(fk.name);
            flow_list(key(out, "columns") << YAML::Value, fk.columns);
            text(key(out, "references") << YAML::Value, refs + ")");
            if (!fk.on_delete.empty()) text(key(out, "ondelete") << YAML::Value, fk.on_delete);
            if (!fk.on_update.empty()) text(key(out, "onupdate") << YAML::Value, fk.on_update);
            detail::write_options(out, fk);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    if (!t_.checks.empty()) {
        key(out, "checks") << YAML::Value << YAML::BeginSeq;
        for (const CheckConstraint& ck : t_.checks) {
            out << YAML::Flow << YAML::BeginMap;
            name_entry(ck.name);
            text(key(out, "condition") << YAML::Value, ck.condition);
            detail::write_options(out, ck);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
}

/// Indents every line of `block` by `spaces`.
std::string indent(const std::string& block, size_t spaces) {
    std::string out, line;
    std::istringstream in(block);
    while (std::getline(in, line)) out += std::string(spaces, ' ') + line + "\n";
    return out;
}

}  // namespace

namespace detail {

void write_table_keys(YAML::Emitter& out, const NamingConvention& convention, const Table& table) {
    TableWriter(convention, table).write(out);
}

YAML::Emitter& write_text(YAML::Emitter& out, const std::string& s) { return text(out, s); }

}  // namespace detail

std::string write_models(const MetaData& m) {
    YAML::Emitter head;
    head.SetIndent(2);
    head << YAML::BeginMap;
    if (!m.naming_convention.empty()) {
        key(head, "naming_convention") << YAML::Value << YAML::BeginMap;
        for (const auto& [k, v] : m.naming_convention) text(key(head, k) << YAML::Value, v);
        head << YAML::EndMap;
    }
    if (!m.enums.empty()) {
        key(head, "enums") << YAML::Value << YAML::BeginMap;
        for (const EnumType& e : m.enums) {
            text(head << YAML::Key, e.name) << YAML::Value;
            if (e.schema.empty()) {
                flow_list(head, e.values);
            } else {  // the long form, for enums reflected from a named schema
                head << YAML::Flow << YAML::BeginMap;
                text(key(head, "schema") << YAML::Value, e.schema);
                flow_list(key(head, "values") << YAML::Value, e.values);
                head << YAML::EndMap;
            }
        }
        head << YAML::EndMap;
    }
    head << YAML::EndMap;
    std::string out = m.naming_convention.empty() && m.enums.empty() ? "" : head.c_str();
    if (!out.empty()) out += "\n";
    if (m.tables.empty()) return out.empty() ? "{}\n" : out;
    // Tables are emitted one by one so that a blank line can separate them.
    out += "tables:\n";
    for (size_t i = 0; i < m.tables.size(); ++i) {
        YAML::Emitter table;
        table.SetIndent(2);
        table << YAML::BeginMap;
        text(table << YAML::Key, m.tables[i].qualified_name()) << YAML::Value << YAML::BeginMap;
        TableWriter(m.naming_convention, m.tables[i]).write(table);
        table << YAML::EndMap << YAML::EndMap;
        out += (i ? "\n" : "") + indent(table.c_str(), 2);
    }
    return out;
}

void write_models_file(const MetaData& metadata, const std::string& path) {
    const std::string text = write_models(metadata);
    // Write a sibling file, then rename it over `path`: a failure never leaves half a model.
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (out) out << text;
        if (!out || !out.flush()) {
            const std::string reason = std::strerror(errno);
            std::remove(tmp.c_str());
            throw InputError(SourceLocation{path}, "cannot write model file: " + reason);
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(tmp.c_str());
        throw InputError(SourceLocation{path}, "cannot write model file: " + reason);
    }
}

}  // namespace migrate::orm
