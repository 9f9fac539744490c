// Reading the YAML form of operations; see op_yaml.h. The parts several operations share
// (tables, columns, indexes, constraints, values) are read by op_yaml_fields.cpp.

#include <algorithm>
#include <utility>

#include "migrations_engine/ops/bulk_rows_scan.h"
#include "migrations_engine/ops/op_yaml.h"
#include "migrations_engine/ops/op_yaml_fields.h"
#include "orm/model_options.h"

namespace migrate::engine {
namespace {

using detail::Body;
using detail::Entry;
using detail::Keys;
using detail::Reader;

const Keys kNameKeys = {"name", "schema"};
const Keys kColumnOpKeys = {"table", "schema", "column"};
const Keys kIndexKeys = orm::detail::with_keys(
    {"table", "schema", "name", "columns", "expressions", "unique", "where", "using", "include"},
    orm::detail::kIndexOptionKeys);
const Keys kAlterKeys = {"table",
                         "schema",
                         "column",
                         "type",
                         "nullable",
                         "server_default",
                         "comment",
                         "new_name",
                         "existing_type",
                         "existing_nullable",
                         "existing_server_default",
                         "existing_comment",
                         "collation",
                         "existing_collation",
                         "autoincrement",
                         "existing_autoincrement",
                         "identity",
                         "existing_identity"};
const Keys kUniqueKeys =
    orm::detail::with_keys({"name", "columns"}, orm::detail::kUniqueOptionKeys);
const Keys kPrimaryKeyKeys =
    orm::detail::with_keys({"name", "columns"}, orm::detail::kPrimaryKeyOptionKeys);
const Keys kForeignKeyKeys = orm::detail::with_keys(
    {"name", "columns", "references", "ondelete", "onupdate"}, orm::detail::kForeignKeyOptionKeys);
const Keys kCheckKeys =
    orm::detail::with_keys({"name", "condition"}, orm::detail::kCheckOptionKeys);
const Keys kDropConstraintKeys = {"table", "schema", "name", "type", "definition"};
const Keys kEnumKeys = {"name", "schema", "values"};
const Keys kEnumValueKeys = {"enum", "schema", "value", "before", "after", "if_not_exists"};
const Keys kAlterEnumKeys = {"name", "schema", "values", "existing_values"};
const Keys kCommentKeys = {"table", "schema", "comment", "existing_comment"};
const Keys kDialectKeys = {"sqlite", "postgresql"};
const Keys kBulkKeys = {"table", "schema", "rows"};

Keys with_table(const Keys& keys) {
    Keys out = {"table", "schema"};
    out.insert(out.end(), keys.begin(), keys.end());
    return out;
}

/// The `type` of a drop_constraint, with the keys of its `definition`.
struct ConstraintKind {
    const char* name;
    ConstraintType type;
    const Keys* keys;
};
const ConstraintKind kConstraintKinds[] = {
    {"unique", ConstraintType::kUnique, &kUniqueKeys},
    {"foreignkey", ConstraintType::kForeignKey, &kForeignKeyKeys},
    {"check", ConstraintType::kCheck, &kCheckKeys},
    {"primary", ConstraintType::kPrimaryKey, &kPrimaryKeyKeys},
};

class OpReader {
  public:
    OpReader(const Reader& r, detail::RowLists* lists) : r_(r), f_(r), lists_(lists) {}
    Operation item(const Entry& item) const;

  private:
    using Parse = Operation (OpReader::*)(const Entry& op, const std::string& what) const;
    static const std::vector<std::pair<std::string, Parse>>& parsers();

