// Operations to PostgreSQL statements; see op_sql.h.

#include "migrations_engine/runtime/op_sql.h"
#include "orm/error.h"
#include "orm/expression.h"
#include "orm/postgresql/ddl_compiler.h"

namespace migrate::engine::detail {
namespace {

class PgOps {
  public:
    PgOps(const orm::Dialect& d, SchemaSource& source)
        : d_(d), ddl_(d.ddl()), pg_(d), source_(source) {}

    // The schema, read only by the operations that need it (enum types, unnamed keys).
    const orm::MetaData& md() const {
        if (!md_) md_ = &source_.current();
        return *md_;
    }

    // The schema where a column's type names an enum (whose schema qualifies its name), else
    // nothing: most tables use no enum, and reading the database for each would make a run of
    // N new tables cost N reflections.
    const orm::MetaData& md_for(const std::vector<orm::Column>& columns) const {
        static const orm::MetaData kNone;
        for (const auto& c : columns)
            if (c.type.kind() == orm::TypeKind::kEnum) return md();
        return kNone;
    }

    std::string t(const std::string& schema, const std::string& table) const {
        return ddl_.table_name(schema, table);
    }
    std::string alter(const std::string& schema, const std::string& table) const {
        return "ALTER TABLE " + t(schema, table) + " ";
    }
    static orm::Table table_of(const std::string& schema, const std::string& table) {
        orm::Table t;
        t.name = table;
        t.schema = schema;
        return t;
    }
    std::string literal_or_null(const std::optional<std::string>& v) const {
        return v ? d_.quote_literal(*v) : "NULL";
    }

