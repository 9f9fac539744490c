// One test per mistake in a model file: each must name the exact file:line:column and say
// what is wrong.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <string>

#include "orm/error.h"
#include "orm/model_file.h"

namespace migrate::orm {
namespace {

namespace fs = std::filesystem;

/// The lines joined with newlines, so that a test reads its own line numbers.
std::string yaml(std::initializer_list<const char*> lines) {
    std::string out;
    for (const char* line : lines) out += std::string(line) + "\n";
    return out;
}

/// A users table whose column map is `columns` (each a line indented by 6).
std::string users(std::initializer_list<const char*> columns) {
    std::string out = "tables:\n  users:\n    columns:\n";
    for (const char* line : columns) out += std::string("      ") + line + "\n";
    return out;
}

void expect_error(const std::string& text, const std::string& where, const std::string& what) {
    try {
        load_models_from_string(text, "m.yaml");
        ADD_FAILURE() << "no error for:\n" << text;
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), where) << e.what();
        EXPECT_EQ(e.what_only(), what);
    }
}

class TempDir {
  public:
    TempDir() {
        path_ = fs::temp_directory_path() /
                ("model_errors_test_" + std::to_string(std::random_device{}()));
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream((path_ / name).string()) << text;
        return (path_ / name).string();
    }
    std::string str() const { return path_.string(); }

  private:
    fs::path path_;
};

TEST(ModelErrorsTest, UnknownTopLevelKey) {
    expect_error(yaml({"enums: {}", "table:", "  users: {}"}), "m.yaml:2:1",
                 "unknown key 'table' at top level (did you mean 'tables'?); expected one of "
                 "naming_convention, enums, tables");
}

TEST(ModelErrorsTest, UnknownTableKey) {
    expect_error(yaml({"tables:", "  users:", "    colour: red",
                       "    columns:", "      id: {type: Integer}"}),
                 "m.yaml:3:5",
                 "unknown key 'colour' in table 'users'; expected one of schema, renamed_from, "
                 "comment, columns, primary_key, indexes, unique_constraints, foreign_keys, "
                 "checks, without_rowid, strict, unlogged, with");
}

TEST(ModelErrorsTest, UnknownColumnKeyWithSuggestion) {
    expect_error(users({"id: {type: Integer, nulable: false}"}), "m.yaml:4:27",
                 "unknown key 'nulable' in column 'users.id' (did you mean 'nullable'?); expected "
                 "one of type, primary_key, nullable, autoincrement, unique, index, "
                 "server_default, comment, foreign_key, ondelete, onupdate, renamed_from, "
                 "collation, generated, identity");
}

TEST(ModelErrorsTest, UnknownIndexKey) {
    expect_error(yaml({"tables:", "  users:", "    columns:", "      id: {type: Integer}",
                       "    indexes:", "      ix_id: {columns: [id], partial: true}"}),
                 "m.yaml:6:30",
                 "unknown key 'partial' in index 'ix_id' of table 'users'; expected one of "
                 "columns, expressions, unique, where, using, include, nulls_not_distinct, with");
}

TEST(ModelErrorsTest, UnknownNamingConventionKey) {
    expect_error(yaml({"naming_convention:", "  idx: \"ix_%(column_0_name)s\""}), "m.yaml:2:3",
                 "unknown key 'idx' in 'naming_convention' (did you mean 'ix'?); expected one "
                 "of ix, uq, fk, pk, ck");
}

TEST(ModelErrorsTest, UnknownNamingToken) {
    expect_error(yaml({"naming_convention:", "  uq: \"uq_%(tabel_name)s\""}), "m.yaml:2:7",
                 "unknown token '%(tabel_name)s' in naming convention 'uq_%(tabel_name)s'; "
                 "known: table_name, column_0_name, column_0_N_name, referred_table_name, "
                 "constraint_name");
}

TEST(ModelErrorsTest, StrayKeyWithParenthesisGetsTheCommaHint) {
    expect_error(users({"price: {type: Integer, 2)}"}), "m.yaml:4:30",
                 "unknown key '2)' in column 'users.price'; expected one of type, primary_key, "
                 "nullable, autoincrement, unique, index, server_default, comment, foreign_key, "
                 "ondelete, onupdate, renamed_from, collation, generated, identity; a comma inside "
                 "{...} ends a value, so quote "
                 "values that hold one, for example \"Numeric(12, 2)\"");
}

TEST(ModelErrorsTest, TopLevelIsNotAMap) {
    expect_error(yaml({"- users"}), "m.yaml:1:1",
                 "wrong value type for the model file: expected a map with keys "
                 "naming_convention, enums, tables, got a list");
}

