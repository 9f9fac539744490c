// Reading the shared parts of operations; see op_yaml_fields.h.

#include "migrations_engine/ops/op_yaml_fields.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "orm/model_options.h"
#include "orm/model_table_parser.h"
#include "orm/schema/keywords.h"
#include "orm/schema/naming.h"
#include "orm/sql_text.h"

namespace migrate::engine::detail {
namespace {

using orm::join;
using orm::detail::trim;

const Keys kTableKeys =
    orm::detail::with_keys({"name", "schema", "renamed_from", "comment", "columns", "primary_key",
                            "indexes", "unique_constraints", "foreign_keys", "checks"},
                           orm::detail::kTableOptionKeys);
const Keys kColumnKeys = orm::detail::with_keys(
    {"name", "type", "nullable", "server_default", "comment", "autoincrement"},
    orm::detail::kColumnOptionKeys);

/// Reads every option key `keys` lists that `b` has into `object`.
template <typename T>
void read_options(const Reader& r, const Body& b, const Keys& keys, T& object) {
    for (const auto& k : keys)
        if (const Entry* e = b.get(k)) orm::detail::read_option(r, *e, object);
}

bool digits(const std::string& s, size_t& i) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start;
}

/// YAML 1.2 core schema: `[-+]?[0-9]+`.
bool is_integer(const std::string& s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    return digits(s, i) && i == s.size();
}

/// YAML 1.2 core schema: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
bool is_float(const std::string& s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!digits(s, i)) return false;
    } else {
        if (!digits(s, i)) return false;
        if (i < s.size() && s[i] == '.') ++i, digits(s, i);
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        if (!digits(s, i)) return false;
    }
    return i == s.size();
}

bool one_of(const std::string& s, std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return s == w; });
}

}  // namespace

Body::Body(const Reader& r, const Entry& entry, std::string what, const Keys& allowed,
           const std::string& expected)
    : r_(r), entry_(entry), what_(std::move(what)) {
    for (Entry& e : r.map_entries(entry, "in " + what_, &allowed, "key", expected))
        keys_.emplace(e.name, std::move(e));
}

const Entry* Body::get(const std::string& key) const {
    auto it = keys_.find(key);
    return it == keys_.end() ? nullptr : &it->second;
}

const Entry& Body::need(const std::string& key) const {
    if (const Entry* e = get(key)) return *e;
    r_.fail(r_.at(entry_.key_node), what_ + " needs '" + key + "'");
}

std::string Body::name(const std::string& key, const std::string& expected) const {
    return r_.name(need(key), expected);
}

std::string Body::opt_name(const std::string& key, const std::string& expected) const {
    const Entry* e = get(key);
    return e ? r_.name(*e, expected) : std::string();
}

bool Body::has_only(const Keys& keys) const {
    return std::all_of(keys_.begin(), keys_.end(), [&](const auto& kv) {
        return std::find(keys.begin(), keys.end(), kv.first) != keys.end();
    });
}

orm::Table FieldReader::table(const Entry& op, const std::string& what) const {
    const std::vector<Entry> entries =
        r_.map_entries(op, "in " + what, &kTableKeys, "key",
                       "a map such as {name: users, columns: {id: {type: Integer}}}");
    // The rest is a model table body: parse_table checks it, keyed by the `name` value. The
    // entries keep their nodes, so positions in messages stay those of the file.
    const Entry* name = nullptr;
    YAML::Node rest(YAML::NodeType::Map);
    for (const Entry& e : entries) {
        if (e.name == "name")
            name = &e;
        else
            rest.force_insert(e.key_node, e.value);
    }
    if (!name) r_.fail(r_.at(op.key_node), what + " needs 'name'");
    const std::string table_name = r_.name(*name, "a table name");
    orm::detail::ParsedTable pt = orm::detail::parse_table(
        r_, Entry{table_name, "'" + table_name + "'", name->value, rest, "in " + what});
    std::map<std::string, SourceLocation> seen;
    for (size_t i = 0; i < pt.table.indexes.size(); ++i) {
        orm::Index& ix = pt.table.indexes[i];
        if (ix.name.empty())
            ix.name = orm::default_index_name({}, {pt.table.name, ix.column_names(), "", ""});
        auto [it, fresh] = seen.emplace(ix.name, pt.index_at[i]);
        if (!fresh)
            r_.fail(pt.index_at[i], "duplicate index name '" + ix.name + "' in table '" +
                                        pt.table.name + "' (first at " + it->second.str() + ")");
    }
    return pt.table;
}

