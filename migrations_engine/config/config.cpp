// Loading migrate.yaml (DESIGN.md section 8).
//
// Two passes. The first walks the YAML and checks its structure (keys and maps) for the top
// level and every environment, flattening each into "leaves" (`database.url`, `compare.type`,
// `include.schemas`, ...); the chosen environment's leaves replace the top-level ones. The
// second expands ${VAR} in the surviving leaves only, then checks and stores their values.
// So an unset variable fails only where its value would be used: not in another environment,
// and not in a top-level value the chosen environment overrides.

#include "migrations_engine/config/config.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "orm/dialect.h"
#include "orm/error.h"
#include "orm/model_yaml_reader.h"
#include "orm/url.h"

namespace migrate::engine {
namespace {

namespace fs = std::filesystem;
using orm::detail::Entry;
using orm::detail::Keys;
using orm::detail::Reader;

const Keys kTopKeys = {"database",      "script_location",  "models",
                       "version_table", "transaction_mode", "compare",
                       "include",       "file_template",    "environments"};
const Keys kEnvironmentKeys(kTopKeys.begin(), kTopKeys.end() - 1);  // all but environments
const Keys kDatabaseKeys = {"url"};
const Keys kCompareKeys = {"type", "server_default", "comments"};
const Keys kIncludeKeys = {"schemas", "exclude_tables"};
const Keys kModes = {"all", "per_migration", "none"};
const Keys kTemplateTokens = {"rev", "slug", "year", "month", "day", "hour", "minute", "second"};

/// Effective values by dotted key, in the order they were first seen.
using Leaves = std::vector<std::pair<std::string, Entry>>;

void put(Leaves* leaves, const std::string& key, const Entry& e) {
    for (auto& leaf : *leaves)
        if (leaf.first == key) {
            leaf.second = e;
            return;
        }
    leaves->emplace_back(key, e);
}

std::string join(const Keys& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// " (did you mean 'x'?)" for the closest of `known`, as Reader does for keys.
std::string did_you_mean(const std::string& word, const Keys& known) {
    std::string hint;
    size_t best = 3;
    for (const auto& k : known) {
        size_t d = orm::detail::edit_distance(word, k);
        if (d < best && d < k.size()) best = d, hint = k;
    }
    return hint.empty() ? "" : " (did you mean '" + hint + "'?)";
}

/// Checks the keys of one settings map (the top level or an environment) and adds its leaves.
void collect(const Reader& r, const Entry& body, const std::string& suffix, bool top,
             Leaves* leaves, std::optional<Entry>* environments) {
    const std::string where = top ? "at top level" : "in environment '" + body.name + "'";
    for (const Entry& e :
         r.map_entries(body, where, top ? &kTopKeys : &kEnvironmentKeys, "key",
                       top ? "a map of settings" : "a map of settings to override")) {
        const std::string in = "in '" + e.name + "'" + suffix;
        if (e.name == "database") {
            // Saying "got 'postgresql://user:secret@...'" would print a password.
            if (e.value.IsScalar())
                r.fail(r.value_at(e), "wrong value type for 'database' " + where +
                                          ": expected a map; write the URL as 'database: {url: "
                                          "...}'");
            for (const Entry& d : r.map_entries(e, in, &kDatabaseKeys, "key", "a map {url: ...}"))
                put(leaves, "database." + d.name, d);
        } else if (e.name == "compare" || e.name == "include") {
            const Keys* keys = e.name == "compare" ? &kCompareKeys : &kIncludeKeys;
            for (const Entry& c : r.map_entries(e, in, keys, "key", "a map of " + join(*keys)))
                put(leaves, e.name + "." + c.name, c);
        } else if (e.name == "environments") {
            *environments = e;
        } else {
            put(leaves, e.name, e);
        }
    }
}

/// Replaces the text of `node` (a scalar) by its expansion, keeping its position. A value with
/// ${...} is then typed by its expanded text even if quoted: `{type: "${X}"}` must be quoted
/// for YAML's sake, not to make it text. A quoted "true" with no variable stays text.
void expand_node(const Reader& r, YAML::Node node, const std::string& key, const Getenv& getenv) {
    if (!node.IsScalar()) return;
    std::string missing;
    std::optional<std::string> text;
    try {
        text = expand_variables(node.Scalar(), getenv, &missing);
    } catch (const InputError& e) {
        r.fail(r.at(node), key + ": " + e.what_only());
    }
    if (!text)
        r.fail(r.at(node), key + ": ${" + missing + "} is not set; export it or write ${" +
                               missing + ":-default}");
    if (node.Scalar().find("${") != std::string::npos) node.SetTag("?");
    node = *text;
}

std::vector<std::string> names(const Reader& r, const Entry& e, const std::string& expected) {
    std::vector<std::string> out;
    for (const Entry& item : r.list_items(e, "a list of " + expected + "s"))
        out.push_back(r.name(item, "a " + expected));
    return out;
}

TransactionMode mode(const Reader& r, const Entry& e) {
    const std::string text = r.name(e, "all, per_migration or none");
    if (text == "all") return TransactionMode::kAll;
    if (text == "per_migration") return TransactionMode::kPerMigration;
    if (text == "none") return TransactionMode::kNone;
    r.fail(r.value_at(e), "unknown transaction_mode '" + text + "'" + did_you_mean(text, kModes) +
                              "; expected all, per_migration or none");
}

void check_template(const Reader& r, const Entry& e, const std::string& text) {
    bool has_rev = false;
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open)) {
        const size_t close = text.find('}', open);
        if (close == std::string::npos)
            r.fail(r.value_at(e), "file_template has a '{' with no closing '}'");
        const std::string token = text.substr(open + 1, close - open - 1);
        if (std::find(kTemplateTokens.begin(), kTemplateTokens.end(), token) ==
            kTemplateTokens.end())
            r.fail(r.value_at(e), "unknown token {" + token + "} in file_template" +
                                      did_you_mean(token, kTemplateTokens) +
                                      "; known tokens: {rev}, {slug}, {year}, {month}, {day}, "
                                      "{hour}, {minute}, {second}");
        has_rev = has_rev || token == "rev";
        open = close;
    }
    if (!has_rev)
        r.fail(r.value_at(e),
               "file_template must contain {rev}, which keeps file names unique; for example "
               "\"{rev}_{slug}\"");
}

void apply(const Reader& r, const std::string& key, const Entry& e, const Getenv& getenv,
           Config* c) {
    const std::string raw = e.value.IsScalar() ? e.value.Scalar() : "";
    expand_node(r, e.value, key, getenv);
    if (e.value.IsSequence()) {
        size_t i = 0;
        for (YAML::Node item : e.value)
            expand_node(r, item, key + "[" + std::to_string(++i) + "]", getenv);
    }
    if (key == "database.url") {
        std::optional<std::string> url = r.text(e);
        c->database_url = url && !url->empty() ? url : std::nullopt;
        c->database_url_written =
            c->database_url && raw.find(*c->database_url) != std::string::npos;
    } else if (key == "script_location") {
        c->script_location = r.name(e, "a folder path");
    } else if (key == "models") {
        c->models = r.name(e, "a file or folder path");
    } else if (key == "version_table") {
        c->version_table = r.name(e, "a table name");
    } else if (key == "transaction_mode") {
        c->transaction_mode = mode(r, e);
    } else if (key == "compare.type") {
        c->compare.type = r.boolean(e);
    } else if (key == "compare.server_default") {
        c->compare.server_default = r.boolean(e);
    } else if (key == "compare.comments") {
        c->compare.comments = r.boolean(e);
    } else if (key == "include.schemas") {
        c->include.schemas = names(r, e, "schema name");
    } else if (key == "include.exclude_tables") {
        c->include.exclude_tables = names(r, e, "table name");
    } else if (key == "file_template") {
        c->file_template = r.name(e, "a template such as \"{rev}_{slug}\"");
        check_template(r, e, c->file_template);
    }
}

/// YAML ends a plain value at '{' inside {...} or [...], so `{url: ${X}}` does not parse.
std::string syntax_hint(const std::string& text, const YAML::Mark& mark) {
    std::istringstream lines(text);
    std::string line;
    for (int i = 0; i <= mark.line && std::getline(lines, line);) ++i;
    if (mark.line < 0 || line.find("${") == std::string::npos) return {};
    return "; inside {...} or [...] quote values that use ${...}, for example "
           "{url: \"${DATABASE_URL}\"}";
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// Index of the '}' closing a "${" whose body starts at `from`, skipping nested ${...}.
size_t closing_brace(const std::string& text, size_t from) {
    size_t depth = 0;
    for (size_t j = from; j < text.size(); ++j) {
        if (text[j] == '$' && j + 1 < text.size() && (text[j + 1] == '$' || text[j + 1] == '{')) {
            depth += text[j + 1] == '{';
            ++j;
        } else if (text[j] == '}') {
            if (depth == 0) return j;
            --depth;
        }
    }
    return std::string::npos;
}

}  // namespace

std::string Config::resolve(const std::string& relative) const {
    if (directory.empty() || fs::path(relative).is_absolute()) return relative;
    return (fs::path(directory) / relative).lexically_normal().string();
}

std::optional<std::string> expand_variables(const std::string& text, const Getenv& getenv,
                                            std::string* missing) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (text[i] != '$' || (next != '$' && next != '{')) {
            out += text[i];
            continue;
        }
        if (next == '$') {
            out += '$';
            ++i;
            continue;
        }
        const size_t end = closing_brace(text, i + 2);
        if (end == std::string::npos)
            throw InputError({}, "'${' has no closing '}'; write '$$' for a literal '$'");
        const std::string body = text.substr(i + 2, end - i - 2);
        size_t n = 0;
        while (n < body.size() && is_name_char(body[n])) ++n;
        const bool has_default = body.compare(n, 2, ":-") == 0;
        if (n == 0 || std::isdigit(static_cast<unsigned char>(body[0])) ||
            (n < body.size() && !has_default))
            throw InputError({}, "bad variable reference '${" + body.substr(0, n + 1) +
                                     (n + 1 < body.size() ? "...}" : "}") +
                                     "'; write ${NAME} or ${NAME:-default}");
        const std::string name = body.substr(0, n);
        const char* value = getenv(name.c_str());
        if (value && (*value || !has_default)) {
            out += value;
        } else if (has_default) {
            std::optional<std::string> fallback =
                expand_variables(body.substr(n + 2), getenv, missing);
            if (!fallback) return std::nullopt;
            out += *fallback;
        } else {
            if (missing) *missing = name;
            return std::nullopt;
        }
        i = end;
    }
    return out;
}