    Operation create_table(const Entry& op, const std::string& what) const {
        return CreateTable{f_.table(op, what)};
    }
    Operation drop_table(const Entry& op, const std::string& what) const {
        // Anything beyond the name is the definition, read as create_table reads it.
        if (op.value.IsMap())
            for (const auto& kv : op.value)
                if (!kv.first.IsScalar() ||
                    (kv.first.Scalar() != "name" && kv.first.Scalar() != "schema"))
                    return DropTable{f_.table(op, what)};
        Body b(r_, op, what, kNameKeys, "a map such as {name: users}");
        orm::Table t;
        t.name = b.name("name", "a table name");
        t.schema = b.opt_name("schema", "a schema name");
        return DropTable{t};
    }
    Operation rename_table(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, {"table", "schema", "new_name"},
               "a map such as {table: a, new_name: b}");
        return RenameTable{b.opt_name("schema", "a schema name"), b.name("table", "a table name"),
                           b.name("new_name", "a table name")};
    }
    Operation add_column(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kColumnOpKeys, "a map such as {table: t, column: {name: c, ...}}");
        return AddColumn{b.opt_name("schema", "a schema name"), b.name("table", "a table name"),
                         f_.column(b.need("column"), what)};
    }
    Operation drop_column(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kColumnOpKeys, "a map such as {table: t, column: c}");
        DropColumn d{b.opt_name("schema", "a schema name"), b.name("table", "a table name"), {}};
        const Entry& c = b.need("column");
        d.has_definition = c.value.IsMap();
        if (d.has_definition)
            d.column = f_.column(c, what);
        else
            d.column.name = r_.name(c, "a column name or a map {name: c, type: ...}");
        return d;
    }
    Operation alter_column(const Entry& op, const std::string& what) const;
    Operation create_index(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kIndexKeys, "a map such as {table: t, name: ix, columns: [a]}");
        return CreateIndex{b.opt_name("schema", "a schema name"), b.name("table", "a table name"),
                           f_.index(b)};
    }
    Operation drop_index(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kIndexKeys, "a map such as {table: t, name: ix}");
        DropIndex d{b.opt_name("schema", "a schema name"), b.name("table", "a table name"), {}};
        d.has_definition = !b.has_only({"table", "schema", "name"});
        if (d.has_definition)
            d.index = f_.index(b);
        else
            d.index.name = b.name("name", "an index name");
        return d;
    }
    Operation create_unique(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, with_table(kUniqueKeys), "a map such as {table: t, columns: [a]}");
        return CreateUniqueConstraint{b.opt_name("schema", "a schema name"),
                                      b.name("table", "a table name"), f_.unique(b)};
    }
    Operation create_foreign_key(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, with_table(kForeignKeyKeys),
               "a map such as {table: t, columns: [a], references: other(id)}");
        return CreateForeignKey{b.opt_name("schema", "a schema name"),
                                b.name("table", "a table name"), f_.foreign_key(b)};
    }
    Operation create_check(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, with_table(kCheckKeys), "a map such as {table: t, condition: a > 0}");
        return CreateCheckConstraint{b.opt_name("schema", "a schema name"),
                                     b.name("table", "a table name"), f_.check(b)};
    }
    Operation create_primary_key(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, with_table(kUniqueKeys), "a map such as {table: t, columns: [id]}");
        return CreatePrimaryKey{b.opt_name("schema", "a schema name"),
                                b.name("table", "a table name"), f_.primary_key(b)};
    }
    Operation drop_constraint(const Entry& op, const std::string& what) const;
    Operation create_enum(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kEnumKeys, "a map such as {name: mood, values: [sad, happy]}");
        orm::EnumType e{b.name("name", "an enum name"), b.opt_name("schema", "a schema name"),
                        f_.enum_values(b.need("values"))};
        if (e.values.empty())
            r_.fail(r_.value_at(b.need("values")),
                    "'values' of " + what + " is empty; an enum needs at least one value");
        return CreateEnum{e};
    }
    Operation drop_enum(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kEnumKeys, "a map such as {name: mood}");
        orm::EnumType e{b.name("name", "an enum name"), b.opt_name("schema", "a schema name"), {}};
        if (const Entry* v = b.get("values")) e.values = f_.enum_values(*v);
        return DropEnum{e};
    }
    Operation add_enum_value(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kEnumValueKeys, "a map such as {enum: mood, value: meh}");
        AddEnumValue a{b.opt_name("schema", "a schema name"),
                       b.name("enum", "an enum name"),
                       text(b.need("value")),
                       {},
                       {}};
        if (const Entry* e = b.get("before")) a.before = text(*e);
        if (const Entry* e = b.get("after")) a.after = text(*e);
        if (b.get("before") && b.get("after"))
            r_.fail(r_.at(b.get("after")->key_node),
                    what + " gives both 'before' and 'after'; give at most one");
        if (const Entry* e = b.get("if_not_exists")) a.if_not_exists = r_.boolean(*e);
        return a;
    }
    Operation alter_enum(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kAlterEnumKeys,
               "a map such as {name: mood, values: [sad, happy], existing_values: [sad, ok, "
               "happy]}");
        AlterEnum a{b.opt_name("schema", "a schema name"),
                    b.name("name", "an enum name"),
                    f_.enum_values(b.need("values")),
                    {}};
        if (a.values.empty())
            r_.fail(r_.value_at(b.need("values")),
                    "'values' of " + what + " is empty; an enum needs at least one value");
        if (const Entry* e = b.get("existing_values")) a.existing_values = f_.enum_values(*e);
        return a;
    }
    Operation create_schema(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, {"name"}, "a map such as {name: audit}");
        return CreateSchema{b.name("name", "a schema name")};
    }
    Operation drop_schema(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, {"name"}, "a map such as {name: audit}");
        return DropSchema{b.name("name", "a schema name")};
    }
    Operation set_table_comment(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kCommentKeys, "a map such as {table: t, comment: text}");
        SetTableComment s{b.opt_name("schema", "a schema name"), b.name("table", "a table name"),
                          r_.text(b.need("comment")), std::nullopt};
        if (const Entry* e = b.get("existing_comment")) s.existing_comment = r_.text(*e);
        return s;
    }
    Operation sql(const Entry& op, const std::string& what) const {
        Sql s;
        if (!op.value.IsMap()) {
            s.sql = r_.name(op, "SQL text, or a map {sqlite: ..., postgresql: ...}");
            return s;
        }
        Body b(r_, op, what, kDialectKeys, "");
        for (const std::string& d : kDialectKeys)
            if (b.get(d)) s.per_dialect[d] = b.name(d, "SQL text");
        if (s.per_dialect.empty())
            r_.fail(r_.at(op.key_node), what + " needs SQL text for 'sqlite' or 'postgresql'");
        return s;
    }
    Operation bulk_insert(const Entry& op, const std::string& what) const {
        Body b(r_, op, what, kBulkKeys, "a map such as {table: t, rows: [{id: 1}]}");
        BulkInsert ins{b.opt_name("schema", "a schema name"), b.name("table", "a table name"), {}};
        const Entry& rows = b.need("rows");
        if (lists_ && lists_->is_placeholder(rows.value)) {
            ins.rows = lists_->read(rows, r_, what);
            return ins;
        }
        for (const Entry& item : r_.list_items(rows, "a list of rows such as [{id: 1}]"))
            detail::read_row_node(r_, item, what, &ins.rows);
        return ins;
    }

    /// A non-null scalar's text (enum values may be any text, even blank).
    std::string text(const Entry& e) const {
        std::optional<std::string> t = r_.text(e);
        if (!t) r_.wrong_type(e, "a value (a string)");
        return *t;
    }
    /// `key: text`, `key: null` (nullopt inside) or absent (nullopt outside).
    // A collation name, or null for the database's default (read as "").
    std::optional<std::string> collation(const Body& b, const std::string& key) const {
        const Entry* e = b.get(key);
        if (!e) return std::nullopt;
        if (e->value.IsNull()) return std::string();
        Entry option = *e;
        option.name = "collation";
        orm::Column c;
        orm::detail::read_column_option(r_, option, c);
        return c.collation;
    }
    // true, false or auto, as a model column's `autoincrement` (absent there: auto).
    std::optional<orm::Autoincrement> autoincrement(const Body& b, const std::string& key) const {
        const Entry* e = b.get(key);
        if (!e) return std::nullopt;
        bool plain = e->value.IsScalar() && e->value.Tag() == "?";
        if (plain && e->value.Scalar() == "auto") return orm::Autoincrement::kAuto;
        bool on = false;
        if (!plain || !YAML::convert<bool>::decode(e->value, on))
            r_.wrong_type(*e, "true, false or auto");
        return on ? orm::Autoincrement::kTrue : orm::Autoincrement::kFalse;
    }
    // A map as a model column's `identity`; `{}` is the default identity.
    std::optional<orm::Identity> identity(const Body& b, const std::string& key) const {
        const Entry* e = b.get(key);
        if (!e) return std::nullopt;
        Entry option = *e;
        option.name = "identity";
        orm::Column c;
        orm::detail::read_column_option(r_, option, c);
        return c.identity;
    }
    static std::optional<std::optional<std::string>> change(const Reader& r, const Body& b,
                                                            const std::string& key) {
        const Entry* e = b.get(key);
        if (!e) return std::nullopt;
        return r.text(*e);
    }

    const Reader& r_;
    detail::FieldReader f_;
    detail::RowLists* lists_;
};

