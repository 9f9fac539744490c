#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>

#include "cli/commands/commands.h"
#include "cli/output.h"
#include "migrations_engine/autogenerate/autogenerate.h"
#include "migrations_engine/runtime/version_table.h"
#include "migrations_engine/script/revision_names.h"
#include "migrations_engine/script/script_directory.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

struct RevisionOptions {
    std::string message;
    bool autogenerate = false;
    bool offline = false;
    bool allow_empty = false;
    std::string head = "head";
    bool splice = false;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string rev_id;
};

std::string checked_id(const std::string& wanted, const engine::RevisionGraph& graph) {
    if (wanted.empty()) {
        std::string id;
        do id = engine::new_revision_id();
        while (graph.contains(id));
        return id;
    }
    if (auto problem = engine::revision_name_problem(wanted))
        throw UsageError("--rev-id '" + engine::clip_for_message(wanted) + "' " + *problem);
    if (graph.contains(wanted))
        throw UsageError("revision '" + wanted + "' exists already (" + graph.get(wanted).path +
                         "); choose another --rev-id");
    return wanted;
}

// Labels are checked here, before anything is written, with messages about the option.
void check_labels(const std::vector<std::string>& labels, const std::string& new_id,
                  const engine::RevisionGraph& graph) {
    for (size_t i = 0; i < labels.size(); ++i) {
        const std::string& label = labels[i];
        const std::string shown = "--branch-label '" + engine::clip_for_message(label) + "' ";
        if (auto problem = engine::revision_name_problem(label)) throw UsageError(shown + *problem);
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

void write_and_report(const engine::ScriptDirectory& scripts, const engine::NewRevision& rev,
                      const engine::RevisionGraph& graph, const Context& ctx) {
    const std::string path = scripts.write_revision(rev, graph);
    ctx.info("Generating " + path + " ... done");
}

// Fills the revision's operations from the comparison; false when there is nothing to write.
bool autogenerate(const RevisionOptions& opts, const Context& ctx, engine::NewRevision& rev) {
    orm::MetaData models = ctx.load_models();
    engine::Comparison c;
    if (opts.offline) {
        c = engine::compare_offline(models, ctx.config(), ctx.scripts(),
                                    orm::dialect_by_name(ctx.database_url().dialect()));
    } else {
        auto conn = ctx.connect(/*must_exist=*/false);
        c = engine::compare_with_database(*conn, models, ctx.config(), ctx.scripts());
    }
    for (const auto& d : c.differences)
        ctx.info("  " + d.summary + (d.destructive ? "  (destructive: review it)" : ""));
    for (const auto& w : c.warnings) ctx.notice("warning: " + w);
    for (const auto& n : c.not_invertible)
        ctx.notice("warning: " + n +
                   " has no inverse: the downgrade holds a placeholder that fails");
    rev.upgrade = c.upgrade;
    rev.downgrade = c.downgrade;
    rev.notes = c.warnings;
    if (!c.empty() || opts.allow_empty) return true;
    ctx.info(
        "No changes detected: the database matches the models; no revision written "
        "(--allow-empty writes an empty one).");
    return false;
}

void run_revision(const RevisionOptions& opts, const Context& ctx) {
    if (opts.offline && !opts.autogenerate) throw UsageError("--offline goes with --autogenerate");
    engine::ScriptDirectory scripts = ctx.scripts();
    engine::RevisionGraph graph = scripts.load_graph();
    engine::NewRevision rev;
    rev.id = checked_id(opts.rev_id, graph);
    rev.message = opts.message;
    rev.create_date = engine::utc_now();
    check_labels(opts.branch_labels, rev.id, graph);
    rev.branch_labels = opts.branch_labels;
    for (const auto& d : opts.depends_on) rev.depends_on.push_back(graph.resolve_revision(d));
    if (opts.head != "base" && graph.size() > 0) {
        std::vector<std::string> parents = graph.resolve(opts.head);
        if (parents.size() != 1)
            throw UsageError("--head names " + std::to_string(parents.size()) +
                             " revisions; name one, or merge the heads with `migrate merge heads`");
        auto heads = graph.heads();
        if (!opts.splice && std::find(heads.begin(), heads.end(), parents[0]) == heads.end())
            throw UsageError("revision " + parents[0] +
                             " is not a head: a revision on top of it "
                             "starts a new branch. Pass --splice if that is what you want.");
        rev.down_revisions = parents;
    }
    if (opts.autogenerate && !autogenerate(opts, ctx, rev)) return;
    write_and_report(scripts, rev, graph, ctx);
}

void run_merge(const std::vector<std::string>& revisions, const std::string& message,
               const std::string& rev_id, const Context& ctx) {
    engine::ScriptDirectory scripts = ctx.scripts();
    engine::RevisionGraph graph = scripts.load_graph();
    std::vector<std::string> parents;
    const std::vector<std::string> heads = graph.heads();
    for (const auto& r : revisions)
        for (const auto& id : graph.resolve(r)) {
            if (std::find(heads.begin(), heads.end(), id) == heads.end())
                throw UsageError("merge joins heads, and " + id + " (from '" +
                                 engine::clip_for_message(r) +
                                 "') is not a head: " + join(graph.children(id)) +
                                 " builds on it. `migrate heads` lists the heads.");
            if (std::find(parents.begin(), parents.end(), id) == parents.end())
                parents.push_back(id);
        }
    if (parents.size() < 2)
        throw UsageError("merge needs two or more revisions; '" + join(revisions) + "' names " +
                         std::to_string(parents.size()));
    engine::NewRevision rev;
    rev.id = checked_id(rev_id, graph);
    rev.message = message;
    rev.create_date = engine::utc_now();
    rev.down_revisions = parents;
    write_and_report(scripts, rev, graph, ctx);
}

void run_edit(const std::string& revision, const Context& ctx) {
    engine::ScriptDirectory scripts = ctx.scripts();
    engine::RevisionGraph graph = scripts.load_graph();
    std::vector<std::string> ids = graph.resolve(revision);
    if (ids.size() != 1)
        throw UsageError("'" + revision + "' names " + std::to_string(ids.size()) +
                         " revisions; name one");
    const std::string path = graph.get(ids[0]).path;
    const char* editor = std::getenv("VISUAL");
    if (!editor || !*editor) editor = std::getenv("EDITOR");
    if (!editor || !*editor)
        throw UsageError("no editor: set $EDITOR (or $VISUAL). The file is " + path);
    std::string quoted = "'";
    for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    int rc = std::system((std::string(editor) + " " + quoted).c_str());
    if (rc != 0) throw UsageError(std::string("the editor '") + editor + "' failed on " + path);
    ctx.info(path);
}

}  // namespace

void setup_revision(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<RevisionOptions>();
    CLI::App* cmd = app.add_subcommand("revision", "Create a new revision file");
    cmd->add_option("-m,--message", opts->message, "What the revision does")->required();
    cmd->add_flag("--autogenerate", opts->autogenerate,
                  "Write the operations that make the database match the models");
    cmd->add_flag("--offline", opts->offline,
                  "With --autogenerate: compare with the schema the revisions build, no database");
    cmd->add_flag("--allow-empty", opts->allow_empty,
                  "With --autogenerate: write the revision even when nothing differs");
    cmd->add_option("--head", opts->head,
                    "The revision to build on (default: head; base: a new root)");
    cmd->add_flag("--splice", opts->splice, "Allow --head to name a revision that is not a head");
    cmd->add_option("--branch-label", opts->branch_labels, "Label for a new branch");
    cmd->add_option("--depends-on", opts->depends_on, "Revisions this one depends on");
    cmd->add_option("--rev-id", opts->rev_id, "Use this id instead of a random one");
    cmd->callback([opts, &global] { run_revision(*opts, Context(global)); });
}

void setup_merge(CLI::App& app, const GlobalOptions& global) {
    auto revisions = std::make_shared<std::vector<std::string>>();
    auto message = std::make_shared<std::string>();
    auto rev_id = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("merge", "Create a revision that joins two or more heads");
    cmd->add_option("revisions", *revisions, "Revisions to merge (e.g. heads)")->required();
    cmd->add_option("-m,--message", *message, "What the merge joins")->required();
    cmd->add_option("--rev-id", *rev_id, "Use this id instead of a random one");
    cmd->callback([=, &global] { run_merge(*revisions, *message, *rev_id, Context(global)); });
}

void setup_edit(CLI::App& app, const GlobalOptions& global) {
    auto revision = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("edit", "Open a revision file in $EDITOR");
    cmd->add_option("revision", *revision, "The revision (e.g. head)")->required();
    cmd->callback([=, &global] { run_edit(*revision, Context(global)); });
}

}  // namespace migrate::cli
