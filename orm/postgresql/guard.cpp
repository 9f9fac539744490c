// The guard of a PostgreSQL reflection: every reflected constraint and index is rendered back
// in the server's canonical form (canonical.h) and compared with the server's own definition;
// so are a table's storage parameters and persistence. Whatever differs is a fact the model did
// not keep: it is reported as not modelled and left out of the model, never dropped silently.

#include <algorithm>

#include "orm/postgresql/canonical.h"
#include "orm/postgresql/reflection.h"

namespace migrate::orm::postgresql::detail {
namespace {

template <typename T>
T* find_named(std::vector<T>& items, const std::string& name) {
    for (auto& item : items)
        if (item.name == name) return &item;
    return nullptr;
}

template <typename T>
void erase_named(std::vector<T>& items, const std::string& name) {
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const T& item) { return item.name == name; }),
                items.end());
}

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

}  // namespace

void Reflection::guard() {
    for (const auto& c : constraints_) guard_constraint(c);
    for (const auto& f : indexes_) guard_index(f);
    for (size_t i = 0; i < out_.metadata.tables.size(); ++i) guard_table(i);
}

void Reflection::guard_constraint(const ConstraintFacts& c) {
    Table& t = out_.metadata.tables[c.table];
    std::string rendered, object;
    if (c.kind == 'p') {
        if (t.primary_key.empty()) return;
        rendered = canonical_primary_key(t.primary_key);
        object = "primary key";
    } else if (c.kind == 'u') {
        const UniqueConstraint* uq = find_named(t.unique_constraints, c.name);
        if (!uq) return;
        rendered = canonical_unique(*uq);
        object = "unique constraint";
    } else if (c.kind == 'c') {
        const CheckConstraint* ck = find_named(t.checks, c.name);
        if (!ck) return;
        rendered = canonical_check(*ck, c.check_condition);
        object = "check constraint";
    } else if (c.kind == 'f') {
        const ForeignKey* fk = find_named(t.foreign_keys, c.name);
        if (!fk) return;  // to a table not read: reported already
        rendered = canonical_foreign_key(
            *fk, pg_relation_name(c.referred_schema, c.referred_table, c.referred_visible));
        object = "foreign key";
    } else {
        return;
    }
    if (rendered == c.definition) return;
    not_modelled(c.table, object + " " + c.name, c.definition);
    if (c.kind == 'p') {
        t.primary_key = {};
        // Without the key, an identity column must say so itself.
        for (auto& col : t.columns)
            if (col.autoincrement != Autoincrement::kTrue)
                col.autoincrement = col.autoincrement == Autoincrement::kAuto
                                        ? Autoincrement::kTrue
                                        : Autoincrement::kAuto;
    } else if (c.kind == 'u') {
        erase_named(t.unique_constraints, c.name);
    } else if (c.kind == 'c') {
        erase_named(t.checks, c.name);
    } else {
        erase_named(t.foreign_keys, c.name);
    }
}

void Reflection::guard_index(const IndexFacts& f) {
    Table& t = out_.metadata.tables[f.table];
    const Index* ix = find_named(t.indexes, f.name);
    if (!ix) return;
    const TableFacts& facts = facts_[f.table];
    std::string rendered =
        canonical_index(*ix, pg_relation_name(facts.schema, t.name, facts.visible));
    if (rendered == f.definition && f.tablespace.empty() && f.valid) return;
    not_modelled(
        f.table, (f.valid ? "index " : "invalid index ") + f.name,
        f.definition + (f.tablespace.empty() ? "" : " TABLESPACE " + pg_identifier(f.tablespace)));
    erase_named(t.indexes, f.name);
}

void Reflection::guard_table(size_t i) {
    Table& t = out_.metadata.tables[i];
    const TableFacts& f = facts_[i];
    std::vector<std::pair<std::string, std::string>> main, toast;
    for (const auto& [name, value] : t.storage) {
        if (name.compare(0, 6, "toast.") == 0)
            toast.emplace_back(name.substr(6), value);
        else
            main.emplace_back(name, value);
    }
    if (canonical_reloptions(main) != f.reloptions)
        not_modelled(i, "table storage parameters", "WITH (" + joined(f.reloptions, ", ") + ")");
    if (canonical_reloptions(toast) != f.toast_reloptions)
        not_modelled(i, "table storage parameters",
                     "WITH (toast." + joined(f.toast_reloptions, ", toast.") + ")");
    if ((f.persistence == 'u') != t.unlogged || (f.persistence != 'p' && f.persistence != 'u'))
        not_modelled(i, "table", std::string("relpersistence '") + f.persistence + "'");
    if (!f.tablespace.empty())
        not_modelled(i, "table", "TABLESPACE " + pg_identifier(f.tablespace));
    if (!f.access_method.empty() && f.access_method != "heap")
        not_modelled(i, "table", "USING " + pg_identifier(f.access_method));
    if (f.row_security) not_modelled(i, "table", "ENABLE ROW LEVEL SECURITY");
    if (f.force_row_security) not_modelled(i, "table", "FORCE ROW LEVEL SECURITY");
    if (f.replica_identity != 'd')
        not_modelled(
            i, "table",
            std::string("REPLICA IDENTITY ") + (f.replica_identity == 'f'   ? "FULL"
                                                : f.replica_identity == 'n' ? "NOTHING"
                                                                            : "USING INDEX"));
}

}  // namespace migrate::orm::postgresql::detail
