#include <iostream>

#include "cli/commands/commands.h"
#include "orm/error.h"

namespace migrate::cli {
namespace {

struct RunFlags {
    std::string target;
    bool sql = false;
    std::string dialect;
    double lock_timeout = 60;
    bool allow_changed = false;
    bool purge = false;
};

// Offline runs need a dialect: --dialect, else the URL's (without connecting).
const orm::Dialect& offline_dialect(const RunFlags& f, const Context& ctx) {
    if (!f.dialect.empty()) return orm::dialect_by_name(f.dialect);
    try {
        return orm::dialect_by_name(ctx.database_url().dialect());
    } catch (const UsageError&) {
        throw UsageError("--sql needs a dialect: pass --dialect sqlite|postgresql, or a URL");
    }
}

void add_common(CLI::App* cmd, RunFlags& f, bool takes_lock) {
    cmd->add_flag("--sql", f.sql, "Print the SQL instead of running it (offline; A:B ranges)");
    cmd->add_option("--dialect", f.dialect, "Dialect for --sql when there is no URL")
        ->check(CLI::IsMember({"sqlite", "postgresql"}));
    if (takes_lock) {
        cmd->add_option("--lock-timeout", f.lock_timeout,
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
        cmd->add_flag("--allow-changed", f.allow_changed,
                      "Run even though an applied revision file changed since");
    }
}

}  // namespace

void setup_upgrade(CLI::App& app, const GlobalOptions& global) {
    auto f = std::make_shared<RunFlags>();
    f->target = "head";
    CLI::App* cmd = app.add_subcommand("upgrade", "Apply revisions up to a target (default: head)");
    cmd->add_option("revision", f->target,
                    "Target: head, heads, a revision, +N, label@head; with --sql, A:B");
    add_common(cmd, *f, true);
    cmd->callback([f, &global] {
        Context ctx(global);
        engine::Runner runner = ctx.runner(f->lock_timeout, f->allow_changed, f->sql);
        if (f->sql) {
            std::cout << runner.upgrade_sql(offline_dialect(*f, ctx), f->target);
            return;
        }
        runner.upgrade(ctx.database_url(), f->target);
    });
}

void setup_downgrade(CLI::App& app, const GlobalOptions& global) {
    auto f = std::make_shared<RunFlags>();
    CLI::App* cmd = app.add_subcommand("downgrade", "Revert revisions down to a target");
    cmd->add_option("revision", f->target, "Target: base, a revision, -N; with --sql, B:A")
        ->required();
    add_common(cmd, *f, true);
    cmd->callback([f, &global] {
        Context ctx(global);
        engine::Runner runner = ctx.runner(f->lock_timeout, f->allow_changed, f->sql);
        if (f->sql) {
            std::cout << runner.downgrade_sql(offline_dialect(*f, ctx), f->target);
            return;
        }
        runner.downgrade(ctx.database_url(), f->target);
    });
}

void setup_stamp(CLI::App& app, const GlobalOptions& global) {
    auto f = std::make_shared<RunFlags>();
    auto targets = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand(
        "stamp",
        "Record revisions (and their ancestors) as applied, running nothing; other branches "
        "stay as they are");
    cmd->add_option("revisions", *targets, "The revisions (head, heads, base, an id, ...)")
        ->required();
    cmd->add_flag("--purge", f->purge, "Empty the version table first");
    add_common(cmd, *f, true);
    cmd->callback([f, targets, &global] {
        Context ctx(global);
        engine::Runner runner = ctx.runner(f->lock_timeout, false, f->sql);
        if (f->sql) {
            std::cout << runner.stamp_sql(offline_dialect(*f, ctx), *targets, f->purge);
            return;
        }
        std::vector<std::string> heads = runner.stamp(ctx.database_url(), *targets, f->purge);
        std::string list;
        for (const auto& h : heads) list += (list.empty() ? "" : ", ") + h;
        ctx.info("Stamped " + ctx.database_url().str() + " at " + (list.empty() ? "<base>" : list));
    });
}

}  // namespace migrate::cli
