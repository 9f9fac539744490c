// migrate.yaml: every setting, every mistake (with its exact file:line:column), ${VAR}
// expansion, environments, and where the database URL and the file itself come from.

#include "migrations_engine/config/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <random>
#include <string>

#include "orm/error.h"

namespace migrate::engine {
namespace {

namespace fs = std::filesystem;

/// The lines joined with newlines, so that a test reads its own line numbers.
std::string yaml(std::initializer_list<const char*> lines) {
    std::string out;
    for (const char* line : lines) out += std::string(line) + "\n";
    return out;
}

/// The whole message `f` throws as an E (exit code 2); "" and a failure when it throws none.
template <typename E, typename F>
std::string error_of(F f) {
    try {
        f();
    } catch (const E& e) {
        EXPECT_EQ(e.exit_code(), 2);
        return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
}

class TempDir {
  public:
    TempDir() {
        path_ =
            fs::temp_directory_path() / ("config_test_" + std::to_string(std::random_device{}()));
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string write(const std::string& name, const std::string& text) const {
        fs::create_directories((path_ / name).parent_path());
        std::ofstream((path_ / name).string()) << text;
        return (path_ / name).string();
    }
    std::string str() const { return path_.string(); }

  private:
    fs::path path_;
};

/// Runs the test from a temporary working directory (find_config looks there).
class InDirectory {
  public:
    explicit InDirectory(const std::string& dir) : old_(fs::current_path()) {
        fs::current_path(dir);
    }
    ~InDirectory() { fs::current_path(old_); }

  private:
    fs::path old_;
};

class ConfigTest : public ::testing::Test {
  protected:
    Config load(const std::string& text, const std::string& env = "") {
        return load_config(dir_.write("migrate.yaml", text), env, getenv_);
    }
    void expect_error(const std::string& text, const std::string& env, const std::string& where,
                      const std::string& what) {
        const std::string path = dir_.write("migrate.yaml", text);
        EXPECT_EQ(error_of<InputError>([&] { load_config(path, env, getenv_); }),
                  path + ":" + where + ": " + what)
            << text;
    }

    TempDir dir_;
    std::map<std::string, std::string> vars_;
    Getenv getenv_ = [this](const char* name) -> const char* {
        auto it = vars_.find(name);
        return it == vars_.end() ? nullptr : it->second.c_str();
    };
};

// ---- settings ----

TEST_F(ConfigTest, EmptyFileGivesDefaults) {
    const Config c = load("# nothing yet\n");
    EXPECT_EQ(c.path, dir_.str() + "/migrate.yaml");
    EXPECT_EQ(c.directory, dir_.str());
    EXPECT_FALSE(c.database_url);
    EXPECT_EQ(c.script_location, "migrations");
    EXPECT_EQ(c.models, "models.yaml");
    EXPECT_EQ(c.version_table, "migrate_version");
    EXPECT_EQ(c.transaction_mode, TransactionMode::kAll);
    EXPECT_TRUE(c.compare.type && c.compare.server_default && c.compare.comments);
    EXPECT_TRUE(c.include.schemas.empty() && c.include.exclude_tables.empty());
    EXPECT_EQ(c.file_template, "{rev}_{slug}");
    EXPECT_EQ(c.environment, "");
}

TEST_F(ConfigTest, ReadsEverySetting) {
    const Config c = load(yaml(
        {"database:", "  url: sqlite:///data/app.db", "script_location: db/migrations",
         "models: schema/", "version_table: alembic_version", "transaction_mode: per_migration",
         "compare: {type: false, server_default: no, comments: false}",
         "include: {schemas: [public, audit], exclude_tables: [tmp]}",
         "file_template: \"{year}{month}{day}_{hour}{minute}{second}_{rev}\""}));
    EXPECT_EQ(c.database_url, "sqlite:///data/app.db");  // a relative SQLite path is kept as is
    EXPECT_EQ(c.script_location, "db/migrations");
    EXPECT_EQ(c.models, "schema/");
    EXPECT_EQ(c.version_table, "alembic_version");
    EXPECT_EQ(c.transaction_mode, TransactionMode::kPerMigration);
    EXPECT_FALSE(c.compare.type || c.compare.server_default || c.compare.comments);
    EXPECT_EQ(c.include.schemas, (std::vector<std::string>{"public", "audit"}));
    EXPECT_EQ(c.include.exclude_tables, std::vector<std::string>{"tmp"});
    EXPECT_EQ(c.file_template, "{year}{month}{day}_{hour}{minute}{second}_{rev}");
    EXPECT_EQ(load("transaction_mode: none\n").transaction_mode, TransactionMode::kNone);
    EXPECT_EQ(load("transaction_mode: all\n").transaction_mode, TransactionMode::kAll);
}

TEST_F(ConfigTest, RelativePathsResolveAgainstTheFilesFolder) {
    const std::string path = dir_.write("deploy/migrate.yaml",
                                        "script_location: ../migrations\ndatabase: {url: "
                                        "sqlite:///app.db}\n");
    const Config c = load_config(path, "", getenv_);
    EXPECT_EQ(c.directory, dir_.str() + "/deploy");
    EXPECT_EQ(c.resolve(c.script_location), dir_.str() + "/migrations");
    EXPECT_EQ(c.resolve("/abs/models.yaml"), "/abs/models.yaml");
    EXPECT_EQ(c.database_url, "sqlite:///app.db");
    EXPECT_EQ(Config{}.resolve("models.yaml"), "models.yaml");
}

// ---- file and YAML errors ----

TEST_F(ConfigTest, UnreadableFile) {
    const std::string path = dir_.str() + "/absent.yaml";
    EXPECT_EQ(error_of<InputError>([&] { load_config(path, "", getenv_); }),
              path + ": cannot read configuration file: No such file or directory");
    EXPECT_EQ(error_of<InputError>([&] { load_config(dir_.str(), "", getenv_); }),
              dir_.str() + ": cannot read configuration file: it is a folder");
}

TEST_F(ConfigTest, YamlSyntaxError) {
    expect_error(yaml({"models: models.yaml", "compare: {type: true"}), "", "3:1",
                 "invalid YAML: end of map flow not found");
}

TEST_F(ConfigTest, UnquotedVariableInFlowMapGetsAHint) {
    expect_error(yaml({"environments:", "  production:", "    database: {url: ${PROD_URL}}"}), "",
                 "3:22",
                 "invalid YAML: end of map flow not found; inside {...} or [...] quote values "
                 "that use ${...}, for example {url: \"${DATABASE_URL}\"}");
}

TEST_F(ConfigTest, SecondDocument) {
    expect_error(yaml({"models: a.yaml", "---", "models: b.yaml"}), "", "3:1",
                 "a configuration file holds one YAML document; found a second one");
}

TEST_F(ConfigTest, TopLevelIsNotAMap) {
    expect_error(yaml({"- models.yaml"}), "", "1:1",
                 "wrong value type for the configuration file: expected a map of settings, got "
                 "a list");
}

// ---- unknown keys ----

TEST_F(ConfigTest, UnknownTopLevelKeyWithSuggestion) {
    expect_error(yaml({"models: models.yaml", "script_locaton: db"}), "", "2:1",
                 "unknown key 'script_locaton' at top level (did you mean 'script_location'?); "
                 "expected one of database, script_location, models, version_table, "
                 "transaction_mode, compare, include, file_template, environments");
}

TEST_F(ConfigTest, UnknownNestedKeys) {
    expect_error(yaml({"database:", "  uri: sqlite:///a.db"}), "", "2:3",
                 "unknown key 'uri' in 'database' (did you mean 'url'?); expected one of url");
    expect_error(yaml({"compare: {type: true, server_defaults: false}"}), "", "1:23",
                 "unknown key 'server_defaults' in 'compare' (did you mean 'server_default'?); "
                 "expected one of type, server_default, comments");
    expect_error(yaml({"include:", "  exclude: [tmp]"}), "", "2:3",
                 "unknown key 'exclude' in 'include'; expected one of schemas, exclude_tables");
}

TEST_F(ConfigTest, UnknownKeyInAnEnvironmentEvenWhenNotChosen) {
    expect_error(yaml({"environments:", "  staging: {}", "  production:", "    modles: x.yaml"}),
                 "staging", "4:5",
                 "unknown key 'modles' in environment 'production' (did you mean 'models'?); "
                 "expected one of database, script_location, models, version_table, "
                 "transaction_mode, compare, include, file_template");
    expect_error(yaml({"environments:", "  ci:", "    compare: {comment: false}"}), "", "3:15",
                 "unknown key 'comment' in 'compare' of environment 'ci' (did you mean "
                 "'comments'?); expected one of type, server_default, comments");
    expect_error(yaml({"environments:", "  ci:", "    environments: {}"}), "ci", "3:5",
                 "unknown key 'environments' in environment 'ci'; expected one of database, "
                 "script_location, models, version_table, transaction_mode, compare, include, "
                 "file_template");
}

TEST_F(ConfigTest, DuplicateKey) {
    expect_error(
        yaml({"models: a.yaml", "models: b.yaml"}), "", "2:1",
        "duplicate key 'models' at top level (first at " + dir_.str() + "/migrate.yaml:1:1)");
}

// ---- value types ----

TEST_F(ConfigTest, WrongValueTypes) {
    expect_error(yaml({"compare: {type: \"false\"}"}), "", "1:17",
                 "wrong value type for 'type' in 'compare': expected true or false, got 'false'");
    expect_error(yaml({"compare: [type]"}), "", "1:10",
                 "wrong value type for 'compare' at top level: expected a map of type, "
                 "server_default, comments, got a list");
    expect_error(yaml({"include:", "  schemas: public"}), "", "2:12",
                 "wrong value type for 'schemas' in 'include': expected a list of schema names, "
                 "got 'public'");
    expect_error(yaml({"include: {exclude_tables: [a, [b]]}"}), "", "1:31",
                 "wrong value type for item 2 of 'exclude_tables' in 'include': expected a table "
                 "name, got a list");
    expect_error(yaml({"script_location: [a, b]"}), "", "1:18",
                 "wrong value type for 'script_location' at top level: expected a folder path, "
                 "got a list");
    expect_error(yaml({"version_table:"}), "", "1:1",
                 "wrong value type for 'version_table' at top level: expected a table name, got "
                 "nothing");
    expect_error(yaml({"environments: [production]"}), "", "1:15",
                 "wrong value type for 'environments' at top level: expected a map of "
                 "environment names, got a list");
    expect_error(yaml({"environments:", "  production: yes"}), "production", "2:15",
                 "wrong value type for 'production' in 'environments': expected a map of "
                 "settings to override, got 'yes'");
}

TEST_F(ConfigTest, DatabaseGivenAsAUrlIsRefusedWithoutPrintingIt) {
    expect_error(yaml({"database: postgresql://app:s3cret@db/app"}), "", "1:11",
                 "wrong value type for 'database' at top level: expected a map; write the URL as "
                 "'database: {url: ...}'");
}

TEST_F(ConfigTest, BadTransactionMode) {
    expect_error(yaml({"models: m.yaml", "transaction_mode: per-migration"}), "", "2:19",
                 "unknown transaction_mode 'per-migration' (did you mean 'per_migration'?); "
                 "expected all, per_migration or none");
    expect_error(yaml({"transaction_mode: true"}), "", "1:19",
                 "unknown transaction_mode 'true'; expected all, per_migration or none");
}

TEST_F(ConfigTest, BadFileTemplate) {
    expect_error(yaml({"file_template: \"{slug}\""}), "", "1:16",
                 "file_template must contain {rev}, which keeps file names unique; for example "
                 "\"{rev}_{slug}\"");
    expect_error(yaml({"file_template: \"{rev}_{slg}\""}), "", "1:16",
                 "unknown token {slg} in file_template (did you mean 'slug'?); known tokens: "
                 "{rev}, {slug}, {year}, {month}, {day}, {hour}, {minute}, {second}");
    expect_error(yaml({"file_template: \"{rev}_{branch}\""}), "", "1:16",
                 "unknown token {branch} in file_template; known tokens: {rev}, {slug}, {year}, "
                 "{month}, {day}, {hour}, {minute}, {second}");
    expect_error(yaml({"file_template: \"{rev}_{slug\""}), "", "1:16",
                 "file_template has a '{' with no closing '}'");
}

// ---- ${VAR} expansion ----

TEST_F(ConfigTest, ExpandsVariablesWithDefaults) {
    const std::string text =
        yaml({"database:", "  url: ${DATABASE_URL:-sqlite:///app.db}",
              "version_table: ${PREFIX}_version", "include: {schemas: [\"${SCHEMA:-public}\"]}"});
    vars_ = {{"PREFIX", "shop"}};
    Config c = load(text);
    EXPECT_EQ(c.database_url, "sqlite:///app.db");
    EXPECT_EQ(c.version_table, "shop_version");
    EXPECT_EQ(c.include.schemas, std::vector<std::string>{"public"});
    vars_ = {{"PREFIX", "shop"}, {"DATABASE_URL", "postgresql://h/db"}, {"SCHEMA", "sales"}};
    c = load(text);
    EXPECT_EQ(c.database_url, "postgresql://h/db");
    EXPECT_EQ(c.include.schemas, std::vector<std::string>{"sales"});
}

TEST_F(ConfigTest, DoubleDollarIsALiteralDollar) {
    vars_ = {{"T", "x"}};
    EXPECT_EQ(load("version_table: \"$$T_${T}_$${T}\"\n").version_table, "$T_x_${T}");
}

TEST_F(ConfigTest, ExpansionHappensBeforeTypeChecks) {
    vars_ = {{"CHECK_TYPES", "false"}, {"MODE", "none"}};
    const std::string text =
        yaml({"compare:", "  type: ${CHECK_TYPES}", "  comments: \"${CHECK_TYPES}\"",
              "transaction_mode: ${MODE:-all}"});
    Config c = load(text);
    EXPECT_FALSE(c.compare.type);
    EXPECT_FALSE(c.compare.comments);  // quoted only because of YAML: still a boolean
    EXPECT_EQ(c.transaction_mode, TransactionMode::kNone);
    vars_ = {{"CHECK_TYPES", "maybe"}};
    expect_error(text, "", "2:9",
                 "wrong value type for 'type' in 'compare': expected true or false, got 'maybe'");
}

TEST_F(ConfigTest, UnsetVariableNamesVariableAndKey) {
    expect_error(yaml({"models: m.yaml", "database:", "  url: ${PROD_DATABASE_URL}"}), "", "3:8",
                 "database.url: ${PROD_DATABASE_URL} is not set; export it or write "
                 "${PROD_DATABASE_URL:-default}");
    expect_error(yaml({"include: {schemas: [a, \"${S}\"]}"}), "", "1:24",
                 "include.schemas[2]: ${S} is not set; export it or write ${S:-default}");
}

TEST_F(ConfigTest, MalformedReferenceIsReportedAtTheValue) {
    expect_error(yaml({"models: ${MODELS"}), "", "1:9",
                 "models: '${' has no closing '}'; write '$$' for a literal '$'");
    expect_error(yaml({"models: ${MODELS-x.yaml}"}), "", "1:9",
                 "models: bad variable reference '${MODELS-...}'; write ${NAME} or "
                 "${NAME:-default}");
}

TEST_F(ConfigTest, UnsetVariableInAnotherEnvironmentDoesNotFail) {
    const std::string text =
        yaml({"database:", "  url: ${DEV_URL}",
              "environments:", "  staging:", "    database: {url: \"${STAGING_URL}\"}",
              "  production:", "    database:", "      url: ${PROD_URL}"});
    vars_ = {{"STAGING_URL", "postgresql://staging/app"}};
    // The top-level ${DEV_URL} is overridden by staging, so it is never needed either.
    EXPECT_EQ(load(text, "staging").database_url, "postgresql://staging/app");
    expect_error(text, "production", "8:12",
                 "database.url: ${PROD_URL} is not set; export it or write "
                 "${PROD_URL:-default}");
    expect_error(text, "", "2:8",
                 "database.url: ${DEV_URL} is not set; export it or write ${DEV_URL:-default}");
}

// ---- environments ----

TEST_F(ConfigTest, EnvironmentOverridesAndMergesKeyByKey) {
    const std::string text =
        yaml({"database: {url: sqlite:///dev.db}", "version_table: v", "transaction_mode: none",
              "compare: {type: false, comments: false}",
              "include: {schemas: [public, audit], exclude_tables: [tmp]}",
              "environments:", "  production:", "    database: {url: \"postgresql://prod/app\"}",
              "    transaction_mode: per_migration", "    compare: {comments: true}",
              "    include: {schemas: [sales]}"});
    const Config plain = load(text);
    EXPECT_EQ(plain.database_url, "sqlite:///dev.db");
    EXPECT_FALSE(plain.compare.comments);
    const Config c = load(text, "production");
    EXPECT_EQ(c.environment, "production");
    EXPECT_EQ(c.database_url, "postgresql://prod/app");
    EXPECT_EQ(c.version_table, "v");  // not overridden
    EXPECT_EQ(c.transaction_mode, TransactionMode::kPerMigration);
    EXPECT_FALSE(c.compare.type);                                     // kept from the top level
    EXPECT_TRUE(c.compare.comments);                                  // overridden
    EXPECT_EQ(c.include.schemas, std::vector<std::string>{"sales"});  // lists are replaced
    EXPECT_EQ(c.include.exclude_tables, std::vector<std::string>{"tmp"});
}

TEST_F(ConfigTest, UnknownEnvironmentListsTheKnownOnes) {
    const std::string text =
        yaml({"models: m.yaml", "environments:", "  staging: {}", "  production: {}"});
    expect_error(text, "prodution", "2:1",
                 "unknown environment 'prodution' (from --env) (did you mean 'production'?); "
                 "known environments: staging, production");
    expect_error(text, "qa", "2:1",
                 "unknown environment 'qa' (from --env); known environments: staging, "
                 "production");
    EXPECT_EQ(error_of<InputError>([&] { load("models: m.yaml\n", "qa"); }),
              dir_.str() +
                  "/migrate.yaml: unknown environment 'qa' (from --env): the file "
                  "defines no environments");
}

// ---- expand_variables ----

TEST_F(ConfigTest, ExpandVariablesRules) {
    vars_ = {{"A", "1"}, {"EMPTY", ""}, {"B_2", "two"}};
    std::string missing;
    auto expand = [&](const std::string& t) { return expand_variables(t, getenv_, &missing); };
    EXPECT_EQ(expand("x${A}y${B_2}"), "x1ytwo");
    EXPECT_EQ(expand("${EMPTY}|${EMPTY:-d}|${UNSET:-}"), "|d|");
    EXPECT_EQ(expand("${UNSET:-${A}:${UNSET2:-sqlite:///a.db}}"), "1:sqlite:///a.db");
    EXPECT_EQ(expand("$$ $A $ a$ ${A}$$"), "$ $A $ a$ 1$");
    EXPECT_EQ(expand("p@ss$$word"), "p@ss$word");
    EXPECT_EQ(expand("${A:-x}-${UNSET}-${ALSO_UNSET}"), std::nullopt);
    EXPECT_EQ(missing, "UNSET");
    EXPECT_EQ(expand("${UNSET:-${INNER}}"), std::nullopt);
    EXPECT_EQ(missing, "INNER");
    EXPECT_EQ(expand_variables("${NOPE}", getenv_, nullptr), std::nullopt);
    for (const char* bad : {"${A", "${}", "${1A}", "${A B}", "${A:x}"})
        EXPECT_THROW(expand(bad), InputError) << bad;
}

// ---- where the URL comes from ----

TEST_F(ConfigTest, DatabaseUrlPrecedence) {
    Config c;
    c.path = "migrate.yaml";
    c.database_url = "sqlite:///file.db";
    auto choose = [&](const std::string& cli) { return choose_database_url(cli, c, getenv_); };
    vars_ = {{"MIGRATE_URL", "sqlite:///m.db"}, {"DATABASE_URL", "sqlite:///d.db"}};
    EXPECT_EQ(choose("sqlite:///cli.db")->url, "sqlite:///cli.db");
    EXPECT_EQ(choose("sqlite:///cli.db")->source, "--url");
    EXPECT_EQ(choose("")->url, "sqlite:///m.db");
    EXPECT_EQ(choose("")->source, "$MIGRATE_URL");
    vars_.erase("MIGRATE_URL");
    // The configuration beats an ambient $DATABASE_URL (DESIGN.md section 7); the file may
    // read ${DATABASE_URL} itself.
    EXPECT_EQ(choose("")->url, "sqlite:///file.db");
    EXPECT_EQ(choose("")->source, "migrate.yaml");
    c.environment = "production";
    c.database_url_from_env_section = true;
    EXPECT_EQ(choose("")->source, "--env production (migrate.yaml)");
    c.database_url.reset();
    EXPECT_EQ(choose("")->url, "sqlite:///d.db");
    EXPECT_EQ(choose("")->source, "$DATABASE_URL");
    vars_ = {{"MIGRATE_URL", ""}, {"DATABASE_URL", ""}};  // empty counts as unset
    EXPECT_EQ(choose(""), std::nullopt);
}

TEST_F(ConfigTest, EmptyUrlInFileMeansNone) {
    vars_ = {{"URL", ""}};
    EXPECT_FALSE(load("database: {url: \"${URL}\"}\n").database_url);
    EXPECT_FALSE(load("database: {url: }\n").database_url);
}

// ---- finding the file ----

TEST_F(ConfigTest, FindConfigPrecedence) {
    const std::string given = dir_.write("given.yaml", "");
    const std::string from_env = dir_.write("env.yaml", "");
    InDirectory cwd(dir_.str());
    EXPECT_EQ(find_config("", getenv_), std::nullopt);  // nothing in the working directory
    dir_.write("migrate.yaml", "");
    EXPECT_EQ(find_config("", getenv_), "migrate.yaml");
    vars_ = {{"MIGRATE_CONFIG", from_env}};
    EXPECT_EQ(find_config("", getenv_), from_env);
    EXPECT_EQ(find_config(given, getenv_), given);
    vars_ = {{"MIGRATE_CONFIG", ""}};
    EXPECT_EQ(find_config("", getenv_), "migrate.yaml");
}

TEST_F(ConfigTest, FindConfigRefusesMissingFiles) {
    InDirectory cwd(dir_.str());
    dir_.write("migrate.yaml", "");  // no silent fall back to it
    EXPECT_EQ(error_of<UsageError>([&] { find_config("nope.yaml", getenv_); }),
              "configuration file 'nope.yaml' (from -c/--config) not found; check the path, or "
              "run `migrate init` to create one");
    vars_ = {{"MIGRATE_CONFIG", "gone.yaml"}};
    EXPECT_EQ(error_of<UsageError>([&] { find_config("", getenv_); }),
              "configuration file 'gone.yaml' (from $MIGRATE_CONFIG) not found; check the path, "
              "or run `migrate init` to create one");
    fs::create_directories(dir_.str() + "/conf");
    EXPECT_EQ(error_of<UsageError>([&] { find_config("conf", getenv_); }),
              "configuration file 'conf' (from -c/--config) is a folder; give the path of the "
              "file, such as conf/migrate.yaml");
}

}  // namespace
}  // namespace migrate::engine
