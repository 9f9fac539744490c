// Applying operations to an in-memory schema; see apply.h.
//
// Each case checks everything first and changes the schema last, so that an op that fails
// leaves the schema as it was.

#include "migrations_engine/ops/apply.h"

#include <algorithm>
#include <type_traits>

#include "orm/error.h"

namespace migrate::engine {
namespace {

using orm::Table;

std::string qualified(const std::string& schema, const std::string& name) {
    return schema.empty() ? name : schema + "." + name;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

void rename_in(std::vector<std::string>& items, const std::string& from, const std::string& to) {
    std::replace(items.begin(), items.end(), from, to);
}

template <typename T, typename Pred>
void erase_if(std::vector<T>& items, Pred pred) {
    items.erase(std::remove_if(items.begin(), items.end(), pred), items.end());
}

/// Equal but for the name: how an unnamed constraint is found from its definition.
template <typename C>
bool same_definition(C a, C b) {
    a.name = b.name;
    return a == b;
}

class Applier {
  public:
    Applier(orm::MetaData& md, const Operation& op) : md_(md), op_(op) {}

    void operator()(const CreateTable& o) {
        if (md_.find_table(o.table.name, o.table.schema))
            fail("table '" + o.table.qualified_name() + "' already exists");
        for (const orm::Index& ix : o.table.indexes) absent_index(o.table.schema, ix.name);
        md_.tables.push_back(o.table);
    }
    void operator()(const DropTable& o) {
        const Table& t = table(o.table.schema, o.table.name);
        md_.tables.erase(md_.tables.begin() + (&t - md_.tables.data()));
    }
    void operator()(const RenameTable& o) {
        Table& t = table(o.schema, o.table);
        if (md_.find_table(o.new_name, o.schema))
            fail("table '" + qualified(o.schema, o.new_name) + "' already exists");
        t.name = o.new_name;
        for (Table& other : md_.tables)
            for (orm::ForeignKey& fk : other.foreign_keys)
                if (fk.referred_schema == o.schema && fk.referred_table == o.table)
                    fk.referred_table = o.new_name;
    }
    void operator()(const AddColumn& o) {
        Table& t = table(o.schema, o.table);
        if (t.find_column(o.column.name))
            fail("table '" + t.qualified_name() + "' already has a column '" + o.column.name + "'");
        t.columns.push_back(o.column);
    }
    void operator()(const DropColumn& o) {
        Table& t = table(o.schema, o.table);
        const std::string name = column(t, o.column.name).name;
        erase_if(t.columns, [&](const orm::Column& col) { return col.name == name; });
        erase_if(t.indexes, [&](const orm::Index& ix) {
            return contains(ix.column_names(), name) || contains(ix.include, name);
        });
        erase_if(t.unique_constraints,
                 [&](const orm::UniqueConstraint& uq) { return contains(uq.columns, name); });
        erase_if(t.foreign_keys,
                 [&](const orm::ForeignKey& fk) { return contains(fk.columns, name); });
        if (contains(t.primary_key.columns, name)) t.primary_key = {};
    }
    void operator()(const AlterColumn& o) {
        Table& t = table(o.schema, o.table);
        orm::Column& c = column(t, o.column);
        if (o.new_name && *o.new_name != o.column && t.find_column(*o.new_name))
            fail("table '" + t.qualified_name() + "' already has a column '" + *o.new_name + "'");
        if (o.type) c.type = *o.type;
        if (o.nullable) c.nullable = *o.nullable;
        if (o.server_default) c.server_default = *o.server_default;
        if (o.comment) c.comment = *o.comment;
        if (o.collation) c.collation = *o.collation;
        if (o.autoincrement) c.autoincrement = *o.autoincrement;
        if (o.identity) c.identity = *o.identity;
        if (o.new_name) rename_column(t, o.column, *o.new_name);
    }
    void operator()(const CreateIndex& o) {
        Table& t = table(o.schema, o.table);
        absent_index(o.schema, o.index.name);
        columns_exist(t, o.index.column_names(), "index '" + o.index.name + "'");
        columns_exist(t, o.index.include, "index '" + o.index.name + "'");
        t.indexes.push_back(o.index);
    }
    void operator()(const DropIndex& o) {
        Table& t = table(o.schema, o.table);
        auto it = std::find_if(t.indexes.begin(), t.indexes.end(),
                               [&](const orm::Index& ix) { return ix.name == o.index.name; });
        if (it == t.indexes.end())
            fail("table '" + t.qualified_name() + "' has no index '" + o.index.name + "'");
        t.indexes.erase(it);
    }
    void operator()(const CreateUniqueConstraint& o) {
        Table& t = new_constraint(o.schema, o.table, o.constraint.name, o.constraint.columns);
        t.unique_constraints.push_back(o.constraint);
    }
    void operator()(const CreateForeignKey& o) {
        Table& t = new_constraint(o.schema, o.table, o.constraint.name, o.constraint.columns);
        t.foreign_keys.push_back(o.constraint);
    }
    void operator()(const CreateCheckConstraint& o) {
        Table& t = new_constraint(o.schema, o.table, o.constraint.name, {});
        t.checks.push_back(o.constraint);
    }
    void operator()(const CreatePrimaryKey& o) {
        if (!table(o.schema, o.table).primary_key.empty())
            fail("table '" + qualified(o.schema, o.table) + "' already has a primary key");
        Table& t = new_constraint(o.schema, o.table, o.constraint.name, o.constraint.columns);
        t.primary_key = o.constraint;
        for (const std::string& c : o.constraint.columns) t.find_column(c)->nullable = false;
    }
    void operator()(const DropConstraint& o);
    void operator()(const CreateEnum& o) {
        const orm::EnumType& e = o.enum_type;
        if (find_enum(md_, e.schema, e.name))
            fail("enum '" + qualified(e.schema, e.name) + "' already exists");
        md_.enums.push_back(e);
    }
    void operator()(const DropEnum& o) {
        const orm::EnumType& e = enumeration(o.enum_type.schema, o.enum_type.name);
        md_.enums.erase(md_.enums.begin() + (&e - md_.enums.data()));
    }
    void operator()(const AddEnumValue& o) {
        orm::EnumType& e = enumeration(o.schema, o.enum_name);
        std::vector<std::string>& v = e.values;
        if (contains(v, o.value) && o.if_not_exists) return;
        if (contains(v, o.value))
            fail("enum '" + qualified(e.schema, e.name) + "' already has the value '" + o.value +
                 "'");
        const std::string& anchor = o.before.empty() ? o.after : o.before;
        auto at = std::find(v.begin(), v.end(), anchor);
        if (!anchor.empty() && at == v.end())
            fail("enum '" + qualified(e.schema, e.name) + "' has no value '" + anchor + "'");
        if (anchor.empty())
            at = v.end();
        else if (o.before.empty())
            ++at;
        v.insert(at, o.value);
    }
    void operator()(const AlterEnum& o) { enumeration(o.schema, o.name).values = o.values; }
    // The schema holds no list of schemas: a table or enum of a schema is what shows it exists.
    void operator()(const CreateSchema&) {}
    void operator()(const DropSchema& o) {
        for (const Table& t : md_.tables)
            if (t.schema == o.name)
                fail("schema '" + o.name + "' still holds table '" + t.qualified_name() + "'");
        for (const orm::EnumType& e : md_.enums)
            if (e.schema == o.name)
                fail("schema '" + o.name + "' still holds enum '" + e.name + "'");
    }
    void operator()(const SetTableComment& o) { table(o.schema, o.table).comment = o.comment; }
    void operator()(const Sql&) {}
    void operator()(const BulkInsert&) {}

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw UsageError("cannot apply " + describe(op_) + ": " + what);
    }
    Table& table(const std::string& schema, const std::string& name) {
        Table* t = md_.find_table(name, schema);
        if (!t) fail("table '" + qualified(schema, name) + "' does not exist");
        return *t;
    }
    orm::Column& column(Table& t, const std::string& name) {
        orm::Column* c = t.find_column(name);
        if (!c) fail("table '" + t.qualified_name() + "' has no column '" + name + "'");
        return *c;
    }
    orm::EnumType& enumeration(const std::string& schema, const std::string& name) {
        const orm::EnumType* e = find_enum(md_, schema, name);
        if (!e) fail("enum '" + qualified(schema, name) + "' does not exist");
        return md_.enums[e - md_.enums.data()];
    }
    void absent_index(const std::string& schema, const std::string& name) {
        if (const Table* t = find_index_table(md_, schema, name))
            fail("index '" + name + "' already exists, on table '" + t->qualified_name() + "'");
    }
    void columns_exist(const Table& t, const std::vector<std::string>& columns,
                       const std::string& what) {
        for (const std::string& c : columns)
            if (!t.find_column(c))
                fail(what + " names column '" + c + "', which table '" + t.qualified_name() +
                     "' does not have");
    }
    /// The table a new constraint goes to, once its name and columns are checked.
    Table& new_constraint(const std::string& schema, const std::string& table_name,
                          const std::string& name, const std::vector<std::string>& columns) {
        Table& t = table(schema, table_name);
        columns_exist(t, columns, "the constraint");
        if (name.empty()) return t;
        bool taken = t.primary_key.name == name;
        for (const auto& c : t.unique_constraints) taken |= c.name == name;
        for (const auto& c : t.foreign_keys) taken |= c.name == name;
        for (const auto& c : t.checks) taken |= c.name == name;
        if (taken)
            fail("table '" + t.qualified_name() + "' already has a constraint '" + name + "'");
        return t;
    }
    void rename_column(Table& t, const std::string& from, const std::string& to) {
        t.find_column(from)->name = to;
        rename_in(t.primary_key.columns, from, to);
        for (orm::Index& ix : t.indexes) {
            for (orm::IndexElement& e : ix.elements)
                if (!e.expression && e.text == from) e.text = to;
            rename_in(ix.include, from, to);
        }
        for (auto& uq : t.unique_constraints) rename_in(uq.columns, from, to);
        for (auto& fk : t.foreign_keys) rename_in(fk.columns, from, to);
        for (Table& other : md_.tables)
            for (orm::ForeignKey& fk : other.foreign_keys)
                if (fk.referred_schema == t.schema && fk.referred_table == t.name)
                    rename_in(fk.referred_columns, from, to);
    }
    /// Removes from `items` the constraint `o` names, or fails.
    template <typename C>
    void drop_from(std::vector<C>& items, const DropConstraint& o, const Table& t,
                   const char* kind) {
        auto it = items.end();
        if (!o.name.empty())
            it = std::find_if(items.begin(), items.end(),
                              [&](const C& c) { return c.name == o.name; });
        if (it == items.end() && o.definition)
            it = std::find_if(items.begin(), items.end(), [&](const C& c) {
                return (o.name.empty() || c.name.empty()) &&
                       same_definition(c, std::get<C>(*o.definition));
            });
        if (it == items.end())
            fail("table '" + t.qualified_name() + "' has no " + kind +
                 (o.name.empty() ? " matching the definition" : " '" + o.name + "'"));
        items.erase(it);
    }

    orm::MetaData& md_;
    const Operation& op_;
};

void Applier::operator()(const DropConstraint& o) {
    Table& t = table(o.schema, o.table);
    switch (o.type) {
        case ConstraintType::kUnique:
            return drop_from(t.unique_constraints, o, t, "unique constraint");
        case ConstraintType::kForeignKey:
            return drop_from(t.foreign_keys, o, t, "foreign key");
        case ConstraintType::kCheck:
            return drop_from(t.checks, o, t, "check constraint");
        case ConstraintType::kPrimaryKey:
            if (t.primary_key.empty())
                fail("table '" + t.qualified_name() + "' has no primary key");
            // SQLite keeps no name for a primary key, so a name only has to match a name.
            if (!o.name.empty() && !t.primary_key.name.empty() && o.name != t.primary_key.name)
                fail("the primary key of table '" + t.qualified_name() + "' is '" +
                     t.primary_key.name + "', not '" + o.name + "'");
            t.primary_key = {};
            return;
    }
}

}  // namespace

void apply(const Operation& op, orm::MetaData& schema) { std::visit(Applier(schema, op), op); }

const orm::EnumType* find_enum(const orm::MetaData& schema, const std::string& schema_name,
                               const std::string& name) {
    for (const orm::EnumType& e : schema.enums)
        if (e.name == name && e.schema == schema_name) return &e;
    return nullptr;
}

const orm::Table* find_index_table(const orm::MetaData& schema, const std::string& schema_name,
                                   const std::string& index) {
    for (const Table& t : schema.tables)
        if (t.schema == schema_name)
            for (const orm::Index& ix : t.indexes)
                if (ix.name == index) return &t;
    return nullptr;
}

}  // namespace migrate::engine
