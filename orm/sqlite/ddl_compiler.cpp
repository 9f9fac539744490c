#include "orm/sqlite/ddl_compiler.h"

#include <cctype>
#include <regex>

#include "orm/error.h"
#include "orm/sqlite/types.h"

namespace migrate::orm::sqlite {
namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool is_literal(const std::string& text) {
    static const std::regex number(R"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)");
    static const std::regex string_literal(R"('([^']|'')*')");
    static const std::regex blob(R"([xX]'[0-9A-Fa-f]*')");
    std::string u = upper(text);
    return u == "NULL" || u == "TRUE" || u == "FALSE" || u == "CURRENT_TIMESTAMP" ||
           u == "CURRENT_DATE" || u == "CURRENT_TIME" || std::regex_match(text, number) ||
           std::regex_match(text, string_literal) || std::regex_match(text, blob);
}

}  // namespace

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
    if (c.server_default) def += " DEFAULT " + default_sql(*c.server_default);
    if (!c.nullable) def += " NOT NULL";
    return def;
}

std::string SqliteDdlCompiler::table_body(const Table& table, const MetaData& metadata) const {
    std::vector<std::string> parts;
    // AUTOINCREMENT is only valid as a column constraint on an INTEGER PRIMARY KEY.
    const Column* strict_autoinc = nullptr;
    if (const Column* c = table.autoincrement_column())
        if (c->autoincrement == Autoincrement::kTrue) strict_autoinc = c;
    for (const auto& c : table.columns) {
        if (&c != strict_autoinc) {
            parts.push_back(column_definition(c, metadata, false));
            continue;
        }
        if (c.type.kind() != TypeKind::kInteger)
            throw UsageError("table '" + table.name + "', column '" + c.name +
                             "': SQLite allows autoincrement only on an Integer primary key");
        std::string def = dialect_.quote(c.name) + " " + type_sql(c.type, metadata);
        if (!table.primary_key.name.empty())
            def += " CONSTRAINT " + dialect_.quote(table.primary_key.name);
        def += " PRIMARY KEY AUTOINCREMENT";
        if (c.server_default) def += " DEFAULT " + default_sql(*c.server_default);
        if (!c.nullable) def += " NOT NULL";
        parts.push_back(def);
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
    out.push_back("CREATE TABLE " + dialect_.quote(table.name) + " (" +
                  table_body(table, metadata) + ")");
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
    std::string elements;
    for (const auto& e : index.elements)
        elements +=
            (elements.empty() ? "" : ", ") + (e.expression ? e.text : dialect_.quote(e.text));
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
