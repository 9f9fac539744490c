// Acceptance: every corpus schema loads, reflects to YAML, is created from that YAML in an
// empty database and reflects to the identical YAML.

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <sstream>

#include "orm/dialect.h"
#include "orm/model_file.h"
#include "orm/schema_ops.h"
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

TEST_P(CorpusRoundTripTest, ReflectCreateReflectIsIdentical) {
    const test::CorpusSchema& s = GetParam();
    auto source = test::make_test_database(s.dialect);
    auto conn = source->connect();
    for (const auto& f : s.files) conn->execute_script(test::read_file(f));
    MetaData first = conn->dialect().inspector().reflect(*conn, {}).metadata;
    ASSERT_FALSE(first.tables.empty());
    std::string first_yaml = write_models(first);

    MetaData models = load_models_from_string(first_yaml, s.name + ".yaml");
    auto target = test::make_test_database(s.dialect);
    auto tconn = target->connect();
    CreateAllResult created = create_all(*tconn, models);
    EXPECT_EQ(created.created.size(), models.tables.size());
    std::string second_yaml =
        write_models(tconn->dialect().inspector().reflect(*tconn, {}).metadata);
    EXPECT_EQ(first_difference(first_yaml, second_yaml), "");
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
