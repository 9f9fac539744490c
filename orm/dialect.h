#pragma once

/// The dialect interface: what each database backend (orm/sqlite, orm/postgresql) provides.
///
/// A Dialect is stateless and lives for the whole process. It opens Connections, compiles
/// schema objects to DDL, and reflects a live schema into plain structs (MetaData).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "orm/schema/metadata.h"
#include "orm/url.h"

namespace migrate::orm {

/// A statement parameter or a literal value (bulk_insert rows). Results come back as text or
/// NULL. `bool` is its own alternative so that each dialect spells it (TRUE, or 1 on SQLite).
using Value = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string>;

struct ResultSet {
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;

    /// Index of `name` in `columns`; throws std::out_of_range when absent.
    size_t column(const std::string& name) const;
};

class Dialect;

/// One open database session. Not thread-safe. Errors throw DatabaseError carrying the SQL
/// and the database's code and message; the connection stays usable after a failed
/// statement (the caller decides whether to roll back).
class Connection {
  public:
    virtual ~Connection() = default;

    virtual const Dialect& dialect() const = 0;

    /// Runs exactly one statement that returns no rows we need. Text holding a second
    /// statement is refused (DatabaseError) before anything runs, so that no text pasted into
    /// a statement (a type, a default, an index predicate) can carry another one; a trailing
    /// `;` and comments are fine.
    virtual void execute(const std::string& sql) = 0;
    /// Runs exactly one statement, as `execute` does, with `?`-style positional parameters
    /// (`$1` on PostgreSQL is written `?` too: the dialect rewrites) and returns every row as
    /// text.
    virtual ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) = 0;
    /// Runs every statement of a script (a loaded SQL file, a revision's `sql` operation), in
    /// order, split as Dialect::split_script splits it. Stops at the first failure with a
    /// DatabaseError naming the statement's number and text; the statements before it stay
    /// run (the caller's transaction decides their fate).
    virtual void execute_script(const std::string& script);

    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual bool in_transaction() const = 0;
    void savepoint(const std::string& name);
    void release_savepoint(const std::string& name);
    void rollback_to_savepoint(const std::string& name);

    /// The database for messages: its URL with any password masked, or what is known of a
    /// wrapped handle (see orm/connection_handles.h).
    virtual std::string display_name() const { return "the database"; }
    /// The file the database lives in, where the dialect keeps databases in files; empty for
    /// an in-memory database and for a server's. The migration lock is taken beside it.
    virtual std::string database_file() const { return {}; }

    /// Statements sent to the database since the connection opened (tests count these).
    std::size_t statement_count() const { return statement_count_; }
    /// Called with each statement's text before it runs (`--echo`).
    void set_echo(std::function<void(const std::string&)> echo) { echo_ = std::move(echo); }

  protected:
    void note_statement(const std::string& sql) {
        ++statement_count_;
        if (echo_) echo_(sql);
    }

  private:
    std::size_t statement_count_ = 0;
    std::function<void(const std::string&)> echo_;
};

/// Compiles schema objects to the dialect's DDL. Every identifier goes through `quote`.
class DdlCompiler {
  public:
    virtual ~DdlCompiler() = default;