Config load_config(const std::string& path, const std::string& env, const Getenv& getenv) {
    Config config;
    config.path = path;
    config.directory = fs::path(path).parent_path().string();
    if (config.directory.empty()) config.directory = ".";
    config.environment = env;
    const std::string text = orm::detail::read_input_file(path, "configuration file");
    const Reader r(path);
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
        throw InputError(r.at(e.mark), "invalid YAML: " + e.msg + syntax_hint(text, e.mark));
    }
    if (docs.size() > 1)
        r.fail(r.at(docs[1]), "a configuration file holds one YAML document; found a second one");
    if (docs.empty() || docs[0].IsNull()) {
        if (!env.empty())
            throw InputError(SourceLocation{path},
                             "unknown environment '" + env + "' (from --env): the file is empty");
        return config;
    }
    Leaves leaves;
    std::optional<Entry> environments;
    collect(r, Entry{"", "the configuration file", docs[0], docs[0], ""}, "", true, &leaves,
            &environments);
    Keys known;
    if (environments) {
        for (const Entry& e : r.map_entries(*environments, "in 'environments'", nullptr,
                                            "environment", "a map of environment names")) {
            Leaves own;
            collect(r, e, " of environment '" + e.name + "'", false, &own, nullptr);
            known.push_back(e.name);
            if (e.name != env) continue;
            for (const auto& [key, entry] : own) {
                put(&leaves, key, entry);
                if (key == "database.url") config.database_url_from_env_section = true;
            }
        }
    }
    if (!env.empty() && std::find(known.begin(), known.end(), env) == known.end()) {
        const std::string what = "unknown environment '" + env + "' (from --env)";
        if (known.empty())
            r.fail(environments ? r.at(environments->key_node) : SourceLocation{path},
                   what + ": the file defines no environments");
        r.fail(r.at(environments->key_node),
               what + did_you_mean(env, known) + "; known environments: " + join(known));
    }
    for (const auto& [key, entry] : leaves) apply(r, key, entry, getenv, &config);
    return config;
}

