#include "orm/postgresql/inspector.h"

#include <algorithm>
#include <map>
#include <set>

#include "orm/postgresql/catalog_queries.h"
#include "orm/postgresql/types.h"
#include "orm/sql_text.h"

namespace migrate::orm::postgresql {
namespace {

using Row = std::vector<std::optional<std::string>>;

const std::string& text(const std::optional<std::string>& v) {
    static const std::string empty;
    return v ? *v : empty;
}

bool truth(const std::optional<std::string>& v) { return v && *v == "t"; }

std::vector<std::string> split_names(const std::optional<std::string>& v) {
    std::vector<std::string> out;
    if (!v) return out;
    size_t start = 0;
    for (size_t i = 0; i <= v->size(); ++i)
        if (i == v->size() || (*v)[i] == catalog::kSeparator) {
            out.push_back(v->substr(start, i - start));
            start = i + 1;
        }
    return out;
}

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

std::string action(const std::string& code) {
    switch (code.empty() ? 'a' : code[0]) {
        case 'r':
            return "RESTRICT";
        case 'c':
            return "CASCADE";
        case 'n':
            return "SET NULL";
        case 'd':
            return "SET DEFAULT";
        default:
            return "";
    }
}

// "CHECK (a > 0) NOT VALID" -> "a > 0"
std::string check_condition(const std::string& def) {
    size_t open = def.find('(');
    size_t close = open == std::string::npos ? open : matching_paren(def, open);
    if (close == std::string::npos) return def;
    return stable_array_casts(trim_copy(def.substr(open + 1, close - open - 1)));
}

}  // namespace

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

namespace {

struct Relation {
    std::string schema, name, kind;
    Table* table = nullptr;  // set for managed tables
};

class Reflection {
  public:
    Reflection(Connection& conn, std::vector<std::string> schemas)
        : conn_(conn), schemas_(std::move(schemas)), param_{array_literal(schemas_)} {}

    ReflectedSchema run() {
        read_relations();
        read_columns();
        read_constraints();
        read_indexes();
        read_enums();
        read_other_objects();
        for (auto& t : out_.metadata.tables) finish_table(t);
        return std::move(out_);
    }

  private:
    std::vector<Row> rows(const char* sql) { return conn_.query(sql, {param_}).rows; }

    std::string schema_of(const std::string& nspname) const {
        return nspname == current_schema_ ? std::string() : nspname;
    }

    void unmanaged(const std::string& kind, const std::string& schema, const std::string& name,
                   const std::string& table = "") {
        out_.unmanaged.push_back({kind, schema_of(schema), name, table});
    }

    void read_relations() {
        std::vector<Row> rs = rows(catalog::kRelations);
        for (const auto& r : rs) {
            current_schema_ = text(r[8]);
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
            table_oid_.push_back(oid);
            out_.metadata.tables.push_back(std::move(t));
        }
        for (size_t i = 0; i < table_oid_.size(); ++i) by_oid_[table_oid_[i]] = i;
    }

    Table* table(const std::optional<std::string>& oid) {
        auto it = by_oid_.find(text(oid));
        return it == by_oid_.end() ? nullptr : &out_.metadata.tables[it->second];
    }

    void read_columns() {
        for (const auto& r : rows(catalog::kColumns)) {
            Table* t = table(r[0]);
            if (!t) continue;
            Column c;
            c.name = text(r[1]);
            c.type = type_from_catalog(text(r[2]), text(r[8]));
            c.nullable = !truth(r[3]);
            c.comment = r[7];
            bool identity = !text(r[5]).empty();
            bool serial = r[9].has_value();
            if (!text(r[6]).empty()) {  // generated column: not modelled yet
                unmanaged("generated column", "", c.name, t->name);
                continue;
            }
            if (identity || serial) {
                c.autoincrement = Autoincrement::kTrue;  // settled once the key is known
            } else if (r[4]) {
                c.server_default = *r[4];
            }
            t->columns.push_back(std::move(c));
        }
    }