    std::vector<std::string> operator()(const CreateTable& op) const {
        return ddl_.create_table(op.table, md_for(op.table.columns));
    }
    std::vector<std::string> operator()(const DropTable& op) const {
        return {ddl_.drop_table(op.table)};
    }
    std::vector<std::string> operator()(const RenameTable& op) const {
        return {alter(op.schema, op.table) + "RENAME TO " +
                pg_.identifier(op.new_name, "table '" + op.new_name + "'")};
    }
    std::vector<std::string> operator()(const AddColumn& op) const {
        bool identity = op.column.autoincrement == orm::Autoincrement::kTrue;
        std::vector<std::string> out{
            alter(op.schema, op.table) + "ADD COLUMN " +
            ddl_.column_definition(op.column, md_for({op.column}), identity)};
        if (op.column.comment)
            out.push_back("COMMENT ON COLUMN " + t(op.schema, op.table) + "." +
                          d_.quote(op.column.name) + " IS " + d_.quote_literal(*op.column.comment));
        return out;
    }
    std::vector<std::string> operator()(const DropColumn& op) const {
        return {alter(op.schema, op.table) + "DROP COLUMN " + d_.quote(op.column.name)};
    }
    std::vector<std::string> operator()(const AlterColumn& op) const {
        std::vector<std::string> out;
        const std::string alter_col =
            alter(op.schema, op.table) + "ALTER COLUMN " + d_.quote(op.column) + " ";
        // Identity needs the table (an integer key is one by default) and the column as it is;
        // a type change keeps the column's collation when the schema knows the column.
        const orm::Column* now = nullptr;
        std::optional<orm::Table> before, after;
        if (op.autoincrement || op.identity || (op.collation && !op.type)) {
            now = current_column(op);
        } else if (op.type) {
            const orm::Table* table = md().find_table(op.table, op.schema);
            now = table ? table->find_column(op.column) : nullptr;
        }
        if (now) {
            before = *md().find_table(op.table, op.schema);
            after = before;
            orm::Column& c = *after->find_column(op.column);
            if (op.type) c.type = *op.type;
            if (op.autoincrement) c.autoincrement = *op.autoincrement;
            if (op.identity) c.identity = *op.identity;
        }
        const bool was_identity = before && is_identity(*before, op.column);
        const bool will_identity = after && is_identity(*after, op.column);
        if (was_identity && !will_identity) out.push_back(alter_col + "DROP IDENTITY");
        if (op.type || op.collation) {
            // Without COLLATE, a new type takes its default collation: say the column's own.
            const orm::SqlType& type = op.type ? *op.type : now->type;
            const std::string collation = op.collation ? *op.collation
                                          : now        ? now->collation
                                                       : std::string();
            std::string type_sql = ddl_.type_sql(type, md());
            std::string sql = alter_col + "TYPE " + type_sql;
            if (!collation.empty()) sql += " COLLATE " + pg_.dotted(collation);
            if (op.type) sql += " USING " + d_.quote(op.column) + "::" + type_sql;
            out.push_back(sql);
        }
        if (op.nullable)
            out.push_back(alter_col + (*op.nullable ? "DROP NOT NULL" : "SET NOT NULL"));
        if (op.server_default)
            out.push_back(alter_col + (*op.server_default ? "SET DEFAULT " + **op.server_default
                                                          : std::string("DROP DEFAULT")));
        if (op.comment)
            out.push_back("COMMENT ON COLUMN " + t(op.schema, op.table) + "." +
                          d_.quote(op.column) + " IS " + literal_or_null(*op.comment));
        if (!was_identity && will_identity) {
            const orm::Identity& id = after->find_column(op.column)->identity;
            out.push_back(alter_col + "ADD " + pg_.identity_clause(id));
            out.push_back(identity_past_rows(op, id));
        } else if (was_identity && will_identity) {
            std::string changes =
                identity_changes(now->identity, after->find_column(op.column)->identity);
            if (!changes.empty()) out.push_back(alter_col + changes);
        }
        if (op.new_name)
            out.push_back(alter(op.schema, op.table) + "RENAME COLUMN " + d_.quote(op.column) +
                          " TO " +
                          pg_.identifier(*op.new_name, "column '" + *op.new_name + "' of table '" +
                                                           op.table + "'"));
        return out;
    }
    const orm::Column* current_column(const AlterColumn& op) const {
        const orm::Table* table = md().find_table(op.table, op.schema);
        if (!table) throw UsageError(describe(op) + ": table '" + op.table + "' does not exist");
        const orm::Column* c = table->find_column(op.column);
        if (!c)
            throw UsageError(describe(op) + ": table '" + op.table + "' has no column '" +
                             op.column + "'");
        return c;
    }
    // As the DDL compiler decides it for CREATE TABLE.
    static bool is_identity(const orm::Table& table, const std::string& column) {
        const orm::Column* c = table.find_column(column);
        return c->autoincrement == orm::Autoincrement::kTrue ||
               (c->autoincrement == orm::Autoincrement::kAuto && table.autoincrement_column() == c);
    }
    // `SET GENERATED ... SET START WITH ... SET INCREMENT BY ...` for what differs.
    static std::string identity_changes(const orm::Identity& from, const orm::Identity& to) {
        auto start = [](const orm::Identity& id) {
            return id.start.value_or(id.increment.value_or(1) > 0 ? 1 : -1);
        };
        std::string out;
        auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
        if (from.always != to.always)
            add(to.always ? "SET GENERATED ALWAYS" : "SET GENERATED BY DEFAULT");
        if (from.increment.value_or(1) != to.increment.value_or(1))
            add("SET INCREMENT BY " + std::to_string(to.increment.value_or(1)));
        if (start(from) != start(to)) add("SET START WITH " + std::to_string(start(to)));
        return out;
    }
    // A new identity's sequence starts past the values the rows already hold, so that the
    // next insert does not collide with them.
    std::string identity_past_rows(const AlterColumn& op, const orm::Identity& id) const {
        const long long increment = id.increment.value_or(1);
        const std::string start = std::to_string(id.start.value_or(increment > 0 ? 1 : -1));
        const std::string c = d_.quote(op.column);
        const std::string next =
            increment > 0
                ? "GREATEST(MAX(" + c + ") + " + std::to_string(increment) + ", " + start + ")"
                : "LEAST(MIN(" + c + ") + " + std::to_string(increment) + ", " + start + ")";
        return "SELECT setval(pg_get_serial_sequence(" + d_.quote_literal(t(op.schema, op.table)) +
               ", " + d_.quote_literal(op.column) + "), COALESCE(" + next + ", " + start +
               "), false) FROM " + t(op.schema, op.table);
    }
    std::vector<std::string> operator()(const CreateIndex& op) const {
        return {ddl_.create_index(table_of(op.schema, op.table), op.index)};
    }
    std::vector<std::string> operator()(const DropIndex& op) const {
        return {ddl_.drop_index(table_of(op.schema, op.table), op.index)};
    }
    std::vector<std::string> operator()(const CreateUniqueConstraint& op) const {
        return {pg_.add_unique(table_of(op.schema, op.table), op.constraint)};
    }
    std::vector<std::string> operator()(const CreateForeignKey& op) const {
        return {*ddl_.add_foreign_key(table_of(op.schema, op.table), op.constraint)};
    }
    std::vector<std::string> operator()(const CreateCheckConstraint& op) const {
        return {pg_.add_check(table_of(op.schema, op.table), op.constraint)};
    }
    std::vector<std::string> operator()(const CreatePrimaryKey& op) const {
        return {pg_.add_primary_key(table_of(op.schema, op.table), op.constraint)};
    }
    std::vector<std::string> operator()(const DropConstraint& op) const {
        std::string name = op.name;
        if (name.empty() && op.type == ConstraintType::kPrimaryKey) {
            // The key's own name when the schema knows it (a renamed table keeps its old
            // "<old>_pkey"); PostgreSQL's default otherwise.
            const orm::Table* t = md().find_table(op.table, op.schema);
            name = t && !t->primary_key.name.empty() ? t->primary_key.name : op.table + "_pkey";
        }
        if (name.empty() && op.definition) name = live_name(op);
        if (name.empty())
            throw UsageError(
                "drop_constraint on table '" + op.table +
                "' needs the constraint's name on PostgreSQL (`migrate inspect` shows it)");
        return {alter(op.schema, op.table) + "DROP CONSTRAINT " + d_.quote(name)};
    }
    std::vector<std::string> operator()(const CreateEnum& op) const {
        return ddl_.create_enum(op.enum_type);
    }
    // The name the database gave an unnamed constraint of the op's definition.
    std::string live_name(const DropConstraint& op) const {
        const orm::Table* t = md().find_table(op.table, op.schema);
        if (!t) return "";
        if (const auto* u = std::get_if<orm::UniqueConstraint>(&*op.definition))
            for (const auto& x : t->unique_constraints)
                if (x.columns == u->columns) return x.name;
        if (const auto* f = std::get_if<orm::ForeignKey>(&*op.definition))
            for (const auto& x : t->foreign_keys)
                if (x.columns == f->columns && x.referred_table == f->referred_table) return x.name;
        if (const auto* c = std::get_if<orm::CheckConstraint>(&*op.definition))
            for (const auto& x : t->checks)
                if (orm::canonical_expression(x.condition) ==
                    orm::canonical_expression(c->condition))
                    return x.name;
        return "";
    }
    std::vector<std::string> operator()(const DropEnum& op) const {
        return ddl_.drop_enum(op.enum_type);
    }
    std::vector<std::string> operator()(const AddEnumValue& op) const {
        std::string sql = "ALTER TYPE " + t(op.schema, op.enum_name) + " ADD VALUE " +
                          (op.if_not_exists ? "IF NOT EXISTS " : "") + d_.quote_literal(op.value);
        if (!op.before.empty()) sql += " BEFORE " + d_.quote_literal(op.before);
        if (!op.after.empty()) sql += " AFTER " + d_.quote_literal(op.after);
        return {sql};
    }
    // PostgreSQL cannot remove an enum value: the type is renamed out of the way, the new one
    // created, every column of the type converted through text (a row holding a removed value
    // fails the conversion, and with it the revision), and the old type dropped. A default
    // cannot be converted along: it is dropped and set again, read as the new type.
    std::vector<std::string> operator()(const AlterEnum& op) const {
        const std::string type = t(op.schema, op.name);
        std::string old = "_migrate_old_" + op.name;
        if (old.size() > orm::postgresql::kMaxIdentifierBytes)
            old.resize(orm::postgresql::kMaxIdentifierBytes);
        std::vector<std::string> out{"ALTER TYPE " + type + " RENAME TO " + d_.quote(old)};
        for (auto& sql : ddl_.create_enum(orm::EnumType{op.name, op.schema, op.values}))
            out.push_back(std::move(sql));
        for (const orm::Table& table : md().tables)
            for (const orm::Column& c : table.columns) {
                if (c.type.kind() != orm::TypeKind::kEnum || c.type.name() != op.name) continue;
                const std::string col =
                    alter(table.schema, table.name) + "ALTER COLUMN " + d_.quote(c.name) + " ";
                if (c.server_default) out.push_back(col + "DROP DEFAULT");
                out.push_back(col + "TYPE " + type + " USING " + d_.quote(c.name) +
                              "::text::" + type);
                if (c.server_default) out.push_back(col + "SET DEFAULT " + *c.server_default);
            }
        out.push_back("DROP TYPE " + t(op.schema, old));
        return out;
    }
    std::vector<std::string> operator()(const CreateSchema& op) const {
        return {"CREATE SCHEMA " + pg_.identifier(op.name, "schema '" + op.name + "'")};
    }
    std::vector<std::string> operator()(const DropSchema& op) const {
        return {"DROP SCHEMA " + d_.quote(op.name)};
    }
    std::vector<std::string> operator()(const SetTableComment& op) const {
        return {"COMMENT ON TABLE " + t(op.schema, op.table) + " IS " +
                literal_or_null(op.comment)};
    }
    std::vector<std::string> operator()(const Sql& op) const { return raw_sql(op, d_); }
    std::vector<std::string> operator()(const BulkInsert& op) const {
        return bulk_insert_sql(op, d_);
    }

  private:
    const orm::Dialect& d_;
    const orm::DdlCompiler& ddl_;
    const orm::postgresql::PgDdlCompiler pg_;  // the ALTER TABLE forms of each constraint
    SchemaSource& source_;
    mutable const orm::MetaData* md_ = nullptr;
};

}  // namespace

std::vector<std::string> compile_postgresql(const Operation& op, const orm::Dialect& dialect,
                                            SchemaSource& source) {
    return std::visit(PgOps(dialect, source), op);
}

}  // namespace migrate::engine::detail
