// SchemaBuilder: a model declared in C++ equals the same model loaded from YAML, and each model
// mistake the YAML loader reports is reported for a C++-built schema in the same words
// (without the file positions only a file has).

#include "orm/schema/builder.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "orm/model_file.h"
#include "orm/schema/keywords.h"
#include "orm/schema/validate.h"
#include "tests/support/design_example.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

using test::kDesignExample;

MetaData design_example_in_cpp() {
    SchemaBuilder b;
    b.naming_convention("ix", "ix_%(table_name)s_%(column_0_name)s")
        .naming_convention("uq", "uq_%(table_name)s_%(column_0_name)s")
        .naming_convention("fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s")
        .naming_convention("pk", "pk_%(table_name)s")
        .naming_convention("ck", "ck_%(table_name)s_%(constraint_name)s");
    b.enumeration("mood", {"sad", "ok", "happy"});

    auto& customers = b.table("customers").schema("public").renamed_from("clients");
    customers.comment("People who buy cookies");
    customers.column("id", "Integer").primary_key();
    customers.column("email", "String(60)").nullable(false).unique();
    customers.column("name", "String(40)").index();
    customers.column("balance", "Numeric(12, 2)").server_default("0");
    customers.column("mood", "Enum(mood)");
    customers.column("created_at", "DateTime").nullable(false).server_default("CURRENT_TIMESTAMP");
    customers.column("rep_id", "Integer").foreign_key("public.employees.id").on_delete("SET NULL");
    customers.column("full_name", "Text").renamed_from("fullname");
    customers.index("ix_customers_name_email", {"name", "email"});
    customers.index("ix_customers_lower_email", {})
        .expressions({"lower(email)"})
        .unique()
        .where("email IS NOT NULL");
    customers.unique({"name", "rep_id"}, "uq_customers_name_rep");
    customers.foreign_key({"rep_id"}, "public.employees(id)", "fk_customers_rep")
        .on_delete("CASCADE");
    customers.check("balance >= 0", "ck_customers_balance");
    customers.check("email <> ''");

    auto& employees = b.table("employees").schema("public");
    employees.column("id", "Integer").primary_key();

    auto& pairs = b.table("pairs");
    pairs.column("a", "Integer");
    pairs.column("b", "Integer");
    pairs.primary_key({"a", "b"});
    pairs.foreign_key({"a", "b"}, "other(x, y)");

    auto& other = b.table("other");
    other.column("x", "Integer");
    other.column("y", "Integer");
    other.unique({"x", "y"});
    return b.build();
}

TEST(BuilderTest, DesignExampleEqualsTheYamlModel) {
    const MetaData from_yaml = load_models_from_string(kDesignExample, "m.yaml");
    const MetaData from_cpp = design_example_in_cpp();
    EXPECT_EQ(write_models(from_cpp), write_models(from_yaml));
    EXPECT_TRUE(from_cpp == from_yaml);
}

TEST(BuilderTest, OptionsOutsideTheFluentCallsGoThroughGet) {
    SchemaBuilder b;
    auto& t = b.table("t");
    t.get().without_rowid = true;
    t.column("id", "Integer").primary_key().autoincrement(false).collation("BINARY");
    t.unique({"id"}).deferral = {true, true};
    const MetaData m = b.build();
    EXPECT_TRUE(m.tables.at(0).without_rowid);
    EXPECT_EQ(m.tables[0].columns.at(0).autoincrement, Autoincrement::kFalse);
    EXPECT_FALSE(m.tables[0].columns[0].nullable);
    EXPECT_TRUE(m.tables[0].unique_constraints.at(0).deferral.initially_deferred);
}

// ---- one test per model mistake: the C++ message, and the YAML loader's for the same model

/// The message the YAML loader gives for `text`, without " (first at FILE:LINE:COLUMN)".
std::string yaml_mistake(const std::string& text) {
    try {
        load_models_from_string(text, "m.yaml");
    } catch (const InputError& e) {
        std::string what = e.what_only();
        const size_t at = what.find(" (first at ");
        if (at != std::string::npos) what.erase(at, what.find(')', at) + 1 - at);
        return what;
    }
    return "no error";
}

