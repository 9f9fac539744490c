#include "migrations_engine/runtime/runner.h"

#include <chrono>
#include <set>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/lock.h"
#include "migrations_engine/runtime/plan_executor.h"
#include "migrations_engine/runtime/recording_connection.h"
#include "migrations_engine/script/revision_names.h"
#include "orm/sql_text.h"

namespace migrate::engine {
namespace {

std::set<std::string> applied_ids(const std::map<std::string, AppliedRevision>& rows) {
    std::set<std::string> out;
    for (const auto& [id, row] : rows) out.insert(id);
    return out;
}

// Every target of a command, resolved with `applied`, without repeats.
std::vector<std::string> resolve_all(const RevisionGraph& graph,
                                     const std::vector<std::string>& targets,
                                     const std::set<std::string>& applied) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& t : targets)
        for (const auto& id : graph.resolve(t, applied))
            if (seen.insert(id).second) out.push_back(id);
    return out;
}

// Offline runs have no database to say where it stands.
void reject_database_identifiers(const RevisionGraph& graph,
                                 const std::vector<std::string>& identifiers,
                                 const std::string& example) {
    for (const auto& id : identifiers) {
        if (!graph.reads_applied(id)) continue;
        throw UsageError("'" + clip_for_message(id) +
                         "' needs the database's current revision, and --sql does not connect. "
                         "Name the starting revision instead, for example " +
                         example + ".");
    }
}

AppliedRevision row_for(const RevisionGraph& graph, const std::string& id) {
    return {id, revision_checksum(graph.get(id)), utc_now(), 0, applied_by()};
}

}  // namespace

Runner::Runner(ScriptDirectory scripts, std::string version_table, RunOptions options)
    : scripts_(std::move(scripts)),
      version_table_(std::move(version_table)),
      options_(std::move(options)) {}

Status Runner::status(const orm::DatabaseUrl& url) {
    auto conn = orm::connect(url.must_exist());
    return status(*conn);
}

Status Runner::status(orm::Connection& conn) {
    RevisionGraph graph = scripts_.load_graph();
    if (options_.echo) conn.set_echo(options_.echo);
    VersionTable table(conn.dialect(), version_table_);
    Status s;
    s.applied = table.read(conn);
    std::set<std::string> ids = applied_ids(s.applied);
    graph.check_applied(ids);
    s.current_heads = graph.current_heads(ids);
    s.heads = graph.heads();
    for (const auto& [id, row] : s.applied)
        if (revision_checksum(graph.get(id)) != row.checksum) s.changed.push_back(id);
    s.graph = std::make_shared<const RevisionGraph>(std::move(graph));
    return s;
}

