// The optional keys model files and revision files share; see model_options.h.

#include "orm/model_options.h"

#include <cerrno>
#include <cstdlib>

#include "orm/model_table_writer.h"

namespace migrate::orm::detail {
namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool read_deferral(const Reader& r, const Entry& k, Deferral& d) {
    if (k.name == "deferrable") return d.deferrable = r.boolean(k), true;
    if (k.name == "initially_deferred") {
        d.initially_deferred = r.boolean(k);
        if (d.initially_deferred) d.deferrable = true;  // INITIALLY DEFERRED implies DEFERRABLE
        return true;
    }
    return false;
}

std::string word(const Reader& r, const Entry& k, const std::string& expected) {
    std::string text = r.name(k, expected);
    if (!is_plain_word(text))
        r.fail(r.value_at(k), "bad " + k.label + " '" + text + "' " + k.where + ": expected " +
                                  expected + " (letters, digits and _ only)");
    return text;
}

long long integer(const Reader& r, const Entry& k) {
    std::string text = r.name(k, "an integer");
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno == ERANGE || end == text.c_str() || *end != '\0') r.wrong_type(k, "an integer");
    return v;
}

std::vector<std::pair<std::string, std::string>> storage(const Reader& r, const Entry& k) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Entry& p : r.map_entries(k, k.where, nullptr, "storage parameter",
                                        "a map such as {fillfactor: 70}")) {
        if (!is_plain_word(p.name))
            r.fail(r.at(p.key_node), "bad storage parameter name '" + p.name + "' " + k.where);
        std::string value = r.name(p, "a value such as 70 or off");
        for (char c : value)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-' &&
                c != '+')
                r.fail(r.value_at(p), "bad value '" + value + "' for storage parameter '" + p.name +
                                          "' " + k.where + ": expected a number or a word");
        out.emplace_back(p.name, value);
    }
    if (out.empty()) r.wrong_type(k, "a non-empty map such as {fillfactor: 70}");
    return out;
}

}  // namespace


Keys with_keys(Keys keys, const Keys& more) {
    keys.insert(keys.end(), more.begin(), more.end());
    return keys;
}

bool is_plain_word(const std::string& text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$' && c != '.' &&
            c != '-')
            return false;
    return true;
}

bool read_column_option(const Reader& r, const Entry& k, Column& c) {
    if (k.name == "collation") {
        c.collation = word(r, k, "a collation name such as NOCASE or C");
    } else if (k.name == "generated") {
        Generated g;
        if (k.value.IsScalar()) {
            g.expression = r.name(k, "SQL text");
        } else {
            const Keys keys = {"expression", "stored"};
            bool has_expression = false;
            for (const Entry& e : r.map_entries(k, "in " + k.label + " " + k.where, &keys, "key",
                                                "SQL text or {expression: ..., stored: true}")) {
                if (e.name == "expression")
                    g.expression = r.name(e, "SQL text"), has_expression = true;
                if (e.name == "stored") g.stored = r.boolean(e);
            }
            if (!has_expression)
                r.fail(r.value_at(k), k.label + " " + k.where + " has no 'expression'");
        }
        c.generated = g;
    } else if (k.name == "identity") {
        const Keys keys = {"always", "start", "increment"};
        for (const Entry& e : r.map_entries(k, "in " + k.label + " " + k.where, &keys, "key",
                                            "a map such as {always: true, start: 100}")) {
            if (e.name == "always") c.identity.always = r.boolean(e);
            if (e.name == "start") c.identity.start = integer(r, e);
            if (e.name == "increment") c.identity.increment = integer(r, e);
        }
        if (c.identity.increment && *c.identity.increment == 0)
            r.fail(r.value_at(k), "identity increment " + k.where + " cannot be 0");
    } else {
        return false;
    }
    return true;
}

bool read_option(const Reader& r, const Entry& k, PrimaryKey& pk) {
    return read_deferral(r, k, pk.deferral);
}

bool read_option(const Reader& r, const Entry& k, UniqueConstraint& uq) {
    if (k.name == "nulls_not_distinct") return uq.nulls_not_distinct = r.boolean(k), true;
    return read_deferral(r, k, uq.deferral);
}

bool read_option(const Reader& r, const Entry& k, ForeignKey& fk) {
    if (k.name == "not_valid") return fk.not_valid = r.boolean(k), true;
    if (k.name == "match") {
        std::string m = upper(r.name(k, "FULL or SIMPLE"));
        if (m != "FULL" && m != "SIMPLE")
            r.fail(r.value_at(k), "bad 'match' " + k.where + ": expected FULL or SIMPLE");
        fk.match = m == "FULL" ? m : "";
        return true;
    }
    return read_deferral(r, k, fk.deferral);
}

bool read_option(const Reader& r, const Entry& k, CheckConstraint& ck) {
    if (k.name == "no_inherit") return ck.no_inherit = r.boolean(k), true;
    if (k.name == "not_valid") return ck.not_valid = r.boolean(k), true;
    return false;
}

bool read_option(const Reader& r, const Entry& k, Index& ix) {
    if (k.name == "nulls_not_distinct") return ix.nulls_not_distinct = r.boolean(k), true;
    if (k.name == "with") return ix.storage = storage(r, k), true;
    return false;
}

bool read_option(const Reader& r, const Entry& k, Table& t) {
    if (k.name == "without_rowid") return t.without_rowid = r.boolean(k), true;
    if (k.name == "strict") return t.strict = r.boolean(k), true;
    if (k.name == "unlogged") return t.unlogged = r.boolean(k), true;
    if (k.name == "with") return t.storage = storage(r, k), true;
    return false;
}

