#include "migrations_engine/runtime/plan_executor.h"

#include <chrono>
#include <cstdint>
#include <set>
#include <utility>

#include "migrations_engine/errors.h"
#include "migrations_engine/ops/apply.h"
#include "orm/sql_text.h"

namespace migrate::engine {
namespace {

using orm::join;

// Runs a plan: the one code path of online and offline runs.
//
// Foreign keys: a revision that may rebuild a table (SQLite) runs with enforcement off, since
// dropping the old table would fire ON DELETE actions; enforcement can change only between
// transactions, so in `all` mode it is off for the whole run when any revision may rebuild
// (and the run says so). Every rebuild runs in a savepoint and is followed by a foreign-key
// check naming the revision.
//
// Enum values (PostgreSQL, Dialect::enum_values_need_commit): a value added in a transaction
// cannot be used in it, so right before a transaction begins, the `add_enum_value` operations
// of the revisions it will hold run first, in a transaction of their own that commits, with
// IF NOT EXISTS, so that running the revisions again after a failure is harmless. A value of an
// enum that the transaction itself creates (create_enum, alter_enum) cannot be added earlier,
// and PostgreSQL lets no one use it before a commit either: when an earlier revision of the
// transaction (`all` mode) created the enum, the run commits before the revision that adds the
// value, and says so; within one revision, it stays in place.
//
// Failures: whatever fails (a statement, the version-table write, the foreign-key check, the
// guard, COMMIT) is a MigrationError naming the revision, after a rollback whose own failure
// is added to the message, never thrown in its place.
class PlanExecutor {
  public:
    PlanExecutor(orm::Connection& conn, const VersionTable& table, const RunOptions& options,
                 SchemaSource& source, const CommitGuard& guard)
        : conn_(conn),
          dialect_(conn.dialect()),
          table_(table),
          options_(options),
          source_(source),
          guard_(guard) {}

    std::vector<Step> run(const std::vector<RevisionFile>& plan, Direction dir) {
        std::vector<Step> steps;
        if (plan.empty()) return steps;
        try {
            if (options_.transaction_mode == TransactionMode::kAll) {
                for (const RevisionFile& file : plan)
                    if (rebuilds(file, dir)) {
                        whole_run_unenforced_ = true;
                        if (options_.say)
                            options_.say("Note: revision " + file.header.id +
                                         " may rebuild a table, so foreign keys are not enforced "
                                         "during this run (they are checked before it commits); "
                                         "ON DELETE actions in its data migrations do not fire. "
                                         "transaction_mode: per_migration limits this to that "
                                         "revision.");
                        break;
                    }
            }
            plan_ = &plan;
            for (pos_ = 0; pos_ < plan.size(); ++pos_) steps.push_back(run_one(plan[pos_], dir));
            if (open_) finish(plan.back().header);
        } catch (...) {
            // Every failure above rolled back already, saying so in its message; this only
            // makes sure, and must never replace the error in flight.
            try {
                if (open_) conn_.rollback();
                open_ = false;
                enforce_foreign_keys(true);
            } catch (const std::exception&) {
            }
            throw;
        }
        enforce_foreign_keys(true);
        return steps;
    }

  private:
    bool rebuilds(const RevisionFile& file, Direction dir) const {
        return may_rebuild(dir == Direction::kUp ? file.upgrade : file.downgrade, dialect_);
    }

    // Takes effect only outside a transaction: called between them.
    void enforce_foreign_keys(bool on) {
        if (enforced_ == on) return;
        for (const auto& sql : dialect_.foreign_keys_sql(on)) conn_.execute(sql);
        enforced_ = on;
    }

    void begin(bool enforce) {
        enforce_foreign_keys(enforce);
        conn_.begin();
        open_ = true;
        created_enums_.clear();
    }

