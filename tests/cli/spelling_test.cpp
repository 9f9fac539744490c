// Spelled differently, still equal: databases created by hand-written SQL in other spellings
// than the tool's own, compared with hand-written generic models. `check` exits 0 and
// autogenerate writes nothing.

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

const char* const kModels = R"yaml(enums:
  mood: [sad, ok, happy]
tables:
  people:
    columns:
      id: {type: Integer, primary_key: true}
      name: {type: String(50), nullable: false, server_default: "'x'"}
      age: {type: Integer, server_default: "1"}
      kind: {type: String(10)}
      big: {type: BigInteger}
      at: {type: DateTime(timezone), server_default: CURRENT_TIMESTAMP}
    checks:
      - {name: ck_age, condition: "age >= 0"}
      - {name: ck_kind, condition: "kind IN ('a', 'b')"}
    indexes:
      ix_people_name: {columns: [name]}
)yaml";

const char* const kSqlite = R"sql(
CREATE TABLE [people] (
  `id` INTEGER PRIMARY KEY,
  "name" varchar(50) NOT NULL DEFAULT ('x'),
  age integer DEFAULT (1),
  kind VARCHAR (10),
  big BIGINT,
  at TIMESTAMP WITH TIME ZONE DEFAULT (CURRENT_TIMESTAMP),
  CONSTRAINT ck_age CHECK (age>=0),
  CONSTRAINT ck_kind CHECK ("kind" in ('a','b'))
);
CREATE INDEX ix_people_name ON people ("name");
)sql";

const char* const kPostgres = R"sql(
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (
  id serial PRIMARY KEY,
  name character varying(50) NOT NULL DEFAULT 'x'::text,
  age int4 DEFAULT (1),
  kind varchar(10),
  big int8,
  at timestamptz DEFAULT now(),
  CONSTRAINT ck_age CHECK (age>=0),
  CONSTRAINT ck_kind CHECK (kind in ('a','b'))
);
CREATE INDEX ix_people_name ON people USING btree (name);
)sql";

class SpellingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SpellingTest, OtherSpellingsOfTheSameSchemaShowNoDifference) {
    MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = make_test_database(GetParam());
    db->connect()->execute_script(GetParam() == "sqlite" ? kSqlite : kPostgres);
    TempDir dir;
    std::vector<std::string> env{"MIGRATE_URL=" + db->url(), "DATABASE_URL=", "MIGRATE_CONFIG="};
    ASSERT_EQ(run_migrate({"init"}, dir.path().string(), env).exit_code, 0);
    std::string models = kModels;
    if (GetParam() == "sqlite") models = models.substr(models.find("tables:"));  // no enum there
    write_file(dir.file("models.yaml"), models);
    auto check = run_migrate({"check"}, dir.path().string(), env);
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    auto gen =
        run_migrate({"revision", "--autogenerate", "-m", "nothing"}, dir.path().string(), env);
    EXPECT_EQ(gen.exit_code, 0) << gen.err;
    EXPECT_NE(gen.out.find("No changes detected"), std::string::npos) << gen.out;
}

INSTANTIATE_TEST_SUITE_P(Dialects, SpellingTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