IndexElement read_index_element(const Reader& r, const Entry& item, bool expression) {
    IndexElement e;
    e.expression = expression;
    const char* what = expression ? "expression" : "column";
    if (item.value.IsScalar()) {
        e.text = r.name(item, expression ? "SQL text" : "a column name");
        return e;
    }
    const Keys keys = {what, "order", "nulls", "opclass", "collation"};
    bool has_text = false;
    for (const Entry& k :
         r.map_entries(item, "in " + item.label + " " + item.where, &keys, "key",
                       std::string("a name or a map such as {") + what + ": x, order: desc}")) {
        if (k.name == what) {
            e.text = r.name(k, expression ? "SQL text" : "a column name");
            has_text = true;
        } else if (k.name == "order") {
            std::string o = lower(r.name(k, "asc or desc"));
            if (o != "asc" && o != "desc")
                r.fail(r.value_at(k), "bad 'order' " + k.where + ": expected asc or desc");
            e.descending = o == "desc";
        } else if (k.name == "nulls") {
            std::string n = upper(r.name(k, "first or last"));
            if (n != "FIRST" && n != "LAST")
                r.fail(r.value_at(k), "bad 'nulls' " + k.where + ": expected first or last");
            e.nulls = n;
        } else if (k.name == "opclass") {
            e.opclass = word(r, k, "an operator class name such as text_pattern_ops");
        } else {
            e.collation = word(r, k, "a collation name");
        }
    }
    if (!has_text)
        r.fail(r.at(item.value), item.label + " " + item.where + " has no '" + what + "'");
    return e;
}

namespace {

YAML::Emitter& key(YAML::Emitter& out, const char* k) { return out << YAML::Key << k; }

void flag(YAML::Emitter& out, const char* k, bool on) {
    if (on) key(out, k) << YAML::Value << true;
}

void deferral(YAML::Emitter& out, const Deferral& d) {
    if (d.initially_deferred)
        flag(out, "initially_deferred", true);
    else
        flag(out, "deferrable", d.deferrable);
}

void storage(YAML::Emitter& out, const std::vector<std::pair<std::string, std::string>>& s) {
    if (s.empty()) return;
    key(out, "with") << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [name, value] : s) write_text(out << YAML::Key << name << YAML::Value, value);
    out << YAML::EndMap;
}

}  // namespace

void write_options(YAML::Emitter& out, const Column& c) {
    if (!c.collation.empty()) write_text(key(out, "collation") << YAML::Value, c.collation);
    if (c.generated) {
        key(out, "generated") << YAML::Value;
        if (c.generated->stored) {
            write_text(out, c.generated->expression);
        } else {
            write_text(
                out << YAML::Flow << YAML::BeginMap << YAML::Key << "expression" << YAML::Value,
                c.generated->expression);
            out << YAML::Key << "stored" << YAML::Value << false << YAML::EndMap;
        }
    }
    if (!c.identity.is_default()) {
        key(out, "identity") << YAML::Value << YAML::Flow << YAML::BeginMap;
        flag(out, "always", c.identity.always);
        if (c.identity.start) out << YAML::Key << "start" << YAML::Value << *c.identity.start;
        if (c.identity.increment)
            out << YAML::Key << "increment" << YAML::Value << *c.identity.increment;
        out << YAML::EndMap;
    }
}

void write_options(YAML::Emitter& out, const PrimaryKey& pk) { deferral(out, pk.deferral); }

void write_options(YAML::Emitter& out, const UniqueConstraint& uq) {
    deferral(out, uq.deferral);
    flag(out, "nulls_not_distinct", uq.nulls_not_distinct);
}

void write_options(YAML::Emitter& out, const ForeignKey& fk) {
    if (!fk.match.empty()) write_text(key(out, "match") << YAML::Value, fk.match);
    deferral(out, fk.deferral);
    flag(out, "not_valid", fk.not_valid);
}

void write_options(YAML::Emitter& out, const CheckConstraint& ck) {
    flag(out, "no_inherit", ck.no_inherit);
    flag(out, "not_valid", ck.not_valid);
}

void write_options(YAML::Emitter& out, const Index& ix) {
    flag(out, "nulls_not_distinct", ix.nulls_not_distinct);
    storage(out, ix.storage);
}

void write_options(YAML::Emitter& out, const Table& t) {
    flag(out, "without_rowid", t.without_rowid);
    flag(out, "strict", t.strict);
    flag(out, "unlogged", t.unlogged);
    storage(out, t.storage);
}

void write_index_element(YAML::Emitter& out, const IndexElement& e) {
    if (!e.has_options()) {
        write_text(out, e.text);
        return;
    }
    out << YAML::Flow << YAML::BeginMap;
    write_text(out << YAML::Key << (e.expression ? "expression" : "column") << YAML::Value, e.text);
    if (e.descending) out << YAML::Key << "order" << YAML::Value << "desc";
    if (!e.nulls.empty()) out << YAML::Key << "nulls" << YAML::Value << lower(e.nulls);
    if (!e.opclass.empty()) write_text(out << YAML::Key << "opclass" << YAML::Value, e.opclass);
    if (!e.collation.empty())
        write_text(out << YAML::Key << "collation" << YAML::Value, e.collation);
    out << YAML::EndMap;
}

}  // namespace migrate::orm::detail
