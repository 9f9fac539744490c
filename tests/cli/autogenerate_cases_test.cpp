// Data-driven autogenerate cases: tests/cases/<name>/{before.yaml, after.yaml, expected_ops.yaml}
// (`expected_ops.<dialect>.yaml` where a dialect differs), run on both dialects. For each: the
// database is created from `before`, `revision --autogenerate` against `after` must write
// exactly the expected upgrade operations, `upgrade head` runs them, `check` then reports
// nothing, and after `downgrade -1` the database compares equal to `before` again. A case that
// only one dialect can hold lists its dialects, one per line, in `dialects`; a case that reads
// more schemas than the default one and those its models name lists them, one per line, in
// `schemas` (`include.schemas` of migrate.yaml).

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "migrations_engine/autogenerate/autogenerate.h"
#include "migrations_engine/ops/op_yaml.h"
#include "migrations_engine/script/revision_file.h"
#include "orm/model_file.h"
#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

struct Case {
    std::string name;
    std::string dialect;
};

fs::path cases_dir() { return fs::path(MIGRATE_SOURCE_DIR) / "tests" / "cases"; }

// The lines of a case's file `name`, none when it has no such file.
std::vector<std::string> case_list(const fs::path& dir, const std::string& name) {
    std::vector<std::string> out;
    if (!fs::exists(dir / name)) return out;
    std::istringstream in(read_file((dir / name).string()));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

// The dialects a case runs on: those listed in its `dialects` file, or all of them.
bool case_runs_on(const fs::path& dir, const std::string& dialect) {
    std::vector<std::string> listed = case_list(dir, "dialects");
    return listed.empty() || std::find(listed.begin(), listed.end(), dialect) != listed.end();
}

std::vector<Case> all_cases() {
    std::vector<Case> out;
    for (const auto& e : fs::directory_iterator(cases_dir()))
        if (e.is_directory())
            for (const auto& d : test_dialects())
                if (case_runs_on(e.path(), d)) out.push_back({e.path().filename().string(), d});
    std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
        return std::tie(a.name, a.dialect) < std::tie(b.name, b.dialect);
    });
    return out;
}

class AutogenerateCaseTest : public ::testing::TestWithParam<Case> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam().dialect);
        db_ = make_test_database(GetParam().dialect);
        dir_ = cases_dir() / GetParam().name;
    }
    CommandResult run(std::vector<std::string> args) {
        return run_migrate(args, project_.path().string(),
                           {"MIGRATE_URL=" + db_->url(), "DATABASE_URL=", "MIGRATE_CONFIG="});
    }
    std::string expected_ops_path() const {
        fs::path own = dir_ / ("expected_ops." + GetParam().dialect + ".yaml");
        return (fs::exists(own) ? own : dir_ / "expected_ops.yaml").string();
    }
    // The models compared with the live database through the engine, ignoring the revision graph;
    // as `check` does, the models' expressions are compared as the database spells them, and
    // the schemas the models name are read, with the schemas of `also` (the other side's).
    engine::Comparison compare_live(const std::string& models_file, const std::string& also) {
        auto conn = db_->connect();
        orm::MetaData models = orm::load_models(models_file);
        orm::MetaData both = models;
        const orm::MetaData other = orm::load_models(also);
        both.tables.insert(both.tables.end(), other.tables.begin(), other.tables.end());
        both.enums.insert(both.enums.end(), other.enums.begin(), other.enums.end());
        orm::ReflectedSchema reflected = conn->dialect().inspector().reflect(
            *conn, engine::compare_reflect_options(config_, both));
        orm::MetaData live = reflected.metadata;
        engine::CompareScope scope;
        scope.exclude_tables = {"migrate_version"};
        for (const auto& u : reflected.unmanaged)
            if (u.table.empty() && !u.schema.empty()) scope.occupied_schemas.push_back(u.schema);
        scope.existing_schemas = reflected.schemas;
        if (!reflected.default_schema.empty()) scope.default_schema = reflected.default_schema;
        orm::MetaData held = conn->dialect().as_held(*conn, models);
        return engine::compare_schemas(models, live, conn->dialect(), scope, &held);
    }

    std::unique_ptr<TestDatabase> db_;
    fs::path dir_;
    engine::Config config_;  // include.schemas as the case's `schemas` file gives them
    TempDir project_;
};

std::string summaries(const engine::Comparison& c) {
    std::string out;
    for (const auto& d : c.differences) out += d.summary + "\n";
    return out;
}

TEST_P(AutogenerateCaseTest, GeneratesTheExpectedOperationsAndRoundTrips) {
    const std::string before = (dir_ / "before.yaml").string();
    const std::string after = (dir_ / "after.yaml").string();
    ASSERT_EQ(run({"init"}).exit_code, 0);
    config_.include.schemas = case_list(dir_, "schemas");
    if (!config_.include.schemas.empty()) {
        const std::string config_path = (project_.path() / "migrate.yaml").string();
        std::string text = read_file(config_path);
        const std::string line = "include: {schemas: [], exclude_tables: []}";
        ASSERT_NE(text.find(line), std::string::npos) << text;
        std::string listed;
        for (const auto& s : config_.include.schemas) listed += (listed.empty() ? "" : ", ") + s;
        text.replace(text.find(line), line.size(),
                     "include: {schemas: [" + listed + "], exclude_tables: []}");
        write_file(config_path, text);
    }
    auto created = run({"create-all", "--models", before});
    ASSERT_EQ(created.exit_code, 0) << created.err;

    auto gen =
        run({"revision", "--autogenerate", "-m", "change", "--rev-id", "auto", "--models", after});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    std::string path;
    for (const auto& e : fs::directory_iterator(project_.path() / "migrations" / "versions"))
        path = e.path().string();
    ASSERT_FALSE(path.empty()) << gen.out;
    engine::RevisionFile file = engine::read_revision_file(path);
    const std::string expected_text = read_file(expected_ops_path());
    std::vector<engine::Operation> expected =
        engine::operations_from_yaml(expected_text, expected_ops_path());
    EXPECT_EQ(file.upgrade, expected) << "written:\n" << engine::operations_to_yaml(file.upgrade);

    auto up = run({"upgrade", "head"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    auto check = run({"check", "--models", after});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_EQ(summaries(compare_live(after, before)), "");

    auto down = run({"downgrade", "-1"});
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_EQ(summaries(compare_live(before, after)), "");
}

INSTANTIATE_TEST_SUITE_P(Cases, AutogenerateCaseTest, ::testing::ValuesIn(all_cases()),
                         [](const auto& info) {
                             std::string n = info.param.name + "_" + info.param.dialect;
                             for (auto& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

}  // namespace
}  // namespace migrate::test