/// The message building the schema `declare` declares gives.
std::string cpp_mistake(const std::function<void(SchemaBuilder&)>& declare) {
    try {
        SchemaBuilder b;
        declare(b);
        b.build();
    } catch (const ModelError& e) {
        return e.what_only();
    }
    return "no error";
}

const char* const kUsers = "tables:\n  users:\n    columns:\n";

TEST(BuilderMistakeTest, UnknownTypeName) {
    const std::string message =
        "unknown type 'Strng'; generic types are Integer, SmallInteger, BigInteger, Boolean, "
        "String, Text, Float, Numeric, Date, DateTime, Time, Interval, LargeBinary, JSON, UUID, "
        "Enum (write a database's own type in capitals, for example VARCHAR(40))";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) { b.table("users").column("name", "Strng(40)"); }),
              message);
    EXPECT_EQ(yaml_mistake(std::string(kUsers) + "      name: {type: Strng(40)}\n"), message);
}

TEST(BuilderMistakeTest, BadTypeArguments) {
    const std::string message = "type 'String(forty)' takes String or String(LENGTH)";
    EXPECT_EQ(
        cpp_mistake([](SchemaBuilder& b) { b.table("users").column("name", "String(forty)"); }),
        message);
    EXPECT_EQ(yaml_mistake(std::string(kUsers) + "      name: {type: String(forty)}\n"), message);
}

TEST(BuilderMistakeTest, EnumNotDeclared) {
    const std::string message =
        "type Enum(feeling) names an enum that is not declared under 'enums' (declared: mood)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.enumeration("mood", {"sad", "ok"});
                  b.table("users").column("m", "Enum(feeling)");
              }),
              message);
    EXPECT_EQ(yaml_mistake("enums:\n  mood: [sad, ok]\n" + std::string(kUsers) +
                           "      m: {type: Enum(feeling)}\n"),
              message);
}

TEST(BuilderMistakeTest, DuplicateEnumName) {
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.enumeration("mood", {"sad"}).enumeration("mood", {"happy"});
              }),
              "duplicate enum 'mood'");
    test::TempDir dir;
    test::write_file(dir.file("a.yaml"), "enums:\n  mood: [sad]\n");
    test::write_file(dir.file("b.yaml"), "enums:\n  mood: [happy]\n");
    try {
        load_models(dir.path().string());
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.what_only(), "duplicate enum 'mood' (first at " + dir.file("a.yaml") + ":2:3)");
    }
}

TEST(BuilderMistakeTest, DuplicateEnumValue) {
    const std::string message = "duplicate value 'sad' in enum 'mood'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.enumeration("mood", {"sad", "ok", "sad"});
              }),
              message);
    EXPECT_EQ(yaml_mistake("enums:\n  mood: [sad, ok, sad]\n"), message);
}

TEST(BuilderMistakeTest, DuplicateTable) {
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.table("users").column("id", "Integer");
                  b.table("users").column("id", "Text");
              }),
              "duplicate table 'users'");
    test::TempDir dir;
    test::write_file(dir.file("a.yaml"), "tables:\n  users:\n    columns: {id: {type: Integer}}\n");
    test::write_file(dir.file("b.yaml"), "tables:\n  users:\n    columns: {id: {type: Text}}\n");
    try {
        load_models(dir.path().string());
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.what_only(),
                  "duplicate table 'users' (first at " + dir.file("a.yaml") + ":2:3)");
    }
}

TEST(BuilderMistakeTest, DuplicateColumn) {
    const std::string message = "duplicate column 'id' in table 'users'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.column("name", "Text");
                  t.column("id", "Text");
              }),
              message);
    EXPECT_EQ(
        yaml_mistake(std::string(kUsers) + "      id: {type: Integer}\n      name: {type: Text}\n"
                                           "      id: {type: Text}\n"),
        message);
}

