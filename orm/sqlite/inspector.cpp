#include "orm/sqlite/inspector.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "orm/sqlite/ddl_compiler.h"
#include "orm/sqlite/sql_parser.h"
#include "orm/sqlite/types.h"

namespace migrate::orm::sqlite {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<std::string> lower_all(std::vector<std::string> v) {
    for (auto& s : v) s = lower(s);
    return v;
}

const std::string& text(const std::optional<std::string>& v) {
    static const std::string empty;
    return v ? *v : empty;
}

// Rows of one result grouped by the value of the first column (the owning table or index).
using Grouped = std::map<std::string, std::vector<std::vector<std::optional<std::string>>>>;

Grouped group_by_first(const ResultSet& rs) {
    Grouped out;
    for (const auto& row : rs.rows) out[text(row[0])].push_back(row);
    return out;
}

struct Catalog {
    struct Object {
        std::string type, name, table, sql;
    };
    std::vector<Object> objects;
    std::map<std::string, std::string> table_kind;  // from pragma_table_list: table/virtual/shadow
    Grouped columns, indexes, index_columns, foreign_keys;
};

Catalog read_catalog(Connection& conn) {
    Catalog cat;
    for (const auto& r :
         conn.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").rows)
        cat.objects.push_back({text(r[0]), text(r[1]), text(r[2]), text(r[3])});
    for (const auto& r :
         conn.query("SELECT name, type FROM pragma_table_list WHERE schema = 'main'").rows)
        cat.table_kind[text(r[0])] = text(r[1]);
    const std::string tables = "FROM sqlite_master AS m ";
    const std::string only_tables = " WHERE m.type = 'table'";
    cat.columns = group_by_first(conn.query(
        "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden " +
        tables + "JOIN pragma_table_xinfo(m.name) AS p" + only_tables + " ORDER BY m.name, p.cid"));
    cat.indexes = group_by_first(conn.query(
        "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial " + tables +
        "JOIN pragma_index_list(m.name) AS il" + only_tables + " ORDER BY m.name, il.name"));
    cat.index_columns = group_by_first(
        conn.query("SELECT il.name, ix.seqno, ix.name " + tables +
                   "JOIN pragma_index_list(m.name) AS il JOIN pragma_index_xinfo(il.name) AS ix" +
                   only_tables + " AND ix.key = 1 ORDER BY il.name, ix.seqno"));
    cat.foreign_keys = group_by_first(conn.query(
        "SELECT m.name, fk.id, fk.seq, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, "
        "fk.on_delete " +
        tables + "JOIN pragma_foreign_key_list(m.name) AS fk" + only_tables +
        " ORDER BY m.name, fk.id, fk.seq"));
    return cat;
}

bool is_internal(const std::string& name) { return lower(name).rfind("sqlite_", 0) == 0; }

std::string action(const std::string& text) {
    std::string out;
    return normalize_referential_action(text, &out) ? out : text;
}

const ParsedColumn* parsed_column(const ParsedTable* parsed, const std::string& name) {
    if (!parsed) return nullptr;
    for (const auto& pc : parsed->columns)
        if (lower(pc.name) == lower(name)) return &pc;
    return nullptr;
}

void reflect_columns(const Catalog& cat, const ParsedTable* parsed, Table& t) {
    auto it = cat.columns.find(t.name);
    if (it == cat.columns.end()) return;
    std::vector<std::pair<int, std::string>> pk;
    for (const auto& r : it->second) {
        // hidden: 0 a plain column, 1 hidden (virtual tables), 2 generated virtual, 3 stored.
        const std::string hidden = text(r[7]);
        if (hidden == "1") continue;
        Column c;
        c.name = text(r[2]);
        c.type = type_from_declared(text(r[3]));
        c.nullable = text(r[4]) == "0";
        if (r[5]) c.server_default = *r[5];
        int pk_pos = std::stoi(text(r[6]));
        if (pk_pos > 0) pk.emplace_back(pk_pos, c.name);
        if (const ParsedColumn* pc = parsed_column(parsed, c.name)) {
            c.collation = pc->collation;
            if (pc->generated)
                c.generated = Generated{pc->generated_expression, pc->generated_stored};
        }
        // Without the stored text a generated column's expression is unknown: the table as a
        // whole is then reported as not modelled.
        if ((hidden == "2" || hidden == "3") && !c.generated) continue;
        t.columns.push_back(std::move(c));
    }
    std::sort(pk.begin(), pk.end());
    for (const auto& p : pk) t.primary_key.columns.push_back(p.second);
    if (!parsed) return;
    for (const auto& pc : parsed->columns) {
        Column* c = t.find_column(pc.name);
        if (!c) continue;
        if (pc.autoincrement) c->autoincrement = Autoincrement::kTrue;
        if (pc.primary_key && !pc.primary_key_name.empty())
            t.primary_key.name = pc.primary_key_name;
    }
    for (const auto& k : parsed->constraints)
        if (k.kind == ConstraintKind::kPrimaryKey) t.primary_key.name = k.name;
    // An INTEGER PRIMARY KEY is the rowid and never NULL, though the pragma says nullable.
    if (t.primary_key.columns.size() == 1 && !parsed->without_rowid) {
        Column* c = t.find_column(t.primary_key.columns[0]);
        for (const auto& pc : parsed->columns)
            if (c && pc.name == c->name && lower(pc.type) == "integer") c->nullable = false;
    }
}

void reflect_checks(const ParsedTable& parsed, Table& t) {
    for (const auto& pc : parsed.columns)
        for (const auto& ck : pc.checks) t.checks.push_back({ck.name, ck.text});
    for (const auto& k : parsed.constraints)
        if (k.kind == ConstraintKind::kCheck) t.checks.push_back({k.name, k.check_text});
}

void reflect_indexes(const Catalog& cat, const ParsedTable* parsed,
                     const std::map<std::string, const Catalog::Object*>& index_sql, Table& t) {
    auto it = cat.indexes.find(t.name);
    if (it == cat.indexes.end()) return;
    for (const auto& r : it->second) {
        std::string name = text(r[1]), origin = text(r[3]);
        std::vector<std::string> cols;
        auto ic = cat.index_columns.find(name);
        if (ic != cat.index_columns.end())
            for (const auto& c : ic->second) cols.push_back(text(c[2]));
        if (origin == "pk") continue;
        if (origin == "u") {
            UniqueConstraint u;
            u.columns = cols;
            if (parsed) {
                for (const auto& k : parsed->constraints)
                    if (k.kind == ConstraintKind::kUnique &&
                        lower_all(k.columns) == lower_all(cols))
                        u.name = k.name;
                for (const auto& pc : parsed->columns)
                    if (pc.unique && cols.size() == 1 && lower(pc.name) == lower(cols[0]))
                        u.name = pc.unique_name;
            }
            t.unique_constraints.push_back(u);
            continue;
        }
        Index ix;
        ix.name = name;
        ix.unique = text(r[2]) == "1";
        auto obj = index_sql.find(name);
        std::optional<ParsedIndex> pi;
        if (obj != index_sql.end()) pi = parse_create_index(obj->second->sql);
        if (pi) {
            ix.where = pi->where;
            for (const auto& key : pi->keys) {
                const std::string& e = key.text;
                std::string bare = unquote_identifier(e);
                bool is_column = t.find_column(bare) && e.find_first_of("() ") == std::string::npos;
                if (e.size() > 1 && (e[0] == '"' || e[0] == '[' || e[0] == '`'))
                    is_column = t.find_column(bare) != nullptr;
                IndexElement el{is_column ? bare : e, !is_column};
                el.descending = key.descending;
                el.collation = key.collation;
                ix.elements.push_back(std::move(el));
            }
            // The model file spells an index as all columns or all expressions.
            if (ix.has_expressions())
                for (size_t i = 0; i < ix.elements.size(); ++i) {
                    ix.elements[i].text = pi->keys[i].text;
                    ix.elements[i].expression = true;
                }
        } else {
            for (const auto& c : cols) ix.elements.push_back({c, false});
        }
        t.indexes.push_back(std::move(ix));
    }
    std::sort(t.unique_constraints.begin(), t.unique_constraints.end(),
              [](const auto& a, const auto& b) { return a.columns < b.columns; });
}

// Resolves a name the way SQLite does: case-insensitively.
const Table* find_table_nocase(const std::vector<Table>& tables, const std::string& name) {
    for (const auto& t : tables)
        if (lower(t.name) == lower(name)) return &t;
    return nullptr;
}

// The column's name as the table spells it (SQLite matches names case-insensitively).
std::string column_name(const Table& t, const std::string& name) {
    for (const auto& c : t.columns)
        if (lower(c.name) == lower(name)) return c.name;
    return name;
}

void reflect_foreign_keys(const Catalog& cat, const ParsedTable* parsed,
                          const std::vector<Table>& all, Table& t) {
    auto it = cat.foreign_keys.find(t.name);
    if (it == cat.foreign_keys.end()) return;
    std::map<int, ForeignKey> by_id;
    for (const auto& r : it->second) {
        ForeignKey& fk = by_id[std::stoi(text(r[1]))];
        const Table* parent = find_table_nocase(all, text(r[3]));
        fk.referred_table = parent ? parent->name : text(r[3]);
        fk.columns.push_back(text(r[4]));
        if (r[5]) fk.referred_columns.push_back(parent ? column_name(*parent, *r[5]) : *r[5]);
        fk.on_update = action(text(r[6]));
        fk.on_delete = action(text(r[7]));
    }
    for (auto& [id, fk] : by_id) {
        if (fk.referred_columns.empty())  // REFERENCES parent: its primary key
            if (const Table* parent = find_table_nocase(all, fk.referred_table))
                fk.referred_columns = parent->primary_key.columns;
        for (auto& c : fk.columns) c = column_name(t, c);
        if (parsed) {
            for (const auto& k : parsed->constraints)
                if (k.kind == ConstraintKind::kForeignKey &&
                    lower_all(k.columns) == lower_all(fk.columns) &&
                    lower(k.referred_table) == lower(fk.referred_table)) {
                    fk.name = k.name;
                    fk.match = k.match == "FULL" ? k.match : "";
                    fk.deferral = {k.deferrable, k.initially_deferred};
                }
            for (const auto& pc : parsed->columns)
                if (pc.references && fk.columns.size() == 1 &&
                    lower(pc.name) == lower(fk.columns[0]) &&
                    lower(pc.referred_table) == lower(fk.referred_table)) {
                    fk.name = pc.references_name;
                    fk.match = pc.references_match == "FULL" ? pc.references_match : "";
                    fk.deferral = {pc.references_deferrable, pc.references_initially_deferred};
                }
        }
        t.foreign_keys.push_back(fk);
    }
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(), [](const auto& a, const auto& b) {
        return std::tie(a.columns, a.referred_table, a.referred_columns, a.name) <
               std::tie(b.columns, b.referred_table, b.referred_columns, b.name);
    });
}

// A CHECK named N of the exact form the DDL compiler writes for an enum column, on a
// VARCHAR(longest value) column, reads back as `Enum(N)`.
void recover_enums(MetaData& md) {
    static const std::regex form(
        R"re(^"((?:[^"]|"")+)" IN \(('(?:[^']|'')*'(?:, '(?:[^']|'')*')*)\)$)re");
    static const std::regex literal(R"('((?:[^']|'')*)')");
    std::map<std::string, std::vector<std::string>> found;
    std::set<std::string> conflicting;
    struct Use {
        Table* table;
        size_t check;
        std::string column;
    };
    std::vector<Use> uses;
    for (auto& t : md.tables) {
        for (size_t i = 0; i < t.checks.size(); ++i) {
            const auto& ck = t.checks[i];
            std::smatch m;
            // std::regex recurses per character: keep it to short conditions.
            if (ck.name.empty() || ck.condition.size() > 4000 || ck.condition[0] != '"' ||
                !std::regex_match(ck.condition, m, form))
                continue;
            std::string column = std::regex_replace(m[1].str(), std::regex("\"\""), "\"");
            std::vector<std::string> values;
            std::string list = m[2];
            size_t longest = 1;
            for (auto v = std::sregex_iterator(list.begin(), list.end(), literal);
                 v != std::sregex_iterator(); ++v) {
                values.push_back(std::regex_replace((*v)[1].str(), std::regex("''"), "'"));
                longest = std::max(longest, values.back().size());
            }
            const Column* c = t.find_column(column);
            if (!c || c->type != SqlType::string(static_cast<int>(longest))) continue;
            auto [pos, inserted] = found.emplace(ck.name, values);
            if (!inserted && pos->second != values) conflicting.insert(ck.name);
            uses.push_back({&t, i, column});
        }
    }
    std::map<Table*, std::set<size_t>> drop;
    for (const auto& u : uses) {
        const std::string& name = u.table->checks[u.check].name;
        if (conflicting.count(name)) continue;
        u.table->find_column(u.column)->type = SqlType::enumeration(name);
        drop[u.table].insert(u.check);
    }
    for (auto& [t, idx] : drop) {
        std::vector<CheckConstraint> kept;
        for (size_t i = 0; i < t->checks.size(); ++i)
            if (!idx.count(i)) kept.push_back(t->checks[i]);
        t->checks = std::move(kept);
    }
    for (const auto& [name, values] : found)
        if (!conflicting.count(name)) md.enums.push_back({name, "", values});
}

}  // namespace

ReflectedSchema SqliteInspector::reflect(Connection& conn, const ReflectOptions&) const {
    Catalog cat = read_catalog(conn);
    ReflectedSchema out;
    std::map<std::string, const Catalog::Object*> index_sql;
    std::map<std::string, ParsedTable> parsed;
    for (const auto& o : cat.objects) {
        if (o.type == "index") index_sql[o.name] = &o;
        if (o.type == "view" || o.type == "trigger") {
            out.unmanaged.push_back({o.type, "", o.name, o.type == "trigger" ? o.table : ""});
            continue;
        }
        if (o.type != "table" || is_internal(o.name)) continue;
        std::string kind = cat.table_kind.count(o.name) ? cat.table_kind[o.name] : "table";
        if (kind != "table") {
            out.unmanaged.push_back(
                {kind == "virtual" ? "virtual table" : "shadow table", "", o.name, ""});
            continue;
        }
        Table t;
        t.name = o.name;
        out.metadata.tables.push_back(std::move(t));
        if (auto p = parse_create_table(o.sql)) parsed[o.name] = std::move(*p);
    }
    auto& tables = out.metadata.tables;
    for (auto& t : tables) {
        const ParsedTable* p = parsed.count(t.name) ? &parsed[t.name] : nullptr;
        reflect_columns(cat, p, t);
        if (p) {
            reflect_checks(*p, t);
            t.without_rowid = p->without_rowid;
            t.strict = p->strict;
            for (const auto& n : p->not_modelled)
                out.not_modelled.push_back({t.name, n.object, n.text});
        } else {
            for (const auto& o : cat.objects)
                if (o.type == "table" && o.name == t.name)
                    out.not_modelled.push_back(
                        {t.name, "table",
                         "the stored CREATE TABLE text could not be read, so its CHECK "
                         "constraints, constraint names and column options are unknown: " +
                             o.sql});
        }
        reflect_indexes(cat, p, index_sql, t);
    }
    for (auto& t : tables)
        reflect_foreign_keys(cat, parsed.count(t.name) ? &parsed[t.name] : nullptr, tables, t);
    recover_enums(out.metadata);
    // Creation order is history, not schema: a canonical order makes reflections comparable.
    std::sort(tables.begin(), tables.end(),
              [](const Table& a, const Table& b) { return a.name < b.name; });
    return out;
}

}  // namespace migrate::orm::sqlite
