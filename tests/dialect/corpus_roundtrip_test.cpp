// Acceptance: every corpus schema loads, reflects to YAML, is created from that YAML in an
// empty database and reflects to the identical YAML. On PostgreSQL, the catalog oracle also
// finds both databases equal, but for exactly what reflection reported as not modelled.

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "orm/dialect.h"
#include "orm/model_file.h"
#include "orm/postgresql/inspector.h"
#include "orm/schema_ops.h"
#include "tests/support/pg_catalog_oracle.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

std::vector<test::CorpusSchema> all_cases() {
    std::vector<test::CorpusSchema> out;
    for (const auto& dialect : test::test_dialects())
        for (auto& s : test::corpus_schemas(dialect)) out.push_back(s);
    return out;
}

// "" when equal, else the first differing line of each with its number.
std::string first_difference(const std::string& a, const std::string& b) {
    std::istringstream sa(a), sb(b);
    std::string la, lb;
    for (int n = 1;; ++n) {
        bool ga = static_cast<bool>(std::getline(sa, la)),
             gb = static_cast<bool>(std::getline(sb, lb));
        if (!ga && !gb) return "";
        if (ga != gb || la != lb)
            return "line " + std::to_string(n) + ":\n  first:  " + (ga ? la : "<end>") +
                   "\n  second: " + (gb ? lb : "<end>");
    }
}

class CorpusRoundTripTest : public ::testing::TestWithParam<test::CorpusSchema> {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusRoundTripTest);

// Loads a corpus file as its authors meant it to be loaded: psql for PostgreSQL dumps (COPY,
// psql settings), the SQLite library for SQLite scripts.
void load(const test::CorpusSchema& s, const test::TestDatabase& db, Connection& conn) {
    for (const auto& f : s.files) {
        if (s.dialect == "sqlite") {
            conn.execute_script(test::read_file(f));
            continue;
        }
        std::string cmd = "psql -X -q -v ON_ERROR_STOP=1 -d '" + db.url() + "' -f '" + f +
                          "' >/dev/null 2>psql.err";
        ASSERT_EQ(std::system(cmd.c_str()), 0)
            << "loading " << f << ": " << test::read_file("psql.err");
    }
}

ReflectOptions every_schema(Connection& conn) {
    ReflectOptions options;
    if (conn.dialect().name() == "postgresql") options.schemas = postgresql::user_schemas(conn);
    return options;
}

// A schema whose tables need objects the tool does not manage yet (domains, functions in
// CHECKs, extension types, partitions: the manifest's `objects:` scope) is recreated inside a
// copy of the source database from which only the managed tables were dropped, so that those
// objects exist. A `tables` schema is recreated in an empty database.
void prepare_target(const test::CorpusSchema& s, const test::TestDatabase& target, Connection& conn,
                    const MetaData& models) {
    if (s.scope.rfind("objects", 0) != 0) return;
    load(s, target, conn);
    std::string tables;
    for (const auto& t : models.tables)
        tables += (tables.empty() ? "" : ", ") +
                  (t.schema.empty() ? "" : conn.dialect().quote(t.schema) + ".") +
                  conn.dialect().quote(t.name);
    conn.execute("DROP TABLE " + tables + " CASCADE");
}

TEST_P(CorpusRoundTripTest, ReflectCreateReflectIsIdentical) {
    const test::CorpusSchema& s = GetParam();
    MIGRATE_SKIP_UNLESS_AVAILABLE(s.dialect);
    test::TempDir cwd;
    std::filesystem::current_path(cwd.path());
    auto source = test::make_test_database(s.dialect);
    auto conn = source->connect();
    ASSERT_NO_FATAL_FAILURE(load(s, *source, *conn));
    ReflectedSchema reflected = conn->dialect().inspector().reflect(*conn, every_schema(*conn));
    MetaData first = reflected.metadata;
    ASSERT_FALSE(first.tables.empty());
    // Every SQLite corpus table is held by the model whole (docs/models.md lists what is not).
    if (s.dialect == "sqlite")
        for (const auto& n : reflected.not_modelled)
            ADD_FAILURE() << "not modelled: table " << n.table << ", " << n.object << ": "
                          << n.definition;
    std::string first_yaml = write_models(first);

    MetaData models = load_models_from_string(first_yaml, s.name + ".yaml");
    auto target = test::make_test_database(s.dialect);
    auto tconn = target->connect();
    ASSERT_NO_FATAL_FAILURE(prepare_target(s, *target, *tconn, models));
    CreateAllResult created = create_all(*tconn, models);
    EXPECT_EQ(created.created.size(), models.tables.size());
    std::string second_yaml =
        write_models(tconn->dialect().inspector().reflect(*tconn, every_schema(*tconn)).metadata);
    EXPECT_EQ(first_difference(first_yaml, second_yaml), "");
    if (s.dialect == "postgresql") {
        // The catalogs, read by plain SQL, agree on every reflected table, but for what
        // reflection reported as not modelled.
        std::set<std::string> tables;
        for (const auto& t : first.tables)
            tables.insert((t.schema.empty() ? reflected.default_schema : t.schema) + "." + t.name);
        auto before = test::catalog_snapshot(*conn, {}, tables);
        auto after = test::catalog_snapshot(*tconn, {}, tables);
        // A varchar `IN (...)` CHECK comes back in the form PostgreSQL itself reaches when it
        // parses its own text again (see stable_array_casts): no text reproduces the first.
        for (auto& [key, fact] : before)
            if (key.rfind("constraint ", 0) == 0 && fact.rfind("c CHECK", 0) == 0)
                fact = postgresql::stable_array_casts(fact);
        for (const auto& d : test::unexplained_differences(before, after, reflected.not_modelled,
                                                           reflected.default_schema))
            ADD_FAILURE() << d;
    }
    if (const char* keep = std::getenv("MIGRATE_KEEP_CORPUS_YAML")) {  // for investigating
        test::write_file(std::string(keep) + "/" + s.name + ".first.yaml", first_yaml);
        test::write_file(std::string(keep) + "/" + s.name + ".second.yaml", second_yaml);
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRoundTripTest, ::testing::ValuesIn(all_cases()),
                         [](const auto& info) {
                             std::string n = info.param.name;
                             for (auto& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

TEST(CorpusPresenceTest, CorpusIsAvailable) {
    if (!test::corpus_dir()) {
        const char* ci = std::getenv("CI");
        if (ci && std::string(ci) == "true") FAIL() << "CI must have ../shared/corpus";
        GTEST_SKIP() << "../shared/corpus is absent: corpus round trips skipped";
    }
    EXPECT_FALSE(test::corpus_schemas("sqlite").empty());
}

}  // namespace
}  // namespace migrate::orm
