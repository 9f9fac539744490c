#include "migrations_engine/runtime/runner.h"

#include <chrono>
#include <set>

#include "migrations_engine/errors.h"
#include "migrations_engine/ops/apply.h"
#include "migrations_engine/runtime/lock.h"
#include "migrations_engine/runtime/op_sql.h"
#include "migrations_engine/runtime/recording_connection.h"

namespace migrate::engine {
namespace {

enum class Direction { kUp, kDown };

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

std::set<std::string> applied_ids(const std::map<std::string, AppliedRevision>& rows) {
    std::set<std::string> out;
    for (const auto& [id, row] : rows) out.insert(id);
    return out;
}

}  // namespace

Runner::Runner(ScriptDirectory scripts, std::string version_table, RunOptions options)
    : scripts_(std::move(scripts)),
      version_table_(std::move(version_table)),
      options_(std::move(options)) {}

Status Runner::status(const orm::DatabaseUrl& url) {
    RevisionGraph graph = scripts_.load_graph();
    auto conn = orm::connect(url);
    if (options_.echo) conn->set_echo(options_.echo);
    VersionTable table(conn->dialect(), version_table_);
    Status s;
    s.applied = table.read(*conn);
    std::set<std::string> ids = applied_ids(s.applied);
    s.current_heads = graph.current_heads(ids);
    s.heads = graph.heads();
    for (const auto& [id, row] : s.applied)
        if (revision_checksum(graph.get(id).path) != row.checksum) s.changed.push_back(id);
    return s;
}

namespace {

// Connects, takes the lock, makes sure the version table exists, and checks what it says.
struct Session {
    std::unique_ptr<orm::Connection> conn;
    std::unique_ptr<MigrationLock> lock;
    std::map<std::string, AppliedRevision> applied;
};

Session open_session(const orm::DatabaseUrl& url, const RevisionGraph& graph,
                     const std::string& table_name, const RunOptions& options) {
    Session s;
    s.lock = acquire_lock(url, table_name, options.lock_timeout_seconds, options.say);
    s.conn = orm::connect(url);
    if (options.echo) s.conn->set_echo(options.echo);
    VersionTable table(s.conn->dialect(), table_name);
    s.conn->execute(table.create_sql());
    s.applied = table.read(*s.conn);
    std::set<std::string> ids = applied_ids(s.applied);
    graph.check_applied(ids);
    if (options.allow_changed) return s;
    std::vector<std::string> changed;
    for (const auto& [id, row] : s.applied)
        if (revision_checksum(graph.get(id).path) != row.checksum) changed.push_back(id);
    if (!changed.empty()) {
        std::string others;
        for (size_t i = 1; i < changed.size(); ++i)
            others += "; " + graph.get(changed[i]).path + " (revision " + changed[i] + ") too";
        throw InputError({graph.get(changed[0]).path, 0, 0},
                         "revision " + changed[0] +
                             " changed since it was applied (its checksum "
                             "differs from the version table's)" +
                             others +
                             ". Restore the file, or pass --allow-changed if the change is "
                             "deliberate and the database already matches it.");
    }
    return s;
}

}  // namespace

namespace {

std::vector<Step> run_online(const ScriptDirectory& scripts, const std::string& version_table,
                             const RunOptions& options, const orm::DatabaseUrl& url,
                             const std::string& target, Direction dir) {
    RevisionGraph graph = scripts.load_graph();
    Session s = open_session(url, graph, version_table, options);
    std::set<std::string> ids = applied_ids(s.applied);
    std::vector<std::string> targets = graph.resolve(target, ids);
    std::vector<std::string> plan = dir == Direction::kUp ? graph.upgrade_plan(ids, targets)
                                                          : graph.downgrade_plan(ids, targets);
    if (plan.empty() && options.say) options.say("Already at " + target + "; nothing to do.");
    LiveSchema live(*s.conn, graph, ids);
    VersionTable table(s.conn->dialect(), version_table);
    return PlanExecutor(*s.conn, graph, table, options, live).run(plan, dir);
}

}  // namespace

std::vector<Step> Runner::upgrade(const orm::DatabaseUrl& url, const std::string& target) {
    return run_online(scripts_, version_table_, options_, url, target, Direction::kUp);
}

std::vector<Step> Runner::downgrade(const orm::DatabaseUrl& url, const std::string& target) {
    return run_online(scripts_, version_table_, options_, url, target, Direction::kDown);
}

std::vector<std::string> Runner::stamp(const orm::DatabaseUrl& url, const std::string& target,
                                       bool purge) {
    RevisionGraph graph = scripts_.load_graph();
    Session s;
    s.lock = acquire_lock(url, version_table_, options_.lock_timeout_seconds, options_.say);
    s.conn = orm::connect(url);
    if (options_.echo) s.conn->set_echo(options_.echo);
    VersionTable table(s.conn->dialect(), version_table_);
    s.conn->execute(table.create_sql());
    s.conn->begin();
    try {
        if (purge) s.conn->execute(table.purge_sql());
        std::set<std::string> ids =
            purge ? std::set<std::string>{} : applied_ids(table.read(*s.conn));
        if (!purge) graph.check_applied(ids);
        std::vector<std::string> targets = graph.resolve(target, ids);
        std::set<std::string> wanted = graph.ancestors_or_self(targets);
        for (const auto& id : ids)
            if (!wanted.count(id)) s.conn->execute(table.delete_sql(id));
        for (const auto& id : wanted)
            if (!ids.count(id))
                s.conn->execute(table.insert_sql(
                    {id, revision_checksum(graph.get(id).path), utc_now(), 0, applied_by()}));
        s.conn->commit();
        return graph.current_heads(wanted);
    } catch (...) {
        s.conn->rollback();
        throw;
    }
}

namespace {

std::pair<std::string, std::string> offline_range(const std::string& range, bool down) {
    if (range.find(':') != std::string::npos) return RevisionGraph::split_range(range);
    return down ? std::pair<std::string, std::string>{range, "base"}
                : std::pair<std::string, std::string>{"", range};
}

}  // namespace

std::string Runner::upgrade_sql(const orm::Dialect& dialect, const std::string& range) {
    RevisionGraph graph = scripts_.load_graph();
    auto [from, to] = offline_range(range, false);
    std::vector<std::string> start =
        from.empty() || from == "base" ? std::vector<std::string>{} : graph.resolve(from);
    std::set<std::string> applied = graph.ancestors_or_self(start);
    std::vector<std::string> plan =
        graph.upgrade_plan(applied, graph.resolve(to.empty() ? "heads" : to, applied));
    ReplayedSchema replay(graph, start);
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    conn.execute(table.create_sql());
    PlanExecutor(conn, graph, table, options_, replay).run(plan, Direction::kUp);
    return conn.script();
}

std::string Runner::downgrade_sql(const orm::Dialect& dialect, const std::string& range) {
    RevisionGraph graph = scripts_.load_graph();
    auto [from, to] = offline_range(range, true);
    std::vector<std::string> start = graph.resolve(from);
    std::set<std::string> applied = graph.ancestors_or_self(start);
    std::vector<std::string> plan = graph.downgrade_plan(applied, graph.resolve(to, applied));
    ReplayedSchema replay(graph, start);
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    PlanExecutor(conn, graph, table, options_, replay).run(plan, Direction::kDown);
    return conn.script();
}

std::string Runner::stamp_sql(const orm::Dialect& dialect, const std::string& target, bool purge) {
    RevisionGraph graph = scripts_.load_graph();
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    conn.execute(table.create_sql());
    conn.begin();
    if (purge) conn.execute(table.purge_sql());
    for (const auto& id : graph.ancestors_or_self(graph.resolve(target)))
        conn.execute(table.insert_sql(
            {id, revision_checksum(graph.get(id).path), utc_now(), 0, applied_by()}));
    conn.commit();
    return conn.script();
}

std::string RecordingConnection::script() const {
    std::string out;
    for (const auto& s : statements_) out += s + ";\n\n";
    return out;
}

}  // namespace migrate::engine