TEST(ModelErrorsTest, ListWhereMapExpected) {
    expect_error(yaml({"tables:", "  users:", "    columns: [id, name]"}), "m.yaml:3:14",
                 "wrong value type for 'columns' in table 'users': expected a map of column "
                 "names such as {id: {type: Integer}}, got a list");
}

TEST(ModelErrorsTest, ScalarColumn) {
    expect_error(users({"id: Integer"}), "m.yaml:4:11",
                 "wrong value type for 'id' in table 'users': expected a map such as {type: "
                 "Integer}, got 'Integer'");
}

TEST(ModelErrorsTest, NonBooleanNullable) {
    expect_error(users({"id: {type: Integer, nullable: maybe}"}), "m.yaml:4:37",
                 "wrong value type for 'nullable' in column 'users.id': expected true or false, "
                 "got 'maybe'");
}

TEST(ModelErrorsTest, QuotedTrueIsNotABoolean) {
    expect_error(users({"id: {type: Integer, unique: \"true\"}"}), "m.yaml:4:35",
                 "wrong value type for 'unique' in column 'users.id': expected true or false, "
                 "got 'true'");
}

TEST(ModelErrorsTest, MapForServerDefault) {
    expect_error(users({"id: {type: Integer, server_default: {x: 1}}"}), "m.yaml:4:43",
                 "wrong value type for 'server_default' in column 'users.id': expected a scalar "
                 "(text), got a map");
}

TEST(ModelErrorsTest, MissingType) {
    expect_error(users({"id: {nullable: false}"}), "m.yaml:4:7",
                 "column 'users.id' has no 'type'; for example {type: Integer}");
}

TEST(ModelErrorsTest, UnknownTypeName) {
    expect_error(users({"name: {type: Strng(40)}"}), "m.yaml:4:20",
                 "unknown type 'Strng'; generic types are Integer, SmallInteger, BigInteger, "
                 "Boolean, String, Text, Float, Numeric, Date, DateTime, Time, Interval, "
                 "LargeBinary, JSON, UUID, Enum (write a database's own type in capitals, for "
                 "example VARCHAR(40))");
}

TEST(ModelErrorsTest, BadTypeArguments) {
    expect_error(users({"name:", "  type: String(forty)"}), "m.yaml:5:15",
                 "type 'String(forty)' takes String or String(LENGTH)");
}

TEST(ModelErrorsTest, EnumNotDeclared) {
    expect_error(yaml({"enums:", "  mood: [sad, ok]",
                       "tables:", "  users:", "    columns:", "      m: {type: Enum(feeling)}"}),
                 "m.yaml:6:17",
                 "type Enum(feeling) names an enum that is not declared under 'enums' "
                 "(declared: mood)");
}

TEST(ModelErrorsTest, DuplicateEnumName) {
    expect_error(yaml({"enums:", "  mood: [sad, ok]", "  mood: [happy]"}), "m.yaml:3:3",
                 "duplicate enum 'mood' in 'enums' (first at m.yaml:2:3)");
}

TEST(ModelErrorsTest, DuplicateEnumValue) {
    expect_error(yaml({"enums:", "  mood: [sad, ok, sad]"}), "m.yaml:2:19",
                 "duplicate value 'sad' in enum 'mood' (first at m.yaml:2:10)");
}

TEST(ModelErrorsTest, DuplicateTableInOneFile) {
    expect_error(yaml({"tables:", "  users:", "    columns: {id: {type: Integer}}",
                       "  users:", "    columns: {id: {type: Integer}}"}),
                 "m.yaml:4:3", "duplicate table 'users' in 'tables' (first at m.yaml:2:3)");
}

TEST(ModelErrorsTest, DuplicateTableAcrossFilesNamesTheFirstFile) {
    TempDir dir;
    const std::string a =
        dir.write("a.yaml", "tables:\n  users:\n    columns: {id: {type: Integer}}\n");
    const std::string b =
        dir.write("b.yaml", "tables:\n  users:\n    columns: {id: {type: Text}}\n");
    try {
        load_models(dir.str());
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), b + ":2:3");
        EXPECT_EQ(e.what_only(), "duplicate table 'users' (first at " + a + ":2:3)");
    }
}

TEST(ModelErrorsTest, DuplicateColumn) {
    expect_error(users({"id: {type: Integer}", "name: {type: Text}", "id: {type: Text}"}),
                 "m.yaml:6:7", "duplicate column 'id' in table 'users' (first at m.yaml:4:7)");
}