orm::SqlType FieldReader::type(const Entry& e) const {
    std::string text = r_.name(e, "a type such as Integer or String(40)"), error;
    std::optional<orm::SqlType> t = orm::SqlType::parse(text, &error);
    if (!t) r_.fail(r_.value_at(e), error);
    return *t;
}

orm::Column FieldReader::column(const Entry& e, const std::string& what) const {
    Body b(r_, e, "'" + e.name + "' of " + what, kColumnKeys,
           "a map such as {name: email, type: String(120)}");
    orm::Column c;
    c.name = b.name("name", "a column name");
    c.type = type(b.need("type"));
    if (const Entry* k = b.get("nullable")) c.nullable = r_.boolean(*k);
    if (const Entry* k = b.get("server_default")) c.server_default = r_.text(*k);
    if (const Entry* k = b.get("comment")) c.comment = r_.text(*k);
    if (const Entry* k = b.get("autoincrement"))
        c.autoincrement = r_.boolean(*k) ? orm::Autoincrement::kTrue : orm::Autoincrement::kFalse;
    for (const auto& k : orm::detail::kColumnOptionKeys)
        if (const Entry* e = b.get(k)) orm::detail::read_column_option(r_, *e, c);
    return c;
}

std::vector<std::string> FieldReader::names(const Entry& e,
                                            const std::string& expected_item) const {
    const std::string expected = "a non-empty list such as [a, b]";
    if (!e.value.IsSequence() || e.value.size() == 0) r_.wrong_type(e, expected);
    std::vector<std::string> out;
    for (const Entry& item : r_.list_items(e, expected)) {
        std::string n = r_.name(item, expected_item);
        if (std::find(out.begin(), out.end(), n) != out.end())
            r_.fail(r_.at(item.value), "'" + n + "' is listed twice in " + e.label + " " + e.where);
        out.push_back(n);
    }
    return out;
}

std::vector<std::string> FieldReader::enum_values(const Entry& e) const {
    if (!e.value.IsSequence()) r_.wrong_type(e, "a list of values such as [sad, ok]");
    std::vector<std::string> out;
    for (const Entry& item : r_.list_items(e, "")) {
        std::optional<std::string> v = r_.text(item);
        if (!v) r_.wrong_type(item, "a value (a string)");
        if (std::find(out.begin(), out.end(), *v) != out.end())
            r_.fail(r_.at(item.value),
                    "duplicate value '" + *v + "' in " + e.label + " " + e.where);
        out.push_back(*v);
    }
    return out;
}

std::string FieldReader::action(const Entry& e) const {
    std::string text = r_.name(e, "a referential action such as CASCADE"), out;
    if (!orm::normalize_referential_action(text, &out))
        r_.fail(r_.value_at(e), "bad referential action '" + text + "' for " + e.label + " " +
                                    e.where +
                                    "; expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or "
                                    "NO ACTION");
    return out;
}

orm::UniqueConstraint FieldReader::unique(const Body& b) const {
    orm::UniqueConstraint uq;
    uq.name = b.opt_name("name", "a constraint name");
    uq.columns = names(b.need("columns"), "a column name");
    read_options(r_, b, orm::detail::kUniqueOptionKeys, uq);
    return uq;
}

orm::CheckConstraint FieldReader::check(const Body& b) const {
    orm::CheckConstraint ck;
    ck.name = b.opt_name("name", "a constraint name");
    ck.condition = b.name("condition", "SQL text");
    read_options(r_, b, orm::detail::kCheckOptionKeys, ck);
    return ck;
}

orm::PrimaryKey FieldReader::primary_key(const Body& b) const {
    orm::PrimaryKey pk;
    pk.name = b.opt_name("name", "a constraint name");
    pk.columns = names(b.need("columns"), "a column name");
    read_options(r_, b, orm::detail::kPrimaryKeyOptionKeys, pk);
    return pk;
}

orm::ForeignKey FieldReader::foreign_key(const Body& b) const {
    orm::ForeignKey fk;
    fk.name = b.opt_name("name", "a constraint name");
    fk.columns = names(b.need("columns"), "a column name");
    orm::detail::read_references(r_, b.need("references"), "in " + b.what(), fk);
    if (const Entry* e = b.get("ondelete")) fk.on_delete = action(*e);
    if (const Entry* e = b.get("onupdate")) fk.on_update = action(*e);
    read_options(r_, b, orm::detail::kForeignKeyOptionKeys, fk);
    return fk;
}

