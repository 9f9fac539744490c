// `revision` and `merge` (engine functions of migrations_engine/api/revisions.h), and `edit`.

#include <cstdlib>

#include "cli/commands/commands.h"
#include "migrations_engine/api/revisions.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

void print_revision(const engine::RevisionResult& r, bool autogenerate, const Context& ctx) {
    if (autogenerate) {
        for (const auto& d : r.differences)
            ctx.info("  " + d.summary + (d.destructive ? "  (destructive: review it)" : ""));
        for (const auto& w : r.warnings) ctx.notice("warning: " + w);
        for (const auto& n : r.not_invertible)
            ctx.notice("warning: " + n +
                       " has no inverse: the downgrade holds a placeholder that fails");
    }
    if (r.written)
        ctx.info("Generating " + r.path + " ... done");
    else
        ctx.info(
            "No changes detected: the database matches the models; no revision written "
            "(--allow-empty writes an empty one).");
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
    auto opts = std::make_shared<engine::RevisionRequest>();
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
    cmd->callback([opts, &global] {
        Context ctx(global);
        print_revision(engine::revision(ctx.project(), *opts), opts->autogenerate, ctx);
    });
}

void setup_merge(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<engine::MergeRequest>();
    CLI::App* cmd = app.add_subcommand("merge", "Create a revision that joins two or more heads");
    cmd->add_option("revisions", opts->revisions, "Revisions to merge (e.g. heads)")->required();
    cmd->add_option("-m,--message", opts->message, "What the merge joins")->required();
    cmd->add_option("--rev-id", opts->rev_id, "Use this id instead of a random one");
    cmd->callback([opts, &global] {
        Context ctx(global);
        print_revision(engine::merge(ctx.project(), *opts), false, ctx);
    });
}

void setup_edit(CLI::App& app, const GlobalOptions& global) {
    auto revision = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("edit", "Open a revision file in $EDITOR");
    cmd->add_option("revision", *revision, "The revision (e.g. head)")->required();
    cmd->callback([=, &global] { run_edit(*revision, Context(global)); });
}

}  // namespace migrate::cli