TEST(ModelErrorsTest, DuplicateKeyInColumn) {
    expect_error(users({"id: {type: Integer, type: Text}"}), "m.yaml:4:27",
                 "duplicate key 'type' in column 'users.id' (first at m.yaml:4:12)");
}

TEST(ModelErrorsTest, DuplicateIndexNameAcrossTables) {
    expect_error(
        yaml({"tables:", "  a:", "    columns: {x: {type: Integer}}",
              "    indexes: {ix_x: {columns: [x]}}", "  b:", "    columns: {x: {type: Integer}}",
              "    indexes:", "      ix_x: {columns: [x]}"}),
        "m.yaml:8:7",
        "duplicate index name 'ix_x' in table 'b' (first at m.yaml:4:15); all tables "
        "of a schema share index names");
}

TEST(ModelErrorsTest, DuplicateIndexNameFromShorthand) {
    expect_error(
        yaml({"tables:", "  users:", "    columns:", "      name: {type: Text, index: true}",
              "    indexes:", "      ix_users_name: {columns: [name]}"}),
        "m.yaml:6:7",
        "duplicate index name 'ix_users_name' in table 'users' (first at m.yaml:4:26); "
        "all tables of a schema share index names");
}

TEST(ModelErrorsTest, ForeignKeyToMissingTable) {
    expect_error(users({"id: {type: Integer, primary_key: true}",
                        "team_id: {type: Integer, foreign_key: teams.id}"}),
                 "m.yaml:5:45",
                 "foreign key of table 'users' refers to table 'teams', which is not declared");
}

TEST(ModelErrorsTest, ForeignKeyToMissingTableSuggestsSchema) {
    expect_error(
        yaml({"tables:", "  teams:", "    schema: hr", "    columns:", "      id: {type: Integer}",
              "  users:", "    columns:", "      team_id: {type: Integer, foreign_key: teams.id}"}),
        "m.yaml:8:45",
        "foreign key of table 'users' refers to table 'teams', which is not declared; "
        "did you mean 'hr.teams'?");
}

TEST(ModelErrorsTest, ForeignKeyToMissingColumn) {
    expect_error(yaml({"tables:", "  teams:", "    columns: {id: {type: Integer}}",
                       "  users:", "    columns: {team_id: {type: Integer}}", "    foreign_keys:",
                       "      - {columns: [team_id], references: teams(ident)}"}),
                 "m.yaml:7:42",
                 "foreign key of table 'users' refers to column 'teams.ident', which does not "
                 "exist (its columns: id)");
}

TEST(ModelErrorsTest, ForeignKeyColumnCountMismatch) {
    expect_error(yaml({"tables:", "  t:", "    columns: {a: {type: Integer}, b: {type: Integer}}",
                       "    foreign_keys:", "      - {columns: [a, b], references: t(a)}"}),
                 "m.yaml:5:39",
                 "foreign key in item 1 of 'foreign_keys' of table 't' has 2 column(s) (a, b) "
                 "but refers to 1 (a)");
}

TEST(ModelErrorsTest, MalformedForeignKeyShorthand) {
    expect_error(users({"team_id: {type: Integer, foreign_key: teams}"}), "m.yaml:4:45",
                 "'foreign_key' in column 'users.team_id' is 'teams'; expected table.column or "
                 "schema.table.column");
}

TEST(ModelErrorsTest, MalformedReferences) {
    expect_error(yaml({"tables:", "  t:", "    columns: {a: {type: Integer}}",
                       "    foreign_keys:", "      - {columns: [a], references: t.a}"}),
                 "m.yaml:5:36",
                 "'references' in item 1 of 'foreign_keys' of table 't' is 't.a'; expected "
                 "table(column, ...) or schema.table(column, ...)");
}

TEST(ModelErrorsTest, IndexOnMissingColumn) {
    expect_error(yaml({"tables:", "  users:", "    columns: {id: {type: Integer}}",
                       "    indexes:", "      ix_users_name: {columns: [id, name]}"}),
                 "m.yaml:5:37",
                 "'columns' in index 'ix_users_name' of table 'users' names column 'name', "
                 "which table 'users' does not have (its columns: id)");
}

TEST(ModelErrorsTest, UniqueConstraintOnMissingColumn) {
    expect_error(yaml({"tables:", "  users:", "    columns: {id: {type: Integer}}",
                       "    unique_constraints:", "      - {columns: [email]}"}),
                 "m.yaml:5:20",
                 "'columns' in item 1 of 'unique_constraints' of table 'users' names column "
                 "'email', which table 'users' does not have (its columns: id)");
}

