// SchemaBuilder; see builder.h. Column shorthands are kept apart and turned into table-level
// objects at build(), in the order the YAML loader uses, so both spellings give equal MetaData.

#include "orm/schema/builder.h"

#include <algorithm>
#include <deque>
#include <sstream>

#include "orm/schema/validate.h"
#include "orm/sql_text.h"

namespace migrate::orm {
namespace detail {

struct ColumnSpec {
    Column column;
    std::string table;  // for messages
    size_t table_index = 0, column_index = 0;
    bool primary_key = false, unique = false, index = false;
    std::optional<bool> nullable;
    std::optional<ForeignKey> foreign_key;
};

struct TableSpec {
    explicit TableSpec(size_t i) : index(i), builder(*this) {}
    size_t index;
    Table table;  // name and table-level options
    std::deque<ColumnSpec> columns;
    std::optional<PrimaryKey> primary_key;
    std::deque<Index> indexes;
    std::deque<UniqueConstraint> uniques;
    std::deque<ForeignKey> foreign_keys;
    std::deque<CheckConstraint> checks;
    TableBuilder builder;
};

}  // namespace detail

namespace {

using Part = ModelPath::Part;

[[noreturn]] void fail(ModelPath at, const std::string& message) {
    throw ModelError(at, std::nullopt, message, "");
}

std::string action(ModelPath at, const std::string& text, const std::string& key,
                   const std::string& where) {
    std::string out;
    if (!normalize_referential_action(text, &out))
        fail(at, "bad referential action '" + text + "' for '" + key + "' " + where +
                     "; expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");
    return out;
}

}  // namespace

// ---- ColumnBuilder

ColumnBuilder& ColumnBuilder::primary_key(bool on) {
    spec_->primary_key = on;
    return *this;
}
ColumnBuilder& ColumnBuilder::nullable(bool on) {
    spec_->nullable = on;
    return *this;
}
ColumnBuilder& ColumnBuilder::autoincrement(bool on) {
    spec_->column.autoincrement = on ? Autoincrement::kTrue : Autoincrement::kFalse;
    return *this;
}
ColumnBuilder& ColumnBuilder::unique(bool on) {
    spec_->unique = on;
    return *this;
}
ColumnBuilder& ColumnBuilder::index(bool on) {
    spec_->index = on;
    return *this;
}
ColumnBuilder& ColumnBuilder::server_default(std::string sql) {
    spec_->column.server_default = std::move(sql);
    return *this;
}
ColumnBuilder& ColumnBuilder::comment(std::string text) {
    spec_->column.comment = std::move(text);
    return *this;
}
ColumnBuilder& ColumnBuilder::renamed_from(std::string former_name) {
    spec_->column.renamed_from = std::move(former_name);
    return *this;
}
ColumnBuilder& ColumnBuilder::collation(std::string name) {
    spec_->column.collation = std::move(name);
    return *this;
}
ColumnBuilder& ColumnBuilder::generated(std::string expression, bool stored) {
    spec_->column.generated = Generated{std::move(expression), stored};
    return *this;
}
ColumnBuilder& ColumnBuilder::identity(Identity identity) {
    spec_->column.identity = identity;
    return *this;
}

ColumnBuilder& ColumnBuilder::foreign_key(const std::string& target) {
    const std::vector<std::string> parts = split_trimmed(target, '.');
    if (parts.size() < 2 || parts.size() > 3 || !all_non_empty(parts))
        fail({Part::kColumn, spec_->table_index, spec_->column_index},
             "'foreign_key' in column '" + spec_->table + "." + spec_->column.name + "' is '" +
                 target + "'; expected table.column or schema.table.column");
    ForeignKey fk;
    fk.columns = {spec_->column.name};
    if (parts.size() == 3) fk.referred_schema = parts[0];
    fk.referred_table = parts[parts.size() - 2];
    fk.referred_columns = {parts.back()};
    spec_->foreign_key = fk;
    return *this;
}

ColumnBuilder& ColumnBuilder::on_delete(const std::string& text) {
    const ModelPath at{Part::kColumn, spec_->table_index, spec_->column_index};
    const std::string where = "in column '" + spec_->table + "." + spec_->column.name + "'";
    if (!spec_->foreign_key)
        fail(at, "'ondelete' " + where +
                     " applies to the column's 'foreign_key', which is not given; for a "
                     "table-level foreign key put it under 'foreign_keys'");
    spec_->foreign_key->on_delete = action(at, text, "ondelete", where);
    return *this;
}

ColumnBuilder& ColumnBuilder::on_update(const std::string& text) {
    const ModelPath at{Part::kColumn, spec_->table_index, spec_->column_index};
    const std::string where = "in column '" + spec_->table + "." + spec_->column.name + "'";
    if (!spec_->foreign_key)
        fail(at, "'onupdate' " + where +
                     " applies to the column's 'foreign_key', which is not given; for a "
                     "table-level foreign key put it under 'foreign_keys'");
    spec_->foreign_key->on_update = action(at, text, "onupdate", where);
    return *this;
}

Column& ColumnBuilder::get() { return spec_->column; }

// ---- IndexBuilder and ForeignKeyBuilder

IndexBuilder& IndexBuilder::unique(bool on) {
    index_->unique = on;
    return *this;
}
IndexBuilder& IndexBuilder::expressions(const std::vector<std::string>& sql) {
    for (const auto& e : sql) index_->elements.push_back(IndexElement{e, true});
    return *this;
}
IndexBuilder& IndexBuilder::where(std::string sql) {
    index_->where = std::move(sql);
    return *this;
}
IndexBuilder& IndexBuilder::using_method(std::string method) {
    index_->method = std::move(method);
    return *this;
}
IndexBuilder& IndexBuilder::include(std::vector<std::string> columns) {
    index_->include = std::move(columns);
    return *this;
}

ForeignKeyBuilder& ForeignKeyBuilder::on_delete(const std::string& text) {
    fk_->on_delete = action({Part::kForeignKey, 0, 0}, text, "ondelete", where_);
    return *this;
}
ForeignKeyBuilder& ForeignKeyBuilder::on_update(const std::string& text) {
    fk_->on_update = action({Part::kForeignKey, 0, 0}, text, "onupdate", where_);
    return *this;
}

// ---- TableBuilder

TableBuilder& TableBuilder::schema(std::string name) {
    spec_->table.schema = std::move(name);
    return *this;
}
TableBuilder& TableBuilder::comment(std::string text) {
    spec_->table.comment = std::move(text);
    return *this;
}
TableBuilder& TableBuilder::renamed_from(std::string former_name) {
    spec_->table.renamed_from = std::move(former_name);
    return *this;
}

ColumnBuilder TableBuilder::column(const std::string& name, const std::string& type) {
    std::string error;
    std::optional<SqlType> parsed = SqlType::parse(type, &error);
    if (!parsed) fail({Part::kColumn, spec_->index, spec_->columns.size()}, error);
    return column(name, *parsed);
}

ColumnBuilder TableBuilder::column(const std::string& name, SqlType type) {
    detail::ColumnSpec& c = spec_->columns.emplace_back();
    c.column.name = name;
    c.column.type = std::move(type);
    c.table = spec_->table.name;
    c.table_index = spec_->index;
    c.column_index = spec_->columns.size() - 1;
    return ColumnBuilder(c);
}

PrimaryKey& TableBuilder::primary_key(std::vector<std::string> columns, std::string name) {
    spec_->primary_key = PrimaryKey{std::move(name), std::move(columns), {}};
    return *spec_->primary_key;
}

IndexBuilder TableBuilder::index(std::string name, const std::vector<std::string>& columns) {
    Index& ix = spec_->indexes.emplace_back();
    ix.name = std::move(name);
    for (const auto& c : columns) ix.elements.push_back(IndexElement{c, false});
    return IndexBuilder(ix);
}

UniqueConstraint& TableBuilder::unique(std::vector<std::string> columns, std::string name) {
    return spec_->uniques.emplace_back(UniqueConstraint{std::move(name), std::move(columns)});
}

ForeignKeyBuilder TableBuilder::foreign_key(std::vector<std::string> columns,
                                            const std::string& references, std::string name) {
    const std::string where = "in item " + std::to_string(spec_->foreign_keys.size() + 1) +
                              " of 'foreign_keys' of table '" + spec_->table.name + "'";
    std::vector<std::string> target, cols;
    const size_t open = references.find('(');
    if (open != std::string::npos && !references.empty() && references.back() == ')') {
        target = split_trimmed(trim_copy(references.substr(0, open)), '.');
        cols = split_trimmed(references.substr(open + 1, references.size() - open - 2), ',');
    }
    if (target.size() > 2 || !all_non_empty(target) || !all_non_empty(cols))
        fail({Part::kForeignKey, spec_->index, spec_->foreign_keys.size()},
             "'references' " + where + " is '" + references +
                 "'; expected table(column, ...) or schema.table(column, ...)");
    ForeignKey& fk = spec_->foreign_keys.emplace_back();
    fk.name = std::move(name);
    fk.columns = std::move(columns);
    fk.referred_schema = target.size() == 2 ? target[0] : "";
    fk.referred_table = target.back();
    fk.referred_columns = cols;
    return ForeignKeyBuilder(fk, where);
}

CheckConstraint& TableBuilder::check(std::string condition, std::string name) {
    return spec_->checks.emplace_back(CheckConstraint{std::move(name), std::move(condition)});
}

Table& TableBuilder::get() { return spec_->table; }

// ---- SchemaBuilder

SchemaBuilder::SchemaBuilder() = default;
SchemaBuilder::~SchemaBuilder() = default;

SchemaBuilder& SchemaBuilder::naming_convention(std::string key, std::string template_text) {
    base_.naming_convention.emplace_back(std::move(key), std::move(template_text));
    return *this;
}

SchemaBuilder& SchemaBuilder::enumeration(std::string name, std::vector<std::string> values,
                                          std::string schema) {
    base_.enums.push_back(EnumType{std::move(name), std::move(schema), std::move(values)});
    return *this;
}

TableBuilder& SchemaBuilder::table(const std::string& name) {
    tables_.push_back(std::make_unique<detail::TableSpec>(tables_.size()));
    tables_.back()->table.name = name;
    return tables_.back()->builder;
}

MetaData SchemaBuilder::build() const {
    MetaData m = base_;
    for (const auto& spec : tables_) {
        Table t = spec->table;
        for (const auto& c : spec->columns) {
            t.columns.push_back(c.column);
            if (c.primary_key) t.primary_key.columns.push_back(c.column.name);
        }
        if (spec->primary_key) {
            for (const auto& c : spec->columns)
                if (c.primary_key)
                    fail({Part::kPrimaryKey, spec->index, 0},
                         "primary key of table '" + t.name +
                             "' is given both by primary_key() and on column '" + c.column.name +
                             "'; keep one");
            t.primary_key = *spec->primary_key;
        }
        for (size_t i = 0; i < spec->columns.size(); ++i) {
            const detail::ColumnSpec& c = spec->columns[i];
            t.columns[i].nullable = c.nullable.value_or(!t.in_primary_key(c.column.name));
            if (c.index) {
                Index ix;
                ix.elements.push_back(IndexElement{c.column.name, false});
                ix.unique = c.unique;
                t.indexes.push_back(std::move(ix));
            } else if (c.unique) {
                t.unique_constraints.push_back(UniqueConstraint{"", {c.column.name}});
            }
            if (c.foreign_key) t.foreign_keys.push_back(*c.foreign_key);
        }
        t.indexes.insert(t.indexes.end(), spec->indexes.begin(), spec->indexes.end());
        t.unique_constraints.insert(t.unique_constraints.end(), spec->uniques.begin(),
                                    spec->uniques.end());
        t.foreign_keys.insert(t.foreign_keys.end(), spec->foreign_keys.begin(),
                              spec->foreign_keys.end());
        t.checks.insert(t.checks.end(), spec->checks.begin(), spec->checks.end());
        m.tables.push_back(std::move(t));
    }
    apply_naming_conventions(m);
    validate(m);
    return m;
}

}  // namespace migrate::orm