TEST(BuilderMistakeTest, DuplicateIndexNameAcrossTables) {
    const std::string message =
        "duplicate index name 'ix_x' in table 'b'; all tables of a schema share index names";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  for (const char* name : {"a", "b"}) {
                      auto& t = b.table(name);
                      t.column("x", "Integer");
                      t.index("ix_x", {"x"});
                  }
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  a:\n    columns: {x: {type: Integer}}\n"
                           "    indexes: {ix_x: {columns: [x]}}\n"
                           "  b:\n    columns: {x: {type: Integer}}\n"
                           "    indexes: {ix_x: {columns: [x]}}\n"),
              message);
}

TEST(BuilderMistakeTest, DuplicateIndexNameFromShorthand) {
    const std::string message =
        "duplicate index name 'ix_users_name' in table 'users'; all tables of a schema share "
        "index names";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("name", "Text").index();
                  t.index("ix_users_name", {"name"});
              }),
              message);
    EXPECT_EQ(yaml_mistake(std::string(kUsers) +
                           "      name: {type: Text, index: true}\n"
                           "    indexes:\n      ix_users_name: {columns: [name]}\n"),
              message);
}

TEST(BuilderMistakeTest, ForeignKeyToMissingTable) {
    const std::string message =
        "foreign key of table 'users' refers to table 'teams', which is not declared";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.table("users").column("team_id", "Integer").foreign_key("teams.id");
              }),
              message);
    EXPECT_EQ(yaml_mistake(std::string(kUsers) +
                           "      team_id: {type: Integer, foreign_key: teams.id}\n"),
              message);
}

TEST(BuilderMistakeTest, ForeignKeyToMissingTableSuggestsSchema) {
    const std::string message =
        "foreign key of table 'users' refers to table 'teams', which is not declared; did you "
        "mean 'hr.teams'?";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.table("teams").schema("hr").column("id", "Integer");
                  b.table("users").column("team_id", "Integer").foreign_key("teams.id");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  teams:\n    schema: hr\n    columns: {id: {type: Integer}}\n"
                           "  users:\n    columns:\n"
                           "      team_id: {type: Integer, foreign_key: teams.id}\n"),
              message);
}

TEST(BuilderMistakeTest, ForeignKeyToMissingColumn) {
    const std::string message =
        "foreign key of table 'users' refers to column 'teams.ident', which does not exist (its "
        "columns: id)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.table("teams").column("id", "Integer");
                  auto& users = b.table("users");
                  users.column("team_id", "Integer");
                  users.foreign_key({"team_id"}, "teams(ident)");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  teams:\n    columns: {id: {type: Integer}}\n"
                           "  users:\n    columns: {team_id: {type: Integer}}\n"
                           "    foreign_keys:\n      - {columns: [team_id], references: "
                           "teams(ident)}\n"),
              message);
}

TEST(BuilderMistakeTest, ForeignKeyColumnCountMismatch) {
    const std::string message =
        "foreign key in item 1 of 'foreign_keys' of table 't' has 2 column(s) (a, b) but refers "
        "to 1 (a)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("t");
                  t.column("a", "Integer");
                  t.column("b", "Integer");
                  t.foreign_key({"a", "b"}, "t(a)");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  t:\n    columns: {a: {type: Integer}, b: {type: Integer}}\n"
                           "    foreign_keys:\n      - {columns: [a, b], references: t(a)}\n"),
              message);
}

TEST(BuilderMistakeTest, ForeignKeyWithoutColumns) {
    const std::string message =
        "item 1 of 'foreign_keys' of table 't' needs 'columns' and 'references'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("t");
                  t.column("a", "Integer");
                  t.foreign_key({}, "t(a)");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  t:\n    columns: {a: {type: Integer}}\n"
                           "    foreign_keys:\n      - {references: t(a)}\n"),
              message);
}