namespace {

// Where a command runs: a URL to connect to, or the application's own connection.
struct Target {
    const orm::DatabaseUrl* url = nullptr;
    orm::Connection* connection = nullptr;
};

// The lock, the connection, and what the version table says. The lock is released before a
// connection of the session's own closes, and before an application's connection is handed
// back.
struct Session {
    std::unique_ptr<orm::Connection> owned;
    orm::Connection* conn = nullptr;
    std::unique_ptr<MigrationLock> lock;
    std::map<std::string, AppliedRevision> applied;
};

// Takes the lock, connects and reads the version table (which need not exist yet: it is
// created only once the command has checked everything it can).
Session lock_and_connect(const Target& target, const std::string& table_name,
                         const RunOptions& options) {
    Session s;
    if (target.connection) {
        s.conn = target.connection;
        if (s.conn->in_transaction())
            throw UsageError("the connection to " + s.conn->display_name() +
                             " is inside an open transaction; commit or roll it back before "
                             "migrating, since migrations run in transactions of their own.");
        s.lock = acquire_lock(*s.conn, table_name, options.lock_timeout_seconds, options.say);
    } else {
        s.lock = acquire_lock(*target.url, table_name, options.lock_timeout_seconds, options.say);
        s.owned = orm::connect(*target.url);
        s.conn = s.owned.get();
    }
    if (options.echo) s.conn->set_echo(options.echo);
    s.applied = VersionTable(s.conn->dialect(), table_name).read(*s.conn);
    return s;
}

Session open_session(const Target& target, const RevisionGraph& graph,
                     const std::string& table_name, const RunOptions& options) {
    Session s = lock_and_connect(target, table_name, options);
    std::set<std::string> ids = applied_ids(s.applied);
    graph.check_applied(ids);
    if (options.allow_changed) return s;
    std::vector<std::string> changed;
    for (const auto& [id, row] : s.applied)
        if (revision_checksum(graph.get(id)) != row.checksum) changed.push_back(id);
    if (!changed.empty()) {
        std::string others;
        for (size_t i = 1; i < changed.size(); ++i)
            others += "; " + graph.get(changed[i]).path + " (revision " + changed[i] + ") too";
        throw ChangedRevisionError(
            {graph.get(changed[0]).path, 0, 0},
            "revision " + changed[0] +
                " changed since it was applied (its checksum "
                "differs from the version table's)" +
                others +
                ". Restore the file, or pass --allow-changed if the change is "
                "deliberate and the database already matches it.",
            changed);
    }
    return s;
}

std::vector<Step> run_online(const ScriptDirectory& scripts, const std::string& version_table,
                             const RunOptions& options, const Target& where,
                             const std::string& target, Direction dir) {
    RevisionGraph graph = scripts.load_graph();
    Session s = open_session(where, graph, version_table, options);
    std::set<std::string> ids = applied_ids(s.applied);
    std::vector<std::string> targets = graph.resolve(target, ids);
    std::vector<std::string> plan = dir == Direction::kUp ? graph.upgrade_plan(ids, targets)
                                                          : graph.downgrade_plan(ids, targets);
    // Every file of the plan is read before anything runs: a broken last revision must not
    // be found after the first ones committed.
    std::vector<RevisionFile> files = load_plan(graph, plan);
    check_plan(files, s.conn->dialect(), dir);
    auto live = live_schema(*s.conn, graph, ids, files);
    VersionTable table(s.conn->dialect(), version_table);
    s.conn->execute(table.create_sql());
    if (plan.empty() && options.say)
        options.say("Already at " + clip_for_message(target) + "; nothing to do.");
    MigrationLock& lock = *s.lock;
    return execute_plan(*s.conn, table, options, *live, files, dir, [&lock] { lock.verify(); });
}

// The version-table statements of a stamp: deletions, then insertions.
void write_stamp(orm::Connection& conn, const VersionTable& table, const RevisionGraph& graph,
                 const std::vector<std::string>& remove, const std::vector<std::string>& add,
                 bool if_absent) {
    for (const auto& id : remove) conn.execute(table.delete_sql(id));
    for (const auto& id : add) {
        AppliedRevision row = row_for(graph, id);
        conn.execute(if_absent ? table.insert_if_absent_sql(row) : table.insert_sql(row));
    }
}

// `ids` in the graph's topological order.
std::vector<std::string> in_order(const RevisionGraph& graph, const std::set<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& h : graph.revisions())
        if (ids.count(h.id)) out.push_back(h.id);
    return out;
}

// `stamp` where `where` says.
std::vector<std::string> stamp_online(const ScriptDirectory& scripts,
                                      const std::string& version_table, const RunOptions& options,
                                      const Target& where, const std::vector<std::string>& targets,
                                      bool purge) {
    RevisionGraph graph = scripts.load_graph();
    Session s = lock_and_connect(where, version_table, options);
    std::set<std::string> ids = applied_ids(s.applied);
    if (!purge) graph.check_known(ids);
    const std::set<std::string> before = purge ? std::set<std::string>{} : ids;
    std::vector<std::string> resolved = resolve_all(graph, targets, before);
    std::set<std::string> wanted =
        purge ? graph.ancestors_or_self(resolved) : graph.stamp_result(before, resolved);
    try {
        graph.check_applied(wanted);
    } catch (const GraphError& e) {
        throw GraphError("`stamp " + clip_for_message(orm::join(targets, " ")) +
                         "` moves only the lineage of its targets, and what it leaves elsewhere "
                         "is not consistent. " +
                         e.what());
    }
    std::vector<std::string> remove, add;
    for (const auto& id : ids)
        if (!wanted.count(id) || purge) remove.push_back(id);
    for (const auto& id : in_order(graph, wanted))
        if (!ids.count(id) || purge) add.push_back(id);

    VersionTable table(s.conn->dialect(), version_table);
    s.conn->execute(table.create_sql());
    s.conn->begin();
    try {
        if (purge) {
            s.conn->execute(table.purge_sql());
            remove.clear();
        }
        write_stamp(*s.conn, table, graph, remove, add, false);
        s.lock->verify();
        s.conn->commit();
    } catch (const std::exception& e) {
        try {
            s.conn->rollback();
        } catch (const std::exception& rollback_error) {
            const std::string message =
                std::string(e.what()) + "\nRolling back failed too: " + rollback_error.what();
            // Keep what a program branches on: the statement, the code, the category.
            if (const auto* db = dynamic_cast<const DatabaseError*>(&e))
                throw DatabaseError(message, db->sql(), db->sqlstate(), db->category());
            const auto* original = dynamic_cast<const Error*>(&e);
            throw Error(message, original ? original->exit_code() : exit_code::kDatabase);
        }
        throw;
    }
    return graph.current_heads(wanted);
}

}  // namespace