    // With enforcement off, every foreign key must be satisfied before anything commits; the
    // guard must pass; then COMMIT. A failure of any is a failed migration of the revisions in
    // the transaction, rolled back.
    void finish(const RevisionHeader& last) {
        if (!enforced_) {
            std::vector<std::string> bad;
            try {
                bad = dialect_.foreign_key_violations(conn_);
            } catch (const DatabaseError& e) {
                abort(last, "commit", "the foreign-key check failed: " + std::string(e.what()),
                      DatabaseCause::of(e));
            }
            if (!bad.empty())
                abort(last, "commit",
                      "the migration leaves " + std::to_string(bad.size()) +
                          " rows whose foreign keys point nowhere (first: " + bad[0] + ")");
        }
        check_guard(last);
        try {
            conn_.commit();
        } catch (const DatabaseError& e) {
            abort(last, "commit", "COMMIT failed: " + std::string(e.what()), DatabaseCause::of(e));
        }
        open_ = false;
        committed_ = true;
        in_transaction_.clear();
    }

    void check_guard(const RevisionHeader& h) {
        if (!guard_) return;
        try {
            guard_();
        } catch (const Error& e) {
            abort(h, "lock", e.what(), DatabaseCause::of(e));
        }
    }

    Step run_one(const RevisionFile& file, Direction dir) {
        const RevisionHeader& h = file.header;
        source_.set_revision(h.id);
        const TransactionMode mode = options_.transaction_mode;
        const bool own_transaction = !h.transactional || mode == TransactionMode::kNone;
        const bool enforce = !whole_run_unenforced_ && !rebuilds(file, dir);
        if (own_transaction && open_) finish(h);
        if (!own_transaction && open_ && adds_to_created_enum(file, dir)) {
            if (options_.say)
                options_.say("Note: revision " + h.id +
                             " adds a value to an enum that this run's transaction created, "
                             "and PostgreSQL cannot use such a value before a commit: the run "
                             "commits before revision " +
                             h.id +
                             ", so the revisions before it stay applied if a later one "
                             "fails.");
            finish((*plan_)[pos_ - 1].header);
        }
        if (own_transaction) check_guard(h);
        if (!own_transaction && !open_) {
            add_enum_values_first(dir);
            begin(enforce);
        }
        if (own_transaction) enforce_foreign_keys(enforce);
        if (!own_transaction) in_transaction_.push_back(h.id);

        const auto start = std::chrono::steady_clock::now();
        const std::vector<Operation>& ops = dir == Direction::kUp ? file.upgrade : file.downgrade;
        for (size_t i = 0; i < ops.size();) {
            // A `sql` op with texts for other dialects only does nothing on this one.
            if (added_first_.count({pos_, i})) {  // ran before the transaction
                ++i;
                continue;
            }
            const auto* raw = std::get_if<Sql>(&ops[i]);
            if (raw && !raw->for_dialect(dialect_.name())) {
                source_.applied(ops, i, i + 1);
                ++i;
                continue;
            }
            size_t next = i + 1;
            CompiledOps compiled;
            try {
                compiled = compile_ops(ops, i, &next, dialect_, source_);
            } catch (const Error& e) {
                fail(h, at_operation(ops[i], i), op_name(ops[i]), "", e.what(),
                     DatabaseCause::of(e));
            }
            if (compiled.rebuilt_table.empty())
                run_statements(h, ops[i], i, compiled);
            else
                run_rebuild(h, ops[i], i, compiled);
            if (const auto* c = std::get_if<CreateEnum>(&ops[i]))
                created_enums_.insert({c->enum_type.schema, c->enum_type.name});
            if (const auto* a = std::get_if<AlterEnum>(&ops[i]))
                created_enums_.insert({a->schema, a->name});
            i = next;
        }
        long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
        const std::string row_sql =
            dir == Direction::kUp
                ? table_.insert_sql({h.id, revision_checksum(h), utc_now(), ms, applied_by()})
                : table_.delete_sql(h.id);
        try {
            conn_.execute(row_sql);
        } catch (const DatabaseError& e) {
            fail(h, "recording it in the version table " + table_.name(), "version table", row_sql,
                 e.what(), DatabaseCause::of(e));
        }
        if (own_transaction) committed_ = true;
        if (mode == TransactionMode::kPerMigration && open_) finish(h);

        Step step{h.id, h.down_revisions.empty() ? "<base>" : join(h.down_revisions), h.id,
                  h.message, ms};
        if (dir == Direction::kDown) std::swap(step.from, step.to);
        if (options_.say)
            options_.say(std::string("Running ") +
                         (dir == Direction::kUp ? "upgrade " : "downgrade ") + step.from + " -> " +
                         step.to + ", " + h.message + " (" + std::to_string(ms) + " ms)");
        return step;
    }