const std::vector<std::pair<std::string, OpReader::Parse>>& OpReader::parsers() {
    static const std::vector<std::pair<std::string, Parse>> kParsers = {
        {"create_table", &OpReader::create_table},
        {"drop_table", &OpReader::drop_table},
        {"rename_table", &OpReader::rename_table},
        {"add_column", &OpReader::add_column},
        {"drop_column", &OpReader::drop_column},
        {"alter_column", &OpReader::alter_column},
        {"create_index", &OpReader::create_index},
        {"drop_index", &OpReader::drop_index},
        {"create_unique_constraint", &OpReader::create_unique},
        {"create_foreign_key", &OpReader::create_foreign_key},
        {"create_check_constraint", &OpReader::create_check},
        {"create_primary_key", &OpReader::create_primary_key},
        {"drop_constraint", &OpReader::drop_constraint},
        {"create_enum", &OpReader::create_enum},
        {"drop_enum", &OpReader::drop_enum},
        {"add_enum_value", &OpReader::add_enum_value},
        {"alter_enum", &OpReader::alter_enum},
        {"create_schema", &OpReader::create_schema},
        {"drop_schema", &OpReader::drop_schema},
        {"set_table_comment", &OpReader::set_table_comment},
        {"sql", &OpReader::sql},
        {"bulk_insert", &OpReader::bulk_insert},
    };
    return kParsers;
}

