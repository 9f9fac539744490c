#pragma once

/// The configuration file `migrate.yaml` (DESIGN.md section 8) and where the database URL
/// comes from.
///
/// Loading validates the whole file and throws `InputError` (exit 2) naming file:line:column
/// of the offending key or value: unknown keys at any level (with a "did you mean" hint),
/// wrong value types, an unset ${VAR}, a bad transaction_mode or file_template, an unknown
/// --env name. ${VAR} expansion is applied only to the values that take effect: the top-level
/// ones the chosen environment does not override, and that environment's own values; the
/// keys of every environment are checked, their values are not expanded. Messages never
/// quote a database URL.

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace migrate::engine {

/// Reads an environment variable: nullptr when unset. `std::getenv` in production; tests
/// pass a fake.
using Getenv = std::function<const char*(const char*)>;

enum class TransactionMode { kAll, kPerMigration, kNone };

struct CompareOptions {
    bool type = true;
    bool server_default = true;
    bool comments = true;
};

struct IncludeOptions {
    std::vector<std::string> schemas;  // empty: the dialect's default schema (public)
    std::vector<std::string> exclude_tables;
};

struct Config {
    std::string path;       // the file it came from, as given ("" when no file)
    std::string directory;  // folder of that file ("." for a bare file name; "" when no file)
    std::optional<std::string> database_url;  // after ${VAR} expansion; nullopt when empty
    /// The URL's text stands in the file (also as a `${VAR:-default}` default), rather than
    /// coming whole from a variable: a relative SQLite path in it is then relative to
    /// `directory` (see choose_database_url()).
    bool database_url_written = false;
    bool database_url_from_env_section = false;  // the chosen --env environment sets it
    std::string script_location = "migrations";  // as written: see resolve()
    std::string models = "models.yaml";          // as written: see resolve()
    std::string version_table = "migrate_version";
    TransactionMode transaction_mode = TransactionMode::kAll;
    CompareOptions compare;
    IncludeOptions include;
    std::string file_template = "{rev}_{slug}";
    std::string environment;  // the --env chosen, "" if none

    /// `relative` (script_location, models, a SQLite path written in the file) joined to
    /// `directory`; absolute paths and configurations without a file are returned unchanged.
    std::string resolve(const std::string& relative) const;
};

/// Loads `path` and applies environment `env` ("" for none): the environment's keys override
/// the top-level ones, and the maps `compare`, `include` and `database` merge key by key
/// (lists are replaced, not appended). Throws InputError for every mistake listed in the
/// header comment, and when the file cannot be read.
Config load_config(const std::string& path, const std::string& env,
                   const Getenv& getenv = std::getenv);

/// Expands ${VAR} and ${VAR:-default} in `text`; `$$` is a literal `$` and a `$` followed by
/// anything else is kept as is. As in the shell, `:-` also replaces a variable set to the
/// empty string, and a default may itself hold ${...}. Returns nullopt and stores the
/// variable's name in `*missing` (when not null) if one is unset and has no default. Throws
/// InputError without a location for a malformed reference (`${` with no `}`, a bad name);
/// load_config() rethrows it at the value.
std::optional<std::string> expand_variables(const std::string& text, const Getenv& getenv,
                                            std::string* missing);

struct UrlChoice {
    std::string url;
    /// Where it came from, for `-v`: "--url", "$MIGRATE_URL", "--env NAME (FILE)", the
    /// configuration file's path, or "$DATABASE_URL".
    std::string source;
};

/// The database URL by precedence (DESIGN.md section 7): `cli_url` (--url) > $MIGRATE_URL >
/// the configuration (the --env environment's `database.url`, else the file's, which may read
/// ${DATABASE_URL} itself) > $DATABASE_URL; an empty value counts as absent. So an explicit
/// --env beats an ambient $DATABASE_URL. A relative SQLite path written in the file is made
/// relative to the file's folder; one from --url or a variable stays relative to the working
/// directory. nullopt when no source gives a URL.
std::optional<UrlChoice> choose_database_url(const std::string& cli_url, const Config& config,
                                             const Getenv& getenv);

/// The configuration file to use: `cli_path` (-c) if given, else $MIGRATE_CONFIG if set and
/// not empty, else "migrate.yaml" if it exists in the working directory, else nullopt. A path
/// named by -c or $MIGRATE_CONFIG must exist and not be a folder: UsageError otherwise.
std::optional<std::string> find_config(const std::string& cli_path, const Getenv& getenv);

}  // namespace migrate::engine
