#include "migrations_engine/api/status.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace migrate::engine {
namespace {

RevisionEntry entry_of(const RevisionGraph& graph, const std::string& id,
                       const std::vector<std::string>& heads) {
    RevisionEntry e;
    e.header = graph.get(id);
    e.is_head = std::find(heads.begin(), heads.end(), id) != heads.end();
    e.is_merge = e.header.down_revisions.size() > 1;
    e.is_branch_point = graph.children(id).size() > 1;
    return e;
}

}  // namespace

CurrentResult current(const Project& project) {
    const orm::DatabaseUrl url = database_url(project);
    Runner runner = make_runner(project, 60, false);
    Status s = runner.status(url);
    const RevisionGraph& graph = *s.graph;
    std::set<std::string> applied;
    for (const auto& [id, row] : s.applied) applied.insert(id);
    CurrentResult result;
    result.database = url.str();
    result.at_heads = graph.upgrade_plan(applied, graph.heads()).empty();
    for (const auto& id : s.current_heads) result.current.push_back(graph.get(id));
    for (const auto& id : s.changed) result.changed.push_back(graph.get(id));
    result.applied = std::move(s.applied);
    result.heads = std::move(s.heads);
    return result;
}

HistoryResult history(const Project& project, const HistoryRequest& request) {
    const ScriptDirectory dir = scripts(project);
    const RevisionGraph graph = dir.load_graph();
    std::string from, to;
    if (!request.range.empty()) {
        std::tie(from, to) = RevisionGraph::split_range(request.range);
        if (from == "base") from.clear();
    }
    // `current`, `-1` and the like stand for what the database holds.
    std::set<std::string> applied;
    std::set<std::string> current_heads;
    if (request.indicate_current || graph.reads_applied(from) || graph.reads_applied(to)) {
        Status s = make_runner(project, 60, false).status(database_url(project));
        for (const auto& [id, row] : s.applied) applied.insert(id);
        current_heads.insert(s.current_heads.begin(), s.current_heads.end());
    }
    std::vector<std::string> ids;
    if (request.range.empty()) {
        for (const auto& h : graph.revisions()) ids.push_back(h.id);
    } else {
        ids = graph.range_including_start(from, to, applied);  // A:B shows A, as Alembic does
    }
    std::reverse(ids.begin(), ids.end());  // newest first
    const std::vector<std::string> heads = graph.heads();
    HistoryResult result;
    for (const auto& id : ids) {
        result.entries.push_back(entry_of(graph, id, heads));
        result.entries.back().is_current = current_heads.count(id) > 0;
    }
    return result;
}

HeadsResult heads(const Project& project) {
    const RevisionGraph graph = scripts(project).load_graph();
    const std::vector<std::string> ids = graph.heads();
    HeadsResult result;
    for (const auto& id : ids) result.heads.push_back(entry_of(graph, id, ids));
    return result;
}

}  // namespace migrate::engine
