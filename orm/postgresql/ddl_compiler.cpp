#include "orm/postgresql/ddl_compiler.h"

#include "orm/error.h"
#include "orm/postgresql/types.h"

namespace migrate::orm::postgresql {
namespace {

bool is_lower_word(const std::string& s) {
    if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_')) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool is_number(const std::string& s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9')
            digits = true;
        else if (s[i] == '.' && !dot)
            dot = true;
        else
            return false;
    }
    return digits;
}

}  // namespace

void check_table_options(const Table& table) {
    if (table.without_rowid || table.strict)
        throw UsageError("table '" + table.qualified_name() +
                         "': " + (table.without_rowid ? "WITHOUT ROWID" : "STRICT") +
                         " is a SQLite table option; PostgreSQL has no such table. Remove "
                         "`without_rowid` / `strict` from the model to use it on PostgreSQL.");
}

std::string PgDdlCompiler::identifier(const std::string& name, const std::string& what) const {
    if (name.size() > kMaxIdentifierBytes)
        throw UsageError("the name of " + what + " is " + std::to_string(name.size()) +
                         " bytes long; PostgreSQL names are at most " +
                         std::to_string(kMaxIdentifierBytes) +
                         " bytes (it would cut the name silently). Choose a shorter name.");
    return dialect_.quote(name);
}

std::string PgDdlCompiler::qualified(const std::string& schema, const std::string& name) const {
    std::string table = identifier(name, "'" + name + "'");
    return schema.empty() ? table : identifier(schema, "schema '" + schema + "'") + "." + table;
}

std::string PgDdlCompiler::dotted(const std::string& name) const {
    size_t dot = name.find('.');
    if (dot == std::string::npos) return dialect_.quote(name);
    return dialect_.quote(name.substr(0, dot)) + "." + dialect_.quote(name.substr(dot + 1));
}

std::string PgDdlCompiler::type_sql(const SqlType& type, const MetaData& metadata) const {
    return postgresql::type_sql(type, metadata, dialect_);
}

std::string PgDdlCompiler::column_list(const std::vector<std::string>& columns,
                                       const Table& table) const {
    std::string out;
    for (const auto& c : columns)
        out += (out.empty() ? "" : ", ") +
               identifier(c, "column '" + c + "' of table '" + table.name + "'");
    return out;
}

std::string PgDdlCompiler::constraint_name(const std::string& name, const Table& table) const {
    return name.empty()
               ? std::string()
               : "CONSTRAINT " +
                     identifier(name, "constraint '" + name + "' of table '" + table.name + "'") +
                     " ";
}

std::string PgDdlCompiler::alter(const Table& table) const {
    return "ALTER TABLE " + qualified(table.schema, table.name) + " ADD ";
}

namespace {
std::string deferral_sql(const Deferral& d) {
    if (d.initially_deferred) return " DEFERRABLE INITIALLY DEFERRED";
    return d.deferrable ? " DEFERRABLE" : "";
}
}  // namespace

std::string PgDdlCompiler::primary_key_sql(const Table& table, const PrimaryKey& pk) const {
    return constraint_name(pk.name, table) + "PRIMARY KEY (" + column_list(pk.columns, table) +
           ")" + deferral_sql(pk.deferral);
}

