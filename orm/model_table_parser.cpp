// Parsing one table of a model file; see model_table_parser.h.

#include "orm/model_table_parser.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "orm/model_options.h"
#include "orm/schema/keywords.h"
#include "orm/sql_text.h"

namespace migrate::orm::detail {
namespace {

const Keys kTableKeys = with_keys({"schema", "renamed_from", "comment", "columns", "primary_key",
                                   "indexes", "unique_constraints", "foreign_keys", "checks"},
                                  kTableOptionKeys);
const Keys kColumnKeys =
    with_keys({"type", "primary_key", "nullable", "autoincrement", "unique", "index",
               "server_default", "comment", "foreign_key", "ondelete", "onupdate", "renamed_from"},
              kColumnOptionKeys);
const Keys kPrimaryKeyKeys = with_keys({"name", "columns"}, kPrimaryKeyOptionKeys);
const Keys kIndexKeys =
    with_keys({"columns", "expressions", "unique", "where", "using", "include"}, kIndexOptionKeys);
const Keys kUniqueKeys = with_keys({"name", "columns"}, kUniqueOptionKeys);
const Keys kForeignKeyKeys =
    with_keys({"name", "columns", "references", "ondelete", "onupdate"}, kForeignKeyOptionKeys);
const Keys kCheckKeys = with_keys({"name", "condition"}, kCheckOptionKeys);

/// What the column shorthands said, turned into table-level objects once all columns are in.
struct ColumnFlags {
    bool primary_key = false, unique = false, index = false;
    std::optional<bool> nullable;
    YAML::Node primary_key_at, index_at;
    std::optional<ForeignKey> foreign_key;
    SourceLocation foreign_key_at;
};

class TableParser {
  public:
    explicit TableParser(const Reader& reader) : r_(reader) {}
    ParsedTable parse(const Entry& te);

  private:
    Column parse_column(const Entry& ce, ParsedTable& pt, ColumnFlags& flags);
    void parse_primary_key(const Entry& e, Table& t);
    void parse_index(const Entry& e, ParsedTable& pt);
    void parse_foreign_key(const Entry& item, ParsedTable& pt);
    std::vector<std::string> column_list(const Entry& e, const Table& t);
    void check_column(const Entry& item, const Entry& list, const Table& t, const std::string& c);
    std::string action(const Entry& e);

