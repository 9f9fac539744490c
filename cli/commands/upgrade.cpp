// `upgrade`, `downgrade` and `stamp` (engine functions of migrations_engine/api/run.h).

#include <iostream>

#include "cli/commands/commands.h"
#include "migrations_engine/api/run.h"

namespace migrate::cli {
namespace {

void add_common(CLI::App* cmd, bool& sql, std::string& dialect, double* lock_timeout,
                bool* allow_changed) {
    cmd->add_flag("--sql", sql, "Print the SQL instead of running it (offline; A:B ranges)");
    cmd->add_option("--dialect", dialect, "Dialect for --sql when there is no URL")
        ->check(CLI::IsMember({"sqlite", "postgresql"}));
    cmd->add_option("--lock-timeout", *lock_timeout,
                    "Seconds to wait for another run's lock (default 60)")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                try {
                    if (std::stod(value) >= 0) return "";
                } catch (const std::exception&) {
                }
                return "must be a number of seconds, 0 or more (got '" + value + "')";
            },
            "SECONDS"));
    if (allow_changed)
        cmd->add_flag("--allow-changed", *allow_changed,
                      "Run even though an applied revision file changed since");
}

// upgrade and downgrade: steps are said as they run; offline, the script is the output.
void run(const engine::RunRequest& request, bool up, const GlobalOptions& global) {
    Context ctx(global);
    engine::RunRequest r = request;
    r.read_heads = false;  // not printed
    const engine::Project project = ctx.project(r.offline);
    engine::RunResult result = up ? engine::upgrade(project, r) : engine::downgrade(project, r);
    if (r.offline) std::cout << result.sql;
}

}  // namespace

void setup_upgrade(CLI::App& app, const GlobalOptions& global) {
    auto f = std::make_shared<engine::RunRequest>();
    f->target = "head";
    CLI::App* cmd = app.add_subcommand("upgrade", "Apply revisions up to a target (default: head)");
    cmd->add_option("revision", f->target,
                    "Target: head, heads, a revision, +N, label@head; with --sql, A:B");
    add_common(cmd, f->offline, f->dialect, &f->lock_timeout_seconds, &f->allow_changed);
    cmd->callback([f, &global] { run(*f, true, global); });
}

void setup_downgrade(CLI::App& app, const GlobalOptions& global) {
    auto f = std::make_shared<engine::RunRequest>();
    f->target.clear();
    CLI::App* cmd = app.add_subcommand("downgrade", "Revert revisions down to a target");
    cmd->add_option("revision", f->target, "Target: base, a revision, -N; with --sql, B:A")
        ->required();
    add_common(cmd, f->offline, f->dialect, &f->lock_timeout_seconds, &f->allow_changed);
    cmd->callback([f, &global] { run(*f, false, global); });
}

void setup_stamp(CLI::App& app, const GlobalOptions& global) {
    auto f = std::make_shared<engine::StampRequest>();
    auto allow_changed = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand(
        "stamp",
        "Record revisions (and their ancestors) as applied, running nothing; other branches "
        "stay as they are");
    cmd->add_option("revisions", f->targets, "The revisions (head, heads, base, an id, ...)")
        ->required();
    cmd->add_flag("--purge", f->purge, "Empty the version table first");
    add_common(cmd, f->offline, f->dialect, &f->lock_timeout_seconds, allow_changed.get());
    cmd->callback([f, allow_changed, &global] {
        Context ctx(global);
        engine::StampResult r = engine::stamp(ctx.project(f->offline), *f);
        if (f->offline) {
            std::cout << r.sql;
            return;
        }
        std::string list;
        for (const auto& h : r.heads) list += (list.empty() ? "" : ", ") + h;
        ctx.info("Stamped " + r.database + " at " + (list.empty() ? "<base>" : list));
    });
}

}  // namespace migrate::cli
