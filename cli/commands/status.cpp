#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "migrations_engine/script/revision_file.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

using nlohmann::json;

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

json revision_json(const engine::RevisionHeader& h, const engine::RevisionGraph& g) {
    auto heads = g.heads();
    return {{"revision", h.id},
            {"down_revisions", h.down_revisions},
            {"branch_labels", h.branch_labels},
            {"depends_on", h.depends_on},
            {"message", h.message},
            {"create_date", h.create_date},
            {"path", h.path},
            {"is_head", contains(heads, h.id)},
            {"is_merge", h.down_revisions.size() > 1},
            {"is_branch_point", g.children(h.id).size() > 1}};
}

// "a1b2 -> c3d4 (head), message" as Alembic prints it.
std::string line_for(const engine::RevisionHeader& h, const engine::RevisionGraph& g,
                     const std::set<std::string>& current) {
    std::string from = h.down_revisions.empty() ? "<base>" : join(h.down_revisions);
    if (h.down_revisions.size() > 1) from = "(" + from + ")";
    std::vector<std::string> marks;
    if (contains(g.heads(), h.id)) marks.push_back("head");
    if (g.children(h.id).size() > 1) marks.push_back("branchpoint");
    if (h.down_revisions.size() > 1) marks.push_back("mergepoint");
    if (current.count(h.id)) marks.push_back("current");
    std::string labels = h.branch_labels.empty() ? "" : " (" + join(h.branch_labels) + ")";
    return from + " -> " + h.id + labels + (marks.empty() ? "" : " (" + join(marks) + ")") + ", " +
           h.message;
}

void print_verbose(const engine::RevisionHeader& h) {
    std::cout << "Rev: " << h.id << "\n"
              << "Parent: " << (h.down_revisions.empty() ? "<base>" : join(h.down_revisions))
              << "\n";
    if (!h.branch_labels.empty()) std::cout << "Branch names: " << join(h.branch_labels) << "\n";
    if (!h.depends_on.empty()) std::cout << "Also depends on: " << join(h.depends_on) << "\n";
    std::cout << "Path: " << h.path << "\n"
              << "Created: " << h.create_date << "\n\n    " << h.message << "\n\n";
}

// The applied set, read from the database (which must exist) only when `needed`.
std::set<std::string> applied_if(bool needed, const Context& ctx,
                                 std::set<std::string>* current = nullptr) {
    std::set<std::string> applied;
    if (!needed) return applied;
    engine::Status s = ctx.runner(60, false, false).status(ctx.database_url());
    for (const auto& [id, row] : s.applied) applied.insert(id);
    if (current) current->insert(s.current_heads.begin(), s.current_heads.end());
    return applied;
}

void run_current(bool verbose, bool check_heads, const Context& ctx) {
    if (verbose) ctx.tell_url_source();
    engine::Runner runner = ctx.runner(60, false, false);
    engine::Status s = runner.status(ctx.database_url());
    engine::RevisionGraph graph = runner.scripts().load_graph();
    std::set<std::string> applied;
    for (const auto& [id, row] : s.applied) applied.insert(id);
    const bool at_heads = graph.upgrade_plan(applied, graph.heads()).empty();
    if (ctx.format() == Format::kJson) {
        json j{{"database", ctx.database_url().str()},
               {"current", json::array()},
               {"heads", s.heads},
               {"at_heads", at_heads},
               {"changed", s.changed}};
        for (const auto& id : s.current_heads) {
            const auto& row = s.applied.at(id);
            j["current"].push_back({{"revision", id},
                                    {"message", graph.get(id).message},
                                    {"applied_at", row.applied_at},
                                    {"applied_by", row.applied_by},
                                    {"execution_ms", row.execution_ms}});
        }
        j["applied"] = json::array();
        for (const auto& [id, row] : s.applied) j["applied"].push_back(id);
        std::cout << j.dump(2) << "\n";
    } else {
        if (s.current_heads.empty()) std::cout << "<base> (nothing applied)\n";
        for (const auto& id : s.current_heads) {
            const auto& h = graph.get(id);
            std::cout << id << (contains(s.heads, id) ? " (head)" : "") << ", " << h.message
                      << "\n";
            if (verbose) {
                const auto& row = s.applied.at(id);
                std::cout << "    applied " << row.applied_at << " by " << row.applied_by << " in "
                          << row.execution_ms << " ms; " << h.path << "\n";
            }
        }
        for (const auto& id : s.changed)
            std::cerr << "warning: revision " << id << " (" << graph.get(id).path
                      << ") changed since it was applied\n";
    }
    if (check_heads && !at_heads)
        throw Error("the database is not at head: it is at " +
                        (s.current_heads.empty() ? std::string("<base>") : join(s.current_heads)) +
                        ", the revisions' heads are " + join(s.heads) +
                        ". Run `migrate upgrade heads`.",
                    exit_code::kDifferences);
}