TEST(ModelErrorsTest, PrimaryKeyListOnMissingColumn) {
    expect_error(yaml({"tables:", "  users:", "    columns: {id: {type: Integer}}",
                       "    primary_key: [ident]"}),
                 "m.yaml:4:19",
                 "'primary_key' in table 'users' names column 'ident', which table 'users' does "
                 "not have (its columns: id)");
}

TEST(ModelErrorsTest, ColumnListedTwice) {
    expect_error(yaml({"tables:", "  users:", "    columns: {id: {type: Integer}}",
                       "    primary_key: [id, id]"}),
                 "m.yaml:4:23", "column 'id' is listed twice in 'primary_key' in table 'users'");
}

TEST(ModelErrorsTest, PrimaryKeyOnColumnAndTable) {
    expect_error(
        yaml({"tables:", "  users:", "    columns:", "      id: {type: Integer, primary_key: true}",
              "      b: {type: Integer}", "    primary_key: [id, b]"}),
        "m.yaml:6:5",
        "primary key of table 'users' is given both here and on column 'id' "
        "(m.yaml:4:27); keep one");
}

TEST(ModelErrorsTest, BadReferentialAction) {
    expect_error(users({"a: {type: Integer, foreign_key: users.a, ondelete: DELETE}"}),
                 "m.yaml:4:58",
                 "bad referential action 'DELETE' for 'ondelete' in column 'users.a'; expected "
                 "CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");
}

TEST(ModelErrorsTest, OndeleteWithoutForeignKey) {
    expect_error(users({"a: {type: Integer, ondelete: CASCADE}"}), "m.yaml:4:26",
                 "'ondelete' in column 'users.a' applies to the column's 'foreign_key', which is "
                 "not given; for a table-level foreign key put it under 'foreign_keys'");
}

TEST(ModelErrorsTest, IndexWithColumnsAndExpressions) {
    expect_error(yaml({"tables:", "  users:", "    columns: {a: {type: Text}}",
                       "    indexes:", "      ix_a: {columns: [a], expressions: [\"lower(a)\"]}"}),
                 "m.yaml:5:7",
                 "index 'ix_a' of table 'users' needs exactly one of 'columns' or 'expressions'");
}

TEST(ModelErrorsTest, CheckWithoutCondition) {
    expect_error(yaml({"tables:", "  users:", "    columns: {a: {type: Integer}}",
                       "    checks:", "      - {name: ck_a}"}),
                 "m.yaml:5:9", "item 1 of 'checks' of table 'users' has no 'condition'");
}

TEST(ModelErrorsTest, MissingColumns) {
    expect_error(yaml({"tables:", "  users:", "    comment: no columns"}), "m.yaml:2:3",
                 "table 'users' has no 'columns'");
}

TEST(ModelErrorsTest, YamlSyntaxError) {
    expect_error(yaml({"tables:", "  users:", "    columns: {id: {type: Integer}", "  x: 1"}),
                 "m.yaml:4:3", "invalid YAML: end of map flow not found");
}

TEST(ModelErrorsTest, SecondYamlDocument) {
    expect_error(yaml({"tables: {}", "---", "enums: {}"}), "m.yaml:3:1",
                 "a model file holds one YAML document; found a second one");
}

TEST(ModelErrorsTest, FileNotFound) {
    try {
        load_models("/nonexistent/models.yaml");
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), "/nonexistent/models.yaml");
        EXPECT_EQ(e.where().line, 0u);
        EXPECT_EQ(e.what_only(), "model file or folder not found");
    }
}

TEST(ModelErrorsTest, FolderWithoutModelFiles) {
    TempDir dir;
    dir.write("notes.txt", "tables: {}\n");
    try {
        load_models(dir.str());
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), dir.str());
        EXPECT_EQ(e.what_only(), "model folder has no *.yaml or *.yml files");
    }
}

TEST(ModelErrorsTest, ConflictingNamingConventionsAcrossFiles) {
    TempDir dir;
    const std::string a = dir.write("a.yaml", "naming_convention:\n  pk: \"pk_%(table_name)s\"\n");
    const std::string b = dir.write("b.yml", "naming_convention:\n  pk: \"%(table_name)s_pkey\"\n");
    try {
        load_models(dir.str());
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), b + ":2:7");
        EXPECT_EQ(e.what_only(), "naming convention 'pk' differs from the one at " + a +
                                     ":2:7; give each template once");
    }
}

}  // namespace
}  // namespace migrate::orm
