// Models against a database schema: differences and operations; see compare.h.

#include "migrations_engine/autogenerate/compare.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "migrations_engine/autogenerate/comparer.h"
#include "migrations_engine/ops/invert.h"

namespace migrate::engine {
namespace detail {

void Comparer::order_tables() {
    // Creates in foreign-key order; a foreign key to a table created later (a cycle) is added
    // once both exist.
    std::set<std::string> exists;
    for (const auto& t : db_.tables) exists.insert(t.qualified_name());
    std::vector<size_t> order = raw_models_.dependency_order();
    for (size_t i : order) {
        if (std::find(created_.begin(), created_.end(), i) == created_.end()) continue;
        orm::Table t = raw_models_.tables[i];
        std::vector<orm::ForeignKey> kept;
        for (const auto& fk : t.foreign_keys) {
            std::string target = fk.referred_schema.empty()
                                     ? fk.referred_table
                                     : fk.referred_schema + "." + fk.referred_table;
            if (exists.count(target) || target == t.qualified_name())
                kept.push_back(fk);
            else
                fk_creates_.push_back(CreateForeignKey{t.schema, t.name, fk});
        }
        t.foreign_keys = kept;
        exists.insert(t.qualified_name());
        table_creates_.push_back(CreateTable{t});
    }
    // Drops in reverse dependency order of the database.
    std::vector<size_t> db_order = raw_db_.dependency_order();
    for (auto it = db_order.rbegin(); it != db_order.rend(); ++it)
        if (std::find(dropped_.begin(), dropped_.end(), *it) != dropped_.end())
            table_drops_.push_back(DropTable{raw_db_.tables[*it]});
}

Comparison Comparer::finish() {
    auto append = [&](const std::vector<Operation>& ops) {
        out_.upgrade.insert(out_.upgrade.end(), ops.begin(), ops.end());
    };
    append(schema_creates_);
    append(enum_creates_);
    append(enum_values_);
    append(renames_);
    append(fk_drops_);
    append(index_drops_);
    append(constraint_drops_);
    append(recreates_);
    append(table_creates_);
    append(adds_);
    append(alters_);
    append(constraint_creates_);
    append(index_creates_);
    append(fk_creates_);
    append(column_drops_);
    append(table_drops_);
    append(enum_drops_);
    append(comments_);
    append(schema_drops_);
    // The inverse of each operation in reverse order; the values added to an enum go back by
    // one alter_enum to its old values, in place of the first value added.
    for (auto it = out_.upgrade.rbegin(); it != out_.upgrade.rend(); ++it) {
        if (const auto* add = std::get_if<AddEnumValue>(&*it)) {
            auto first =
                std::find_if(out_.upgrade.begin(), out_.upgrade.end(), [&](const auto& op) {
                    const auto* a = std::get_if<AddEnumValue>(&op);
                    return a && a->schema == add->schema && a->enum_name == add->enum_name;
                });
            if (&*first != &*it) continue;
            for (const AlterEnum& restore : enum_restores_)
                if (restore.schema == add->schema && restore.name == add->enum_name)
                    out_.downgrade.push_back(restore);
            continue;
        }
        if (auto inverse = invert(*it))
            out_.downgrade.push_back(std::move(*inverse));
        else
            out_.not_invertible.insert(out_.not_invertible.begin(), describe(*it));
    }
    out_.target = models_;
    out_.current = db_;
    // An operation without an inverse leaves a placeholder that fails, never a downgrade that
    // silently restores nothing.
    for (const auto& what : out_.not_invertible) {
        Sql placeholder;
        placeholder.sql = "SELECT * FROM \"migrate: write the downgrade of " + what +
                          " by hand, then remove this line\"";
        out_.downgrade.insert(out_.downgrade.begin(), placeholder);
    }
    return out_;
}

}  // namespace detail

Comparison compare_schemas(const orm::MetaData& models, const orm::MetaData& database,
                           const orm::Dialect& dialect, const CompareScope& scope,
                           const orm::MetaData* as_held) {
    return detail::Comparer(models, database, dialect, scope, as_held ? *as_held : models).run();
}

}  // namespace migrate::engine
