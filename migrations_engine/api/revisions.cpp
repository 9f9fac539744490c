#include "migrations_engine/api/revisions.h"

#include <algorithm>

#include "migrations_engine/autogenerate/autogenerate.h"
#include "migrations_engine/runtime/version_table.h"
#include "migrations_engine/script/revision_names.h"
#include "orm/error.h"
#include "orm/sql_text.h"

namespace migrate::engine {
namespace {

using orm::join;

std::string checked_id(const std::string& wanted, const RevisionGraph& graph) {
    if (wanted.empty()) {
        std::string id;
        do id = new_revision_id();
        while (graph.contains(id));
        return id;
    }
    if (auto problem = revision_name_problem(wanted))
        throw UsageError("--rev-id '" + clip_for_message(wanted) + "' " + *problem);
    if (graph.contains(wanted))
        throw UsageError("revision '" + wanted + "' exists already (" + graph.get(wanted).path +
                         "); choose another --rev-id");
    return wanted;
}

// Labels are checked here, before anything is written, with messages about the option.
void check_labels(const std::vector<std::string>& labels, const std::string& new_id,
                  const RevisionGraph& graph) {
    for (size_t i = 0; i < labels.size(); ++i) {
        const std::string& label = labels[i];
        const std::string shown = "--branch-label '" + clip_for_message(label) + "' ";
        if (auto problem = revision_name_problem(label)) throw UsageError(shown + *problem);
        if (std::find(labels.begin(), labels.begin() + i, label) != labels.begin() + i)
            throw UsageError(shown + "is given twice");
        if (label == new_id || graph.contains(label))
            throw UsageError(shown + "equals a revision id; choose another label");
        for (const auto& h : graph.revisions())
            if (std::find(h.branch_labels.begin(), h.branch_labels.end(), label) !=
                h.branch_labels.end())
                throw UsageError(shown + "exists already: revision " + h.id + " (" + h.path +
                                 ") declares it, and a label names one revision. Choose "
                                 "another label, or build on that branch with --head " +
                                 label + "@head");
    }
}

std::vector<std::string> parents_of_new(const RevisionRequest& request,
                                        const RevisionGraph& graph) {
    if (request.head == "base" || graph.size() == 0) return {};
    std::vector<std::string> parents = graph.resolve(request.head);
    if (parents.size() != 1)
        throw UsageError("--head names " + std::to_string(parents.size()) +
                         " revisions; name one, or merge the heads with `migrate merge heads`");
    auto heads = graph.heads();
    if (!request.splice && std::find(heads.begin(), heads.end(), parents[0]) == heads.end())
        throw UsageError("revision " + parents[0] +
                         " is not a head: a revision on top of it "
                         "starts a new branch. Pass --splice if that is what you want.");
    return parents;
}

Comparison autogenerate(const Project& project, const RevisionRequest& request) {
    orm::MetaData models = load_models(project);
    if (request.offline)
        return compare_offline(models, project.config, scripts(project), url_dialect(project));
    auto conn = connect(project, /*must_exist=*/false);
    return compare_with_database(*conn, models, project.config, scripts(project));
}

}  // namespace

RevisionResult revision(const Project& project, const RevisionRequest& request) {
    if (request.offline && !request.autogenerate)
        throw UsageError("--offline goes with --autogenerate");
    const ScriptDirectory dir = scripts(project);
    const RevisionGraph graph = dir.load_graph();
    NewRevision rev;
    rev.id = checked_id(request.rev_id, graph);
    rev.message = request.message;
    rev.create_date = utc_now();
    check_labels(request.branch_labels, rev.id, graph);
    rev.branch_labels = request.branch_labels;
    for (const auto& d : request.depends_on) rev.depends_on.push_back(graph.resolve_revision(d));
    rev.down_revisions = parents_of_new(request, graph);
    RevisionResult result;
    result.id = rev.id;
    if (request.autogenerate) {
        Comparison c = autogenerate(project, request);
        result.differences = c.differences;
        result.warnings = c.warnings;
        result.not_invertible = c.not_invertible;
        rev.upgrade = c.upgrade;
        rev.downgrade = c.downgrade;
        rev.notes = c.warnings;
        result.upgrade = std::move(c.upgrade);
        result.downgrade = std::move(c.downgrade);
        if (c.empty() && !request.allow_empty) return result;
    }
    result.path = dir.write_revision(rev, graph);
    result.written = true;
    return result;
}

RevisionResult merge(const Project& project, const MergeRequest& request) {
    const ScriptDirectory dir = scripts(project);
    const RevisionGraph graph = dir.load_graph();
    std::vector<std::string> parents;
    const std::vector<std::string> heads = graph.heads();
    for (const auto& r : request.revisions)
        for (const auto& id : graph.resolve(r)) {
            if (std::find(heads.begin(), heads.end(), id) == heads.end())
                throw UsageError("merge joins heads, and " + id + " (from '" + clip_for_message(r) +
                                 "') is not a head: " + join(graph.children(id)) +
                                 " builds on it. `migrate heads` lists the heads.");
            if (std::find(parents.begin(), parents.end(), id) == parents.end())
                parents.push_back(id);
        }
    if (parents.size() < 2)
        throw UsageError("merge needs two or more revisions; '" + join(request.revisions) +
                         "' names " + std::to_string(parents.size()));
    NewRevision rev;
    rev.id = checked_id(request.rev_id, graph);
    rev.message = request.message;
    rev.create_date = utc_now();
    rev.down_revisions = parents;
    RevisionResult result;
    result.id = rev.id;
    result.path = dir.write_revision(rev, graph);
    result.written = true;
    return result;
}

}  // namespace migrate::engine
