// One case per mistake in an operation list: each must name the exact file:line:column and
// say what is wrong.

#include <gtest/gtest.h>

#include <string>

#include "migrations_engine/ops/op_yaml.h"

namespace migrate::engine {
namespace {

struct ErrorCase {
    const char* name;
    const char* yaml;
    const char* where;
    const char* what;
};

const char* const kOpList =
    "create_table, drop_table, rename_table, add_column, drop_column, alter_column, "
    "create_index, drop_index, create_unique_constraint, create_foreign_key, "
    "create_check_constraint, create_primary_key, drop_constraint, create_enum, drop_enum, "
    "add_enum_value, alter_enum, create_schema, drop_schema, set_table_comment, sql, bulk_insert";

const std::string kItemShape =
    "; each item is a map with one key, the operation's name, such as "
    "{drop_table: {name: users}}";

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class OpsYamlErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(OpsYamlErrorTest, NamesFileLineColumnAndTheMistake) {
    const ErrorCase& c = GetParam();
    try {
        operations_from_yaml(c.yaml, "ops.yaml");
        ADD_FAILURE() << "no error for:\n" << c.yaml;
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), c.where) << e.what();
        EXPECT_EQ(e.what_only(), c.what);
        EXPECT_EQ(e.exit_code(), exit_code::kUsage);
    }
}

const std::string kUnknownOp =
    "unknown operation 'bad' in item 3 of 'operations'; expected "
    "one of " +
    std::string(kOpList);
const std::string kMisspeltOp =
    "unknown operation 'create_tabel' in item 1 of 'operations' "
    "(did you mean 'create_table'?); expected one of " +
    std::string(kOpList);
const std::string kItemIsName = "item 1 of 'operations' is 'drop_table'" + kItemShape;
const std::string kItemIsList = "item 1 of 'operations' is a list" + kItemShape;

