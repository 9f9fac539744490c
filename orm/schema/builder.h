#pragma once

/// SchemaBuilder: a MetaData declared in C++ that reads like a model file.
///
///     orm::SchemaBuilder b;
///     b.enumeration("mood", {"sad", "ok", "happy"});
///     auto& users = b.table("users");
///     users.column("id", "Integer").primary_key();
///     users.column("email", "String(60)").nullable(false).unique();
///     users.column("team_id", "Integer").foreign_key("teams.id").on_delete("SET NULL");
///     users.index("ix_users_email_lower", {}).expressions({"lower(email)"}).unique();
///     users.check("email <> ''");
///     orm::MetaData m = b.build();
///
/// Types are the model file's type text (`String(40)`, `Numeric(12, 2)`, `Enum(mood)`, a
/// dialect's own `JSONB`). Column shorthands (`primary_key`, `unique`, `index`, `foreign_key`)
/// become table-level objects exactly as the YAML loader makes them, and a column is NOT NULL
/// by default when it is in the primary key, so the same model written in YAML and in C++ gives
/// equal MetaData. `build()` applies the naming convention and runs `validate`, so a C++ model
/// gets the YAML loader's checks and messages (without file positions).
///
/// Errors: a mistake visible at once (bad type text, malformed `foreign_key`/`references`
/// text, unknown referential action) throws ModelError from the call that makes it; the rest
/// throw ModelError from `build()`. The builder owns everything it hands out: the references
/// returned by `table()`, `column()` and the others stay valid for the builder's lifetime, and
/// `get()` gives the underlying struct for the options the fluent calls do not cover.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "orm/schema/metadata.h"

namespace migrate::orm {

namespace detail {
struct ColumnSpec;
struct TableSpec;
}  // namespace detail

class ColumnBuilder {
  public:
    explicit ColumnBuilder(detail::ColumnSpec& spec) : spec_(&spec) {}
    ColumnBuilder& primary_key(bool on = true);
    ColumnBuilder& nullable(bool on);
    ColumnBuilder& autoincrement(bool on);
    ColumnBuilder& unique(bool on = true);
    /// An index on this column alone (unique with `unique()`), named by the convention.
    ColumnBuilder& index(bool on = true);
    /// SQL text as it follows DEFAULT: `"0"`, `"'draft'"`, `"CURRENT_TIMESTAMP"`.
    ColumnBuilder& server_default(std::string sql);
    ColumnBuilder& comment(std::string text);
    ColumnBuilder& renamed_from(std::string former_name);
    ColumnBuilder& collation(std::string name);
    ColumnBuilder& generated(std::string expression, bool stored = true);
    ColumnBuilder& identity(Identity identity);
    /// `target` is `table.column` or `schema.table.column`.
    ColumnBuilder& foreign_key(const std::string& target);
    /// Referential actions of the column's foreign_key (which must be given first).
    ColumnBuilder& on_delete(const std::string& action);
    ColumnBuilder& on_update(const std::string& action);
    Column& get();

  private:
    detail::ColumnSpec* spec_;
};

class IndexBuilder {
  public:
    explicit IndexBuilder(Index& index) : index_(&index) {}
    IndexBuilder& unique(bool on = true);
    /// Adds SQL expressions as keys (`lower(email)`).
    IndexBuilder& expressions(const std::vector<std::string>& sql);
    /// Partial index predicate, SQL text after WHERE.
    IndexBuilder& where(std::string sql);
    /// Access method (`gin`, `gist`, ...).
    IndexBuilder& using_method(std::string method);
    IndexBuilder& include(std::vector<std::string> columns);
    Index& get() { return *index_; }

  private:
    Index* index_;
};

class ForeignKeyBuilder {
  public:
    ForeignKeyBuilder(ForeignKey& fk, std::string where) : fk_(&fk), where_(std::move(where)) {}
    ForeignKeyBuilder& on_delete(const std::string& action);
    ForeignKeyBuilder& on_update(const std::string& action);
    ForeignKey& get() { return *fk_; }

  private:
    ForeignKey* fk_;
    std::string where_;
};

class TableBuilder {
  public:
    explicit TableBuilder(detail::TableSpec& spec) : spec_(&spec) {}
    TableBuilder& schema(std::string name);
    TableBuilder& comment(std::string text);
    TableBuilder& renamed_from(std::string former_name);
    /// Columns come in CREATE TABLE order. `type` is model type text; a bad one throws.
    ColumnBuilder column(const std::string& name, const std::string& type);
    /// A column of an already made type (`SqlType::dialect("int4range")`).
    ColumnBuilder column(const std::string& name, SqlType type);
    /// The table's key, when not given on columns; `name` empty for the convention's.
    PrimaryKey& primary_key(std::vector<std::string> columns, std::string name = {});
    /// An index on `columns` (none when the keys are all expressions()).
    IndexBuilder index(std::string name, const std::vector<std::string>& columns);
    UniqueConstraint& unique(std::vector<std::string> columns, std::string name = {});
    /// `references` is `table(col, ...)` or `schema.table(col, ...)`.
    ForeignKeyBuilder foreign_key(std::vector<std::string> columns, const std::string& references,
                                  std::string name = {});
    CheckConstraint& check(std::string condition, std::string name = {});
    /// The table-level fields (options such as `without_rowid`, `unlogged`, `storage`);
    /// columns, keys, indexes and constraints are added at build().
    Table& get();

  private:
    detail::TableSpec* spec_;
};

class SchemaBuilder {
  public:
    SchemaBuilder();
    ~SchemaBuilder();
    SchemaBuilder(const SchemaBuilder&) = delete;
    SchemaBuilder& operator=(const SchemaBuilder&) = delete;

    /// `key` is ix, uq, fk, pk or ck; tokens as in the model file.
    SchemaBuilder& naming_convention(std::string key, std::string template_text);
    SchemaBuilder& enumeration(std::string name, std::vector<std::string> values,
                               std::string schema = {});
    /// A new table; declaring one name twice is reported by build().
    TableBuilder& table(const std::string& name);
    /// The validated MetaData. Throws ModelError.
    MetaData build() const;

  private:
    MetaData base_;
    std::vector<std::unique_ptr<detail::TableSpec>> tables_;
};

}  // namespace migrate::orm