    const Reader& r_;
};

ParsedTable TableParser::parse(const Entry& te) {
    ParsedTable pt;
    Table& t = pt.table;
    t.name = te.name;
    pt.at = r_.at(te.key_node);
    const std::string where = "in table '" + t.name + "'";
    auto item_where = [&](const Entry& item) {
        return "in " + item.label + " of table '" + t.name + "'";
    };
    std::map<std::string, Entry> keys;
    for (const Entry& e : r_.map_entries(te, where, &kTableKeys, "key", "a map with 'columns'")) {
        keys.emplace(e.name, e);
        read_option(r_, e, t);
    }
    auto given = [&](const char* k) { return keys.count(k) ? &keys.at(k) : nullptr; };
    if (auto e = given("schema")) {
        t.schema = r_.name(*e, "a schema name");
        // `sales.orders: {schema: sales, ...}`: tables of one name in two schemas need
        // distinct keys, so the key may carry the schema too.
        const std::string prefix = t.schema + ".";
        if (t.name.size() > prefix.size() && t.name.compare(0, prefix.size(), prefix) == 0)
            t.name = t.name.substr(prefix.size());
    }
    if (auto e = given("renamed_from")) t.renamed_from = r_.name(*e, "the table's former name");
    if (auto e = given("comment")) t.comment = r_.text(*e);

    const Entry* columns = given("columns");
    if (!columns) r_.fail(pt.at, "table '" + t.name + "' has no 'columns'");
    auto column_entries = r_.map_entries(*columns, where, nullptr, "column",
                                         "a map of column names such as {id: {type: Integer}}");
    // `columns: {}` is a table without columns, which PostgreSQL allows (and reflects);
    // SQLite refuses to create one, with its own error.
    std::vector<ColumnFlags> flags(column_entries.size());
    for (size_t i = 0; i < column_entries.size(); ++i)
        t.columns.push_back(parse_column(column_entries[i], pt, flags[i]));

    for (size_t i = 0; i < flags.size(); ++i)
        if (flags[i].primary_key) t.primary_key.columns.push_back(t.columns[i].name);
    if (auto e = given("primary_key")) {
        for (size_t i = 0; i < flags.size(); ++i)
            if (flags[i].primary_key)
                r_.fail(r_.at(e->key_node),
                        "primary key of table '" + t.name + "' is given both here and on column '" +
                            t.columns[i].name + "' (" + r_.at(flags[i].primary_key_at).str() +
                            "); keep one");
        parse_primary_key(*e, t);
    }
    for (size_t i = 0; i < flags.size(); ++i) {
        Column& c = t.columns[i];
        c.nullable = flags[i].nullable.value_or(!t.in_primary_key(c.name));
        if (flags[i].index) {
            Index ix;
            ix.elements.push_back(IndexElement{c.name, false});
            ix.unique = flags[i].unique;
            t.indexes.push_back(std::move(ix));
            pt.index_at.push_back(r_.at(flags[i].index_at));
        } else if (flags[i].unique) {
            t.unique_constraints.push_back(UniqueConstraint{"", {c.name}});
        }
        if (flags[i].foreign_key) {
            t.foreign_keys.push_back(*flags[i].foreign_key);
            pt.fk_at.push_back(flags[i].foreign_key_at);
        }
    }
    if (auto e = given("indexes"))
        for (const Entry& ie : r_.map_entries(*e, where, nullptr, "index",
                                              "a map of index names such as "
                                              "{ix_name: {columns: [name]}}"))
            parse_index(ie, pt);
    if (auto e = given("unique_constraints"))
        for (const Entry& item : r_.list_items(*e, "a list such as [{columns: [a, b]}]")) {
            UniqueConstraint uq;
            for (const Entry& k : r_.map_entries(item, item_where(item), &kUniqueKeys, "key",
                                                 "a map with 'columns'")) {
                if (k.name == "name") uq.name = r_.name(k, "a constraint name");
                if (k.name == "columns") uq.columns = column_list(k, t);
                read_option(r_, k, uq);
            }
            if (uq.columns.empty())
                r_.fail(r_.at(item.value),
                        item.label + " of table '" + t.name + "' has no 'columns'");
            t.unique_constraints.push_back(std::move(uq));
        }
    if (auto e = given("foreign_keys"))
        for (const Entry& item :
             r_.list_items(*e, "a list such as [{columns: [a], references: other(id)}]"))
            parse_foreign_key(item, pt);
    if (auto e = given("checks"))
        for (const Entry& item : r_.list_items(*e, "a list such as [{condition: \"a > 0\"}]")) {
            CheckConstraint ck;
            bool has_condition = false;
            for (const Entry& k : r_.map_entries(item, item_where(item), &kCheckKeys, "key",
                                                 "a map with 'condition'")) {
                if (k.name == "name") ck.name = r_.name(k, "a constraint name");
                if (k.name == "condition")
                    ck.condition = r_.name(k, "SQL text"), has_condition = true;
                read_option(r_, k, ck);
            }
            if (!has_condition)
                r_.fail(r_.at(item.value),
                        item.label + " of table '" + t.name + "' has no 'condition'");
            t.checks.push_back(std::move(ck));
        }
    return pt;
}

Column TableParser::parse_column(const Entry& ce, ParsedTable& pt, ColumnFlags& f) {
    Column c;
    c.name = ce.name;
    const std::string where = "in column '" + pt.table.name + "." + c.name + "'";
    bool has_type = false;
    std::string on_delete, on_update;
    std::optional<Entry> action_given;
    for (const Entry& e :
         r_.map_entries(ce, where, &kColumnKeys, "key", "a map such as {type: Integer}")) {
        const std::string& k = e.name;
        if (k == "type") {
            std::string text = r_.name(e, "a type such as Integer or String(40)"), error;
            std::optional<SqlType> type = SqlType::parse(text, &error);
            if (!type) r_.fail(r_.value_at(e), error);
            if (type->kind() == TypeKind::kEnum)
                pt.enum_uses.emplace_back(type->name(), r_.value_at(e));
            c.type = *type;
            pt.type_at.push_back(r_.value_at(e));
            has_type = true;
        } else if (k == "primary_key") {
            f.primary_key = r_.boolean(e);
            f.primary_key_at = e.key_node;
        } else if (k == "nullable") {
            f.nullable = r_.boolean(e);
        } else if (k == "autoincrement") {
            c.autoincrement = r_.boolean(e) ? Autoincrement::kTrue : Autoincrement::kFalse;
        } else if (k == "unique") {
            f.unique = r_.boolean(e);
        } else if (k == "index") {
            f.index = r_.boolean(e);
            f.index_at = e.key_node;
        } else if (k == "server_default") {
            c.server_default = r_.text(e);
        } else if (k == "comment") {
            c.comment = r_.text(e);
        } else if (k == "renamed_from") {
            c.renamed_from = r_.name(e, "the column's former name");
        } else if (read_column_option(r_, e, c)) {
        } else if (k == "foreign_key") {
            std::string text = r_.name(e, "table.column or schema.table.column");
            std::vector<std::string> parts = split_trimmed(text, '.');
            if (parts.size() < 2 || parts.size() > 3 || !all_non_empty(parts))
                r_.fail(r_.value_at(e), "'foreign_key' " + where + " is '" + text +
                                            "'; expected table.column or schema.table.column");
            ForeignKey fk;
            fk.columns = {c.name};
            if (parts.size() == 3) fk.referred_schema = parts[0];
            fk.referred_table = parts[parts.size() - 2];
            fk.referred_columns = {parts.back()};
            f.foreign_key = fk;
            f.foreign_key_at = r_.value_at(e);
        } else {  // ondelete, onupdate
            (k == "ondelete" ? on_delete : on_update) = action(e);
            action_given = e;
        }
    }
    if (!has_type)
        r_.fail(r_.at(ce.key_node), "column '" + pt.table.name + "." + c.name +
                                        "' has no 'type'; for example {type: Integer}");
    if (action_given && !f.foreign_key)
        r_.fail(r_.at(action_given->key_node),
                "'" + action_given->name + "' " + where +
                    " applies to the column's 'foreign_key', which is not given; for a "
                    "table-level foreign key put it under 'foreign_keys'");
    if (f.foreign_key) f.foreign_key->on_delete = on_delete, f.foreign_key->on_update = on_update;
    return c;
}

std::string TableParser::action(const Entry& e) {
    std::string text = r_.name(e, "a referential action such as CASCADE"), out;
    if (!normalize_referential_action(text, &out))
        r_.fail(r_.value_at(e), "bad referential action '" + text + "' for " + e.label + " " +
                                    e.where +
                                    "; expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or "
                                    "NO ACTION");
    return out;
}

void TableParser::check_column(const Entry& item, const Entry& list, const Table& t,
                               const std::string& c) {
    if (t.find_column(c)) return;
    std::vector<std::string> all;
    for (const Column& col : t.columns) all.push_back(col.name);
    r_.fail(r_.at(item.value), list.label + " " + list.where + " names column '" + c +
                                   "', which table '" + t.name +
                                   "' does not have (its columns: " + join(all) + ")");
}

std::vector<std::string> TableParser::column_list(const Entry& e, const Table& t) {
    const std::string expected = "a non-empty list of column names such as [a, b]";
    if (!e.value.IsSequence() || e.value.size() == 0) r_.wrong_type(e, expected);
    std::vector<std::string> out;
    for (const Entry& item : r_.list_items(e, expected)) {
        std::string c = r_.name(item, "a column name");
        check_column(item, e, t, c);
        if (std::find(out.begin(), out.end(), c) != out.end())
            r_.fail(r_.at(item.value),
                    "column '" + c + "' is listed twice in " + e.label + " " + e.where);
        out.push_back(c);
    }
    return out;
}

void TableParser::parse_primary_key(const Entry& e, Table& t) {
    if (e.value.IsSequence()) {
        t.primary_key.columns = column_list(e, t);
        return;
    }
    if (!e.value.IsMap())
        r_.wrong_type(e, "a list of column names or a map {name: ..., columns: [...]}");
    const std::string where = "in 'primary_key' of table '" + t.name + "'";
    for (const Entry& k : r_.map_entries(e, where, &kPrimaryKeyKeys, "key", "")) {
        if (k.name == "name") t.primary_key.name = r_.name(k, "a constraint name");
        if (k.name == "columns") t.primary_key.columns = column_list(k, t);
        read_option(r_, k, t.primary_key);
    }
    if (t.primary_key.columns.empty())
        r_.fail(r_.at(e.key_node), "'primary_key' of table '" + t.name + "' has no 'columns'");
}

void TableParser::parse_index(const Entry& ie, ParsedTable& pt) {
    Index ix;
    ix.name = ie.name;
    const std::string where = "in index '" + ix.name + "' of table '" + pt.table.name + "'";
    int forms = 0;
    for (const Entry& k :
         r_.map_entries(ie, where, &kIndexKeys, "key", "a map such as {columns: [a, b]}")) {
        if (k.name == "columns" || k.name == "expressions") {
            const bool expression = k.name == "expressions";
            const std::string expected = expression ? "a non-empty list of SQL expressions"
                                                    : "a non-empty list of column names such as "
                                                      "[a, b]";
            if (!k.value.IsSequence() || k.value.size() == 0) r_.wrong_type(k, expected);
            for (const Entry& item : r_.list_items(k, expected)) {
                IndexElement el = read_index_element(r_, item, expression);
                if (!expression) check_column(item, k, pt.table, el.text);
                ix.elements.push_back(std::move(el));
            }
            ++forms;
        } else if (k.name == "unique") {
            ix.unique = r_.boolean(k);
        } else if (k.name == "using") {
            ix.method = r_.name(k, "an index method such as gin");
            if (!is_index_method(ix.method))
                r_.fail(r_.value_at(k), "bad index method '" + ix.method + "' " + where + "; " +
                                            index_method_hint());
        } else if (k.name == "include") {
            ix.include = column_list(k, pt.table);
        } else if (read_option(r_, k, ix)) {
        } else {  // where
            ix.where = r_.text(k).value_or("");
        }
    }
    if (forms != 1)
        r_.fail(r_.at(ie.key_node), "index '" + ix.name + "' of table '" + pt.table.name +
                                        "' needs exactly one of 'columns' or 'expressions'");
    pt.index_at.push_back(r_.at(ie.key_node));
    pt.table.indexes.push_back(std::move(ix));
}

void TableParser::parse_foreign_key(const Entry& item, ParsedTable& pt) {
    const std::string where = "in " + item.label + " of table '" + pt.table.name + "'";
    ForeignKey fk;
    std::optional<Entry> refs;
    for (const Entry& k : r_.map_entries(item, where, &kForeignKeyKeys, "key",
                                         "a map such as {columns: [a], references: other(id)}")) {
        if (k.name == "name") fk.name = r_.name(k, "a constraint name");
        if (k.name == "columns") fk.columns = column_list(k, pt.table);
        if (k.name == "references") refs = k;
        if (k.name == "ondelete") fk.on_delete = action(k);
        if (k.name == "onupdate") fk.on_update = action(k);
        read_option(r_, k, fk);
    }
    if (fk.columns.empty() || !refs)
        r_.fail(r_.at(item.value),
                item.label + " of table '" + pt.table.name + "' needs 'columns' and 'references'");
    read_references(r_, *refs, where, fk);
    pt.fk_at.push_back(r_.value_at(*refs));
    pt.table.foreign_keys.push_back(std::move(fk));
}

}  // namespace

void read_references(const Reader& r, const Entry& refs, const std::string& where, ForeignKey& fk) {
    const std::string text = r.name(refs, "table(column, ...)");
    std::vector<std::string> target, cols;
    size_t open = text.find('(');
    if (open != std::string::npos && text.back() == ')') {
        target = split_trimmed(trim(text.substr(0, open)), '.');
        cols = split_trimmed(text.substr(open + 1, text.size() - open - 2), ',');
    }
    if (target.empty() || target.size() > 2 || !all_non_empty(target) || cols.empty() ||
        !all_non_empty(cols))
        r.fail(r.value_at(refs), "'references' " + where + " is '" + text +
                                     "'; expected table(column, ...) or "
                                     "schema.table(column, ...)");
    if (cols.size() != fk.columns.size())
        r.fail(r.value_at(refs), "foreign key " + where + " has " +
                                     std::to_string(fk.columns.size()) + " column(s) (" +
                                     join(fk.columns) + ") but refers to " +
                                     std::to_string(cols.size()) + " (" + join(cols) + ")");
    fk.referred_schema = target.size() == 2 ? target[0] : "";
    fk.referred_table = target.back();
    fk.referred_columns = cols;
}

ParsedTable parse_table(const Reader& reader, const Entry& entry) {
    return TableParser(reader).parse(entry);
}

}  // namespace migrate::orm::detail
