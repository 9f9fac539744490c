// Model files: loading, shorthands, naming conventions, folders, and write -> load round trips.

#include "orm/model_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "orm/error.h"
#include "orm/schema/naming.h"
#include "tests/support/design_example.h"

namespace migrate::orm {
namespace {

namespace fs = std::filesystem;

using test::kDesignExample;

MetaData load(const std::string& text) { return load_models_from_string(text, "m.yaml"); }

SqlType type(const std::string& text) {
    std::string error;
    auto t = SqlType::parse(text, &error);
    EXPECT_TRUE(t) << error;
    return t.value_or(SqlType());
}

Column column(const std::string& name, const std::string& type_text, bool nullable = true) {
    Column c;
    c.name = name;
    c.type = type(type_text);
    c.nullable = nullable;
    return c;
}

/// write -> load gives `m` back, and writing that gives the same text.
void expect_round_trip(const MetaData& m) {
    const std::string text = write_models(m);
    const MetaData back = load_models_from_string(text, "written.yaml");
    EXPECT_TRUE(back == m) << "written:\n" << text << "\nwritten again:\n" << write_models(back);
    EXPECT_EQ(write_models(back), text);
}

class TempDir {
  public:
    TempDir() {
        path_ = fs::temp_directory_path() /
                ("model_file_test_" + std::to_string(std::random_device{}()));
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream((path_ / name).string()) << text;
        return path(name);
    }
    std::string path(const std::string& name = {}) const { return (path_ / name).string(); }

