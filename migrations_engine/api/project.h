#pragma once

/// A project as every command of the engine sees it: its configuration, its database URL, its
/// models, its revisions, and where progress lines go. The `migrate` CLI builds one from its
/// options (`migrate.yaml`, `--url`, `--models`, ...); a C++ program builds one itself. Each
/// command is then one function taking the project and a small request and returning a
/// result struct (see commands.h); the engine never writes to the terminal.
///
/// A Project is a plain value: copying it copies the callbacks, which must stay callable for
/// as long as any copy is used. Nothing here connects or reads a file until a command runs.

#include <functional>
#include <memory>
#include <string>

#include "migrations_engine/config/config.h"
#include "migrations_engine/runtime/runner.h"
#include "migrations_engine/script/revision_source.h"
#include "migrations_engine/script/script_directory.h"
#include "orm/dialect.h"
#include "orm/schema/metadata.h"
#include "orm/url.h"

namespace migrate::engine {

/// Receives one line of text (no trailing newline).
using LineSink = std::function<void(const std::string&)>;

struct Project {
    /// Settings as in migrate.yaml: script_location and models (relative to
    /// `config.directory`), version_table, transaction_mode, compare, include, file_template.
    /// A default Config is a project in the working directory with every default.
    Config config;
    /// The database URL (`sqlite:///app.db`, `postgresql://...`); empty when there is none.
    /// Parsed only by the commands that need a database or a dialect.
    std::string url;
    /// The models (target schema). When empty, the models file or folder `config.models`
    /// names (resolved against `config.directory`) is loaded on each call that needs models.
    /// A program with its schema in C++ sets `models = [] { return my_schema(); };`.
    std::function<orm::MetaData()> models;
    /// The revisions. When null, the folder `<script_location>/versions` of `config`. An
    /// embedded set (migrate_embed_revisions()) is read-only: `revision` and `merge` on it
    /// throw UsageError.
    std::shared_ptr<const RevisionSource> revisions;

    /// Progress lines while a command runs (runner steps "Running upgrade A -> B, ...", a
    /// runner waiting for the lock). May be empty: nothing is said. What a command finds
    /// (differences, warnings, hints) is in its result instead.
    LineSink say;
    /// Every SQL statement before it runs (the CLI's `--echo`). May be empty.
    LineSink echo;
    /// Called each time a command is about to use `url`, with it parsed (the CLI's `-v` says
    /// where the URL came from). May be empty.
    std::function<void(const orm::DatabaseUrl&)> using_url;
};

/// `project.url` parsed, after calling `project.using_url`. Throws UsageError (exit 2) when
/// the URL is empty ("no database URL: ...") or malformed.
orm::DatabaseUrl database_url(const Project& project);

/// The dialect `project.url` names, without connecting. Throws as database_url().
const orm::Dialect& url_dialect(const Project& project);

/// Opens the project's database. `must_exist`: fail rather than create a SQLite file (for
/// commands that only read). Throws UsageError for no or a bad URL, ConnectionError (exit 3)
/// when the database cannot be opened. The caller owns the connection.
std::unique_ptr<orm::Connection> connect(const Project& project, bool must_exist);

/// The models: `project.models()` when set, else the models file of the configuration.
/// Throws InputError (exit 2, file:line:column) for a bad models file.
orm::MetaData load_models(const Project& project);

/// The script directory: `project.revisions` when set, else the configuration's folder.
ScriptDirectory scripts(const Project& project);

/// A runner for the project: its transaction mode and version table, `say` and `echo`.
Runner make_runner(const Project& project, double lock_timeout_seconds, bool allow_changed);

}  // namespace migrate::engine