    // Whether the revision adds a value to an enum that the open transaction created (in an
    // earlier revision): a value PostgreSQL lets no one use before a commit.
    bool adds_to_created_enum(const RevisionFile& file, Direction dir) const {
        if (!dialect_.enum_values_need_commit()) return false;
        for (const Operation& op : dir == Direction::kUp ? file.upgrade : file.downgrade)
            if (const auto* add = std::get_if<AddEnumValue>(&op))
                if (created_enums_.count({add->schema, add->enum_name})) return true;
        return false;
    }

    // Adds, in a transaction of their own, committed, the enum values that the transaction
    // about to begin (at revision pos_) uses; see the class comment.
    void add_enum_values_first(Direction dir) {
        if (!dialect_.enum_values_need_commit()) return;
        struct Early {
            size_t revision, index;
            CompiledOps compiled;
        };
        std::vector<Early> early;
        std::set<std::pair<std::string, std::string>> created;  // (schema, name)
        for (size_t r = pos_; r < plan_->size(); ++r) {
            const RevisionFile& file = (*plan_)[r];
            if (r > pos_ &&
                (options_.transaction_mode != TransactionMode::kAll || !file.header.transactional))
                break;  // the transaction ends before this revision
            const std::vector<Operation>& ops =
                dir == Direction::kUp ? file.upgrade : file.downgrade;
            for (size_t i = 0; i < ops.size(); ++i) {
                if (const auto* c = std::get_if<CreateEnum>(&ops[i]))
                    created.insert({c->enum_type.schema, c->enum_type.name});
                if (const auto* a = std::get_if<AlterEnum>(&ops[i]))
                    created.insert({a->schema, a->name});
                const auto* add = std::get_if<AddEnumValue>(&ops[i]);
                if (!add || created.count({add->schema, add->enum_name}) ||
                    added_first_.count({r, i}))
                    continue;
                AddEnumValue again = *add;
                again.if_not_exists = true;
                const std::vector<Operation> one{again};
                size_t next = 1;
                source_.set_revision(file.header.id);
                try {
                    early.push_back({r, i, compile_ops(one, 0, &next, dialect_, source_)});
                } catch (const Error& e) {
                    fail(file.header, at_operation(ops[i], i), op_name(ops[i]), "", e.what(),
                         DatabaseCause::of(e));
                }
            }
        }
        source_.set_revision((*plan_)[pos_].header.id);
        if (early.empty()) return;
        const RevisionHeader& first = (*plan_)[pos_].header;
        check_guard(first);
        conn_.begin();
        open_ = true;
        adding_first_ = true;
        for (const Early& e : early) {
            const RevisionFile& file = (*plan_)[e.revision];
            const auto& ops = dir == Direction::kUp ? file.upgrade : file.downgrade;
            run_statements(file.header, ops[e.index], e.index, e.compiled);
        }
        check_guard(first);
        try {
            conn_.commit();
        } catch (const DatabaseError& e) {
            abort(first, "commit", "COMMIT of the enum values failed: " + std::string(e.what()),
                  DatabaseCause::of(e));
        }
        open_ = false;
        adding_first_ = false;
        for (const Early& e : early) added_first_.insert({e.revision, e.index});
    }

    // What stays of enum values added before a transaction that then failed.
    // What to do about a failure whose cause the configuration can remove.
    std::string advice(const DatabaseCause& cause) const {
        // PostgreSQL's "out of shared memory": the lock table is full.
        if (cause.sqlstate != "53200") return "";
        return std::string(
                   "\nPostgreSQL ran out of lock slots: a transaction holds a lock on every table "
                   "it creates or changes until it ends, and the server keeps room for about "
                   "max_locks_per_transaction x max_connections of them. Raise the server setting "
                   "max_locks_per_transaction (it takes a restart)") +
               (options_.transaction_mode == TransactionMode::kAll
                    ? ", or set `transaction_mode: per_migration` in migrate.yaml so that each "
                      "revision commits on its own."
                    : ", or split the revision that failed.");
    }