TEST(BuilderMistakeTest, MalformedForeignKeyShorthand) {
    const std::string message =
        "'foreign_key' in column 'users.team_id' is 'teams'; expected table.column or "
        "schema.table.column";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.table("users").column("team_id", "Integer").foreign_key("teams");
              }),
              message);
    EXPECT_EQ(
        yaml_mistake(std::string(kUsers) + "      team_id: {type: Integer, foreign_key: teams}\n"),
        message);
}

TEST(BuilderMistakeTest, MalformedReferences) {
    const std::string message =
        "'references' in item 1 of 'foreign_keys' of table 't' is 't.a'; expected "
        "table(column, ...) or schema.table(column, ...)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("t");
                  t.column("a", "Integer");
                  t.foreign_key({"a"}, "t.a");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  t:\n    columns: {a: {type: Integer}}\n"
                           "    foreign_keys:\n      - {columns: [a], references: t.a}\n"),
              message);
}

TEST(BuilderMistakeTest, IndexOnMissingColumn) {
    const std::string message =
        "'columns' in index 'ix_users_name' of table 'users' names column 'name', which table "
        "'users' does not have (its columns: id)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.index("ix_users_name", {"id", "name"});
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {id: {type: Integer}}\n"
                           "    indexes:\n      ix_users_name: {columns: [id, name]}\n"),
              message);
}

TEST(BuilderMistakeTest, IndexIncludesMissingColumn) {
    const std::string message =
        "'include' in index 'ix_id' of table 'users' names column 'name', which table 'users' "
        "does not have (its columns: id)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.index("ix_id", {"id"}).include({"name"});
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {id: {type: Integer}}\n"
                           "    indexes:\n      ix_id: {columns: [id], include: [name]}\n"),
              message);
}

TEST(BuilderMistakeTest, IndexWithoutKeys) {
    const std::string message =
        "index 'ix_a' of table 'users' needs exactly one of 'columns' or 'expressions'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("a", "Text");
                  t.index("ix_a", {});
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {a: {type: Text}}\n"
                           "    indexes:\n      ix_a: {unique: true}\n"),
              message);
}

TEST(BuilderMistakeTest, BadIndexMethod) {
    const std::string message =
        "bad index method 'b tree' in index 'ix_a' of table 'users'; " + index_method_hint();
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("a", "Text");
                  t.index("ix_a", {"a"}).using_method("b tree");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {a: {type: Text}}\n"
                           "    indexes:\n      ix_a: {columns: [a], using: b tree}\n"),
              message);
}

TEST(BuilderMistakeTest, UniqueConstraintOnMissingColumn) {
    const std::string message =
        "'columns' in item 1 of 'unique_constraints' of table 'users' names column 'email', "
        "which table 'users' does not have (its columns: id)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.unique({"email"});
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {id: {type: Integer}}\n"
                           "    unique_constraints:\n      - {columns: [email]}\n"),
              message);
}

TEST(BuilderMistakeTest, UniqueConstraintWithoutColumns) {
    const std::string message = "item 1 of 'unique_constraints' of table 'users' has no 'columns'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.unique({}, "uq_nothing");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {id: {type: Integer}}\n"
                           "    unique_constraints:\n      - {name: uq_nothing}\n"),
              message);
}

TEST(BuilderMistakeTest, PrimaryKeyOnMissingColumn) {
    const std::string message =
        "'primary_key' in table 'users' names column 'ident', which table 'users' does not "
        "have (its columns: id)";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.primary_key({"ident"});
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {id: {type: Integer}}\n"
                           "    primary_key: [ident]\n"),
              message);
}

TEST(BuilderMistakeTest, ColumnListedTwice) {
    const std::string message = "column 'id' is listed twice in 'primary_key' in table 'users'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer");
                  t.primary_key({"id", "id"});
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {id: {type: Integer}}\n"
                           "    primary_key: [id, id]\n"),
              message);
}

TEST(BuilderMistakeTest, PrimaryKeyOnColumnAndTable) {
    // The YAML loader says "given both here and on column 'id' (FILE:LINE:COLUMN)"; a C++ model
    // has no "here", so the message names the call.
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("id", "Integer").primary_key();
                  t.column("b", "Integer");
                  t.primary_key({"id", "b"});
              }),
              "primary key of table 'users' is given both by primary_key() and on column 'id'; "
              "keep one");
}

