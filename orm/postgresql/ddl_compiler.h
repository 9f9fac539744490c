#pragma once

/// PostgreSQL DDL: tables with identity and generated columns, collations, every constraint
/// kind with its options (DEFERRABLE, MATCH FULL, NOT VALID, NO INHERIT, NULLS NOT DISTINCT),
/// UNLOGGED tables and storage parameters, schemas, native enums (`CREATE TYPE ... AS ENUM`),
/// `COMMENT ON`, partial / expression / INCLUDE indexes with access methods, per-key order,
/// operator classes and collations.
///
/// Every identifier goes through the dialect's quoting. A name longer than PostgreSQL's 63
/// bytes is a UsageError naming the object (PostgreSQL would silently cut it, and the model and
/// the database would then disagree). So is a model fact PostgreSQL cannot hold (SQLite's
/// WITHOUT ROWID and STRICT, a virtual generated column).

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

/// PostgreSQL's identifier limit (NAMEDATALEN - 1), in bytes.
constexpr size_t kMaxIdentifierBytes = 63;

class PgDdlCompiler : public DdlCompiler {
  public:
    explicit PgDdlCompiler(const Dialect& dialect) : dialect_(dialect) {}

    /// CREATE TABLE, then what must follow it: NOT VALID constraints (PostgreSQL accepts
    /// NOT VALID only in ALTER TABLE ... ADD CONSTRAINT), comments, indexes.
    std::vector<std::string> create_table(const Table& table,
                                          const MetaData& metadata) const override;
    std::string drop_table(const Table& table) const override;
    std::string column_definition(const Column& column, const MetaData& metadata,
                                  bool identity) const override;
    std::string table_name(const std::string& schema, const std::string& name) const override {
        return qualified(schema, name);
    }
    std::string create_index(const Table& table, const Index& index) const override;
    std::string drop_index(const Table& table, const Index& index) const override;
    std::vector<std::string> create_schema(const std::string& schema) const override;
    std::vector<std::string> create_enum(const EnumType& e) const override;
    std::vector<std::string> drop_enum(const EnumType& e) const override;
    std::string type_sql(const SqlType& type, const MetaData& metadata) const override;
    std::optional<std::string> add_foreign_key(const Table& table,
                                               const ForeignKey& fk) const override;

    /// `ALTER TABLE ... ADD` of each constraint kind, with every option it carries.
    std::string add_primary_key(const Table& table, const PrimaryKey& pk) const;
    std::string add_unique(const Table& table, const UniqueConstraint& uq) const;
    std::string add_check(const Table& table, const CheckConstraint& ck) const;

    /// `"schema"."name"`, or `"name"` in the default schema. UsageError for a name too long.
    std::string qualified(const std::string& schema, const std::string& name) const;
    /// The quoted identifier; UsageError naming `what` ("index 'x' of table 't'") when it is
    /// longer than kMaxIdentifierBytes.
    std::string identifier(const std::string& name, const std::string& what) const;

  private:
    std::string column_list(const std::vector<std::string>& columns, const Table& table) const;
    std::string constraint_name(const std::string& name, const Table& table) const;
    std::string primary_key_sql(const Table& table, const PrimaryKey& pk) const;
    std::string unique_sql(const Table& table, const UniqueConstraint& uq) const;
    std::string foreign_key_sql(const Table& table, const ForeignKey& fk) const;
    std::string check_sql(const Table& table, const CheckConstraint& ck) const;
    std::string alter(const Table& table) const;
    /// A collation or operator class name, `schema.name` when qualified, quoted part by part.
    std::string dotted(const std::string& name) const;
    /// `fillfactor = 70, toast.autovacuum_enabled = off`.
    std::string storage_sql(const std::vector<std::pair<std::string, std::string>>& storage) const;

    const Dialect& dialect_;
};

/// Refuses what PostgreSQL cannot hold for `table` (WITHOUT ROWID, STRICT) with a UsageError
/// naming the table.
void check_table_options(const Table& table);

}  // namespace migrate::orm::postgresql