Operation OpReader::item(const Entry& item) const {
    const std::string expected =
        "; each item is a map with one key, the operation's name, such as "
        "{drop_table: {name: users}}";
    if (!item.value.IsMap() || item.value.size() == 0)
        r_.fail(r_.at(item.value), item.label + " is " + Reader::describe(item.value) + expected);
    auto first = item.value.begin();
    const YAML::Node key = first->first;
    if (!key.IsScalar())
        r_.fail(r_.at(key), "expected an operation name in " + item.label + ", got " +
                                Reader::describe(key) + expected);
    const std::string name = key.Scalar();
    Parse parse = nullptr;
    std::string list, hint;
    size_t best = 3;  // as for misspelt keys (model_yaml_reader.h)
    for (const auto& [n, p] : parsers()) {
        if (n == name) parse = p;
        list += (list.empty() ? "" : ", ") + n;
        size_t d = orm::detail::edit_distance(name, n);
        if (d < best && d < n.size()) best = d, hint = n;
    }
    if (!parse)
        r_.fail(r_.at(key), "unknown operation '" + name + "' in " + item.label +
                                (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                "; expected one of " + list);
    const YAML::Node body = first->second;
    if (item.value.size() > 1) {
        const YAML::Node second = (++first)->first;
        r_.fail(r_.at(second), item.label + " has a second key '" +
                                   (second.IsScalar() ? second.Scalar() : std::string("?")) +
                                   "' after '" + name +
                                   "'; an item is one operation: indent the operation's body "
                                   "under its name, and start each operation with its own '-'");
    }
    Entry op{name, "'" + name + "'", key, body, "in " + item.label};
    return (this->*parse)(op, name + " (" + item.label + ")");
}

Operation OpReader::alter_column(const Entry& op, const std::string& what) const {
    Body b(r_, op, what, kAlterKeys, "a map such as {table: t, column: c, nullable: false}");
    AlterColumn a;
    a.schema = b.opt_name("schema", "a schema name");
    a.table = b.name("table", "a table name");
    a.column = b.name("column", "a column name");
    if (const Entry* e = b.get("type")) a.type = f_.type(*e);
    if (const Entry* e = b.get("nullable")) a.nullable = r_.boolean(*e);
    a.server_default = change(r_, b, "server_default");
    a.comment = change(r_, b, "comment");
    if (b.get("new_name")) a.new_name = b.name("new_name", "a column name");
    if (const Entry* e = b.get("existing_type")) a.existing_type = f_.type(*e);
    if (const Entry* e = b.get("existing_nullable")) a.existing_nullable = r_.boolean(*e);
    a.existing_server_default = change(r_, b, "existing_server_default");
    a.existing_comment = change(r_, b, "existing_comment");
    a.collation = collation(b, "collation");
    a.existing_collation = collation(b, "existing_collation");
    a.autoincrement = autoincrement(b, "autoincrement");
    a.existing_autoincrement = autoincrement(b, "existing_autoincrement");
    a.identity = identity(b, "identity");
    a.existing_identity = identity(b, "existing_identity");
    if (!a.type && !a.nullable && !a.server_default && !a.comment && !a.new_name && !a.collation &&
        !a.autoincrement && !a.identity)
        r_.fail(r_.at(op.key_node), what +
                                        " changes nothing; give at least one of type, nullable, "
                                        "server_default, comment, new_name, collation, "
                                        "autoincrement, identity");
    return a;
}

Operation OpReader::drop_constraint(const Entry& op, const std::string& what) const {
    Body b(r_, op, what, kDropConstraintKeys,
           "a map such as {table: t, name: uq_t_a, type: unique}");
    DropConstraint d;
    d.schema = b.opt_name("schema", "a schema name");
    d.table = b.name("table", "a table name");
    d.name = b.opt_name("name", "a constraint name");
    const Entry& type = b.need("type");
    const std::string type_name = r_.name(type, "unique, foreignkey, check or primary");
    const ConstraintKind* kind = nullptr;
    for (const ConstraintKind& k : kConstraintKinds)
        if (type_name == k.name) kind = &k;
    if (!kind)
        r_.fail(r_.value_at(type), "bad constraint type '" + type_name + "' in " + what +
                                       "; expected unique, foreignkey, check or primary");
    d.type = kind->type;
    if (const Entry* def = b.get("definition")) {
        // The definition's name defaults to the op's and is written only when it differs.
        Body db(r_, *def, "'definition' of " + what, *kind->keys,
                "a map of the constraint's keys, such as {columns: [a]}");
        auto named = [&](auto c) {
            if (!db.get("name")) c.name = d.name;
            return c;
        };
        switch (d.type) {
            case ConstraintType::kUnique:
                d.definition = named(f_.unique(db));
                break;
            case ConstraintType::kForeignKey:
                d.definition = named(f_.foreign_key(db));
                break;
            case ConstraintType::kCheck:
                d.definition = named(f_.check(db));
                break;
            case ConstraintType::kPrimaryKey:
                d.definition = named(f_.primary_key(db));
                break;
        }
    }
    if (d.name.empty() && !d.definition && d.type != ConstraintType::kPrimaryKey)
        r_.fail(r_.at(op.key_node), what +
                                        " needs 'name', or a 'definition' naming the unnamed "
                                        "constraint to drop");
    return d;
}

}  // namespace

std::vector<Operation> parse_operations(const orm::detail::Reader& reader,
                                        const orm::detail::Entry& list_entry,
                                        detail::RowLists* row_lists) {
    std::vector<Operation> ops;
    OpReader r(reader, row_lists);
    for (const Entry& item : reader.list_items(
             list_entry, "a list of operations such as [{drop_table: {name: users}}]"))
        ops.push_back(r.item(item));
    return ops;
}

std::vector<Operation> operations_from_yaml(const std::string& yaml_list_text,
                                            const std::string& file) {
    Reader reader(file);
    YAML::Node root;
    try {
        root = YAML::Load(yaml_list_text);
    } catch (const YAML::Exception& e) {
        throw InputError(reader.at(e.mark), "invalid YAML: " + e.msg);
    }
    return parse_operations(reader, Entry{"operations", "the operation list", root, root, ""});
}

}  // namespace migrate::engine
