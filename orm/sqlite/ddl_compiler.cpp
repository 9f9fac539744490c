#include "orm/sqlite/ddl_compiler.h"

#include <cctype>

#include "orm/error.h"
#include "orm/sqlite/types.h"

namespace migrate::orm::sqlite {
namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// [+-]?(digits[.digits*]|.digits)([eE][+-]?digits)?
bool is_number(const std::string& s) {
    size_t i = s.size() && (s[0] == '+' || s[0] == '-') ? 1 : 0, digits = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) ++digits;
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && is_digit(s[i]); ++i) ++digits;
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        if (++i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        size_t exponent = 0;
        for (; i < s.size() && is_digit(s[i]); ++i) ++exponent;
        if (exponent == 0) return false;
    }
    return i == s.size();
}

// 'text' with '' for a quote inside; from `start`.
bool is_quoted(const std::string& s, size_t start) {
    if (s.size() < start + 2 || s[start] != '\'' || s.back() != '\'') return false;
    for (size_t i = start + 1; i + 1 < s.size(); ++i) {
        if (s[i] != '\'') continue;
        if (i + 2 >= s.size() || s[i + 1] != '\'') return false;  // a pair before the closing one
        ++i;
    }
    return true;
}

// Scanners, not std::regex: its matcher recurses per character and overflows the stack on a
// long default.
bool is_literal(const std::string& text) {
    std::string u = upper(text);
    if (u == "NULL" || u == "TRUE" || u == "FALSE" || u == "CURRENT_TIMESTAMP" ||
        u == "CURRENT_DATE" || u == "CURRENT_TIME" || is_number(text) || is_quoted(text, 0))
        return true;
    if (text.size() < 3 || (text[0] != 'x' && text[0] != 'X') || !is_quoted(text, 1)) return false;
    for (size_t i = 2; i + 1 < text.size(); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

[[noreturn]] void unsupported(const Table& t, const std::string& object, const std::string& what) {
    throw UsageError("table '" + t.name + "'" + (object.empty() ? "" : ", " + object) + ": " +
                     what +
                     " (a PostgreSQL feature) has no SQLite form; remove it from the model "
                     "for SQLite");
}

// What SQLite cannot hold is refused, never dropped without a word.
void check_sqlite_can_hold(const Table& t) {
    if (t.unlogged) unsupported(t, "", "UNLOGGED");
    if (!t.storage.empty()) unsupported(t, "", "storage parameters ('with')");
    for (const auto& c : t.columns) {
        if (!c.identity.is_default()) unsupported(t, "column '" + c.name + "'", "identity options");
    }
    if (t.primary_key.deferral.any()) unsupported(t, "primary key", "DEFERRABLE");
    for (const auto& u : t.unique_constraints) {
        if (u.deferral.any()) unsupported(t, "unique constraint", "DEFERRABLE");
        if (u.nulls_not_distinct) unsupported(t, "unique constraint", "NULLS NOT DISTINCT");
    }
    for (const auto& fk : t.foreign_keys)
        if (fk.not_valid) unsupported(t, "foreign key", "NOT VALID");
    for (const auto& ck : t.checks)
        if (ck.no_inherit || ck.not_valid)
            unsupported(t, "check '" + ck.condition + "'", "NO INHERIT / NOT VALID");
}

}  // namespace

std::string SqliteDdlCompiler::collate(const std::string& collation) const {
    bool plain = !collation.empty();
    for (char c : collation)
        plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    return " COLLATE " + (plain ? collation : dialect_.quote(collation));
}

std::string SqliteDdlCompiler::default_sql(const std::string& server_default) {
    return is_literal(server_default) ? server_default : "(" + server_default + ")";
}

std::string SqliteDdlCompiler::type_sql(const SqlType& type, const MetaData& metadata) const {
    return sqlite::type_sql(type, metadata);
}

std::string SqliteDdlCompiler::column_list(const std::vector<std::string>& columns) const {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + dialect_.quote(c);
    return out;
}

std::string SqliteDdlCompiler::enum_check_condition(const std::string& column,
                                                    const EnumType& e) const {
    std::string values;
    for (const auto& v : e.values)
        values += (values.empty() ? "" : ", ") + dialect_.quote_literal(v);
    return dialect_.quote(column) + " IN (" + values + ")";
}

std::string SqliteDdlCompiler::column_definition(const Column& c, const MetaData& metadata,
                                                 bool) const {
    std::string def = dialect_.quote(c.name) + " " + type_sql(c.type, metadata);
    return def + column_options(c);
}

std::string SqliteDdlCompiler::column_options(const Column& c) const {
    std::string def;
    if (!c.collation.empty()) def += collate(c.collation);
    if (c.generated)
        def += " GENERATED ALWAYS AS (" + c.generated->expression + ")" +
               (c.generated->stored ? " STORED" : " VIRTUAL");
    if (c.server_default) def += " DEFAULT " + default_sql(*c.server_default);
    if (!c.nullable) def += " NOT NULL";
    return def;
}

std::string SqliteDdlCompiler::table_body(const Table& table, const MetaData& metadata) const {
    check_sqlite_can_hold(table);
    if (table.columns.empty())
        throw UsageError("table '" + table.name + "' has no columns, which SQLite does not allow");
    std::vector<std::string> parts;
    // AUTOINCREMENT is only valid as a column constraint on an INTEGER PRIMARY KEY.
    const Column* strict_autoinc = nullptr;
    if (const Column* c = table.autoincrement_column())
        if (c->autoincrement == Autoincrement::kTrue) strict_autoinc = c;
    // The rowid alias is never NULL whatever it says; SQLite reports exactly what was written,
    // so write it as such tables are usually written, without NOT NULL.
    const Column* rowid = nullptr;
    if (table.primary_key.columns.size() == 1 && !table.without_rowid)
        if (const Column* c = table.find_column(table.primary_key.columns[0]))
            if (c->type.kind() == TypeKind::kInteger) rowid = c;
    for (const auto& c : table.columns) {
        if (&c != strict_autoinc) {
            Column written = c;
            if (&c == rowid) written.nullable = true;
            parts.push_back(column_definition(written, metadata, false));
            continue;
        }
        if (c.type.kind() != TypeKind::kInteger)
            throw UsageError("table '" + table.name + "', column '" + c.name +
                             "': SQLite allows autoincrement only on an Integer primary key");
        std::string def = dialect_.quote(c.name) + " " + type_sql(c.type, metadata);
        if (!table.primary_key.name.empty())
            def += " CONSTRAINT " + dialect_.quote(table.primary_key.name);
        def += " PRIMARY KEY AUTOINCREMENT";
        Column written = c;
        written.nullable = true;  // the rowid alias, as above
        parts.push_back(def + column_options(written));
    }
    auto named = [&](const std::string& name) {
        return name.empty() ? std::string() : "CONSTRAINT " + dialect_.quote(name) + " ";
    };
    if (!table.primary_key.empty() && !strict_autoinc)
        parts.push_back(named(table.primary_key.name) + "PRIMARY KEY (" +
                        column_list(table.primary_key.columns) + ")");
    for (const auto& u : table.unique_constraints)
        parts.push_back(named(u.name) + "UNIQUE (" + column_list(u.columns) + ")");
    for (const auto& fk : table.foreign_keys) {
        std::string def = named(fk.name) + "FOREIGN KEY (" + column_list(fk.columns) +
                          ") REFERENCES " + dialect_.quote(fk.referred_table) + " (" +
                          column_list(fk.referred_columns) + ")";
        if (!fk.on_delete.empty()) def += " ON DELETE " + fk.on_delete;
        if (!fk.on_update.empty()) def += " ON UPDATE " + fk.on_update;
        if (!fk.match.empty()) def += " MATCH " + fk.match;
        if (fk.deferral.deferrable)
            def +=
                fk.deferral.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
        parts.push_back(def);
    }
    for (const auto& c : table.columns) {
        if (c.type.kind() != TypeKind::kEnum) continue;
        const EnumType* e = metadata.find_enum(c.type.name());
        if (!e)
            throw UsageError("table '" + table.name + "', column '" + c.name + "': enum '" +
                             c.type.name() + "' is not declared under `enums:`");
        parts.push_back(named(e->name) + "CHECK (" + enum_check_condition(c.name, *e) + ")");
    }
    for (const auto& ck : table.checks)
        parts.push_back(named(ck.name) + "CHECK (" + ck.condition + ")");
    std::string body;
    for (const auto& p : parts) body += (body.empty() ? "\n    " : ",\n    ") + p;
    return body + "\n";
}

std::vector<std::string> SqliteDdlCompiler::create_table(const Table& table,
                                                         const MetaData& metadata) const {
    std::vector<std::string> out;
    std::string options;
    if (table.without_rowid) options += " WITHOUT ROWID";
    if (table.strict) options += std::string(options.empty() ? " " : ",") + "STRICT";
    out.push_back("CREATE TABLE " + dialect_.quote(table.name) + " (" +
                  table_body(table, metadata) + ")" + options);
    for (const auto& ix : table.indexes) out.push_back(create_index(table, ix));
    return out;
}

std::string SqliteDdlCompiler::drop_table(const Table& table) const {
    return "DROP TABLE " + dialect_.quote(table.name);
}

std::string SqliteDdlCompiler::create_index(const Table& table, const Index& index) const {
    if (!index.method.empty() || !index.include.empty())
        throw UsageError("index '" + index.name + "' of table '" + table.name +
                         "': SQLite indexes have no access method ('using') or INCLUDE columns");
    if (index.nulls_not_distinct || !index.storage.empty())
        throw UsageError("index '" + index.name + "' of table '" + table.name +
                         "': SQLite indexes have no NULLS NOT DISTINCT or storage parameters");
    std::string elements;
    for (const auto& e : index.elements) {
        if (!e.opclass.empty() || !e.nulls.empty())
            throw UsageError("index '" + index.name + "' of table '" + table.name +
                             "': SQLite index keys have no operator class or NULLS FIRST/LAST");
        elements +=
            (elements.empty() ? "" : ", ") + (e.expression ? e.text : dialect_.quote(e.text));
        if (!e.collation.empty()) elements += collate(e.collation);
        if (e.descending) elements += " DESC";
    }
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      dialect_.quote(index.name) + " ON " + dialect_.quote(table.name) + " (" +
                      elements + ")";
    if (!index.where.empty()) sql += " WHERE " + index.where;
    return sql;
}

std::string SqliteDdlCompiler::drop_index(const Table&, const Index& index) const {
    return "DROP INDEX " + dialect_.quote(index.name);
}

}  // namespace migrate::orm::sqlite
