#include "migrations_engine/runtime/plan_executor.h"

#include <chrono>
#include <cstdint>

#include "migrations_engine/errors.h"
#include "migrations_engine/ops/apply.h"

namespace migrate::engine {
namespace {

// Online: the live database, read again whenever a rebuild needs a table's definition (inside
// the running transaction, so it sees what earlier operations did).
class LiveSchema : public SchemaSource {
  public:
    LiveSchema(orm::Connection& conn, const RevisionGraph& graph,
               const std::set<std::string>& applied)
        : conn_(conn) {
        // SQLite keeps an enum only as the CHECK of a column that uses it: the enums the
        // applied revisions declared are known from their operations.
        if (conn_.dialect().name() != "sqlite") return;
        for (const auto& id : graph.upgrade_plan({}, {applied.begin(), applied.end()}))
            track_enums(read_revision_file(graph.get(id).path).upgrade, 0, SIZE_MAX);
    }
    orm::MetaData current() override {
        orm::MetaData md = conn_.dialect().inspector().reflect(conn_, {}).metadata;
        for (const auto& e : enums_.enums)
            if (!md.find_enum(e.name)) md.enums.push_back(e);
        return md;
    }
    std::vector<std::string> triggers(const std::string& table) override {
        std::vector<std::string> out;
        if (conn_.dialect().name() != "sqlite") return out;
        auto rs = conn_.query(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT "
            "NULL",
            {table});
        for (const auto& r : rs.rows) out.push_back(*r[0]);
        return out;
    }
    void applied(const std::vector<Operation>& ops, size_t first, size_t next) override {
        if (conn_.dialect().name() == "sqlite") track_enums(ops, first, next);
    }

  private:
    void track_enums(const std::vector<Operation>& ops, size_t first, size_t next) {
        for (size_t i = first; i < ops.size() && i < next; ++i)
            if (std::holds_alternative<CreateEnum>(ops[i]) ||
                std::holds_alternative<DropEnum>(ops[i]) ||
                std::holds_alternative<AddEnumValue>(ops[i]))
                apply(ops[i], enums_);
    }

    orm::Connection& conn_;
    orm::MetaData enums_;  // only enums
};

// Offline: the schema replayed from the revisions' operations.
class ReplayedSchema : public SchemaSource {
  public:
    // The schema once `targets` and their ancestors are applied.
    ReplayedSchema(const RevisionGraph& graph, const std::vector<std::string>& targets) {
        for (const auto& id : graph.upgrade_plan({}, targets))
            for (const auto& op : read_revision_file(graph.get(id).path).upgrade) apply(op, md_);
    }
    orm::MetaData current() override { return md_; }
    std::vector<std::string> triggers(const std::string&) override { return {}; }
    void applied(const std::vector<Operation>& ops, size_t first, size_t next) override {
        for (size_t i = first; i < next; ++i) apply(ops[i], md_);
    }

  private:
    orm::MetaData md_;
};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

// Runs a plan: the one code path of online and offline runs.
class PlanExecutor {
  public:
    PlanExecutor(orm::Connection& conn, const RevisionGraph& graph, const VersionTable& table,
                 const RunOptions& options, SchemaSource& source)
        : conn_(conn),
          graph_(graph),
          table_(table),
          options_(options),
          source_(source),
          sqlite_(conn.dialect().name() == "sqlite") {}

    std::vector<Step> run(const std::vector<std::string>& plan, Direction dir) {
        std::vector<Step> steps;
        if (plan.empty()) return steps;
        if (sqlite_) conn_.execute("PRAGMA foreign_keys = OFF");  // no-op inside a transaction
        try {
            for (size_t i = 0; i < plan.size(); ++i) steps.push_back(run_one(plan[i], dir));
            if (open_) finish();
        } catch (...) {
            if (open_) conn_.rollback();
            open_ = false;
            if (sqlite_) conn_.execute("PRAGMA foreign_keys = ON");
            throw;
        }
        if (sqlite_) conn_.execute("PRAGMA foreign_keys = ON");
        return steps;
    }

  private:
    void begin() {
        conn_.begin();
        open_ = true;
    }

    // Rebuilt tables must leave every foreign key satisfied before anything commits.
    void finish() {
        committed_ = true;
        if (sqlite_) {
            auto rs = conn_.query("PRAGMA foreign_key_check");
            if (!rs.rows.empty())
                throw MigrationError("the migration leaves " + std::to_string(rs.rows.size()) +
                                         " rows whose foreign keys point nowhere (first: table " +
                                         rs.rows[0][0].value_or("?") + ", row " +
                                         rs.rows[0][1].value_or("?") + ", parent " +
                                         rs.rows[0][2].value_or("?") + "); rolled back",
                                     "", "");
        }
        conn_.commit();
        open_ = false;
    }

    Step run_one(const std::string& id, Direction dir) {
        const RevisionHeader& h = graph_.get(id);
        RevisionFile file = read_revision_file(h.path);
        const TransactionMode mode = options_.transaction_mode;
        const bool own_transaction = !h.transactional || mode == TransactionMode::kNone;
        if (own_transaction && open_) finish();
        if (!own_transaction && !open_) begin();

        const auto start = std::chrono::steady_clock::now();
        const std::vector<Operation>& ops = dir == Direction::kUp ? file.upgrade : file.downgrade;
        for (size_t i = 0; i < ops.size();) {
            size_t next = i + 1;
            std::vector<std::string> stmts;
            try {
                stmts = compile_ops(ops, i, &next, conn_.dialect(), source_);
            } catch (const Error& e) {
                fail(h, ops[i], i, "", e.what());
            }
            for (const auto& sql : stmts) {
                try {
                    conn_.execute(sql);
                } catch (const DatabaseError& e) {
                    fail(h, ops[i], i, sql, e.what());
                }
            }
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
        if (mode == TransactionMode::kPerMigration && open_) finish();

        Step step{id, h.down_revisions.empty() ? "<base>" : join(h.down_revisions), id, h.message,
                  ms};
        if (dir == Direction::kDown) std::swap(step.from, step.to);
        if (options_.say)
            options_.say(std::string("Running ") +
                         (dir == Direction::kUp ? "upgrade " : "downgrade ") + step.from + " -> " +
                         step.to + ", " + h.message + " (" + std::to_string(ms) + " ms)");
        return step;
    }

    [[noreturn]] void fail(const RevisionHeader& h, const Operation& op, size_t index,
                           const std::string& sql, const std::string& why) {
        if (open_) conn_.rollback();
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
    const RevisionGraph& graph_;
    const VersionTable& table_;
    const RunOptions& options_;
    SchemaSource& source_;
    const bool sqlite_;
    bool open_ = false;
    bool committed_ = false;  // something of this run is committed for good
};

}  // namespace

std::unique_ptr<SchemaSource> live_schema(orm::Connection& connection, const RevisionGraph& graph,
                                          const std::set<std::string>& applied) {
    return std::make_unique<LiveSchema>(connection, graph, applied);
}

std::unique_ptr<SchemaSource> replayed_schema(const RevisionGraph& graph,
                                              const std::vector<std::string>& targets) {
    return std::make_unique<ReplayedSchema>(graph, targets);
}

std::vector<Step> execute_plan(orm::Connection& connection, const RevisionGraph& graph,
                               const VersionTable& table, const RunOptions& options,
                               SchemaSource& source, const std::vector<std::string>& plan,
                               Direction direction) {
    return PlanExecutor(connection, graph, table, options, source).run(plan, direction);
}

}  // namespace migrate::engine