TEST(BuilderMistakeTest, BadReferentialActionOnColumn) {
    const std::string message =
        "bad referential action 'DELETE' for 'ondelete' in column 'users.a'; expected CASCADE, "
        "SET NULL, SET DEFAULT, RESTRICT or NO ACTION";
    EXPECT_EQ(
        cpp_mistake([](SchemaBuilder& b) {
            b.table("users").column("a", "Integer").foreign_key("users.a").on_delete("DELETE");
        }),
        message);
    EXPECT_EQ(yaml_mistake(std::string(kUsers) +
                           "      a: {type: Integer, foreign_key: users.a, ondelete: DELETE}\n"),
              message);
}

TEST(BuilderMistakeTest, BadReferentialActionOnTableForeignKey) {
    const std::string message =
        "bad referential action 'NOTHING' for 'onupdate' in item 1 of 'foreign_keys' of table "
        "'t'; expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("t");
                  t.column("a", "Integer");
                  t.foreign_key({"a"}, "t(a)").on_update("NOTHING");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  t:\n    columns: {a: {type: Integer}}\n"
                           "    foreign_keys:\n      - {columns: [a], references: t(a), "
                           "onupdate: NOTHING}\n"),
              message);
}

TEST(BuilderMistakeTest, OndeleteWithoutForeignKey) {
    const std::string message =
        "'ondelete' in column 'users.a' applies to the column's 'foreign_key', which is not "
        "given; for a table-level foreign key put it under 'foreign_keys'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  b.table("users").column("a", "Integer").on_delete("CASCADE");
              }),
              message);
    EXPECT_EQ(yaml_mistake(std::string(kUsers) + "      a: {type: Integer, ondelete: CASCADE}\n"),
              message);
}

TEST(BuilderMistakeTest, CheckWithoutCondition) {
    const std::string message = "item 1 of 'checks' of table 'users' has no 'condition'";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) {
                  auto& t = b.table("users");
                  t.column("a", "Integer");
                  t.check("", "ck_a");
              }),
              message);
    EXPECT_EQ(yaml_mistake("tables:\n  users:\n    columns: {a: {type: Integer}}\n"
                           "    checks:\n      - {name: ck_a}\n"),
              message);
}

TEST(BuilderMistakeTest, UnknownNamingToken) {
    const std::string message =
        "unknown token '%(tabel_name)s' in naming convention 'uq_%(tabel_name)s'; known: "
        "table_name, column_0_name, column_0_N_name, referred_table_name, constraint_name";
    EXPECT_EQ(cpp_mistake([](SchemaBuilder& b) { b.naming_convention("uq", "uq_%(tabel_name)s"); }),
              message);
    EXPECT_EQ(yaml_mistake("naming_convention:\n  uq: \"uq_%(tabel_name)s\"\n"), message);
}

TEST(BuilderMistakeTest, UnknownNamingConventionKey) {
    // The YAML loader adds a spelling suggestion from its key reader.
    EXPECT_EQ(
        cpp_mistake([](SchemaBuilder& b) { b.naming_convention("idx", "ix_%(table_name)s"); }),
        "unknown key 'idx' in 'naming_convention'; expected one of ix, uq, fk, pk, ck");
}

TEST(BuilderMistakeTest, ErrorsNameTheModelNotAFile) {
    try {
        SchemaBuilder b;
        b.table("users").column("id", "Integer").foreign_key("teams.id");
        b.build();
        ADD_FAILURE() << "no error";
    } catch (const ModelError& e) {
        EXPECT_EQ(e.exit_code(), exit_code::kUsage);
        EXPECT_EQ(e.at().part, ModelPath::Part::kForeignKey);
        EXPECT_EQ(std::string(e.what()),
                  "models: foreign key of table 'users' refers to table 'teams', which is not "
                  "declared");
    }
}

}  // namespace
}  // namespace migrate::orm
