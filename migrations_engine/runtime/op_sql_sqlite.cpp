// Operations to SQLite statements, with table rebuilds where ALTER TABLE falls short; see
// op_sql.h and https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of Table
// Schema Changes").

#include <algorithm>
#include <map>
#include <regex>

#include "migrations_engine/ops/apply.h"
#include "migrations_engine/runtime/op_sql.h"
#include "orm/error.h"
#include "orm/sqlite/ddl_compiler.h"

namespace migrate::engine::detail {
namespace {

const orm::Table& table_or_fail(const orm::MetaData& md, const std::string& name) {
    if (const orm::Table* t = md.find_table(name)) return *t;
    throw UsageError("table '" + name + "' does not exist");
}

bool constant_default(const std::optional<std::string>& d) {
    if (!d) return true;
    std::string rendered = orm::sqlite::SqliteDdlCompiler::default_sql(*d);
    std::string upper = rendered;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    return rendered.front() != '(' && upper.rfind("CURRENT_", 0) != 0;
}

bool mentions(const std::string& sql, const std::string& column) {
    return std::regex_search(
        sql, std::regex("(^|[^A-Za-z0-9_])\"?" +
                        std::regex_replace(column, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                        "\"?([^A-Za-z0-9_]|$)"));
}

// Whether a column is tied up in anything that stops ALTER TABLE DROP COLUMN.
bool column_is_constrained(const orm::Table& t, const std::string& c) {
    if (t.in_primary_key(c)) return true;
    for (const auto& ix : t.indexes)
        for (const auto& e : ix.elements)
            if (e.expression ? mentions(e.text, c) : e.text == c) return true;
    for (const auto& u : t.unique_constraints)
        if (std::count(u.columns.begin(), u.columns.end(), c)) return true;
    for (const auto& fk : t.foreign_keys)
        if (std::count(fk.columns.begin(), fk.columns.end(), c)) return true;
    for (const auto& ck : t.checks)
        if (mentions(ck.condition, c)) return true;
    const orm::Column* col = t.find_column(c);
    return col && col->type.kind() == orm::TypeKind::kEnum;
}

// A rename or a comment (which SQLite keeps nowhere); anything else rewrites the column.
bool alter_in_place(const AlterColumn& o) {
    return !o.type && !o.nullable && !o.server_default && !o.collation && !o.autoincrement &&
           !o.identity;
}

// The table an operation needs rebuilt, or "" when it runs in place.
std::string rebuild_target(const Operation& op, const orm::MetaData& md) {
    return std::visit(
        [&](const auto& o) -> std::string {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, AddColumn>) {
                const auto& c = o.column;
                // ALTER TABLE ADD COLUMN takes no stored generated column.
                bool in_place = c.type.kind() != orm::TypeKind::kEnum &&
                                !(c.generated && c.generated->stored) &&
                                constant_default(c.server_default) &&
                                (c.nullable || (c.server_default && *c.server_default != "NULL"));
                return in_place ? "" : o.table;
            } else if constexpr (std::is_same_v<T, DropColumn>) {
                return column_is_constrained(table_or_fail(md, o.table), o.column.name) ? o.table
                                                                                        : "";
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                return alter_in_place(o) ? "" : o.table;
            } else if constexpr (std::is_same_v<T, CreateUniqueConstraint> ||
                                 std::is_same_v<T, CreateForeignKey> ||
                                 std::is_same_v<T, CreateCheckConstraint> ||
                                 std::is_same_v<T, CreatePrimaryKey> ||
                                 std::is_same_v<T, DropConstraint>) {
                return o.table;
            } else {
                return "";
            }
        },
        op);
}

bool autoincrements(const orm::Table& t) {
    const orm::Column* c = t.autoincrement_column();
    return c && c->autoincrement == orm::Autoincrement::kTrue;
}

// A rebuild recreates the table from the model: refuse it when the table holds more.
void check_rebuildable(const std::string& table, SchemaSource& source) {
    std::vector<std::string> obstacles = source.rebuild_obstacles(table);
    if (obstacles.empty()) return;
    std::string list;
    for (const auto& o : obstacles) list += "\n    " + o;
    throw UsageError("table '" + table +
                     "' must be rebuilt for this change, and a rebuild would lose what the "
                     "model cannot express:" +
                     list +
                     "\n  Nothing was changed. Make this change with a `sql` operation that keeps "
                     "those parts.");
}

std::string quoted_list(const orm::Dialect& d, const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + d.quote(n);
    return out;
}

// SQLite's twelve steps, less the ones the runner does around them (foreign_keys off, a
// savepoint, foreign_key_check).
std::vector<std::string> rebuild(const orm::Table& before, const orm::Table& after,
                                 const std::map<std::string, std::string>& old_name_of,
                                 const orm::MetaData& md_after, const orm::Dialect& d,
                                 const std::vector<std::string>& triggers) {
    orm::Table tmp = after;
    tmp.name = "_migrate_rebuild_" + after.name;
    tmp.indexes.clear();
    std::vector<std::string> new_cols, old_cols;
    for (const auto& c : after.columns) {
        auto it = old_name_of.find(c.name);
        std::string old = it == old_name_of.end() ? c.name : it->second;
        if (!before.find_column(old)) continue;  // a new column: its default fills it
        if (c.generated) continue;               // computed by the new table itself
        new_cols.push_back(c.name);
        old_cols.push_back(old);
    }
    std::vector<std::string> out;
    out.push_back(d.ddl().create_table(tmp, md_after).front());
    out.push_back("INSERT INTO " + d.quote(tmp.name) + " (" + quoted_list(d, new_cols) +
                  ") SELECT " + quoted_list(d, old_cols) + " FROM " + d.quote(before.name));
    // AUTOINCREMENT never reuses a key: carry the high-water mark over, not max(rowid).
    if (autoincrements(before) && autoincrements(after)) {
        out.push_back("DELETE FROM sqlite_sequence WHERE name = " + d.quote_literal(tmp.name));
        out.push_back("INSERT INTO sqlite_sequence (name, seq) SELECT " +
                      d.quote_literal(tmp.name) +
                      ", seq FROM sqlite_sequence WHERE name = " + d.quote_literal(before.name));
    }
    out.push_back("DROP TABLE " + d.quote(before.name));
    // Legacy mode: the rename must not rewrite or re-check views and triggers that name the
    // old table, which is gone for the moment.
    out.push_back("PRAGMA legacy_alter_table = ON");
    out.push_back("ALTER TABLE " + d.quote(tmp.name) + " RENAME TO " + d.quote(after.name));
    out.push_back("PRAGMA legacy_alter_table = OFF");
    orm::Table named = after;
    for (const auto& ix : after.indexes) out.push_back(d.ddl().create_index(named, ix));
    for (const auto& trig : triggers) out.push_back(trig);
    return out;
}

std::vector<std::string> in_place(const Operation& op, const orm::Dialect& d,
                                  const orm::MetaData& md) {
    return std::visit(
        [&](const auto& o) -> std::vector<std::string> {
            using T = std::decay_t<decltype(o)>;
            const auto& ddl = d.ddl();
            if constexpr (std::is_same_v<T, CreateTable>) {
                return ddl.create_table(o.table, md);
            } else if constexpr (std::is_same_v<T, DropTable>) {
                return {ddl.drop_table(o.table)};
            } else if constexpr (std::is_same_v<T, RenameTable>) {
                return {"ALTER TABLE " + d.quote(o.table) + " RENAME TO " + d.quote(o.new_name)};
            } else if constexpr (std::is_same_v<T, AddColumn>) {
                return {"ALTER TABLE " + d.quote(o.table) + " ADD COLUMN " +
                        ddl.column_definition(o.column, md, false)};
            } else if constexpr (std::is_same_v<T, DropColumn>) {
                return {"ALTER TABLE " + d.quote(o.table) + " DROP COLUMN " +
                        d.quote(o.column.name)};
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                if (!o.new_name) return {};  // a comment only: SQLite keeps none
                return {"ALTER TABLE " + d.quote(o.table) + " RENAME COLUMN " + d.quote(o.column) +
                        " TO " + d.quote(*o.new_name)};
            } else if constexpr (std::is_same_v<T, CreateIndex>) {
                orm::Table t;
                t.name = o.table;
                return {ddl.create_index(t, o.index)};
            } else if constexpr (std::is_same_v<T, DropIndex>) {
                orm::Table t;
                t.name = o.table;
                return {ddl.drop_index(t, o.index)};
            } else if constexpr (std::is_same_v<T, Sql>) {
                return raw_sql(o, d);
            } else if constexpr (std::is_same_v<T, BulkInsert>) {
                return bulk_insert_sql(o, d);
            } else if constexpr (std::is_same_v<T, CreateEnum> || std::is_same_v<T, DropEnum> ||
                                 std::is_same_v<T, SetTableComment>) {
                return {};  // enums live in CHECKs, comments nowhere: nothing to run
            } else if constexpr (std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema>) {
                throw UsageError(describe(op) +
                                 ": SQLite has no schemas (an attached database is a file of "
                                 "its own); give this operation only to PostgreSQL, or use a "
                                 "`sql` operation with a text per dialect");
            } else if constexpr (std::is_same_v<T, AddEnumValue> || std::is_same_v<T, AlterEnum> ||
                                 std::is_same_v<T, CreateUniqueConstraint> ||
                                 std::is_same_v<T, CreateForeignKey> ||
                                 std::is_same_v<T, CreateCheckConstraint> ||
                                 std::is_same_v<T, CreatePrimaryKey> ||
                                 std::is_same_v<T, DropConstraint>) {
                throw UsageError(describe(op) + " needs a table rebuild on SQLite");
            } else {
                static_assert(sizeof(T) == 0, "every operation needs a case here");
            }
        },
        op);
}

}  // namespace

bool sqlite_may_rebuild(const Operation& op) {
    if (std::holds_alternative<DropColumn>(op) || std::holds_alternative<AddEnumValue>(op) ||
        std::holds_alternative<AlterEnum>(op))
        return true;  // depends on the table: assume it may
    if (std::holds_alternative<AddColumn>(op)) return !rebuild_target(op, {}).empty();
    if (const auto* alter = std::get_if<AlterColumn>(&op)) return !alter_in_place(*alter);
    return std::holds_alternative<CreateUniqueConstraint>(op) ||
           std::holds_alternative<CreateForeignKey>(op) ||
           std::holds_alternative<CreateCheckConstraint>(op) ||
           std::holds_alternative<CreatePrimaryKey>(op) ||
           std::holds_alternative<DropConstraint>(op);
}

CompiledOps compile_sqlite(const std::vector<Operation>& ops, size_t first, size_t* next,
                           const orm::Dialect& d, SchemaSource& source) {
    const orm::MetaData& before = source.current();
    *next = first + 1;
    CompiledOps out;
    // New enum values change the CHECK of every table that uses the enum: a rebuild checks
    // every row against the new CHECK (one holding a removed value fails it).
    const auto* add = std::get_if<AddEnumValue>(&ops[first]);
    const auto* alter = std::get_if<AlterEnum>(&ops[first]);
    if (add || alter) {
        const std::string& name = add ? add->enum_name : alter->name;
        orm::MetaData after = before;
        apply(ops[first], after);
        for (const auto& t : after.tables)
            for (const auto& c : t.columns)
                if (c.type.kind() == orm::TypeKind::kEnum && c.type.name() == name) {
                    check_rebuildable(t.name, source);
                    auto stmts = rebuild(*before.find_table(t.name), t, {}, after, d,
                                         source.triggers(t.name));
                    out.statements.insert(out.statements.end(), stmts.begin(), stmts.end());
                    out.rebuilt_table += (out.rebuilt_table.empty() ? "" : ", ") + t.name;
                    break;
                }
        return out;
    }
    const std::string target = rebuild_target(ops[first], before);
    if (target.empty()) {
        out.statements = in_place(ops[first], d, before);
        return out;
    }
    check_rebuildable(target, source);

    orm::MetaData after = before;
    std::map<std::string, std::string> old_name_of;  // column renames folded into the rebuild
    size_t i = first;
    for (; i < ops.size(); ++i) {
        if (i > first && rebuild_target(ops[i], after) != target) break;
        if (const auto* alter = std::get_if<AlterColumn>(&ops[i]); alter && alter->new_name) {
            auto it = old_name_of.find(alter->column);
            std::string original = it == old_name_of.end() ? alter->column : it->second;
            if (it != old_name_of.end()) old_name_of.erase(it);
            old_name_of[*alter->new_name] = original;
        }
        apply(ops[i], after);
    }
    *next = i;
    out.statements = rebuild(table_or_fail(before, target), table_or_fail(after, target),
                             old_name_of, after, d, source.triggers(target));
    out.rebuilt_table = target;
    return out;
}

}  // namespace migrate::engine::detail
