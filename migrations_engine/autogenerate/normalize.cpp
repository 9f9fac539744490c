// Both sides of a comparison in one normal form; see compare.h.

#include <algorithm>
#include <cctype>

#include "migrations_engine/autogenerate/compare.h"
#include "orm/expression.h"

namespace migrate::engine {
namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

void normalize_column(orm::Column& c, const orm::Table& t, const orm::MetaData& md,
                      const orm::Dialect& d) {
    c.type = d.canonical_type(c.type, md);
    if (c.server_default) {
        std::string def = orm::canonical_expression(*c.server_default);
        if (def == "null")
            c.server_default.reset();
        else
            c.server_default = def;
    }
    if (c.generated) c.generated->expression = orm::canonical_expression(c.generated->expression);
    if (d.names_case_insensitive()) c.collation = upper(c.collation);
    if (t.in_primary_key(c.name)) c.nullable = false;
    c.renamed_from.clear();
    // What autoincrement means once created: SQLite: AUTOINCREMENT or not (an INTEGER key is
    // the rowid either way); PostgreSQL: an identity column or not.
    const orm::Column* key = t.autoincrement_column();
    const bool is_key = key && key->name == c.name;
    if (d.rebuilds_tables()) {
        c.autoincrement = is_key && c.autoincrement == orm::Autoincrement::kTrue
                              ? orm::Autoincrement::kTrue
                              : orm::Autoincrement::kAuto;
    } else {
        const bool identity = c.autoincrement == orm::Autoincrement::kTrue || is_key;
        c.autoincrement = identity ? orm::Autoincrement::kTrue : orm::Autoincrement::kFalse;
    }
    if (c.autoincrement != orm::Autoincrement::kTrue || d.rebuilds_tables()) c.identity = {};
    if (c.autoincrement == orm::Autoincrement::kTrue && !d.rebuilds_tables())
        c.server_default.reset();  // the identity's own
}

void normalize_index(orm::Index& ix) {
    for (auto& e : ix.elements) {
        if (e.expression) e.text = orm::canonical_expression(e.text);
        if (e.nulls == (e.descending ? "FIRST" : "LAST")) e.nulls.clear();  // the default
    }
    ix.where = orm::canonical_expression(ix.where);
    std::sort(ix.storage.begin(), ix.storage.end());  // storage parameters are a set
    if (ix.method == "btree") ix.method.clear();
}

}  // namespace

orm::MetaData normalize_for_compare(const orm::MetaData& schema, const orm::Dialect& d,
                                    const std::string& default_schema) {
    auto fold_schema = [&](const std::string& s) {
        return s == default_schema ? std::string() : s;
    };
    orm::MetaData md = schema;
    for (auto& e : md.enums) e.schema = fold_schema(e.schema);
    for (auto& t : md.tables) {
        t.schema = fold_schema(t.schema);
        t.renamed_from.clear();
        for (auto& c : t.columns) normalize_column(c, t, schema, d);
        if (!d.native_enums())  // the enum lives in the column's type there
            t.checks.erase(std::remove_if(t.checks.begin(), t.checks.end(),
                                          [&](const orm::CheckConstraint& ck) {
                                              return md.find_enum(ck.name) != nullptr;
                                          }),
                           t.checks.end());
        if (t.primary_key.name == t.name + "_pkey") t.primary_key.name.clear();
        for (auto& ck : t.checks) ck.condition = orm::canonical_expression(ck.condition);
        for (auto& ix : t.indexes) normalize_index(ix);
        std::sort(t.storage.begin(), t.storage.end());
        for (auto& fk : t.foreign_keys) fk.referred_schema = fold_schema(fk.referred_schema);
    }
    return md;
}

bool glob_match(const std::string& pattern, const std::string& name) {
    // Iterative matching with backtracking to the last '*': linear in practice.
    size_t p = 0, n = 0, star = std::string::npos, mark = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p, ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = n;
        } else if (star != std::string::npos) {
            p = star + 1;
            n = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace migrate::engine
