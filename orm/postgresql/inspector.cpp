#include "orm/postgresql/inspector.h"

#include <algorithm>
#include <cctype>

#include "orm/model_options.h"
#include "orm/postgresql/catalog_queries.h"
#include "orm/postgresql/reflection.h"
#include "orm/postgresql/types.h"
#include "orm/sql_text.h"

namespace migrate::orm::postgresql {

std::string stable_array_casts(const std::string& expr) {
    // PostgreSQL deparses `col IN ('a', 'b')` on a varchar column as
    // `ARRAY['a'::character varying, ...]::text[]`, which it deparses differently once parsed
    // again (`ARRAY['a'::character varying::text, ...]`). Reflect the second, stable form, so
    // that what is created from a reflection reflects back the same.
    static const std::string kOpen = "ARRAY[", kVarchar = "::character varying",
                             kArrayCast = "]::text[]";
    std::string out;
    size_t pos = 0;
    while (true) {
        size_t start = expr.find(kOpen, pos);
        if (start == std::string::npos) break;
        size_t close = std::string::npos;
        char quote = 0;
        for (size_t i = start + kOpen.size(); i < expr.size(); ++i) {
            char c = expr[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == ']') {  // a nested '[' leaves the text as it is
                if (c == ']') close = i;
                break;
            }
        }
        if (close == std::string::npos || expr.compare(close, kArrayCast.size(), kArrayCast) != 0) {
            out += expr.substr(pos, start + kOpen.size() - pos);
            pos = start + kOpen.size();
            continue;
        }
        std::vector<std::string> items =
            split_top_level(expr.substr(start + kOpen.size(), close - start - kOpen.size()));
        bool all_varchar = !items.empty();
        for (const auto& item : items)
            all_varchar =
                all_varchar && item.size() > kVarchar.size() &&
                item.compare(item.size() - kVarchar.size(), kVarchar.size(), kVarchar) == 0;
        if (!all_varchar) {
            out += expr.substr(pos, close + 1 - pos);
            pos = close + 1;
            continue;
        }
        out += expr.substr(pos, start - pos) + kOpen;
        for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i] + "::text";
        out += "]";
        pos = close + kArrayCast.size();
    }
    return out + expr.substr(pos);
}

