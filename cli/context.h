#pragma once

/// Global options shared by every command, and what they resolve to: the configuration file,
/// the database URL, the models, the script directory, output settings.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "migrations_engine/api/project.h"
#include "migrations_engine/config/config.h"
#include "migrations_engine/runtime/runner.h"
#include "orm/dialect.h"
#include "orm/schema/metadata.h"

namespace migrate::cli {

enum class Format { kText, kJson };

struct GlobalOptions {
    std::string config;  // -c
    std::string env;     // --env
    std::string url;
    std::string models;
    std::vector<std::string> extra;  // -x key=value
    bool quiet = false;
    bool verbose = false;
    bool echo = false;
    std::string format = "text";
    bool no_color = false;
    /// What the embedding program decided (models in C++, default URL and configuration);
    /// never null once run() set it, and outlives every command.
    const Options* program = nullptr;
};

class Context {
  public:
    explicit Context(const GlobalOptions& options);

    /// The configuration: -c, else $MIGRATE_CONFIG, else the program's default configuration
    /// or migrate.yaml, if there is one; else the defaults. Throws InputError / UsageError for
    /// a bad file.
    const engine::Config& config() const;
    /// --url > $MIGRATE_URL > the configuration (--env's, else the file's) > $DATABASE_URL >
    /// the program's default URL. UsageError when none. With -v, says once on standard error which
    /// source gave it.
    orm::DatabaseUrl database_url() const;
    /// Says once on standard error which URL is used and where it came from (as -v does).
    void tell_url_source() const;
    /// Opens the database (read-only commands pass `must_exist`), echoing SQL if asked.
    std::unique_ptr<orm::Connection> connect(bool must_exist) const;
    /// --models, else the configuration's `models`, else models.yaml.
    std::string models_path() const;
    /// The program's models when it declares them in C++, else the models file.
    orm::MetaData load_models() const;
    /// The script directory of the configuration.
    engine::ScriptDirectory scripts() const;
    /// A runner for the project. Step lines go to standard output, or to standard error when
    /// `offline` (standard output then carries nothing but SQL).
    engine::Runner runner(double lock_timeout, bool allow_changed, bool offline) const;
    /// The project the engine's command functions take: this configuration, the URL (if any;
    /// parsed only when a command needs it), the models, and output callbacks (`say` to
    /// standard output, or standard error when `offline`; nothing with -q; `echo` with --echo). The
    /// project refers to this Context, which must outlive it.
    engine::Project project(bool offline = false) const;

    Format format() const;
    bool quiet() const { return options_.quiet; }
    bool verbose() const { return options_.verbose; }
    bool color() const;

    /// An informational line on standard output, unless `-q`.
    void info(const std::string& line) const;
    /// A line on standard error (notices that must not mix with requested output).
    void notice(const std::string& line) const;

  private:
    void tell_url_source(const orm::DatabaseUrl& url, const std::string& source) const;
    std::optional<engine::UrlChoice> choose_url() const;
    const Options& program() const;

    const GlobalOptions& options_;
    mutable std::optional<engine::Config> config_;
    mutable bool url_told_ = false;
};

}  // namespace migrate::cli