namespace {

// A relative SQLite path written in the file is relative to the file's folder, like
// script_location and models.
std::string relative_to_file(const std::string& url, const Config& config) {
    if (!config.database_url_written || config.directory.empty()) return url;
    try {
        orm::DatabaseUrl parsed = orm::DatabaseUrl::parse(url);
        if (!orm::dialect_by_name(parsed.dialect()).file_database() || parsed.is_memory() ||
            fs::path(parsed.path()).is_absolute())
            return url;
        return "sqlite:///" + config.resolve(parsed.path());
    } catch (const Error&) {
        return url;  // reported when the URL is used
    }
}

}  // namespace

std::optional<UrlChoice> choose_database_url(const std::string& cli_url, const Config& config,
                                             const Getenv& getenv) {
    if (!cli_url.empty()) return UrlChoice{cli_url, "--url"};
    const char* migrate_url = getenv("MIGRATE_URL");
    if (migrate_url && *migrate_url) return UrlChoice{migrate_url, "$MIGRATE_URL"};
    if (config.database_url && !config.database_url->empty()) {
        const std::string file = config.path.empty() ? "the configuration" : config.path;
        return UrlChoice{relative_to_file(*config.database_url, config),
                         config.database_url_from_env_section
                             ? "--env " + config.environment + " (" + file + ")"
                             : file};
    }
    const char* database_url = getenv("DATABASE_URL");
    if (database_url && *database_url) return UrlChoice{database_url, "$DATABASE_URL"};
    return std::nullopt;
}

std::optional<std::string> find_config(const std::string& cli_path, const Getenv& getenv) {
    std::error_code ec;
    const char* from_env = getenv("MIGRATE_CONFIG");
    const bool use_env = cli_path.empty() && from_env && *from_env;
    if (cli_path.empty() && !use_env)
        return fs::exists("migrate.yaml", ec) ? std::optional<std::string>("migrate.yaml")
                                              : std::nullopt;
    const std::string path = use_env ? from_env : cli_path;
    const std::string origin = use_env ? "$MIGRATE_CONFIG" : "-c/--config";
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status))
        throw UsageError("configuration file '" + path + "' (from " + origin +
                         ") not found; check the path, or run `migrate init` to create one");
    if (fs::is_directory(status))
        throw UsageError("configuration file '" + path + "' (from " + origin +
                         ") is a folder; give the path of the file, such as " + path +
                         "/migrate.yaml");
    return path;
}

}  // namespace migrate::engine