namespace detail {
namespace {

// A text[] literal for the schema parameter.
std::string array_literal(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& s : items) {
        out += (out.size() > 1 ? ",\"" : "\"");
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

long long number(const std::optional<std::string>& v) { return v ? std::stoll(*v) : 0; }

// The bounds a sequence of `type` gets by default, ascending or descending.
std::pair<long long, long long> default_bounds(const std::string& type, bool ascending) {
    long long max = type == "smallint"  ? 32767LL
                    : type == "integer" ? 2147483647LL
                                        : 9223372036854775807LL;
    long long min = -max - 1;
    return ascending ? std::make_pair(1LL, max) : std::make_pair(min, -1LL);
}

}  // namespace

const std::string& text(const std::optional<std::string>& v) {
    static const std::string empty;
    return v ? *v : empty;
}

bool truth(const std::optional<std::string>& v) { return v && *v == "t"; }

std::vector<std::string> split_list(const std::optional<std::string>& v, char sep) {
    std::vector<std::string> out;
    if (!v) return out;
    size_t start = 0;
    for (size_t i = 0; i <= v->size(); ++i)
        if (i == v->size() || (*v)[i] == sep) {
            out.push_back(v->substr(start, i - start));
            start = i + 1;
        }
    return out;
}

bool storage_from_reloptions(const std::vector<std::string>& reloptions,
                             std::vector<std::pair<std::string, std::string>>* out) {
    bool all = true;
    for (const auto& option : reloptions) {
        size_t eq = option.find('=');
        std::string name = option.substr(0, eq),
                    value = eq == std::string::npos ? "" : option.substr(eq + 1);
        bool plain_value = !value.empty();
        for (char c : value)
            plain_value = plain_value && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                                          c == '.' || c == '-' || c == '+');
        if (orm::detail::is_plain_word(name) && plain_value)
            out->emplace_back(name, value);
        else
            all = false;
    }
    return all;
}

std::vector<Row> Reflection::rows(const char* sql) { return conn_.query(sql, {param_}).rows; }

void Reflection::unmanaged(const std::string& kind, const std::string& schema,
                           const std::string& name, const std::string& table) {
    out_.unmanaged.push_back({kind, schema_of(schema), name, table});
}

void Reflection::not_modelled(size_t table, const std::string& object,
                              const std::string& definition) {
    out_.not_modelled.push_back({out_.metadata.tables[table].qualified_name(), object, definition});
}

Table* Reflection::table(const std::optional<std::string>& oid, size_t* index) {
    auto it = by_oid_.find(text(oid));
    if (it == by_oid_.end()) return nullptr;
    if (index) *index = it->second;
    return &out_.metadata.tables[it->second];
}

ReflectedSchema Reflection::run() {
    read_schemas();
    read_relations();
    read_columns();
    read_constraints();
    read_indexes();
    read_enums();
    read_other_objects();
    for (size_t i = 0; i < out_.metadata.tables.size(); ++i) finish_table(i);
    guard();
    return std::move(out_);
}

void Reflection::read_schemas() {
    Row r = conn_.query(catalog::kSchemas).rows.at(0);
    // No schema on the search_path exists: nothing is "default"; read public as before.
    current_schema_ = r[0] ? *r[0] : "public";
    out_.default_schema = current_schema_;
    std::vector<std::string> schemas = requested_;
    if (schemas.empty()) schemas.push_back("");
    for (auto& s : schemas)
        if (s.empty()) s = current_schema_;
    param_ = array_literal(schemas);
    for (const auto& name : split_list(r[2]))
        if (std::find(schemas.begin(), schemas.end(), name) != schemas.end())
            out_.schemas.push_back(name);
    for (const auto& item : split_list(r[1])) {
        size_t sep = item.find('\x1e');
        std::string name = item.substr(0, sep);
        if (std::find(schemas.begin(), schemas.end(), name) == schemas.end())
            out_.unread_schemas.emplace_back(name, std::stoul(item.substr(sep + 1)));
    }
}

void Reflection::read_relations() {
    for (const auto& r : rows(catalog::kRelations)) {
        const std::string &oid = text(r[0]), &schema = text(r[1]), &name = text(r[2]);
        char kind = text(r[3]).empty() ? '?' : text(r[3])[0];
        std::string what;
        if (kind == 'r' && truth(r[4]))
            what = "partition";
        else if (kind == 'r' && truth(r[6]))
            what = "inherited table";
        else if (kind == 'p')
            what = "partitioned table";
        else if (kind == 'v')
            what = "view";
        else if (kind == 'm')
            what = "materialized view";
        else if (kind == 'f')
            what = "foreign table";
        else if (kind == 'S')
            what = truth(r[7]) ? "" : "sequence";
        if (kind == 'S' && what.empty()) continue;  // owned by a column: part of it
        if (!what.empty()) {
            unmanaged(what, schema, name);
            continue;
        }
        Table t;
        t.name = name;
        t.schema = schema_of(schema);
        t.comment = r[5];
        TableFacts f;
        f.schema = schema;
        f.persistence = text(r[8]).empty() ? 'p' : text(r[8])[0];
        f.reloptions = split_list(r[9]);
        f.toast_reloptions = split_list(r[10]);
        f.tablespace = text(r[11]);
        f.row_security = truth(r[12]);
        f.force_row_security = truth(r[13]);
        f.replica_identity = text(r[14]).empty() ? 'd' : text(r[14])[0];
        f.access_method = text(r[15]);
        f.visible = truth(r[16]);
        t.unlogged = f.persistence == 'u';
        storage_from_reloptions(f.reloptions, &t.storage);
        std::vector<std::string> toast;
        for (const auto& o : f.toast_reloptions) toast.push_back("toast." + o);
        storage_from_reloptions(toast, &t.storage);
        table_oid_.push_back(oid);
        facts_.push_back(std::move(f));
        out_.metadata.tables.push_back(std::move(t));
    }
    for (size_t i = 0; i < table_oid_.size(); ++i) by_oid_[table_oid_[i]] = i;
}

void Reflection::read_columns() {
    static const char* const kStorage[][2] = {
        {"p", "PLAIN"}, {"e", "EXTERNAL"}, {"m", "MAIN"}, {"x", "EXTENDED"}};
    for (const auto& r : rows(catalog::kColumns)) {
        size_t ti = 0;
        Table* t = table(r[0], &ti);
        if (!t) continue;
        Column c;
        c.name = text(r[1]);
        c.type = type_from_catalog(text(r[2]), text(r[8]));
        c.nullable = !truth(r[3]);
        c.comment = r[7];
        const std::string object = "column " + c.name;
        const std::string& identity = text(r[5]);
        bool serial = r[9].has_value();
        if (!text(r[6]).empty()) {
            c.generated = Generated{text(r[10]), text(r[6]) == "s"};
        } else if (!identity.empty() || serial) {
            c.autoincrement = Autoincrement::kTrue;  // settled once the key is known
            c.identity.always = identity == "a";
            long long increment = number(r[13]);
            if (r[12] && increment != 0) {
                auto [min, max] = default_bounds(text(r[18]), increment > 0);
                if (number(r[12]) != (increment > 0 ? 1 : -1)) c.identity.start = number(r[12]);
                if (increment != 1) c.identity.increment = increment;
                if (number(r[14]) != min || number(r[15]) != max || number(r[16]) != 1 ||
                    truth(r[17]))
                    not_modelled(ti, object,
                                 "sequence options MINVALUE " + text(r[14]) + " MAXVALUE " +
                                     text(r[15]) + " CACHE " + text(r[16]) +
                                     (truth(r[17]) ? " CYCLE" : " NO CYCLE"));
            }
        } else if (r[4]) {
            c.server_default = *r[4];
        }
        const std::string& collation = text(r[11]);
        if (!collation.empty()) {
            // A name the model file can carry: one plain word, or schema.word.
            if (orm::detail::is_plain_word(collation) &&
                std::count(collation.begin(), collation.end(), '.') <= 1)
                c.collation = collation;
            else
                not_modelled(ti, object, "COLLATE " + collation);
        }
        if (!text(r[19]).empty()) not_modelled(ti, object, "SET (" + text(r[19]) + ")");
        if (r[20] && text(r[20]) != "-1") not_modelled(ti, object, "SET STATISTICS " + text(r[20]));
        if (truth(r[21]))
            for (const auto& s : kStorage)
                if (text(r[22]) == s[0])
                    not_modelled(ti, object, std::string("SET STORAGE ") + s[1]);
        if (!text(r[23]).empty())
            not_modelled(ti, object,
                         std::string("SET COMPRESSION ") + (text(r[23]) == "l" ? "lz4" : "pglz"));
        t->columns.push_back(std::move(c));
    }
}

void Reflection::read_enums() {
    for (const auto& r : rows(catalog::kEnums))
        out_.metadata.enums.push_back({text(r[1]), schema_of(text(r[0])), split_list(r[2])});
}

void Reflection::read_other_objects() {
    for (const auto& r : rows(catalog::kOtherObjects))
        unmanaged(text(r[0]), text(r[1]), text(r[2]), text(r[3]));
}

void Reflection::finish_table(size_t i) {
    Table& t = out_.metadata.tables[i];
    // Identity or serial on the table's single integer key is the default; elsewhere it is
    // said explicitly. A single integer key without one must say it has none.
    const Column* key =
        t.primary_key.columns.size() == 1 ? t.find_column(t.primary_key.columns[0]) : nullptr;
    for (auto& c : t.columns) {
        bool is_key = &c == key && c.type.is_integer();
        if (is_key)
            c.autoincrement = c.autoincrement == Autoincrement::kTrue ? Autoincrement::kAuto
                                                                      : Autoincrement::kFalse;
    }
    std::sort(t.unique_constraints.begin(), t.unique_constraints.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(t.checks.begin(), t.checks.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto& [owner, fk] : pending_fks_) {
        if (owner != i) continue;
        if (out_.metadata.find_table(fk.referred_table, fk.referred_schema))
            t.foreign_keys.push_back(fk);
        else
            for (const auto& c : constraints_)
                if (c.table == i && c.kind == 'f' && c.name == fk.name)
                    not_modelled(i, "foreign key " + fk.name + " (to a table not read)",
                                 c.definition);
    }
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
}

}  // namespace detail

ReflectedSchema PgInspector::reflect(Connection& conn, const ReflectOptions& options) const {
    // "" (and no schema at all) is the connection's default schema, current_schema().
    return detail::Reflection(conn, options.schemas).run();
}

std::vector<std::string> user_schemas(Connection& conn) {
    std::vector<std::string> out;
    for (const auto& r : conn.query(R"sql(
            SELECT n.nspname FROM pg_namespace n
            WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                              AND d.objid = n.oid AND d.deptype = 'e')
            ORDER BY 1)sql")
                             .rows)
        out.push_back(detail::text(r[0]));
    return out;
}

}  // namespace migrate::orm::postgresql