std::string PgDdlCompiler::unique_sql(const Table& table, const UniqueConstraint& uq) const {
    return constraint_name(uq.name, table) + "UNIQUE " +
           (uq.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + "(" +
           column_list(uq.columns, table) + ")" + deferral_sql(uq.deferral);
}

std::string PgDdlCompiler::foreign_key_sql(const Table& table, const ForeignKey& fk) const {
    Table referred;
    referred.name = fk.referred_table;
    std::string sql = constraint_name(fk.name, table) + "FOREIGN KEY (" +
                      column_list(fk.columns, table) + ") REFERENCES " +
                      qualified(fk.referred_schema, fk.referred_table) + " (" +
                      column_list(fk.referred_columns, referred) + ")";
    if (fk.match == "FULL") sql += " MATCH FULL";
    if (!fk.on_delete.empty()) sql += " ON DELETE " + fk.on_delete;
    if (!fk.on_update.empty()) sql += " ON UPDATE " + fk.on_update;
    return sql + deferral_sql(fk.deferral);
}

std::string PgDdlCompiler::check_sql(const Table& table, const CheckConstraint& ck) const {
    return constraint_name(ck.name, table) + "CHECK (" + ck.condition + ")" +
           (ck.no_inherit ? " NO INHERIT" : "");
}

std::string PgDdlCompiler::column_definition(const Column& c, const MetaData& metadata,
                                             bool identity) const {
    std::string def =
        identifier(c.name, "column '" + c.name + "'") + " " + type_sql(c.type, metadata);
    if (!c.collation.empty()) def += " COLLATE " + dotted(c.collation);
    if (c.generated) {
        if (!c.generated->stored)
            throw UsageError("column '" + c.name +
                             "': PostgreSQL 15 has stored generated columns only; write "
                             "`generated: {expression: ..., stored: true}` (virtual ones need "
                             "PostgreSQL 18)");
        if (identity || c.server_default)
            throw UsageError("column '" + c.name + "' is generated, so it can have no " +
                             (identity ? "identity (autoincrement)" : "server_default"));
        def += " GENERATED ALWAYS AS (" + c.generated->expression + ") STORED";
    } else if (identity) {
        def += c.identity.always ? " GENERATED ALWAYS AS IDENTITY"
                                 : " GENERATED BY DEFAULT AS IDENTITY";
        std::string options;
        if (c.identity.start) options += "START WITH " + std::to_string(*c.identity.start);
        if (c.identity.increment)
            options += std::string(options.empty() ? "" : " ") + "INCREMENT BY " +
                       std::to_string(*c.identity.increment);
        if (!options.empty()) def += " (" + options + ")";
    } else if (c.server_default) {
        def += " DEFAULT " + *c.server_default;
    }
    if (!c.nullable && !identity) def += " NOT NULL";
    return def;
}

std::vector<std::string> PgDdlCompiler::create_table(const Table& table,
                                                     const MetaData& metadata) const {
    check_table_options(table);
    const std::string name = qualified(table.schema, table.name);
    std::vector<std::string> parts, after;
    const Column* implicit_identity = table.autoincrement_column();
    for (const auto& c : table.columns) {
        bool identity = c.autoincrement == Autoincrement::kTrue ||
                        (&c == implicit_identity && c.autoincrement == Autoincrement::kAuto);
        if (identity && !c.type.is_integer())
            throw UsageError("table '" + table.name + "', column '" + c.name +
                             "': autoincrement needs an integer type on PostgreSQL");
        identifier(c.name, "column '" + c.name + "' of table '" + table.name + "'");
        parts.push_back(column_definition(c, metadata, identity));
    }
    if (!table.primary_key.empty()) parts.push_back(primary_key_sql(table, table.primary_key));
    for (const auto& u : table.unique_constraints) parts.push_back(unique_sql(table, u));
    for (const auto& fk : table.foreign_keys) {
        if (fk.not_valid)
            after.push_back(*add_foreign_key(table, fk));
        else
            parts.push_back(foreign_key_sql(table, fk));
    }
    for (const auto& ck : table.checks) {
        if (ck.not_valid)
            after.push_back(add_check(table, ck));
        else
            parts.push_back(check_sql(table, ck));
    }
    std::string body;
    for (const auto& p : parts) body += (body.empty() ? "\n    " : ",\n    ") + p;
    std::string create = std::string("CREATE ") + (table.unlogged ? "UNLOGGED " : "") + "TABLE " +
                         name + " (" + body + (body.empty() ? ")" : "\n)");
    if (!table.storage.empty()) create += " WITH (" + storage_sql(table.storage) + ")";
    std::vector<std::string> out{create};
    out.insert(out.end(), after.begin(), after.end());
    if (table.comment)
        out.push_back("COMMENT ON TABLE " + name + " IS " + dialect_.quote_literal(*table.comment));
    for (const auto& c : table.columns)
        if (c.comment)
            out.push_back("COMMENT ON COLUMN " + name + "." + dialect_.quote(c.name) + " IS " +
                          dialect_.quote_literal(*c.comment));
    for (const auto& ix : table.indexes) out.push_back(create_index(table, ix));
    return out;
}

std::string PgDdlCompiler::drop_table(const Table& table) const {
    return "DROP TABLE " + qualified(table.schema, table.name);
}

std::string PgDdlCompiler::storage_sql(
    const std::vector<std::pair<std::string, std::string>>& storage) const {
    std::string out;
    for (const auto& [name, value] : storage) {
        std::string key;  // `toast.autovacuum_enabled`: each part a word
        size_t start = 0;
        while (true) {
            size_t dot = name.find('.', start);
            std::string part = name.substr(start, dot - start);
            key += is_lower_word(part) ? part : dialect_.quote(part);
            if (dot == std::string::npos) break;
            key += '.';
            start = dot + 1;
        }
        out += (out.empty() ? "" : ", ") + key + " = " +
               (is_lower_word(value) || is_number(value) ? value : dialect_.quote_literal(value));
    }
    return out;
}

std::string PgDdlCompiler::create_index(const Table& table, const Index& index) const {
    const std::string what = "index '" + index.name + "' of table '" + table.name + "'";
    std::string elements;
    for (const auto& e : index.elements) {
        // An expression is written as the model holds it: a function call, or parenthesised
        // (reflection writes the server's own `lower(b)`, `(a + 1)`).
        std::string sql =
            e.expression ? e.text : identifier(e.text, "column '" + e.text + "' of " + what);
        if (!e.collation.empty()) sql += " COLLATE " + dotted(e.collation);
        if (!e.opclass.empty()) sql += " " + dotted(e.opclass);
        if (e.descending) sql += " DESC";
        if (!e.nulls.empty()) sql += " NULLS " + e.nulls;
        elements += (elements.empty() ? "" : ", ") + sql;
    }
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      identifier(index.name, what) + " ON " + qualified(table.schema, table.name) +
                      (index.method.empty() ? "" : " USING " + index.method) + " (" + elements +
                      ")";
    if (!index.include.empty()) sql += " INCLUDE (" + column_list(index.include, table) + ")";
    if (index.nulls_not_distinct) sql += " NULLS NOT DISTINCT";
    if (!index.storage.empty()) sql += " WITH (" + storage_sql(index.storage) + ")";
    if (!index.where.empty()) sql += " WHERE " + index.where;
    return sql;
}

std::string PgDdlCompiler::drop_index(const Table& table, const Index& index) const {
    return "DROP INDEX " + qualified(table.schema, index.name);
}

std::vector<std::string> PgDdlCompiler::create_schema(const std::string& schema) const {
    return {"CREATE SCHEMA IF NOT EXISTS " + identifier(schema, "schema '" + schema + "'")};
}

std::vector<std::string> PgDdlCompiler::create_enum(const EnumType& e) const {
    std::string values;
    for (const auto& v : e.values) {
        if (v.size() > kMaxIdentifierBytes)
            throw UsageError("value '" + v + "' of enum '" + e.name + "' is " +
                             std::to_string(v.size()) +
                             " bytes long; PostgreSQL enum values are "
                             "at most 63 bytes");
        values += (values.empty() ? "" : ", ") + dialect_.quote_literal(v);
    }
    return {"CREATE TYPE " + qualified(e.schema, e.name) + " AS ENUM (" + values + ")"};
}

std::vector<std::string> PgDdlCompiler::drop_enum(const EnumType& e) const {
    return {"DROP TYPE " + qualified(e.schema, e.name)};
}

std::optional<std::string> PgDdlCompiler::add_foreign_key(const Table& table,
                                                          const ForeignKey& fk) const {
    return alter(table) + foreign_key_sql(table, fk) + (fk.not_valid ? " NOT VALID" : "");
}

std::string PgDdlCompiler::add_primary_key(const Table& table, const PrimaryKey& pk) const {
    return alter(table) + primary_key_sql(table, pk);
}

std::string PgDdlCompiler::add_unique(const Table& table, const UniqueConstraint& uq) const {
    return alter(table) + unique_sql(table, uq);
}

std::string PgDdlCompiler::add_check(const Table& table, const CheckConstraint& ck) const {
    return alter(table) + check_sql(table, ck) + (ck.not_valid ? " NOT VALID" : "");
}

}  // namespace migrate::orm::postgresql
