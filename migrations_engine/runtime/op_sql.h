#pragma once

/// Operations to SQL, per dialect. The online runner and offline `--sql` both call this, so a
/// dry run prints exactly what a real run executes.
///
/// On SQLite, what `ALTER TABLE` cannot do in place (change a column's type, nullability,
/// default, collation or AUTOINCREMENT; add or drop a constraint; drop a column that is
/// indexed or constrained) becomes a table rebuild following SQLite's documented procedure (create
/// the new table, copy the rows, drop the old one, rename, recreate indexes and triggers).
/// Consecutive operations on one table share one rebuild. The caller switches `PRAGMA foreign_keys`
/// off around the transaction and runs `PRAGMA foreign_key_check` before committing.

#include <memory>
#include <string>
#include <vector>

#include "migrations_engine/ops/operation.h"
#include "migrations_engine/runtime/bulk_insert_sql.h"

namespace migrate::engine {

/// Where the compiler learns what a table looks like before an operation.
class SchemaSource {
  public:
    virtual ~SchemaSource() = default;
    /// The schema as it is now (online: the live database, inside the running transaction;
    /// offline: the schema replayed from the revisions). Valid until the next call of
    /// applied().
    virtual const orm::MetaData& current() = 0;
    /// The CREATE TRIGGER statements of `table` (SQLite), which a rebuild must restore.
    virtual std::vector<std::string> triggers(const std::string& table) = 0;
    /// Why `table` cannot be rebuilt without losing something: what it holds that the model
    /// cannot express (online), or the revision whose raw SQL touched it (offline, where that
    /// SQL's effect is unknown). Empty when a rebuild keeps everything.
    virtual std::vector<std::string> rebuild_obstacles(const std::string& table) = 0;
    /// Told after the statements of ops [first, next) were produced (offline replays them).
    virtual void applied(const std::vector<Operation>& ops, size_t first, size_t next) = 0;
    /// The revision whose operations come next, for messages.
    void set_revision(std::string id) { revision_ = std::move(id); }
    const std::string& revision() const { return revision_; }

  private:
    std::string revision_;
};

struct CompiledOps {
    std::vector<std::string> statements;
    /// The table that the statements rebuild (SQLite), or empty. The runner runs a rebuild
    /// inside a savepoint and checks foreign keys right after it.
    std::string rebuilt_table;
    /// A bulk_insert's statements, made one at a time (`statements` is then empty).
    std::shared_ptr<const detail::BulkInsertStatements> bulk;

    /// How many statements there are, and statement `k`, whichever way they are held.
    size_t size() const;
    std::string statement(size_t k) const;
};

/// The statements for `ops[first]` (and, for a SQLite rebuild, the following operations on the
/// same table). `*next` is set past the last operation used. Throws UsageError for an
/// operation the dialect cannot perform (naming the operation and why), and for a rebuild of
/// a table that holds what the model cannot express.
CompiledOps compile_ops(const std::vector<Operation>& ops, size_t first, size_t* next,
                        const orm::Dialect& dialect, SchemaSource& source);

/// Whether running `ops` may rebuild a table: such a revision runs with foreign-key
/// enforcement off (SQLite drops the old table, which would fire ON DELETE actions).
bool may_rebuild(const std::vector<Operation>& ops, const orm::Dialect& dialect);

namespace detail {
std::vector<std::string> compile_postgresql(const Operation& op, const orm::Dialect& dialect,
                                            SchemaSource& source);
CompiledOps compile_sqlite(const std::vector<Operation>& ops, size_t first, size_t* next,
                           const orm::Dialect& dialect, SchemaSource& source);
bool sqlite_may_rebuild(const Operation& op);
/// Every statement of BulkInsertStatements at once. Throws UsageError for a value no literal
/// can hold (NaN).
std::vector<std::string> bulk_insert_sql(const BulkInsert& op, const orm::Dialect& dialect);
/// The statements of a `sql` op's text for the dialect, split as the dialect's shell splits
/// them (Dialect::split_script), so that each runs, and is printed offline, on its own;
/// UsageError when the op has no text for the dialect.
std::vector<std::string> raw_sql(const Sql& op, const orm::Dialect& dialect);
}  // namespace detail

}  // namespace migrate::engine