std::vector<Step> Runner::upgrade(const orm::DatabaseUrl& url, const std::string& target) {
    return run_online(scripts_, version_table_, options_, {&url, nullptr}, target, Direction::kUp);
}

std::vector<Step> Runner::upgrade(orm::Connection& connection, const std::string& target) {
    return run_online(scripts_, version_table_, options_, {nullptr, &connection}, target,
                      Direction::kUp);
}

std::vector<Step> Runner::downgrade(const orm::DatabaseUrl& url, const std::string& target) {
    return run_online(scripts_, version_table_, options_, {&url, nullptr}, target,
                      Direction::kDown);
}

std::vector<Step> Runner::downgrade(orm::Connection& connection, const std::string& target) {
    return run_online(scripts_, version_table_, options_, {nullptr, &connection}, target,
                      Direction::kDown);
}

std::vector<std::string> Runner::stamp(const orm::DatabaseUrl& url,
                                       const std::vector<std::string>& targets, bool purge) {
    return stamp_online(scripts_, version_table_, options_, {&url, nullptr}, targets, purge);
}

std::vector<std::string> Runner::stamp(orm::Connection& connection,
                                       const std::vector<std::string>& targets, bool purge) {
    return stamp_online(scripts_, version_table_, options_, {nullptr, &connection}, targets, purge);
}

namespace {

std::pair<std::string, std::string> offline_range(const std::string& range, bool down) {
    if (range.find(':') != std::string::npos) {
        auto parts = RevisionGraph::split_range(range);
        if (parts.first == "base") parts.first.clear();
        return parts;
    }
    if (down)
        throw UsageError(
            "downgrade --sql needs an explicit range FROM:TO, since it does not connect to learn "
            "where the database stands: for example `downgrade head:base --sql` or "
            "`downgrade <from>:<to> --sql`");
    return {"", range};
}

}  // namespace

std::string Runner::upgrade_sql(const orm::Dialect& dialect, const std::string& range) {
    RevisionGraph graph = scripts_.load_graph();
    auto [from, to] = offline_range(range, false);
    reject_database_identifiers(graph, {from, to}, "`upgrade <from>:head --sql`");
    std::vector<std::string> start =
        from.empty() ? std::vector<std::string>{} : graph.resolve(from);
    std::set<std::string> applied = graph.ancestors_or_self(start);
    std::vector<std::string> plan =
        graph.upgrade_plan(applied, graph.resolve(to.empty() ? "heads" : to, applied));
    std::vector<RevisionFile> files = load_plan(graph, plan);
    check_plan(files, dialect, Direction::kUp);
    auto replay = replayed_schema(graph, start);
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    conn.execute(table.create_sql());
    execute_plan(conn, table, options_, *replay, files, Direction::kUp);
    return conn.script();
}

std::string Runner::downgrade_sql(const orm::Dialect& dialect, const std::string& range) {
    RevisionGraph graph = scripts_.load_graph();
    auto [from, to] = offline_range(range, true);
    reject_database_identifiers(graph, {from, to}, "`downgrade <from>:<to> --sql`");
    if (from.empty())
        throw UsageError(
            "downgrade --sql from base does nothing; write the range from the "
            "revision the database is at down to the target, such as head:base");
    std::vector<std::string> start = graph.resolve(from);
    std::set<std::string> applied = graph.ancestors_or_self(start);
    std::vector<std::string> plan =
        graph.downgrade_plan(applied, graph.resolve(to.empty() ? "base" : to, applied));
    std::vector<RevisionFile> files = load_plan(graph, plan);
    check_plan(files, dialect, Direction::kDown);
    auto replay = replayed_schema(graph, start);
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    execute_plan(conn, table, options_, *replay, files, Direction::kDown);
    return conn.script();
}

std::string Runner::stamp_sql(const orm::Dialect& dialect, const std::vector<std::string>& targets,
                              bool purge) {
    RevisionGraph graph = scripts_.load_graph();
    reject_database_identifiers(graph, targets, "`stamp <revision> --sql`");
    std::vector<std::string> resolved = resolve_all(graph, targets, {});
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    conn.execute(table.create_sql());
    conn.begin();
    // Without the table's rows at hand, the script does what the online stamp would do
    // whatever they are: base (no target) empties the table; otherwise the targets'
    // descendants go and their ancestors come, unless present.
    if (purge || resolved.empty()) conn.execute(table.purge_sql());
    std::vector<std::string> remove =
        purge || resolved.empty() ? std::vector<std::string>{} : graph.strict_descendants(resolved);
    std::vector<std::string> add = in_order(graph, graph.ancestors_or_self(resolved));
    write_stamp(conn, table, graph, remove, add, !purge);
    conn.commit();
    return conn.script();
}

}  // namespace migrate::engine