    void read_constraints() {
        for (const auto& r : rows(catalog::kConstraints)) {
            Table* t = table(r[0]);
            if (!t) continue;
            const std::string& name = text(r[1]);
            char kind = text(r[2]).empty() ? '?' : text(r[2])[0];
            std::vector<std::string> cols = split_names(r[3]);
            if (kind == 'p') {
                t->primary_key = {name == t->name + "_pkey" ? "" : name, cols};
            } else if (kind == 'u') {
                t->unique_constraints.push_back({name, cols});
            } else if (kind == 'c') {
                t->checks.push_back({name, check_condition(text(r[9]))});
            } else if (kind == 'x') {
                unmanaged("exclusion constraint", "", name, t->name);
            } else if (kind == 'f') {
                ForeignKey fk{name,
                              cols,
                              schema_of(text(r[4])),
                              text(r[5]),
                              split_names(r[6]),
                              action(text(r[8])),
                              action(text(r[7]))};
                pending_fks_.emplace_back(t, std::move(fk));
            }
        }
    }

    void read_indexes() {
        for (const auto& r : rows(catalog::kIndexes)) {
            Table* t = table(r[0]);
            if (!t) continue;
            Index ix;
            ix.name = text(r[1]);
            ix.unique = truth(r[2]);
            ix.where = text(r[4]);
            ix.method = text(r[5]) == "btree" ? "" : text(r[5]);
            const std::string& def = text(r[3]);
            size_t using_at = def.find(" USING ");
            size_t open = using_at == std::string::npos ? using_at : def.find('(', using_at);
            size_t close = open == std::string::npos ? open : matching_paren(def, open);
            if (close == std::string::npos) {
                unmanaged("index", "", ix.name, t->name);
                continue;
            }
            std::vector<std::string> elements =
                split_top_level(def.substr(open + 1, close - open - 1));
            std::vector<std::string> key_columns = split_names(r[6]);
            const std::string include_kw = " INCLUDE (";
            if (def.compare(close + 1, include_kw.size(), include_kw) == 0) {
                size_t inc_open = close + include_kw.size();
                size_t inc_close = matching_paren(def, inc_open);
                for (const auto& c :
                     split_top_level(def.substr(inc_open + 1, inc_close - inc_open - 1)))
                    ix.include.push_back(key_columns.size() > elements.size() + ix.include.size()
                                             ? key_columns[elements.size() + ix.include.size()]
                                             : c);
            }
            bool any_expression = false;
            for (size_t i = 0; i < elements.size(); ++i) {
                const std::string col = i < key_columns.size() ? key_columns[i] : "";
                bool plain = !col.empty() &&
                             (elements[i] == col || elements[i] == conn_.dialect().quote(col));
                ix.elements.push_back(plain ? IndexElement{col, false}
                                            : IndexElement{elements[i], true});
                any_expression = any_expression || !plain;
            }
            if (any_expression)  // the model file spells an index as all columns or all expressions
                for (size_t i = 0; i < elements.size(); ++i) ix.elements[i] = {elements[i], true};
            t->indexes.push_back(std::move(ix));
        }
    }

    void read_enums() {
        for (const auto& r : rows(catalog::kEnums))
            out_.metadata.enums.push_back({text(r[1]), schema_of(text(r[0])), split_names(r[2])});
    }

    void read_other_objects() {
        for (const auto& r : rows(catalog::kOtherObjects))
            unmanaged(text(r[0]), text(r[1]), text(r[2]), text(r[3]));
    }

    void finish_table(Table& t) {
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
            if (owner != &t) continue;
            if (out_.metadata.find_table(fk.referred_table, fk.referred_schema))
                t.foreign_keys.push_back(fk);
            else
                unmanaged("foreign key", "", fk.name, t.name);
        }
        std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
    }

    Connection& conn_;
    std::vector<std::string> schemas_;
    Value param_;
    std::string current_schema_ = "public";
    std::vector<std::string> table_oid_;
    std::map<std::string, size_t> by_oid_;
    std::vector<std::pair<Table*, ForeignKey>> pending_fks_;
    ReflectedSchema out_;
};

}  // namespace

ReflectedSchema PgInspector::reflect(Connection& conn, const ReflectOptions& options) const {
    // The default schema, written "" in models, is `public`.
    std::vector<std::string> schemas = options.schemas;
    if (schemas.empty()) schemas.push_back("public");
    for (auto& s : schemas)
        if (s.empty()) s = "public";
    return Reflection(conn, schemas).run();
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
        out.push_back(text(r[0]));
    return out;
}

}  // namespace migrate::orm::postgresql
