// Semantic checks of a model; see validate.h. The wording matches what the YAML loader says at
// parse time, so a mistake reads the same whichever way the model was written.

#include "orm/schema/validate.h"

#include <algorithm>
#include <map>
#include <utility>

#include "orm/schema/keywords.h"
#include "orm/schema/naming.h"
#include "orm/sql_text.h"

namespace migrate::orm {
namespace {

using Part = ModelPath::Part;

[[noreturn]] void fail(ModelPath at, const std::string& message) {
    throw ModelError(at, std::nullopt, message, "");
}

std::string item_of(size_t i, const std::string& list, const Table& t) {
    return "item " + std::to_string(i + 1) + " of '" + list + "' of table '" + t.name + "'";
}

class TableChecker {
  public:
    TableChecker(const MetaData& m, size_t ti) : m_(m), ti_(ti), t_(m.tables[ti]) {}
    void local() const;
    void references() const;

  private:
    /// `label` is the list ("'columns' in index 'ix' of table 't'") for messages.
    void columns(ModelPath at, const std::string& label,
                 const std::vector<std::string>& names) const;
    void action(ModelPath at, const std::string& text, const std::string& key,
                const std::string& where) const;
    ModelPath at(Part part, size_t item = 0) const { return ModelPath{part, ti_, item}; }