  private:
    fs::path path_;
};

TEST(ModelFileTest, LoadsDesignExample) {
    const MetaData m = load(kDesignExample);
    ASSERT_EQ(m.tables.size(), 4u);
    ASSERT_EQ(m.enums.size(), 1u);
    EXPECT_EQ(m.enums[0].values, (std::vector<std::string>{"sad", "ok", "happy"}));
    EXPECT_EQ(m.naming_convention.size(), 5u);
    const Table* t = m.find_table("customers", "public");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->renamed_from, "clients");
    EXPECT_EQ(t->comment, "People who buy cookies");
    ASSERT_EQ(t->columns.size(), 8u);
    EXPECT_EQ(t->columns[3].type, SqlType::numeric(12, 2));
    EXPECT_EQ(t->columns[3].server_default, "0");
    EXPECT_EQ(t->columns[4].type, SqlType::enumeration("mood"));
    EXPECT_EQ(t->columns[7].renamed_from, "fullname");
    EXPECT_EQ(t->primary_key, (PrimaryKey{"pk_customers", {"id"}}));
    EXPECT_FALSE(t->columns[0].nullable);
    EXPECT_FALSE(t->columns[1].nullable);
    ASSERT_EQ(t->indexes.size(), 3u);
    EXPECT_EQ(t->indexes[0], (Index{"ix_customers_name", {{"name", false}}, false, "", {}, {}}));
    EXPECT_EQ(t->indexes[2], (Index{"ix_customers_lower_email",
                                    {{"lower(email)", true}},
                                    true,
                                    "email IS NOT NULL",
                                    {},
                                    {}}));
    ASSERT_EQ(t->unique_constraints.size(), 2u);
    EXPECT_EQ(t->unique_constraints[0], (UniqueConstraint{"uq_customers_email", {"email"}}));
    ASSERT_EQ(t->foreign_keys.size(), 2u);
    EXPECT_EQ(t->foreign_keys[0], (ForeignKey{"fk_customers_rep_id_employees",
                                              {"rep_id"},
                                              "public",
                                              "employees",
                                              {"id"},
                                              "SET NULL",
                                              ""}));
    EXPECT_EQ(t->foreign_keys[1].name, "fk_customers_rep");
    // ck needs %(constraint_name)s, which an unnamed check does not have: it stays unnamed.
    EXPECT_EQ(t->checks[1], (CheckConstraint{"", "email <> ''"}));
    const Table* pairs = m.find_table("pairs");
    ASSERT_NE(pairs, nullptr);
    EXPECT_EQ(pairs->primary_key, (PrimaryKey{"pk_pairs", {"a", "b"}}));
    EXPECT_FALSE(pairs->columns[1].nullable);
    EXPECT_EQ(pairs->foreign_keys[0],
              (ForeignKey{"fk_pairs_a_other", {"a", "b"}, "", "other", {"x", "y"}, "", ""}));
    EXPECT_EQ(m.find_table("other")->unique_constraints[0].name, "uq_other_x");
}

TEST(ModelFileTest, ColumnDefaultsAndScalarText) {
    const MetaData m = load(R"yaml(tables:
  t:
    columns:
      id: {type: Integer, primary_key: true, nullable: true}
      a: {type: Text}
      b: {type: Text, nullable: false, autoincrement: false}
      c: {type: BigInteger, autoincrement: true, server_default: 0, comment: 12.50}
      d: {type: Boolean, server_default: true}
      e: {type: Text, server_default: "'draft'", comment: ""}
      f: {type: Text, server_default: ~, comment: "x: y"}
      g: {type: Text, server_default: "NULL"}
)yaml");
    const auto& c = m.tables[0].columns;
    EXPECT_EQ(m.tables[0].primary_key, (PrimaryKey{"", {"id"}}));
    EXPECT_TRUE(c[0].nullable);
    EXPECT_TRUE(c[1].nullable);
    EXPECT_FALSE(c[2].nullable);
    EXPECT_EQ(c[0].autoincrement, Autoincrement::kAuto);
    EXPECT_EQ(c[2].autoincrement, Autoincrement::kFalse);
    EXPECT_EQ(c[3].autoincrement, Autoincrement::kTrue);
    EXPECT_FALSE(c[1].server_default.has_value());
    EXPECT_FALSE(c[1].comment.has_value());
    EXPECT_EQ(c[3].server_default, "0");
    EXPECT_EQ(c[3].comment, "12.50");
    EXPECT_EQ(c[4].server_default, "true");
    EXPECT_EQ(c[5].server_default, "'draft'");
    EXPECT_EQ(c[5].comment, "");
    EXPECT_FALSE(c[6].server_default.has_value());
    EXPECT_EQ(c[6].comment, "x: y");
    EXPECT_EQ(c[7].server_default, "NULL");
    expect_round_trip(m);
}

TEST(ModelFileTest, ShorthandsBecomeTableObjectsBeforeTheLists) {
    const MetaData m = load(R"yaml(tables:
  t:
    columns:
      a: {type: Integer, unique: true, foreign_key: app.v.id, ondelete: set null}
      b: {type: Text, unique: true, index: true}
      c: {type: Text, index: true, foreign_key: u.id, onupdate: no action}
    indexes:
      ix_first: {columns: [a]}
    unique_constraints:
      - {columns: [c]}
    foreign_keys:
      - {columns: [b], references: u(id), onupdate: cascade}
  u:
    columns: {id: {type: Integer}}
  v:
    schema: app
    columns: {id: {type: Integer}}
)yaml");
    const Table& t = m.tables[0];
    EXPECT_EQ(t.indexes, (std::vector<Index>{{"ix_t_b", {{"b", false}}, true, ""},
                                             {"ix_t_c", {{"c", false}}, false, ""},
                                             {"ix_first", {{"a", false}}, false, ""}}));
    EXPECT_EQ(t.unique_constraints, (std::vector<UniqueConstraint>{{"", {"a"}}, {"", {"c"}}}));
    EXPECT_EQ(t.foreign_keys,
              (std::vector<ForeignKey>{{"", {"a"}, "app", "v", {"id"}, "SET NULL", ""},
                                       {"", {"c"}, "", "u", {"id"}, "", ""},
                                       {"", {"b"}, "", "u", {"id"}, "", "CASCADE"}}));
    EXPECT_TRUE(t.primary_key.empty());
    expect_round_trip(m);
}

TEST(ModelFileTest, PrimaryKeyForms) {
    const MetaData m = load(R"yaml(tables:
  a:
    columns: {x: {type: Integer, primary_key: true}, y: {type: Integer, primary_key: true}}
  b:
    columns: {x: {type: Integer}, y: {type: Integer}}
    primary_key: {name: b_pkey, columns: [y, x]}
  c:
    columns: {x: {type: Integer}, y: {type: Integer}}
    primary_key: [y]
)yaml");
    EXPECT_EQ(m.tables[0].primary_key, (PrimaryKey{"", {"x", "y"}}));
    EXPECT_EQ(m.tables[1].primary_key, (PrimaryKey{"b_pkey", {"y", "x"}}));
    EXPECT_FALSE(m.tables[1].columns[0].nullable);
    EXPECT_EQ(m.tables[2].primary_key, (PrimaryKey{"", {"y"}}));
    EXPECT_TRUE(m.tables[2].columns[0].nullable);
    EXPECT_FALSE(m.tables[2].columns[1].nullable);
    expect_round_trip(m);
}

TEST(ModelFileTest, NamingConventionsNameOnlyUnnamedObjects) {
    const MetaData m = load(R"yaml(naming_convention:
  ix: "i_%(column_0_N_name)s"
  ck: "ck_%(table_name)s_%(column_0_name)s"
  pk: "%(table_name)s_pkey"
tables:
  t:
    columns:
      id: {type: Integer}
      a: {type: Integer, index: true, unique: true}
    primary_key: {name: my_pk, columns: [id]}
    indexes:
      explicit_ix: {columns: [a, id]}
    checks:
      - {condition: "a > 0"}
      - {name: ck_kept, condition: "a < 9"}
)yaml");
    const Table& t = m.tables[0];
    EXPECT_EQ(t.primary_key.name, "my_pk");
    EXPECT_EQ(t.indexes[0].name, "i_a");
    EXPECT_EQ(t.indexes[1].name, "explicit_ix");
    EXPECT_EQ(t.checks[0].name, "ck_t_");
    EXPECT_EQ(t.checks[1].name, "ck_kept");
    expect_round_trip(m);
}

TEST(ModelFileTest, EnumLongFormCarriesASchema) {
    const MetaData m =
        load_models_from_string("enums:\n  st: {schema: app, values: [a, 'yes', \"\"]}\n", "m");
    ASSERT_EQ(m.enums.size(), 1u);
    EXPECT_EQ(m.enums[0], (EnumType{"st", "app", {"a", "yes", ""}}));
    expect_round_trip(m);
}

TEST(ModelFileTest, EmptyDocumentIsAnEmptyModel) {
    EXPECT_TRUE(load("# nothing yet\n") == MetaData{});
    EXPECT_TRUE(load("tables:\n") == MetaData{});
    expect_round_trip(MetaData{});
}

TEST(ModelFileTest, EmptyColumnsIsATableWithoutColumns) {
    // PostgreSQL holds such tables (`CREATE TABLE t ()`), and reflect writes them so.
    MetaData m = load_models_from_string("tables:\n  t: {columns: {}}\n", "m.yaml");
    ASSERT_EQ(m.tables.size(), 1u);
    EXPECT_TRUE(m.tables[0].columns.empty());
    EXPECT_EQ(write_models(m), "tables:\n  t:\n    columns: {}\n");
    expect_round_trip(m);
}

TEST(ModelFileTest, LoadsAFolderMergedInNameOrder) {
    TempDir dir;
    dir.write("b_orders.yml",
              R"yaml(naming_convention: {fk: "fk_%(table_name)s_%(referred_table_name)s"}
tables:
  orders:
    columns:
      id: {type: Integer, primary_key: true}
      user_id: {type: Integer, foreign_key: users.id}
      mood: {type: Enum(mood)}
)yaml");
    dir.write("a_users.yaml",
              R"yaml(naming_convention: {fk: "fk_%(table_name)s_%(referred_table_name)s"}
enums: {mood: [sad, happy]}
tables:
  users:
    columns: {id: {type: Integer, primary_key: true}, boss_id: {type: Integer, foreign_key: orders.id}}
)yaml");
    dir.write("notes.txt", "not: [a model\n");
    dir.write(".#a_users.yaml", "not: [a model\n");
    const MetaData m = load_models(dir.path());
    ASSERT_EQ(m.tables.size(), 2u);
    EXPECT_EQ(m.tables[0].name, "users");
    EXPECT_EQ(m.tables[1].name, "orders");
    // The convention of either file applies to the tables of both.
    EXPECT_EQ(m.tables[0].foreign_keys[0].name, "fk_users_orders");
    EXPECT_EQ(m.tables[1].foreign_keys[0].name, "fk_orders_users");
    EXPECT_EQ(m.naming_convention.size(), 1u);
    expect_round_trip(m);
}

TEST(ModelFileTest, WritesTheCanonicalForm) {
    MetaData m;
    m.enums.push_back(EnumType{"mood", "", {"sad", "ok"}});
    Table users;
    users.name = "users";
    users.comment = "People";
    users.columns = {column("id", "Integer", false), column("email", "String(60)", false),
                     column("team_id", "Integer"), column("mood", "Enum(mood)"),
                     column("price", "Numeric(12, 2)")};
    users.columns[4].server_default = "0";
    users.primary_key = {"", {"id"}};
    users.unique_constraints = {{"", {"email"}}, {"uq_users_team_mood", {"team_id", "mood"}}};
    users.foreign_keys = {{"", {"team_id"}, "", "teams", {"id"}, "CASCADE", ""}};
    users.indexes = {{"ix_users_lower_email", {{"lower(email)", true}}, true, "email <> ''"}};
    users.checks = {{"", "price >= 0"}};
    Table teams;
    teams.name = "teams";
    teams.columns = {column("id", "Integer", false), column("n", "Integer", false)};
    teams.primary_key = {"teams_pk", {"id", "n"}};
    m.tables = {users, teams};
    EXPECT_EQ(write_models(m), R"yaml(enums:
  mood: [sad, ok]
tables:
  users:
    comment: People
    columns:
      id: {type: Integer, primary_key: true}
      email: {type: String(60), nullable: false, unique: true}
      team_id: {type: Integer, foreign_key: teams.id, ondelete: CASCADE}
      mood: {type: Enum(mood)}
      price: {type: "Numeric(12, 2)", server_default: "0"}
    indexes:
      ix_users_lower_email: {expressions: [lower(email)], unique: true, where: email <> ''}
    unique_constraints:
      - {name: uq_users_team_mood, columns: [team_id, mood]}
    checks:
      - {condition: price >= 0}

  teams:
    columns:
      id: {type: Integer}
      n: {type: Integer}
    primary_key: {name: teams_pk, columns: [id, n]}
)yaml");
    expect_round_trip(m);
}

TEST(ModelFileTest, WriterQuotesTextThatYamlWouldReadOtherwise) {
    MetaData m;
    Table t;
    t.name = "yes";
    const char* const defaults[] = {"NULL", "'draft'",      "0",   "true", "~",
                                    "",     " x",           "1e3", "-1",   ".5",
                                    "off",  "# no comment", "[a]", "{b}",  "a: b"};
    for (const char* d : defaults) {
        t.columns.push_back(column("c" + std::to_string(t.columns.size()), "Text"));
        t.columns.back().server_default = d;
        t.columns.back().comment = std::string("note: ") + d + "\nsecond line ✓ – ünïcode";
    }
    t.columns.push_back(column("null", "Text"));
    t.columns.back().comment = "";
    t.columns.push_back(column("on", "Text"));
    t.checks = {{"no", "\"on\" <> 'x'"}};
    t.indexes = {{"ix_partial", {{"null", false}}, false, "\"null\" IS NOT NULL"}};
    m.tables.push_back(t);
    const std::string text = write_models(m);
    for (const char* quoted : {"\"NULL\"", "\"'draft'\"", "\"0\"", "\"true\"", "line ✓ – ünïcode"})
        EXPECT_NE(text.find(quoted), std::string::npos) << quoted << " in\n" << text;
    expect_round_trip(m);
}

TEST(ModelFileTest, RoundTripsARichSchema) {
    MetaData m;
    m.enums = {{"mood", "", {"sad", "ok", "happy"}}, {"state", "app", {"draft", "null", "it's"}}};
    Table all;
    all.name = "all_types";
    all.schema = "app";
    all.comment = "";
    all.renamed_from = "old_types";
    // clang-format off
    const char* const types[] = {
        "Integer", "SmallInteger", "BigInteger", "Boolean", "String", "String(40)", "Text",
        "Float", "Numeric", "Numeric(10)", "Numeric(12, 2)", "Date", "DateTime",
        "DateTime(timezone)", "Time", "Interval", "LargeBinary", "JSON", "UUID", "Enum(mood)",
        "Enum(state)", "NVARCHAR(40)", "TEXT[]", "JSONB", "character varying(50)",
        "DOUBLE PRECISION", "inet"};
    // clang-format on
    for (const char* t : types)
        all.columns.push_back(column("c" + std::to_string(all.columns.size()), t));
    all.columns[0].nullable = false;
    all.columns[0].autoincrement = Autoincrement::kTrue;
    all.columns[1].autoincrement = Autoincrement::kFalse;
    all.columns[2].nullable = false;
    all.columns[3].server_default = "true";
    all.columns[6].server_default = "'it''s'";
    all.columns[6].comment = "with: colon\nand newline";
    all.columns[13].server_default = "CURRENT_TIMESTAMP";
    all.columns[20].server_default = "'draft'::app.state";
    all.columns[21].renamed_from = "nv";
    all.primary_key = {"", {"c0"}};
    Table parents;
    parents.name = "parents";
    parents.columns = {column("a", "Integer", false), column("b", "Text", false),
                       column("c", "Text")};
    parents.primary_key = {"pk_parents", {"b", "a"}};
    parents.unique_constraints = {{"", {"c", "a"}}};
    Table children;
    children.name = "children";
    children.comment = "Kids: all of them";
    children.columns = {column("id", "BigInteger", false),
                        column("pa", "Integer"),
                        column("pb", "Text"),
                        column("name", "Text"),
                        column("deleted_at", "DateTime(timezone)"),
                        column("ref", "Integer")};
    children.primary_key = {"children_pk", {"id"}};
    children.foreign_keys = {
        {"", {"ref"}, "app", "all_types", {"c0"}, "", "CASCADE"},  // shorthand
        {"", {"pa", "pb"}, "", "parents", {"a", "b"}, "CASCADE", "SET NULL"},
        {"fk_named", {"pa"}, "", "parents", {"a"}, "RESTRICT", ""},
        {"", {"pb"}, "", "children", {"name"}, "", ""}};   // after a list item: stays in list
    children.unique_constraints = {{"", {"pb"}},           // shorthand
                                   {"", {"pa"}},           // earlier column: list
                                   {"uq_name", {"name"}},  // named: list
                                   {"", {"pb"}}};          // second on pb: list
    children.indexes = {{"ix_live", {{"name", false}, {"pa", false}}, true, "deleted_at IS NULL"},
                        {"ix_expr", {{"lower(name)", true}, {"\"name\" DESC", true}}, false, ""},
                        {"ix_plain", {{"ref", false}}, false, ""}};
    children.checks = {{"ck_named", "length(name) > 0"}, {"", "pa <> 0 OR pb <> ''"}};
    m.tables = {all, parents, children};
    expect_round_trip(m);
}

TEST(ModelFileTest, RoundTripsTheDesignExample) {
    const MetaData m = load(kDesignExample);
    expect_round_trip(m);
    // Names the conventions give are left to them, so the shorthands survive.
    const std::string text = write_models(m);
    EXPECT_NE(text.find("id: {type: Integer, primary_key: true}"), std::string::npos) << text;
    EXPECT_NE(text.find("{type: String(60), nullable: false, unique: true}"), std::string::npos);
    EXPECT_NE(text.find("foreign_key: public.employees.id, ondelete: SET NULL}"),
              std::string::npos);
}

TEST(ModelFileTest, WritesAFileAndLoadsItBack) {
    TempDir dir;
    const MetaData m = load(kDesignExample);
    const std::string path = dir.path("models.yaml");
    write_models_file(m, path);
    EXPECT_TRUE(load_models(path) == m);
    EXPECT_FALSE(fs::exists(path + ".tmp"));
    EXPECT_THROW(write_models_file(m, dir.path("missing/models.yaml")), InputError);
}

TEST(ModelFileTest, SameTableNameInTwoSchemasRoundTrips) {
    const MetaData m = load(R"yaml(
tables:
  art_type:
    columns: {id: {type: Integer, primary_key: true}}
  cover_art.art_type:
    schema: cover_art
    columns: {id: {type: Integer, primary_key: true}}
)yaml");
    ASSERT_EQ(m.tables.size(), 2u);
    EXPECT_EQ(m.tables[1].name, "art_type");
    EXPECT_EQ(m.tables[1].schema, "cover_art");
    const std::string written = write_models(m);
    EXPECT_NE(written.find("cover_art.art_type:"), std::string::npos) << written;
    EXPECT_EQ(load(written), m);
}

}  // namespace
}  // namespace migrate::orm
