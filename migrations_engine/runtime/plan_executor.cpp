#include "migrations_engine/runtime/plan_executor.h"

#include <chrono>
#include <cstdint>

#include "migrations_engine/errors.h"
#include "migrations_engine/ops/apply.h"

namespace migrate::engine {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

// Runs a plan: the one code path of online and offline runs.
//
// Foreign keys: a revision that may rebuild a table (SQLite) runs with enforcement off, since
// dropping the old table would fire ON DELETE actions; enforcement can change only between
// transactions, so in `all` mode it is off for the whole run when any revision may rebuild
// (and the run says so). Every rebuild runs in a savepoint and is followed by a foreign-key
// check naming the revision.
class PlanExecutor {
  public:
    PlanExecutor(orm::Connection& conn, const RevisionGraph& graph, const VersionTable& table,
                 const RunOptions& options, SchemaSource& source)
        : conn_(conn),
          dialect_(conn.dialect()),
          graph_(graph),
          table_(table),
          options_(options),
          source_(source) {}

    std::vector<Step> run(const std::vector<std::string>& plan, Direction dir) {
        std::vector<Step> steps;
        if (plan.empty()) return steps;
        std::vector<RevisionFile> files;
        for (const auto& id : plan) files.push_back(read_revision_file(graph_.get(id).path));
        try {
            if (options_.transaction_mode == TransactionMode::kAll) {
                for (size_t i = 0; i < plan.size(); ++i)
                    if (rebuilds(files[i], dir)) {
                        whole_run_unenforced_ = true;
                        if (options_.say)
                            options_.say("Note: revision " + plan[i] +
                                         " may rebuild a table, so foreign keys are not enforced "
                                         "during this run (they are checked before it commits); "
                                         "ON DELETE actions in its data migrations do not fire. "
                                         "transaction_mode: per_migration limits this to that "
                                         "revision.");
                        break;
                    }
            }
            for (size_t i = 0; i < plan.size(); ++i)
                steps.push_back(run_one(plan[i], files[i], dir));
            if (open_) finish(nullptr);
        } catch (...) {
            if (open_) rollback_quietly();
            open_ = false;
            enforce_foreign_keys(true);
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
    }

    void rollback_quietly() {
        try {
            conn_.rollback();
        } catch (const Error&) {
            // The original error says what went wrong; a failed rollback adds nothing to it.
        }
    }

    // With enforcement off, every foreign key must be satisfied before anything commits.
    void finish(const RevisionHeader* h) {
        if (!enforced_) {
            std::vector<std::string> bad = dialect_.foreign_key_violations(conn_);
            if (!bad.empty()) {
                rollback_quietly();
                open_ = false;
                throw MigrationError(
                    "the migration leaves " + std::to_string(bad.size()) +
                        " rows whose foreign keys point nowhere (first: " + bad[0] + ")" +
                        (h ? " after revision " + h->id : std::string()) + "; rolled back",
                    h ? h->id : "", "");
            }
        }
        conn_.commit();
        open_ = false;
        committed_ = true;
    }

    Step run_one(const std::string& id, const RevisionFile& file, Direction dir) {
        const RevisionHeader& h = graph_.get(id);
        source_.set_revision(id);
        const TransactionMode mode = options_.transaction_mode;
        const bool own_transaction = !h.transactional || mode == TransactionMode::kNone;
        const bool enforce = !whole_run_unenforced_ && !rebuilds(file, dir);
        if (own_transaction && open_) finish(nullptr);
        if (!own_transaction && !open_) begin(enforce);
        if (own_transaction) enforce_foreign_keys(enforce);

        const auto start = std::chrono::steady_clock::now();
        const std::vector<Operation>& ops = dir == Direction::kUp ? file.upgrade : file.downgrade;
        for (size_t i = 0; i < ops.size();) {
            size_t next = i + 1;
            CompiledOps compiled;
            try {
                compiled = compile_ops(ops, i, &next, dialect_, source_);
            } catch (const Error& e) {
                fail(h, ops[i], i, "", e.what());
            }
            if (compiled.rebuilt_table.empty())
                run_statements(h, ops[i], i, compiled.statements);
            else
                run_rebuild(h, ops[i], i, compiled);
            i = next;
        }
        long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
        if (dir == Direction::kUp)
            conn_.execute(
                table_.insert_sql({id, revision_checksum(h.path), utc_now(), ms, applied_by()}));
        else
            conn_.execute(table_.delete_sql(id));
        if (own_transaction) committed_ = true;
        if (mode == TransactionMode::kPerMigration && open_) finish(&h);

        Step step{id, h.down_revisions.empty() ? "<base>" : join(h.down_revisions), id, h.message,
                  ms};
        if (dir == Direction::kDown) std::swap(step.from, step.to);
        if (options_.say)
            options_.say(std::string("Running ") +
                         (dir == Direction::kUp ? "upgrade " : "downgrade ") + step.from + " -> " +
                         step.to + ", " + h.message + " (" + std::to_string(ms) + " ms)");
        return step;
    }

    void run_statements(const RevisionHeader& h, const Operation& op, size_t index,
                        const std::vector<std::string>& statements) {
        for (const auto& sql : statements) {
            try {
                conn_.execute(sql);
            } catch (const DatabaseError& e) {
                fail(h, op, index, sql, e.what());
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
        for (const auto& sql : compiled.statements) {
            try {
                conn_.execute(sql);
            } catch (const DatabaseError& e) {
                failed_sql = sql;
                why = e.what();
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
        fail(h, op, index, failed_sql, why);
    }

    [[noreturn]] void fail(const RevisionHeader& h, const Operation& op, size_t index,
                           const std::string& sql, const std::string& why) {
        if (open_) rollback_quietly();
        open_ = false;
        std::string msg = "revision " + h.id + " (" + h.path + ") failed at operation " +
                          std::to_string(index + 1) + ", " + describe(op) + ":\n  " + why;
        if (!sql.empty() && why.find(sql) == std::string::npos) msg += "\n  SQL: " + sql;
        const bool outside =
            !h.transactional || options_.transaction_mode == TransactionMode::kNone;
        if (outside)
            msg +=
                "\nThis revision ran outside a transaction: its statements before the failing "
                "one stay applied, and it is not recorded as applied.";
        else if (committed_)
            msg +=
                "\nThis revision's transaction was rolled back; the revisions committed before "
                "it in this run stay applied.";
        else
            msg += "\nNothing of this run was applied: its transaction was rolled back.";
        throw MigrationError(msg, h.id, op_name(op));
    }

    orm::Connection& conn_;
    const orm::Dialect& dialect_;
    const RevisionGraph& graph_;
    const VersionTable& table_;
    const RunOptions& options_;
    SchemaSource& source_;
    bool open_ = false;
    bool committed_ = false;             // something of this run is committed for good
    bool enforced_ = true;               // foreign keys enforced (connections start so)
    bool whole_run_unenforced_ = false;  // `all` mode with a revision that may rebuild
};

}  // namespace

std::vector<Step> execute_plan(orm::Connection& connection, const RevisionGraph& graph,
                               const VersionTable& table, const RunOptions& options,
                               SchemaSource& source, const std::vector<std::string>& plan,
                               Direction direction) {
    return PlanExecutor(connection, graph, table, options, source).run(plan, direction);
}

}  // namespace migrate::engine