    const MetaData& m_;
    size_t ti_;
    const Table& t_;
};

void TableChecker::columns(ModelPath where, const std::string& label,
                           const std::vector<std::string>& names) const {
    std::vector<std::string> all;
    for (const Column& c : t_.columns) all.push_back(c.name);
    for (size_t i = 0; i < names.size(); ++i) {
        if (!t_.find_column(names[i]))
            fail(where, label + " names column '" + names[i] + "', which table '" + t_.name +
                            "' does not have (its columns: " + join(all) + ")");
        if (std::find(names.begin(), names.begin() + i, names[i]) != names.begin() + i)
            fail(where, "column '" + names[i] + "' is listed twice in " + label);
    }
}

void TableChecker::action(ModelPath where, const std::string& text, const std::string& key,
                          const std::string& in) const {
    std::string out;
    if (!normalize_referential_action(text, &out) || out != text)
        fail(where, "bad referential action '" + text + "' for '" + key + "' " + in +
                        "; expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");
}

void TableChecker::local() const {
    for (size_t i = 0; i < t_.columns.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (t_.columns[j].name == t_.columns[i].name)
                throw ModelError(
                    at(Part::kColumn, i), at(Part::kColumn, j),
                    "duplicate column '" + t_.columns[i].name + "' in table '" + t_.name + "'", "");
    columns(at(Part::kPrimaryKey), "'primary_key' in table '" + t_.name + "'",
            t_.primary_key.columns);
    for (size_t i = 0; i < t_.indexes.size(); ++i) {
        const Index& ix = t_.indexes[i];
        const std::string where = "in index '" + ix.name + "' of table '" + t_.name + "'";
        if (ix.elements.empty())
            fail(at(Part::kIndex, i), "index '" + ix.name + "' of table '" + t_.name +
                                          "' needs exactly one of 'columns' or 'expressions'");
        columns(at(Part::kIndex, i), "'columns' " + where, ix.column_names());
        columns(at(Part::kIndex, i), "'include' " + where, ix.include);
        if (!ix.method.empty() && !is_index_method(ix.method))
            fail(at(Part::kIndex, i),
                 "bad index method '" + ix.method + "' " + where + "; " + index_method_hint());
    }
    for (size_t i = 0; i < t_.unique_constraints.size(); ++i) {
        const std::string item = item_of(i, "unique_constraints", t_);
        if (t_.unique_constraints[i].columns.empty())
            fail(at(Part::kUnique, i), item + " has no 'columns'");
        columns(at(Part::kUnique, i), "'columns' in " + item, t_.unique_constraints[i].columns);
    }
    for (size_t i = 0; i < t_.foreign_keys.size(); ++i) {
        const ForeignKey& fk = t_.foreign_keys[i];
        const std::string item = item_of(i, "foreign_keys", t_);
        if (fk.columns.empty() || fk.referred_table.empty() || fk.referred_columns.empty())
            fail(at(Part::kForeignKey, i), item + " needs 'columns' and 'references'");
        columns(at(Part::kForeignKey, i), "'columns' in " + item, fk.columns);
        if (fk.columns.size() != fk.referred_columns.size())
            fail(at(Part::kForeignKey, i), "foreign key in " + item + " has " +
                                               std::to_string(fk.columns.size()) + " column(s) (" +
                                               join(fk.columns) + ") but refers to " +
                                               std::to_string(fk.referred_columns.size()) + " (" +
                                               join(fk.referred_columns) + ")");
        action(at(Part::kForeignKey, i), fk.on_delete, "ondelete", "in " + item);
        action(at(Part::kForeignKey, i), fk.on_update, "onupdate", "in " + item);
    }
    for (size_t i = 0; i < t_.checks.size(); ++i)
        if (t_.checks[i].condition.empty())
            fail(at(Part::kCheck, i), item_of(i, "checks", t_) + " has no 'condition'");
}

void TableChecker::references() const {
    for (size_t i = 0; i < t_.columns.size(); ++i) {
        const SqlType& type = t_.columns[i].type;
        if (type.kind() != TypeKind::kEnum || m_.find_enum(type.name())) continue;
        std::vector<std::string> declared;
        for (const auto& en : m_.enums) declared.push_back(en.name);
        fail(at(Part::kColumn, i),
             "type Enum(" + type.name() + ") names an enum that is not declared under 'enums'" +
                 (declared.empty() ? "" : " (declared: " + join(declared) + ")"));
    }
    for (size_t i = 0; i < t_.foreign_keys.size(); ++i) {
        const ForeignKey& fk = t_.foreign_keys[i];
        const std::string target =
            (fk.referred_schema.empty() ? "" : fk.referred_schema + ".") + fk.referred_table;
        const Table* t = m_.find_table(fk.referred_table, fk.referred_schema);
        if (!t) {
            std::string hint;
            for (const auto& other : m_.tables)
                if (other.name == fk.referred_table)
                    hint = "; did you mean '" + other.qualified_name() + "'?";
            fail(at(Part::kForeignKey, i), "foreign key of table '" + t_.name +
                                               "' refers to table '" + target +
                                               "', which is not declared" + hint);
        }
        std::vector<std::string> all;
        for (const Column& c : t->columns) all.push_back(c.name);
        for (const auto& col : fk.referred_columns)
            if (!t->find_column(col))
                fail(at(Part::kForeignKey, i),
                     "foreign key of table '" + t_.name + "' refers to column '" + target + "." +
                         col + "', which does not exist (its columns: " + join(all) + ")");
    }
}

void check_conventions(const NamingConvention& conv) {
    const NamingContext sample{"t", {"a", "b"}, "r", "c"};
    for (size_t i = 0; i < conv.size(); ++i) {
        const auto& [key, value] = conv[i];
        const ModelPath at{Part::kConvention, 0, i};
        if (key != "ix" && key != "uq" && key != "fk" && key != "pk" && key != "ck")
            fail(at, "unknown key '" + key +
                         "' in 'naming_convention'; expected one of ix, uq, fk, pk, ck");
        std::string out, error;
        if (!expand_naming_template(value, sample, &out, &error)) fail(at, error);
        for (size_t j = 0; j < i; ++j)
            if (conv[j].first == key)
                throw ModelError(at, ModelPath{Part::kConvention, 0, j},
                                 "naming convention '" + key + "' is given twice", "");
    }
}

void check_enums(const std::vector<EnumType>& enums) {
    for (size_t i = 0; i < enums.size(); ++i) {
        const EnumType& en = enums[i];
        for (size_t j = 0; j < i; ++j)
            if (enums[j].name == en.name)
                throw ModelError({Part::kEnum, i, 0}, ModelPath{Part::kEnum, j, 0},
                                 "duplicate enum '" + en.name + "'", "");
        for (size_t v = 0; v < en.values.size(); ++v)
            if (std::find(en.values.begin(), en.values.begin() + v, en.values[v]) !=
                en.values.begin() + v)
                fail({Part::kEnum, i, 0},
                     "duplicate value '" + en.values[v] + "' in enum '" + en.name + "'");
    }
}

}  // namespace

ModelError::ModelError(ModelPath at, std::optional<ModelPath> first, std::string head,
                       std::string tail)
    : InputError(SourceLocation{"models"}, head + tail),
      at_(at),
      first_(first),
      head_(std::move(head)),
      tail_(std::move(tail)) {}

std::string ModelError::message(const std::string& first_at) const {
    return head_ + (first_at.empty() ? "" : " (first at " + first_at + ")") + tail_;
}

void validate(const MetaData& m) {
    check_conventions(m.naming_convention);
    check_enums(m.enums);
    for (size_t i = 0; i < m.tables.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (m.tables[j].name == m.tables[i].name && m.tables[j].schema == m.tables[i].schema)
                throw ModelError({Part::kTable, i, 0}, ModelPath{Part::kTable, j, 0},
                                 "duplicate table '" + m.tables[i].qualified_name() + "'", "");
    for (size_t i = 0; i < m.tables.size(); ++i) TableChecker(m, i).local();
    for (size_t i = 0; i < m.tables.size(); ++i) TableChecker(m, i).references();
    std::map<std::pair<std::string, std::string>, ModelPath> index_names;
    for (size_t i = 0; i < m.tables.size(); ++i) {
        const Table& t = m.tables[i];
        for (size_t j = 0; j < t.indexes.size(); ++j) {
            const ModelPath at{Part::kIndex, i, j};
            auto [it, fresh] = index_names.emplace(std::make_pair(t.schema, t.indexes[j].name), at);
            if (!fresh)
                throw ModelError(
                    at, it->second,
                    "duplicate index name '" + t.indexes[j].name + "' in table '" + t.name + "'",
                    "; all tables of a schema share index names");
        }
    }
}

void apply_naming_conventions(MetaData& m) {
    const NamingConvention& conv = m.naming_convention;
    for (Table& t : m.tables) {
        NamingContext ctx{t.name, t.primary_key.columns, "", ""};
        if (!t.primary_key.empty() && t.primary_key.name.empty())
            t.primary_key.name = conventional_name(conv, "pk", ctx);
        for (auto& uq : t.unique_constraints) {
            ctx.column_names = uq.columns;
            if (uq.name.empty()) uq.name = conventional_name(conv, "uq", ctx);
        }
        for (auto& fk : t.foreign_keys) {
            ctx.column_names = fk.columns;
            ctx.referred_table_name = fk.referred_table;
            if (fk.name.empty()) fk.name = conventional_name(conv, "fk", ctx);
        }
        ctx.column_names.clear();
        ctx.referred_table_name.clear();
        for (auto& ck : t.checks)
            if (ck.name.empty()) ck.name = conventional_name(conv, "ck", ctx);
        for (auto& ix : t.indexes) {
            ctx.column_names = ix.column_names();
            if (ix.name.empty()) ix.name = default_index_name(conv, ctx);
        }
    }
}

}  // namespace migrate::orm
