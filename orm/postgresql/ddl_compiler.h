#pragma once

/// PostgreSQL DDL: tables with identity columns and every constraint kind, schemas, native
/// enums (`CREATE TYPE ... AS ENUM`), `COMMENT ON`, partial / expression / INCLUDE indexes
/// with access methods.

#include "orm/dialect.h"

namespace migrate::orm::postgresql {

class PgDdlCompiler : public DdlCompiler {
  public:
    explicit PgDdlCompiler(const Dialect& dialect) : dialect_(dialect) {}

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

    /// `"schema"."name"`, or `"name"` in the default schema.
    std::string qualified(const std::string& schema, const std::string& name) const;

  private:
    std::string column_list(const std::vector<std::string>& columns) const;
    std::string foreign_key_sql(const ForeignKey& fk) const;

    const Dialect& dialect_;
};

}  // namespace migrate::orm::postgresql
