#include "migrations_engine/api/status.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

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

json revision_json(const engine::RevisionEntry& e) {
    const engine::RevisionHeader& h = e.header;
    return {{"revision", h.id},
            {"down_revisions", h.down_revisions},
            {"branch_labels", h.branch_labels},
            {"depends_on", h.depends_on},
            {"message", h.message},
            {"create_date", h.create_date},
            {"path", h.path},
            {"is_head", e.is_head},
            {"is_merge", e.is_merge},
            {"is_branch_point", e.is_branch_point}};
}

// "a1b2 -> c3d4 (head), message" as Alembic prints it.
std::string line_for(const engine::RevisionEntry& e) {
    const engine::RevisionHeader& h = e.header;
    std::string from = h.down_revisions.empty() ? "<base>" : join(h.down_revisions);
    if (h.down_revisions.size() > 1) from = "(" + from + ")";
    std::vector<std::string> marks;
    if (e.is_head) marks.push_back("head");
    if (e.is_branch_point) marks.push_back("branchpoint");
    if (e.is_merge) marks.push_back("mergepoint");
    if (e.is_current) marks.push_back("current");
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
std::set<std::string> applied_if(bool needed, const Context& ctx) {
    std::set<std::string> applied;
    if (!needed) return applied;
    engine::Status s = ctx.runner(60, false, false).status(ctx.database_url());
    for (const auto& [id, row] : s.applied) applied.insert(id);
    return applied;
}

void run_current(bool verbose, bool check_heads, const Context& ctx) {
    if (verbose) ctx.tell_url_source();
    const engine::CurrentResult r = engine::current(ctx.project());
    std::vector<std::string> current_ids;
    for (const auto& h : r.current) current_ids.push_back(h.id);
    if (ctx.format() == Format::kJson) {
        json j{{"database", r.database},
               {"current", json::array()},
               {"heads", r.heads},
               {"at_heads", r.at_heads},
               {"changed", json::array()}};
        for (const auto& h : r.changed) j["changed"].push_back(h.id);
        for (const auto& h : r.current) {
            const auto& row = r.applied.at(h.id);
            j["current"].push_back({{"revision", h.id},
                                    {"message", h.message},
                                    {"applied_at", row.applied_at},
                                    {"applied_by", row.applied_by},
                                    {"execution_ms", row.execution_ms}});
        }
        j["applied"] = json::array();
        for (const auto& [id, row] : r.applied) j["applied"].push_back(id);
        std::cout << j.dump(2) << "\n";
    } else {
        if (r.current.empty()) std::cout << "<base> (nothing applied)\n";
        for (const auto& h : r.current) {
            std::cout << h.id << (contains(r.heads, h.id) ? " (head)" : "") << ", " << h.message
                      << "\n";
            if (verbose) {
                const auto& row = r.applied.at(h.id);
                std::cout << "    applied " << row.applied_at << " by " << row.applied_by << " in "
                          << row.execution_ms << " ms; " << h.path << "\n";
            }
        }
        for (const auto& h : r.changed)
            std::cerr << "warning: revision " << h.id << " (" << h.path
                      << ") changed since it was applied\n";
    }
    if (check_heads && !r.at_heads)
        throw Error("the database is not at head: it is at " +
                        (current_ids.empty() ? std::string("<base>") : join(current_ids)) +
                        ", the revisions' heads are " + join(r.heads) +
                        ". Run `migrate upgrade heads`.",
                    exit_code::kDifferences);
}

void run_history(const engine::HistoryRequest& request, bool verbose, const Context& ctx) {
    const engine::HistoryResult r = engine::history(ctx.project(), request);
    if (ctx.format() == Format::kJson) {
        json j = json::array();
        for (const auto& e : r.entries) {
            json item = revision_json(e);
            if (request.indicate_current) item["is_current"] = e.is_current;
            j.push_back(item);
        }
        std::cout << j.dump(2) << "\n";
        return;
    }
    for (const auto& e : r.entries) {
        if (verbose)
            print_verbose(e.header);
        else
            std::cout << line_for(e) << "\n";
    }
}

void run_heads(bool verbose, const Context& ctx) {
    const engine::HeadsResult r = engine::heads(ctx.project());
    if (ctx.format() == Format::kJson) {
        json j = json::array();
        for (const auto& e : r.heads) j.push_back(revision_json(e));
        std::cout << j.dump(2) << "\n";
        return;
    }
    for (const auto& e : r.heads) {
        if (verbose)
            print_verbose(e.header);
        else
            std::cout << e.header.id << " (head), " << e.header.message << "\n";
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

    auto hrequest = std::make_shared<engine::HistoryRequest>();
    auto hverbose = std::make_shared<bool>(false);
    CLI::App* history = app.add_subcommand("history", "List revisions, newest first");
    history->add_option("-r,--rev-range", hrequest->range,
                        "Only the range A:B (either side may be empty)");
    history->add_flag("-v,--verbose", *hverbose, "Every detail of each revision");
    history->add_flag("-i,--indicate-current", hrequest->indicate_current,
                      "Mark the applied heads (connects)");
    history->callback(
        [=, &global] { run_history(*hrequest, *hverbose || global.verbose, Context(global)); });

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