    std::string enum_values_note() const {
        if (added_first_.empty()) return "";
        return "\nThe enum values added before the transaction (committed first, so that it can "
               "use them) stay; running the revisions again skips them.";
    }

    static std::string at_operation(const Operation& op, size_t index) {
        return "operation " + std::to_string(index + 1) + ", " + describe(op);
    }

    void run_statements(const RevisionHeader& h, const Operation& op, size_t index,
                        const CompiledOps& statements) {
        // A bulk_insert's statements are made one at a time, as they run.
        for (size_t k = 0; k < statements.size(); ++k) {
            const std::string sql = statements.statement(k);
            try {
                conn_.execute(sql);
            } catch (const DatabaseError& e) {
                // A `sql` operation's statements are numbered, as a script's are.
                const std::string which = statements.size() == 1
                                              ? ""
                                              : "statement " + std::to_string(k + 1) + " of " +
                                                    std::to_string(statements.size()) + ": ";
                fail(h, at_operation(op, index), op_name(op), sql, which + e.what(),
                     DatabaseCause::of(e));
            }
        }
    }

    // A rebuild is all or nothing whatever the transaction mode, and leaves every foreign key
    // satisfied.
    void run_rebuild(const RevisionHeader& h, const Operation& op, size_t index,
                     const CompiledOps& compiled) {
        const std::string savepoint = "migrate_rebuild";
        conn_.savepoint(savepoint);
        std::string failed_sql, why;
        DatabaseCause cause;
        for (const auto& sql : compiled.statements) {
            try {
                conn_.execute(sql);
            } catch (const DatabaseError& e) {
                failed_sql = sql;
                why = e.what();
                cause = DatabaseCause::of(e);
                break;
            }
        }
        if (why.empty() && !enforced_) {
            std::vector<std::string> bad = dialect_.foreign_key_violations(conn_);
            if (!bad.empty())
                why = "the rebuild of table '" + compiled.rebuilt_table + "' leaves " +
                      std::to_string(bad.size()) +
                      " rows whose foreign keys point nowhere (first: " + bad[0] + ")";
        }
        if (why.empty()) {
            conn_.release_savepoint(savepoint);
            return;
        }
        try {
            conn_.rollback_to_savepoint(savepoint);
            conn_.release_savepoint(savepoint);
        } catch (const Error&) {
            // fail() rolls back the transaction, if any; the first error is the one to report.
        }
        fail(h, at_operation(op, index), op_name(op), failed_sql, why, cause);
    }

    // Rolls back; what a failing rollback says is added to `msg`, never thrown instead of it.
    void roll_back_into(std::string* msg) {
        if (!open_) return;
        open_ = false;
        try {
            conn_.rollback();
        } catch (const std::exception& e) {
            *msg += "\nRolling back failed too: " + std::string(e.what()) +
                    "\nThe database may hold part of this transaction; check it before running "
                    "again.";
            rollback_failed_ = true;
        }
    }

    // A statement (or the version-table write) of revision `h` failed; `cause` is what the
    // database said about it, carried by the MigrationError.
    [[noreturn]] void fail(const RevisionHeader& h, const std::string& where,
                           const std::string& operation, const std::string& sql,
                           const std::string& why, DatabaseCause cause = {}) {
        if (cause.sql.empty()) cause.sql = sql;
        const bool was_open = open_;
        std::string msg =
            "revision " + h.id + " (" + h.path + ") failed at " + where + ":\n  " + why;
        if (!sql.empty() && why.find(sql) == std::string::npos) msg += "\n  SQL: " + sql;
        std::string rollback_note;
        roll_back_into(&rollback_note);
        if (adding_first_ && !rollback_failed_)
            msg +=
                "\nIt ran in a transaction of its own, which adds enum values before the "
                "transaction that uses them; it was rolled back, and nothing else ran.";
        else if (!was_open)
            msg +=
                "\nThis revision ran outside a transaction: its statements before the failing "
                "one stay applied, and it is not recorded as applied.";
        else if (!rollback_failed_ && !adding_first_)
            msg += committed_ ? "\nThis revision's transaction was rolled back; the revisions "
                                "committed before it in this run stay applied."
                              : "\nNothing of this run was applied: its transaction was rolled "
                                "back.";
        msg += advice(cause);
        throw MigrationError(msg + enum_values_note() + rollback_note, h.id, operation,
                             std::move(cause));
    }