    /// Statements that create `table` with its constraints and indexes (and, where the
    /// dialect needs them, its enum CHECKs); `metadata` resolves enums.
    virtual std::vector<std::string> create_table(const Table& table,
                                                  const MetaData& metadata) const = 0;
    virtual std::string drop_table(const Table& table) const = 0;
    /// One column as it stands in CREATE TABLE or ADD COLUMN: name, type, default, NOT NULL
    /// (and, on PostgreSQL, identity when `identity`).
    virtual std::string column_definition(const Column& column, const MetaData& metadata,
                                          bool identity) const = 0;
    /// `"schema"."name"`, or `"name"` without a schema (SQLite ignores the schema).
    virtual std::string table_name(const std::string& schema, const std::string& name) const = 0;
    virtual std::string create_index(const Table& table, const Index& index) const = 0;
    virtual std::string drop_index(const Table& table, const Index& index) const = 0;
    /// Statements creating a schema unless it exists; empty where there are none (SQLite).
    virtual std::vector<std::string> create_schema(const std::string& schema) const = 0;
    /// Statements creating / dropping a native enum type; empty where enums are CHECKs.
    virtual std::vector<std::string> create_enum(const EnumType& e) const = 0;
    virtual std::vector<std::string> drop_enum(const EnumType& e) const = 0;
    /// A statement adding `fk` to an existing table, or nullopt where the dialect cannot
    /// (SQLite), in which case foreign keys always stay inside CREATE TABLE.
    virtual std::optional<std::string> add_foreign_key(const Table& table,
                                                       const ForeignKey& fk) const = 0;
    /// The column type as the dialect spells it.
    virtual std::string type_sql(const SqlType& type, const MetaData& metadata) const = 0;
};

/// Something in the database the tool does not manage (view, trigger, virtual table, ...).
struct UnmanagedObject {
    std::string kind;  // "view", "trigger", "virtual table", ...
    std::string schema;
    std::string name;
    std::string table;  // the table it belongs to, when it belongs to one
};

/// Something a live table holds that the model cannot express (an ON CONFLICT clause, an
/// exclusion constraint, an index option): reported, so that nothing is lost without a word,
/// and a reason for the tool to refuse to rebuild the table.
struct NotModelled {
    std::string table;       // qualified as in models: "schema.table" outside the default
    std::string object;      // "column email", "constraint uq_x", "index ix_y", "table"
    std::string definition;  // the database's own text for it
};

struct ReflectedSchema {
    MetaData metadata;
    std::vector<UnmanagedObject> unmanaged;
    std::vector<NotModelled> not_modelled;
    /// The schema that "" stands for on this connection (PostgreSQL: `current_schema()`);
    /// empty where there are no schemas.
    std::string default_schema;
    /// The schemas read that exist, by name, the default one included (PostgreSQL).
    std::vector<std::string> schemas;
    /// User schemas that were not read and hold tables, with how many (PostgreSQL).
    std::vector<std::pair<std::string, size_t>> unread_schemas;
};

struct ReflectOptions {
    /// Schemas to read (PostgreSQL); empty means the default schema, and so does "".
    std::vector<std::string> schemas;
};

class Inspector {
  public:
    virtual ~Inspector() = default;
    /// Reflects every table of the selected schemas in a constant number of statements,
    /// whatever the number of tables.
    virtual ReflectedSchema reflect(Connection& connection,
                                    const ReflectOptions& options) const = 0;
};

class Dialect {
  public:
    virtual ~Dialect() = default;
    virtual std::string name() const = 0;
    /// Quotes an identifier (always quoted, embedded quotes doubled: standard SQL, which both
    /// dialects speak).
    virtual std::string quote(const std::string& identifier) const;
    /// Quotes a string literal.
    std::string quote_literal(const std::string& text) const;
    /// `value` as an SQL literal of this dialect: NULL, TRUE / FALSE (1 / 0 on SQLite), an
    /// integer, a real in the shortest form that reads back as the same double (always with a
    /// '.' or an exponent, so it stays a real), or a quoted string. Throws UsageError for an
    /// infinite or NaN real, which neither dialect can write as a literal of every real type.
    std::string literal(const Value& value) const;
    /// The statements of `script` as the dialect's own shell (sqlite3, psql) splits it, each
    /// without its terminating `;`; empty statements are dropped. Pure text: no connection.
    virtual std::vector<std::string> split_script(const std::string& script) const = 0;
    /// Opens a connection. Throws ConnectionError with a message free of the password.
    virtual std::unique_ptr<Connection> connect(const DatabaseUrl& url) const = 0;
    virtual const DdlCompiler& ddl() const = 0;
    virtual const Inspector& inspector() const = 0;