orm::Index FieldReader::index(const Body& b) const {
    orm::Index ix;
    ix.name = b.name("name", "an index name");
    const Entry* columns = b.get("columns");
    const Entry* expressions = b.get("expressions");
    if (!columns == !expressions)
        r_.fail(r_.at(b.entry().key_node),
                b.what() + " needs exactly one of 'columns' or 'expressions'");
    const Entry& list = columns ? *columns : *expressions;
    const std::string expected = "a non-empty list such as [a, b]";
    if (!list.value.IsSequence() || list.value.size() == 0) r_.wrong_type(list, expected);
    for (const Entry& item : r_.list_items(list, expected))
        ix.elements.push_back(orm::detail::read_index_element(r_, item, !columns));
    if (const Entry* e = b.get("unique")) ix.unique = r_.boolean(*e);
    if (const Entry* e = b.get("where")) ix.where = r_.text(*e).value_or("");
    if (const Entry* e = b.get("using")) {
        ix.method = r_.name(*e, "an index method such as gin");
        if (!orm::is_index_method(ix.method))
            r_.fail(r_.value_at(*e), "bad index method '" + ix.method + "' in " + b.what() + "; " +
                                         orm::index_method_hint());
    }
    if (const Entry* e = b.get("include")) ix.include = names(*e, "a column name");
    read_options(r_, b, orm::detail::kIndexOptionKeys, ix);
    return ix;
}

orm::Value scalar_value(const std::string& s, bool plain, ValueProblem* problem) {
    *problem = ValueProblem::kNone;
    if (!plain) return s;  // quoted, or a block scalar: text
    // Only these first characters start a boolean, a number, .inf or .nan: the rest is text
    // without comparing it with every spelling (a large bulk_insert has millions of values).
    const char c = s.empty() ? '\0' : s[0];
    if (!(c >= '0' && c <= '9') && std::string_view("tTfF+-.").find(c) == std::string_view::npos)
        return s;
    if ((c == 't' || c == 'T') && one_of(s, {"true", "True", "TRUE"})) return true;
    if ((c == 'f' || c == 'F') && one_of(s, {"false", "False", "FALSE"})) return false;
    if (is_integer(s)) {
        errno = 0;
        long long v = std::strtoll(s.c_str(), nullptr, 10);
        if (errno == ERANGE) *problem = ValueProblem::kIntegerRange;
        return static_cast<std::int64_t>(v);
    }
    if (is_float(s)) {
        errno = 0;
        double v = std::strtod(s.c_str(), nullptr);
        if (errno == ERANGE && std::isinf(v)) *problem = ValueProblem::kRealRange;
        return v;
    }
    // SQL has no literal for them that every real type reads: refuse rather than guess.
    if (one_of(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                   ".nan", ".NaN", ".NAN"}))
        *problem = ValueProblem::kNonFinite;
    return s;
}

std::string value_problem(ValueProblem problem, const std::string& s, const std::string& what) {
    switch (problem) {
        case ValueProblem::kIntegerRange:
            return "integer " + s + " for " + what +
                   " is out of range; quote it to insert it as text";
        case ValueProblem::kRealRange:
            return "number " + s + " for " + what +
                   " is too large for a double; quote it to insert it as text";
        case ValueProblem::kNonFinite:
            return "'" + s + "' for " + what +
                   " is not a finite number, which bulk_insert cannot write; quote it to insert "
                   "text, or use a `sql` operation";
        case ValueProblem::kNone:
            break;
    }
    return {};
}

orm::Value FieldReader::value(const Entry& e) const {
    if (e.value.IsNull()) return nullptr;
    if (!e.value.IsScalar()) r_.wrong_type(e, "a value (null, a number, true, false or text)");
    ValueProblem problem;
    orm::Value v = scalar_value(e.value.Scalar(), e.value.Tag() == "?", &problem);
    if (problem != ValueProblem::kNone)
        r_.fail(r_.value_at(e), value_problem(problem, e.value.Scalar(), e.label + " " + e.where));
    return v;
}

}  // namespace migrate::engine::detail