    // The transaction holding `in_transaction_` cannot commit: roll it back and fail.
    [[noreturn]] void abort(const RevisionHeader& last, const std::string& operation,
                            const std::string& why, DatabaseCause cause = {}) {
        std::vector<std::string> revisions = in_transaction_;
        if (revisions.empty()) revisions.push_back(last.id);
        std::string msg = (revisions.size() == 1 ? "revision " : "revisions ") + join(revisions) +
                          " could not be committed: " + why;
        std::string rollback_note;
        const bool was_open = open_;
        roll_back_into(&rollback_note);
        if (was_open && !rollback_failed_)
            msg += committed_ ? "\nTheir transaction was rolled back; the revisions committed "
                                "before it in this run stay applied."
                              : "\nNothing of this run was applied: its transaction was rolled "
                                "back.";
        msg += advice(cause);
        throw MigrationError(msg + enum_values_note() + rollback_note, revisions.back(), operation,
                             std::move(cause));
    }

    orm::Connection& conn_;
    const orm::Dialect& dialect_;
    const VersionTable& table_;
    const RunOptions& options_;
    SchemaSource& source_;
    const CommitGuard& guard_;
    bool open_ = false;
    bool committed_ = false;             // something of this run is committed for good
    bool enforced_ = true;               // foreign keys enforced (connections start so)
    bool whole_run_unenforced_ = false;  // `all` mode with a revision that may rebuild
    bool rollback_failed_ = false;
    std::vector<std::string> in_transaction_;  // revisions of the open transaction
    const std::vector<RevisionFile>* plan_ = nullptr;
    size_t pos_ = 0;  // the revision of plan_ that runs
    // Operations (revision, operation index in plan_) that ran before their transaction.
    std::set<std::pair<size_t, size_t>> added_first_;
    bool adding_first_ = false;
    // Enums (schema, name) that the open transaction created (create_enum, alter_enum).
    std::set<std::pair<std::string, std::string>> created_enums_;
};

}  // namespace

void check_plan(const std::vector<RevisionFile>& plan, const orm::Dialect& dialect,
                Direction direction) {
    for (const RevisionFile& file : plan) {
        const auto& ops = direction == Direction::kUp ? file.upgrade : file.downgrade;
        for (size_t i = 0; i < ops.size(); ++i) {
            // An index is compiled from the operation alone, as the run compiles it; other
            // operations need the tables as they will be by then.
            const auto* index = std::get_if<CreateIndex>(&ops[i]);
            if (!index) continue;
            orm::Table table;
            table.schema = index->schema;
            table.name = index->table;
            try {
                dialect.ddl().create_index(table, index->index);
            } catch (const Error& e) {
                throw MigrationError(
                    "revision " + file.header.id + " (" + file.header.path + ") cannot run on " +
                        dialect.name() + ": operation " + std::to_string(i + 1) + ", " +
                        describe(ops[i]) + ":\n  " + e.what() +
                        "\nNothing ran: every revision of the plan is checked before the first "
                        "statement.",
                    file.header.id, op_name(ops[i]));
            }
        }
    }
}

std::vector<RevisionFile> load_plan(const RevisionGraph& graph,
                                    const std::vector<std::string>& plan) {
    std::vector<RevisionFile> files;
    files.reserve(plan.size());
    for (const auto& id : plan) files.push_back(read_revision_file(graph.get(id)));
    return files;
}

std::vector<Step> execute_plan(orm::Connection& connection, const VersionTable& table,
                               const RunOptions& options, SchemaSource& source,
                               const std::vector<RevisionFile>& plan, Direction direction,
                               const CommitGuard& guard) {
    return PlanExecutor(connection, table, options, source, guard).run(plan, direction);
}

}  // namespace migrate::engine