    // Capabilities and migration steps that differ between databases, so that the engine
    // never asks which database it talks to.

    /// True where ALTER TABLE cannot change columns and constraints in place, so that the
    /// engine rebuilds the table instead (SQLite).
    virtual bool rebuilds_tables() const { return false; }
    /// True where enums are native types; false where they live in CHECK constraints only.
    virtual bool native_enums() const { return true; }
    /// True where a value that `ALTER TYPE ... ADD VALUE` adds inside a transaction cannot be
    /// used before that transaction commits, unless the type was created in it (PostgreSQL):
    /// the runner then adds such values, each committed on its own, before the transaction
    /// that uses them.
    virtual bool enum_values_need_commit() const { return false; }
    /// `type` as the dialect would read it back once created: synonyms folded (`int4` and
    /// `Integer`, `VARCHAR(5)` and `String(5)`), so that comparing two schemas sees one
    /// spelling. `metadata` resolves enums.
    virtual SqlType canonical_type(const SqlType& type, const MetaData& /*metadata*/) const {
        return type;
    }
    /// True where tables live in named schemas (`schema.table`).
    virtual bool has_schemas() const { return false; }
    /// True where a database is a file beside the project (a relative path in a URL is a
    /// path on disk).
    virtual bool file_database() const { return false; }
    /// How one runner keeps others out: an advisory lock held by a session of the server, or
    /// an exclusive lock on a file beside the database.
    enum class Locking { kAdvisory, kFile };
    virtual Locking locking() const { return Locking::kFile; }
    /// The column type of a UTC timestamp, and an expression reading `column` back as ISO 8601
    /// text (`2026-11-21T10:15:00Z`).
    virtual std::string timestamp_type() const { return "VARCHAR(32)"; }
    virtual std::string timestamp_text(const std::string& column) const { return column; }
    /// Whether table `table` (in `schema`, "" for the default) exists, and its column names in
    /// order (none when it does not exist).
    virtual std::vector<std::string> table_columns(Connection& connection,
                                                   const std::string& schema,
                                                   const std::string& table) const = 0;
    /// `models` with types and expressions spelt as the database would hold them, decided by
    /// the database itself where the dialect can ask it (PostgreSQL); `models` unchanged
    /// elsewhere. Leaves the database unchanged.
    virtual MetaData as_held(Connection& /*connection*/, const MetaData& models) const {
        return models;
    }
    /// Whether the dialect folds unquoted and quoted names alike when matching them (SQLite
    /// matches names case-insensitively).
    virtual bool names_case_insensitive() const { return false; }
    /// Statements turning foreign-key enforcement on or off for the session; they take effect
    /// only outside a transaction. Empty where enforcement cannot be switched off.
    virtual std::vector<std::string> foreign_keys_sql(bool /*enforce*/) const { return {}; }
    /// Rows whose foreign keys point nowhere, described for a message ("table t, row 3,
    /// parent p"); empty when there are none or the database checks them itself.
    virtual std::vector<std::string> foreign_key_violations(Connection&) const { return {}; }
    /// The statements re-creating the triggers of `table`, which a table rebuild must restore.
    virtual std::vector<std::string> table_triggers(Connection&, const std::string&) const {
        return {};
    }

  protected:
    /// How `literal` spells a boolean; standard SQL by default.
    virtual std::string boolean_literal(bool value) const { return value ? "TRUE" : "FALSE"; }
    /// How `literal` spells a finite real: by default the shortest text that reads back as the
    /// same double, with ".0" added when it would otherwise read as an integer.
    virtual std::string real_literal(double value) const;
};

/// The dialect named `name` ("sqlite", "postgresql"); throws UsageError for others.
const Dialect& dialect_by_name(const std::string& name);

/// Opens a connection to `url` through its dialect.
std::unique_ptr<Connection> connect(const DatabaseUrl& url);

}  // namespace migrate::orm
