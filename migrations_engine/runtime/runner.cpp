#include "migrations_engine/runtime/runner.h"

#include <chrono>
#include <set>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/lock.h"
#include "migrations_engine/runtime/plan_executor.h"
#include "migrations_engine/runtime/recording_connection.h"

namespace migrate::engine {
namespace {

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

// The lock, then the connection, then a version table that exists.
Session lock_and_connect(const orm::DatabaseUrl& url, const std::string& table_name,
                         const RunOptions& options) {
    Session s;
    s.lock = acquire_lock(url, table_name, options.lock_timeout_seconds, options.say);
    s.conn = orm::connect(url);
    if (options.echo) s.conn->set_echo(options.echo);
    s.conn->execute(VersionTable(s.conn->dialect(), table_name).create_sql());
    return s;
}

Session open_session(const orm::DatabaseUrl& url, const RevisionGraph& graph,
                     const std::string& table_name, const RunOptions& options) {
    Session s = lock_and_connect(url, table_name, options);
    s.applied = VersionTable(s.conn->dialect(), table_name).read(*s.conn);
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
    auto live = live_schema(*s.conn, graph, ids);
    VersionTable table(s.conn->dialect(), version_table);
    return execute_plan(*s.conn, graph, table, options, *live, plan, dir);
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
    Session s = lock_and_connect(url, version_table_, options_);
    VersionTable table(s.conn->dialect(), version_table_);
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
    auto replay = replayed_schema(graph, start);
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    conn.execute(table.create_sql());
    execute_plan(conn, graph, table, options_, *replay, plan, Direction::kUp);
    return conn.script();
}

std::string Runner::downgrade_sql(const orm::Dialect& dialect, const std::string& range) {
    RevisionGraph graph = scripts_.load_graph();
    auto [from, to] = offline_range(range, true);
    std::vector<std::string> start = graph.resolve(from);
    std::set<std::string> applied = graph.ancestors_or_self(start);
    std::vector<std::string> plan = graph.downgrade_plan(applied, graph.resolve(to, applied));
    auto replay = replayed_schema(graph, start);
    RecordingConnection conn(dialect);
    VersionTable table(dialect, version_table_);
    execute_plan(conn, graph, table, options_, *replay, plan, Direction::kDown);
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
