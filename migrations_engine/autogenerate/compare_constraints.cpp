// Keys, constraints and indexes of one table; see comparer.h.
//
// Matching: by name where both sides name an object; where either leaves the name to the
// database (an unnamed constraint in a model, SQLite's unnamed UNIQUE), by definition. A
// matched pair whose definitions differ is dropped and created again.

#include <functional>

#include "migrations_engine/autogenerate/comparer.h"

namespace migrate::engine::detail {
namespace {

auto definition(const orm::UniqueConstraint& u) {
    return std::tie(u.columns, u.deferral, u.nulls_not_distinct);
}
auto definition(const orm::ForeignKey& f) {
    return std::tie(f.columns, f.referred_schema, f.referred_table, f.referred_columns, f.on_delete,
                    f.on_update, f.match, f.deferral, f.not_valid);
}
auto definition(const orm::CheckConstraint& c) {
    return std::tie(c.condition, c.no_inherit, c.not_valid);
}
auto definition(const orm::Index& ix) {
    return std::tie(ix.elements, ix.unique, ix.where, ix.method, ix.include, ix.nulls_not_distinct,
                    ix.storage);
}

std::string columns_text(const std::vector<std::string>& cols) {
    std::string out;
    for (const auto& c : cols) out += (out.empty() ? "" : ", ") + c;
    return "(" + out + ")";
}

// The options a constraint carries, as SQL ends it: ` DEFERRABLE INITIALLY DEFERRED`.
std::string options_text(const orm::Deferral& d, bool not_valid = false) {
    return std::string(d.deferrable ? " DEFERRABLE" : "") +
           (d.initially_deferred ? " INITIALLY DEFERRED" : "") + (not_valid ? " NOT VALID" : "");
}

std::string label(const orm::UniqueConstraint& u) {
    return "unique constraint " + (u.name.empty() ? "" : u.name + " ") +
           (u.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + columns_text(u.columns) +
           options_text(u.deferral);
}
std::string label(const orm::ForeignKey& f) {
    return "foreign key " + (f.name.empty() ? "" : f.name + " ") + columns_text(f.columns) +
           " -> " + f.referred_table + columns_text(f.referred_columns) +
           (f.match.empty() ? "" : " MATCH " + f.match) + options_text(f.deferral, f.not_valid);
}
std::string label(const orm::CheckConstraint& c) {
    return "check " + (c.name.empty() ? "" : c.name + " ") + "(" + c.condition + ")" +
           (c.no_inherit ? " NO INHERIT" : "") + (c.not_valid ? " NOT VALID" : "");
}

// Pairs model items with database items: by name when both are named, else by definition.
// Calls `added(i)`, `removed(j)` and `changed(i, j)` with indexes into the two lists; a pair
// whose database item is `stale` (it goes with a column that is dropped and added again) is
// changed even when the definitions agree.
template <typename T>
void match(const std::vector<T>& want, const std::vector<T>& have,
           const std::function<void(size_t)>& added, const std::function<void(size_t)>& removed,
           const std::function<void(size_t, size_t)>& changed,
           const std::function<bool(const T&)>& stale) {
    std::vector<bool> used(have.size(), false);
    std::vector<size_t> pending;
    for (size_t i = 0; i < want.size(); ++i) {
        size_t found = have.size();
        for (size_t j = 0; j < have.size() && found == have.size(); ++j)
            if (!used[j] && !want[i].name.empty() && want[i].name == have[j].name) found = j;
        if (found == have.size()) {
            pending.push_back(i);
            continue;
        }
        used[found] = true;
        if (definition(want[i]) != definition(have[found]) || stale(have[found])) changed(i, found);
    }
    for (size_t i : pending) {
        size_t found = have.size();
        for (size_t j = 0; j < have.size() && found == have.size(); ++j)
            if (!used[j] && (want[i].name.empty() || have[j].name.empty()) &&
                definition(want[i]) == definition(have[j]))
                found = j;
        if (found == have.size()) {
            added(i);
        } else {
            used[found] = true;
            if (stale(have[found])) changed(i, found);
        }
    }
    for (size_t j = 0; j < have.size(); ++j)
        if (!used[j]) removed(j);
}

// Whether SQL text names `column` as a whole word (any case; quoted or not).
bool mentions(const std::string& text, const std::string& column) {
    auto lower = [](std::string v) {
        for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return v;
    };
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    const std::string t = lower(text), c = lower(column);
    if (c.empty()) return false;
    for (size_t at = t.find(c); at != std::string::npos; at = t.find(c, at + 1))
        if ((at == 0 || !word(t[at - 1])) && (at + c.size() == t.size() || !word(t[at + c.size()])))
            return true;
    return false;
}

}  // namespace

bool Comparer::recreated(const std::vector<std::string>& columns) const {
    for (const auto& c : columns)
        if (recreated_.count(fold(c))) return true;
    return false;
}

bool Comparer::recreated(const std::string& sql) const {
    for (const auto& c : recreated_)
        if (mentions(sql, c)) return true;
    return false;
}

void Comparer::compare_constraints(const orm::Table& raw_m, const orm::Table& m,
                                   const orm::Table& raw_db, const orm::Table& db) {
    const std::string q = m.qualified_name();
    const std::string& s = m.schema;
    const std::string& t = m.name;

    if (m.primary_key.columns != db.primary_key.columns || recreated(db.primary_key.columns) ||
        m.primary_key.deferral != db.primary_key.deferral ||
        (!m.primary_key.name.empty() && m.primary_key.name != db.primary_key.name)) {
        if (!db.primary_key.empty())
            constraint_drops_.push_back(DropConstraint{
                s, t, raw_db.primary_key.name, ConstraintType::kPrimaryKey, raw_db.primary_key});
        if (!m.primary_key.empty())
            constraint_creates_.push_back(CreatePrimaryKey{s, t, raw_m.primary_key});
        note("modify_primary_key", q, "", columns_text(db.primary_key.columns),
             columns_text(m.primary_key.columns), !db.primary_key.empty(),
             "alter table " + q + ": primary key " + columns_text(db.primary_key.columns) + " -> " +
                 columns_text(m.primary_key.columns));
    }

    match<orm::UniqueConstraint>(
        m.unique_constraints, db.unique_constraints,
        [&](size_t i) {
            constraint_creates_.push_back(
                CreateUniqueConstraint{s, t, raw_m.unique_constraints[i]});
            note("add_unique", q, "", "", "", false,
                 "add " + label(m.unique_constraints[i]) + " on " + q);
        },
        [&](size_t j) {
            const auto& u = raw_db.unique_constraints[j];
            constraint_drops_.push_back(DropConstraint{s, t, u.name, ConstraintType::kUnique, u});
            note("remove_unique", q, "", "", "", false,
                 "drop " + label(db.unique_constraints[j]) + " on " + q);
        },
        [&](size_t i, size_t j) {
            const auto& u = raw_db.unique_constraints[j];
            constraint_drops_.push_back(DropConstraint{s, t, u.name, ConstraintType::kUnique, u});
            constraint_creates_.push_back(
                CreateUniqueConstraint{s, t, raw_m.unique_constraints[i]});
            note("modify_unique", q, "", label(db.unique_constraints[j]),
                 label(m.unique_constraints[i]), false,
                 "alter table " + q + ": " + label(db.unique_constraints[j]) + " -> " +
                     label(m.unique_constraints[i]));
        },
        [&](const orm::UniqueConstraint& u) { return recreated(u.columns); });

    match<orm::ForeignKey>(
        m.foreign_keys, db.foreign_keys,
        [&](size_t i) {
            fk_creates_.push_back(CreateForeignKey{s, t, raw_m.foreign_keys[i]});
            note("add_foreign_key", q, "", "", "", false,
                 "add " + label(m.foreign_keys[i]) + " on " + q);
        },
        [&](size_t j) {
            const auto& f = raw_db.foreign_keys[j];
            fk_drops_.push_back(DropConstraint{s, t, f.name, ConstraintType::kForeignKey, f});
            note("remove_foreign_key", q, "", "", "", false,
                 "drop " + label(db.foreign_keys[j]) + " on " + q);
        },
        [&](size_t i, size_t j) {
            const auto& f = raw_db.foreign_keys[j];
            fk_drops_.push_back(DropConstraint{s, t, f.name, ConstraintType::kForeignKey, f});
            fk_creates_.push_back(CreateForeignKey{s, t, raw_m.foreign_keys[i]});
            note("modify_foreign_key", q, "", label(db.foreign_keys[j]), label(m.foreign_keys[i]),
                 false,
                 "alter table " + q + ": " + label(db.foreign_keys[j]) + " -> " +
                     label(m.foreign_keys[i]));
        },
        [&](const orm::ForeignKey& f) { return recreated(f.columns); });

    match<orm::CheckConstraint>(
        m.checks, db.checks,
        [&](size_t i) {
            constraint_creates_.push_back(CreateCheckConstraint{s, t, raw_m.checks[i]});
            note("add_check", q, "", "", "", false, "add " + label(m.checks[i]) + " on " + q);
        },
        [&](size_t j) {
            const auto& c = raw_db.checks[j];
            constraint_drops_.push_back(DropConstraint{s, t, c.name, ConstraintType::kCheck, c});
            note("remove_check", q, "", "", "", false, "drop " + label(db.checks[j]) + " on " + q);
        },
        [&](size_t i, size_t j) {
            const auto& c = raw_db.checks[j];
            constraint_drops_.push_back(DropConstraint{s, t, c.name, ConstraintType::kCheck, c});
            constraint_creates_.push_back(CreateCheckConstraint{s, t, raw_m.checks[i]});
            note("modify_check", q, "", label(db.checks[j]), label(m.checks[i]), false,
                 "alter table " + q + ": " + label(db.checks[j]) + " -> " + label(m.checks[i]));
        },
        [&](const orm::CheckConstraint& c) { return recreated(c.condition); });

    // Indexes always have names.
    match<orm::Index>(
        m.indexes, db.indexes,
        [&](size_t i) {
            index_creates_.push_back(CreateIndex{s, t, raw_m.indexes[i]});
            note("add_index", q, "", "", "", false, "add index " + m.indexes[i].name + " on " + q);
        },
        [&](size_t j) {
            index_drops_.push_back(DropIndex{s, t, raw_db.indexes[j], true});
            note("remove_index", q, "", "", "", false,
                 "drop index " + db.indexes[j].name + " on " + q);
        },
        [&](size_t i, size_t j) {
            index_drops_.push_back(DropIndex{s, t, raw_db.indexes[j], true});
            index_creates_.push_back(CreateIndex{s, t, raw_m.indexes[i]});
            note("modify_index", q, "", "", "", false,
                 "alter index " + m.indexes[i].name + " on " + q + ": " +
                     (definition(m.indexes[i]) == definition(db.indexes[j])
                          ? "created again with its column"
                          : "definition changed"));
        },
        [&](const orm::Index& ix) {
            for (const auto& e : ix.elements)
                if (e.expression ? recreated(e.text) : recreated(std::vector<std::string>{e.text}))
                    return true;
            return recreated(ix.include) || recreated(ix.where);
        });
}

}  // namespace migrate::engine::detail