const ErrorCase kCases[] = {
    {"InvalidYaml", "- {a: b\n", "ops.yaml:2:1", "invalid YAML: end of map flow not found"},
    {"NotAList", "drop_table: {name: t}\n", "ops.yaml:1:1",
     "wrong value type for the operation list: expected a list of operations such as "
     "[{drop_table: {name: users}}], got a map"},
    {"ItemIsAName", "- drop_table\n", "ops.yaml:1:3", kItemIsName.c_str()},
    {"ItemIsAList", "- [drop_table]\n", "ops.yaml:1:3", kItemIsList.c_str()},
    {"UnknownOperation",
     "- add_column: {table: t, column: {name: c, type: Numeric(12, 2)}}\n"
     "- drop_table: {name: t}\n"
     "- bad: 1\n",
     "ops.yaml:3:3", kUnknownOp.c_str()},
    {"MisspeltOperation", "- create_tabel: {name: t}\n", "ops.yaml:1:3", kMisspeltOp.c_str()},
    {"BodyNotIndented", "- add_column:\n  table: users\n", "ops.yaml:2:3",
     "item 1 of 'operations' has a second key 'table' after 'add_column'; an item is one "
     "operation: indent the operation's body under its name, and start each operation with "
     "its own '-'"},
    {"UnknownKey", "- rename_table: {table: a, new_nam: b}\n", "ops.yaml:1:28",
     "unknown key 'new_nam' in rename_table (item 1 of 'operations') (did you mean "
     "'new_name'?); expected one of table, schema, new_name"},
    {"MissingKey", "- rename_table: {table: a}\n", "ops.yaml:1:3",
     "rename_table (item 1 of 'operations') needs 'new_name'"},
    {"DuplicateKey", "- rename_table: {table: a, table: b, new_name: c}\n", "ops.yaml:1:28",
     "duplicate key 'table' in rename_table (item 1 of 'operations') (first at ops.yaml:1:18)"},
    {"BodyNotAMap", "- drop_index: ix_users\n", "ops.yaml:1:15",
     "wrong value type for 'drop_index' in item 1 of 'operations': expected a map such as "
     "{table: t, name: ix}, got 'ix_users'"},
    {"NotABoolean",
     "- add_column:\n    table: t\n    column: {name: c, type: Text, nullable: maybe}\n",
     "ops.yaml:3:45",
     "wrong value type for 'nullable' in 'column' of add_column (item 1 of 'operations'): "
     "expected true or false, got 'maybe'"},
    {"ColumnWithoutType", "- add_column: {table: t, column: {name: c}}\n", "ops.yaml:1:26",
     "'column' of add_column (item 1 of 'operations') needs 'type'"},
    {"AddColumnWithName", "- add_column: {table: t, column: c}\n", "ops.yaml:1:34",
     "wrong value type for 'column' in add_column (item 1 of 'operations'): expected a map "
     "such as {name: email, type: String(120)}, got 'c'"},
    {"DropColumnWithList", "- drop_column: {table: t, column: [a]}\n", "ops.yaml:1:35",
     "wrong value type for 'column' in drop_column (item 1 of 'operations'): expected a column "
     "name or a map {name: c, type: ...}, got a list"},
    {"BadTypeName", "- alter_column: {table: t, column: c, type: Strng(40)}\n", "ops.yaml:1:45",
     "unknown type 'Strng'; generic types are Integer, SmallInteger, BigInteger, Boolean, "
     "String, Text, Float, Numeric, Date, DateTime, Time, Interval, LargeBinary, JSON, UUID, "
     "Enum (write a database's own type in capitals, for example VARCHAR(40))"},
    {"AlterNothing", "- alter_column: {table: t, column: c, existing_nullable: true}\n",
     "ops.yaml:1:3",
     "alter_column (item 1 of 'operations') changes nothing; give at least one of type, "
     "nullable, server_default, comment, new_name, collation, autoincrement, identity"},
    {"AlterAutoincrementWord", "- alter_column: {table: t, column: c, autoincrement: yes please}\n",
     "ops.yaml:1:54",
     "wrong value type for 'autoincrement' in alter_column (item 1 of 'operations'): expected "
     "true, false or auto, got 'yes please'"},
    {"TableColumnKey",
     "- create_table:\n    name: t\n    columns:\n      id: {type: Integer, primry_key: true}\n",
     "ops.yaml:4:27",
     "unknown key 'primry_key' in column 't.id' (did you mean 'primary_key'?); expected one of "
     "type, primary_key, nullable, autoincrement, unique, index, server_default, comment, "
     "foreign_key, ondelete, onupdate, renamed_from, collation, generated, identity"},
    {"TableWithoutName", "- create_table:\n    columns:\n      id: {type: Integer}\n",
     "ops.yaml:1:3", "create_table (item 1 of 'operations') needs 'name'"},
    {"TableWithoutColumns", "- create_table: {name: t}\n", "ops.yaml:1:24",
     "table 't' has no 'columns'"},
    {"TableKey", "- create_table:\n    nme: t\n", "ops.yaml:2:5",
     "unknown key 'nme' in create_table (item 1 of 'operations') (did you mean 'name'?); "
     "expected one of name, schema, renamed_from, comment, columns, primary_key, indexes, "
     "unique_constraints, foreign_keys, checks, without_rowid, strict, unlogged, with"},
    {"TableIndexNameClash",
     "- create_table:\n    name: t\n    columns:\n      a: {type: Integer, index: true}\n"
     "    indexes:\n      ix_t_a: {columns: [a]}\n",
     "ops.yaml:6:7", "duplicate index name 'ix_t_a' in table 't' (first at ops.yaml:4:26)"},
    {"PartialDropTable", "- drop_table: {name: t, comment: x}\n", "ops.yaml:1:22",
     "table 't' has no 'columns'"},
    {"ConstraintType", "- drop_constraint: {table: t, name: x, type: uniq}\n", "ops.yaml:1:46",
     "bad constraint type 'uniq' in drop_constraint (item 1 of 'operations'); expected "
     "unique, foreignkey, check or primary"},
    {"ConstraintWithoutName", "- drop_constraint: {table: t, type: unique}\n", "ops.yaml:1:3",
     "drop_constraint (item 1 of 'operations') needs 'name', or a 'definition' naming the "
     "unnamed constraint to drop"},
    {"DefinitionOfOtherType",
     "- drop_constraint: {table: t, name: x, type: check, definition: {columns: [a]}}\n",
     "ops.yaml:1:66",
     "unknown key 'columns' in 'definition' of drop_constraint (item 1 of 'operations'); "
     "expected one of name, condition, no_inherit, not_valid"},
    {"BadReferences", "- create_foreign_key: {table: t, columns: [a], references: users.id}\n",
     "ops.yaml:1:60",
     "'references' in create_foreign_key (item 1 of 'operations') is 'users.id'; expected "
     "table(column, ...) or schema.table(column, ...)"},
    {"ReferenceCount", "- create_foreign_key: {table: t, columns: [a, b], references: users(id)}\n",
     "ops.yaml:1:63",
     "foreign key in create_foreign_key (item 1 of 'operations') has 2 column(s) (a, b) but "
     "refers to 1 (id)"},
    {"BadAction",
     "- create_foreign_key: {table: t, columns: [a], references: u(id), ondelete: DELETE}\n",
     "ops.yaml:1:77",
     "bad referential action 'DELETE' for 'ondelete' in create_foreign_key (item 1 of "
     "'operations'); expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION"},
    {"IndexBothForms", "- create_index: {table: t, name: ix, columns: [a], expressions: [b]}\n",
     "ops.yaml:1:3",
     "create_index (item 1 of 'operations') needs exactly one of 'columns' or 'expressions'"},
    {"ColumnTwice", "- create_unique_constraint: {table: t, columns: [a, a]}\n", "ops.yaml:1:53",
     "'a' is listed twice in 'columns' in create_unique_constraint (item 1 of 'operations')"},
    {"EmptyColumns", "- create_unique_constraint: {table: t, columns: []}\n", "ops.yaml:1:49",
     "wrong value type for 'columns' in create_unique_constraint (item 1 of 'operations'): "
     "expected a non-empty list such as [a, b], got an empty list"},
    {"BeforeAndAfter", "- add_enum_value: {enum: e, value: v, before: a, after: b}\n",
     "ops.yaml:1:50",
     "add_enum_value (item 1 of 'operations') gives both 'before' and 'after'; give at most one"},
    {"EnumWithoutValues", "- create_enum: {name: e, values: []}\n", "ops.yaml:1:34",
     "'values' of create_enum (item 1 of 'operations') is empty; an enum needs at least one "
     "value"},
    {"EnumValueTwice", "- create_enum: {name: e, values: [a, b, a]}\n", "ops.yaml:1:41",
     "duplicate value 'a' in 'values' in create_enum (item 1 of 'operations')"},
    {"UnknownDialect", "- sql: {postgres: SELECT 1}\n", "ops.yaml:1:9",
     "unknown key 'postgres' in sql (item 1 of 'operations') (did you mean 'postgresql'?); "
     "expected one of sqlite, postgresql"},
    {"SqlWithoutText", "- sql: {}\n", "ops.yaml:1:3",
     "sql (item 1 of 'operations') needs SQL text for 'sqlite' or 'postgresql'"},
    {"SqlList", "- sql: [SELECT 1]\n", "ops.yaml:1:8",
     "wrong value type for 'sql' in item 1 of 'operations': expected SQL text, or a map "
     "{sqlite: ..., postgresql: ...}, got a list"},
    {"RowNotAMap", "- bulk_insert: {table: t, rows: [1]}\n", "ops.yaml:1:34",
     "wrong value type for item 1 of 'rows' in bulk_insert (item 1 of 'operations'): expected "
     "a map of column names to values, got '1'"},
    {"ValueIsAList", "- bulk_insert: {table: t, rows: [{a: 1}, {a: [1]}]}\n", "ops.yaml:1:46",
     "wrong value type for 'a' in item 2 of 'rows' of bulk_insert (item 1 of 'operations'): "
     "expected a value (null, a number, true, false or text), got a list"},
    {"IntegerOutOfRange", "- bulk_insert: {table: t, rows: [{a: 99999999999999999999}]}\n",
     "ops.yaml:1:38",
     "integer 99999999999999999999 for 'a' in item 1 of 'rows' of bulk_insert (item 1 of "
     "'operations') is out of range; quote it to insert it as text"},
    {"Infinity", "- bulk_insert: {table: t, rows: [{a: 1.5}, {a: -.inf}]}\n", "ops.yaml:1:48",
     "'-.inf' for 'a' in item 2 of 'rows' of bulk_insert (item 1 of 'operations') is not a "
     "finite number, which bulk_insert cannot write; quote it to insert text, or use a `sql` "
     "operation"},
    {"NotANumber", "- bulk_insert: {table: t, rows: [{a: .nan}]}\n", "ops.yaml:1:38",
     "'.nan' for 'a' in item 1 of 'rows' of bulk_insert (item 1 of 'operations') is not a "
     "finite number, which bulk_insert cannot write; quote it to insert text, or use a `sql` "
     "operation"},
    {"FloatOutOfRange", "- bulk_insert: {table: t, rows: [{a: 1e999}]}\n", "ops.yaml:1:38",
     "number 1e999 for 'a' in item 1 of 'rows' of bulk_insert (item 1 of 'operations') is too "
     "large for a double; quote it to insert it as text"},
    {"InjectedType",
     "- add_column:\n    table: t\n    column: {name: c, type: \"INTEGER); DROP TABLE v; --\"}\n",
     "ops.yaml:3:29",
     "type 'INTEGER); DROP TABLE v; --' is not one type name: it has an unbalanced ')'"},
    {"TypeWithDefault", "- alter_column: {table: t, column: c, type: INTEGER DEFAULT 0}\n",
     "ops.yaml:1:45",
     "type 'INTEGER DEFAULT 0' is not one type name: 'DEFAULT' does not belong in a type; give "
     "defaults, keys, nullability and collations with their own keys"},
    {"BadIndexMethod",
     "- create_index: {table: t, name: ix, columns: [a], using: \"gin (a); DROP TABLE v\"}\n",
     "ops.yaml:1:59",
     "bad index method 'gin (a); DROP TABLE v' in create_index (item 1 of 'operations'); an "
     "index method is one plain word: btree, hash, gist, spgist, gin, brin, or an extension's "
     "method"},
    {"BadReferentialAction",
     "- create_foreign_key: {table: t, columns: [a], references: u(id), ondelete: \"CASCADE; "
     "DROP TABLE v\"}\n",
     "ops.yaml:1:77",
     "bad referential action 'CASCADE; DROP TABLE v' for 'ondelete' in create_foreign_key (item "
     "1 of 'operations'); expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION"},
    {"CommentMissing", "- set_table_comment: {table: t}\n", "ops.yaml:1:3",
     "set_table_comment (item 1 of 'operations') needs 'comment'"},
};

INSTANTIATE_TEST_SUITE_P(Cases, OpsYamlErrorTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<ErrorCase>& info) {
                             return std::string(info.param.name);
                         });

}  // namespace
}  // namespace migrate::engine