void run_history(const std::string& range, bool verbose, bool indicate_current,
                 const Context& ctx) {
    engine::ScriptDirectory scripts = ctx.scripts();
    engine::RevisionGraph graph = scripts.load_graph();
    std::string from, to;
    if (!range.empty()) {
        std::tie(from, to) = engine::RevisionGraph::split_range(range);
        if (from == "base") from.clear();
    }
    // `current`, `-1` and the like stand for what the database holds.
    std::set<std::string> current;
    std::set<std::string> applied = applied_if(
        indicate_current || graph.reads_applied(from) || graph.reads_applied(to), ctx, &current);
    std::vector<std::string> ids;
    if (range.empty()) {
        for (const auto& h : graph.revisions()) ids.push_back(h.id);
    } else {
        ids = graph.range_including_start(from, to, applied);  // A:B shows A, as Alembic does
    }
    std::reverse(ids.begin(), ids.end());  // newest first
    if (ctx.format() == Format::kJson) {
        json j = json::array();
        for (const auto& id : ids) {
            json r = revision_json(graph.get(id), graph);
            if (indicate_current) r["is_current"] = current.count(id) > 0;
            j.push_back(r);
        }
        std::cout << j.dump(2) << "\n";
        return;
    }
    for (const auto& id : ids) {
        if (verbose)
            print_verbose(graph.get(id));
        else
            std::cout << line_for(graph.get(id), graph, current) << "\n";
    }
}

void run_heads(bool verbose, const Context& ctx) {
    engine::RevisionGraph graph = ctx.scripts().load_graph();
    if (ctx.format() == Format::kJson) {
        json j = json::array();
        for (const auto& id : graph.heads()) j.push_back(revision_json(graph.get(id), graph));
        std::cout << j.dump(2) << "\n";
        return;
    }
    for (const auto& id : graph.heads()) {
        if (verbose)
            print_verbose(graph.get(id));
        else
            std::cout << id << " (head), " << graph.get(id).message << "\n";
    }
}

void run_branches(const Context& ctx) {
    engine::RevisionGraph graph = ctx.scripts().load_graph();
    for (const auto& id : graph.branch_points()) {
        std::cout << id << " (branchpoint), " << graph.get(id).message << "\n";
        for (const auto& child : graph.children(id))
            std::cout << "    -> " << child << ", " << graph.get(child).message << "\n";
    }
}

void run_show(const std::string& revision, const Context& ctx) {
    engine::RevisionGraph graph = ctx.scripts().load_graph();
    const std::set<std::string> applied = applied_if(graph.reads_applied(revision), ctx);
    const std::vector<std::string> ids = graph.resolve(revision, applied);
    if (ids.empty())
        std::cout << "<base>" << (graph.reads_applied(revision) ? " (nothing applied)" : "")
                  << "\n";
    for (const auto& id : ids) {
        const auto& h = graph.get(id);
        print_verbose(h);
        engine::RevisionFile file = engine::read_revision_file(h);
        std::cout << "Transactional: " << (h.transactional ? "yes" : "no") << "\n"
                  << "Upgrade: " << file.upgrade.size() << " operations\n";
        for (const auto& op : file.upgrade) std::cout << "    " << engine::describe(op) << "\n";
        std::cout << "Downgrade: " << file.downgrade.size() << " operations\n";
        for (const auto& op : file.downgrade) std::cout << "    " << engine::describe(op) << "\n";
    }
}

}  // namespace

void setup_status_commands(CLI::App& app, const GlobalOptions& global) {
    auto verbose = std::make_shared<bool>(false);
    auto check_heads = std::make_shared<bool>(false);
    CLI::App* current = app.add_subcommand("current", "Show the revisions applied to the database");
    current->add_flag("-v,--verbose", *verbose, "When and by whom each was applied");
    current->add_flag("--check-heads", *check_heads, "Exit 1 unless the database is at the heads");
    current->callback(
        [=, &global] { run_current(*verbose || global.verbose, *check_heads, Context(global)); });

    auto range = std::make_shared<std::string>();
    auto hverbose = std::make_shared<bool>(false);
    auto indicate = std::make_shared<bool>(false);
    CLI::App* history = app.add_subcommand("history", "List revisions, newest first");
    history->add_option("-r,--rev-range", *range, "Only the range A:B (either side may be empty)");
    history->add_flag("-v,--verbose", *hverbose, "Every detail of each revision");
    history->add_flag("-i,--indicate-current", *indicate, "Mark the applied heads (connects)");
    history->callback([=, &global] {
        run_history(*range, *hverbose || global.verbose, *indicate, Context(global));
    });

    auto heads_verbose = std::make_shared<bool>(false);
    CLI::App* heads = app.add_subcommand("heads", "Show the heads of the revision graph");
    heads->add_flag("-v,--verbose", *heads_verbose, "Every detail");
    heads->callback([=, &global] { run_heads(*heads_verbose || global.verbose, Context(global)); });

    CLI::App* branches = app.add_subcommand("branches", "Show branch points and their branches");
    branches->callback([&global] { run_branches(Context(global)); });

    auto revision = std::make_shared<std::string>();
    CLI::App* show = app.add_subcommand("show", "Show one revision in full");
    show->add_option("revision", *revision, "The revision (e.g. head)")->required();
    show->callback([=, &global] { run_show(*revision, Context(global)); });
}

}  // namespace migrate::cli
