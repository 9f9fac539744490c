#pragma once

/// SQLite DDL: CREATE/DROP TABLE with every constraint kind, CREATE/DROP INDEX (partial,
/// expression), enums as named CHECK constraints.
///
/// An Enum column becomes `VARCHAR(n)` plus `CONSTRAINT "<enum name>" CHECK ("col" IN (...))`;
/// the inspector recognises exactly that form and reads it back as the enum.

#include "orm/dialect.h"

namespace migrate::orm::sqlite {

class SqliteDdlCompiler : public DdlCompiler {
  public:
    explicit SqliteDdlCompiler(const Dialect& dialect) : dialect_(dialect) {}

    std::vector<std::string> create_table(const Table& table,
                                          const MetaData& metadata) const override;
    std::string drop_table(const Table& table) const override;
    std::string column_definition(const Column& column, const MetaData& metadata,
                                  bool identity) const override;
    std::string table_name(const std::string&, const std::string& name) const override {
        return dialect_.quote(name);
    }
    std::string create_index(const Table& table, const Index& index) const override;
    std::string drop_index(const Table& table, const Index& index) const override;
    std::vector<std::string> create_schema(const std::string&) const override { return {}; }
    std::vector<std::string> create_enum(const EnumType&) const override { return {}; }
    std::vector<std::string> drop_enum(const EnumType&) const override { return {}; }
    std::string type_sql(const SqlType& type, const MetaData& metadata) const override;
    std::optional<std::string> add_foreign_key(const Table&, const ForeignKey&) const override {
        return std::nullopt;
    }

    /// The CHECK condition that stands for an enum column: `"col" IN ('a', 'b')`.
    std::string enum_check_condition(const std::string& column, const EnumType& e) const;
    /// A server default as it must follow DEFAULT: literals as they are, any other
    /// expression in parentheses.
    static std::string default_sql(const std::string& server_default);

  private:
    /// ` COLLATE name`, the name quoted unless it is a plain word.
    std::string collate(const std::string& collation) const;
    /// What follows the type in a column definition: COLLATE, GENERATED, DEFAULT, NOT NULL.
    std::string column_options(const Column& column) const;
    std::string column_list(const std::vector<std::string>& columns) const;
    std::string table_body(const Table& table, const MetaData& metadata) const;

    const Dialect& dialect_;
};

}  // namespace migrate::orm::sqlite
