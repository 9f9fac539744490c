// The YAML form of operations: every op kind round-trips (ops -> YAML -> ops), the text is
// the readable form DESIGN.md shows, and the shorthands read as documented.

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "migrations_engine/ops/op_yaml.h"
#include "tests/unit/engine/ops_samples.h"

namespace migrate::engine {
namespace {

using testing_samples::column;
using testing_samples::sample_operations;
using testing_samples::type;
using testing_samples::variant_operations;

std::vector<Operation> all_samples() {
    std::vector<Operation> ops = sample_operations();
    for (auto& op : variant_operations()) ops.push_back(op);
    return ops;
}

Operation one(const std::string& yaml) {
    std::vector<Operation> ops = operations_from_yaml(yaml, "ops.yaml");
    EXPECT_EQ(ops.size(), 1u) << yaml;
    return ops.empty() ? Operation{Sql{}} : ops[0];
}

class OpsYamlRoundTripTest : public testing::TestWithParam<Operation> {};

TEST_P(OpsYamlRoundTripTest, ReadsBackWhatItWrites) {
    const std::vector<Operation> ops = {GetParam()};
    const std::string text = operations_to_yaml(ops);
    std::vector<Operation> back = operations_from_yaml(text, "ops.yaml");
    EXPECT_TRUE(back == ops) << text << "read back as:\n" << operations_to_yaml(back);
    EXPECT_EQ(operations_to_yaml(back), text);
}

INSTANTIATE_TEST_SUITE_P(AllKinds, OpsYamlRoundTripTest, testing::ValuesIn(all_samples()),
                         [](const testing::TestParamInfo<Operation>& info) {
                             return op_name(info.param) + "_" + std::to_string(info.index);
                         });

TEST(OpsYamlTest, SamplesCoverEveryOperationKind) {
    std::vector<bool> seen(std::variant_size_v<Operation>);
    for (const Operation& op : sample_operations()) seen[op.index()] = true;
    for (size_t i = 0; i < seen.size(); ++i) EXPECT_TRUE(seen[i]) << "no sample of kind " << i;
}

TEST(OpsYamlTest, ListOfEveryKindRoundTrips) {
    const std::vector<Operation> ops = all_samples();
    const std::string text = operations_to_yaml(ops);
    EXPECT_TRUE(operations_from_yaml(text, "ops.yaml") == ops) << text;
}

TEST(OpsYamlTest, WritesTheFormOfTheDesign) {
    AlterColumn alter{"", "users", "email", std::nullopt, false};
    const std::vector<Operation> ops = {
        AddColumn{"", "users", column("email", "String(120)")},
        Sql{"UPDATE users SET email = name || '@example.com'", {}},
        alter,
        DropColumn{"", "users", column("email", "Text"), false},
    };
    EXPECT_EQ(operations_to_yaml(ops),
              "- add_column:\n"
              "    table: users\n"
              "    column: {name: email, type: String(120), nullable: true}\n"
              "- sql: UPDATE users SET email = name || '@example.com'\n"
              "- alter_column: {table: users, column: email, nullable: false}\n"
              "- drop_column: {table: users, column: email}\n");
}

TEST(OpsYamlTest, WritesCollationAutoincrementAndIdentityChanges) {
    AlterColumn a{"", "t", "id"};
    a.collation = "";
    a.existing_collation = "C";
    a.autoincrement = orm::Autoincrement::kAuto;
    a.existing_autoincrement = orm::Autoincrement::kFalse;
    a.identity = orm::Identity{true, 100, std::nullopt};
    a.existing_identity = orm::Identity{};
    const std::string text =
        "- alter_column:\n"
        "    table: t\n"
        "    column: id\n"
        "    collation: ~\n"
        "    existing_collation: C\n"
        "    autoincrement: auto\n"
        "    existing_autoincrement: false\n"
        "    identity: {always: true, start: 100}\n"
        "    existing_identity: {}\n";
    EXPECT_EQ(operations_to_yaml({a}), text);
    EXPECT_TRUE(operations_from_yaml(text, "ops.yaml") == std::vector<Operation>{a});
    // One change alone is an operation; null is the default collation.
    AlterColumn c =
        std::get<AlterColumn>(one("- alter_column: {table: t, column: c, collation: null}\n"));
    EXPECT_EQ(c.collation, std::optional<std::string>(""));
    EXPECT_FALSE(c.existing_collation);
    AlterColumn i =
        std::get<AlterColumn>(one("- alter_column: {table: t, column: c, autoincrement: true}\n"));
    EXPECT_EQ(i.autoincrement, orm::Autoincrement::kTrue);
}

TEST(OpsYamlTest, WritesTablesAsBlocksWithFlowColumns) {
    orm::Table t = testing_samples::orders_table();
    t.primary_key.name.clear();
    t.primary_key.columns = {"id"};
    t.columns[1].nullable = true;
    EXPECT_EQ(operations_to_yaml({CreateTable{t}}),
              "- create_table:\n"
              "    name: orders\n"
              "    columns:\n"
              "      id: {type: Integer, primary_key: true}\n"
              "      line: {type: SmallInteger}\n"
              "      sku: {type: NVARCHAR(40)}\n");
}

TEST(OpsYamlTest, WritesMultiLineSqlAsLiteralBlock) {
    EXPECT_EQ(operations_to_yaml({Sql{"UPDATE t\nSET a = 1;\n", {}}}),
              "- sql: |\n"
              "    UPDATE t\n"
              "    SET a = 1;\n");
    // Without a final newline a literal block would gain one: quoted instead.
    EXPECT_EQ(operations_to_yaml({Sql{"UPDATE t\nSET a = 1;", {}}}),
              "- sql: \"UPDATE t\\nSET a = 1;\"\n");
}

TEST(OpsYamlTest, WritesEmptyListAndQuotesValuesThatReadAsOtherTypes) {
    EXPECT_EQ(operations_to_yaml({}), "[]\n");
    using Row = std::map<std::string, orm::Value>;
    BulkInsert ins{"",
                   "t",
                   {Row{{"a", std::int64_t{7}},
                        {"b", std::string("7")},
                        {"c", nullptr},
                        {"d", 2.0},
                        {"e", std::string("no")},
                        {"f", true},
                        {"g", std::string("false")}}}};
    EXPECT_EQ(operations_to_yaml({ins}),
              "- bulk_insert:\n"
              "    table: t\n"
              "    rows:\n"
              "      - {a: 7, b: \"7\", c: ~, d: 2.0, e: \"no\", f: true, g: \"false\"}\n");
}

TEST(OpsYamlTest, ReadsBulkInsertValuesByYamlType) {
    BulkInsert ins = std::get<BulkInsert>(
        one("- bulk_insert:\n"
            "    table: t\n"
            "    rows:\n"
            "      - {i: 12, neg: -4, f: 2.5, e: 1e3, n: null, t: true, no: false, s: abc,\n"
            "         q: '12', y: yes, tilde: ~, dot: .5, qinf: '.inf'}\n"));
    ASSERT_EQ(ins.rows.size(), 1u);
    const auto& r = ins.rows[0];
    EXPECT_EQ(r.at("i"), orm::Value(std::int64_t{12}));
    EXPECT_EQ(r.at("neg"), orm::Value(std::int64_t{-4}));
    EXPECT_EQ(r.at("f"), orm::Value(2.5));
    EXPECT_EQ(r.at("e"), orm::Value(1000.0));
    EXPECT_EQ(r.at("n"), orm::Value(nullptr));
    EXPECT_EQ(r.at("t"), orm::Value(true));
    EXPECT_EQ(r.at("no"), orm::Value(false));
    EXPECT_EQ(r.at("s"), orm::Value(std::string("abc")));
    EXPECT_EQ(r.at("q"), orm::Value(std::string("12")));
    EXPECT_EQ(r.at("y"), orm::Value(std::string("yes")));  // YAML 1.2: yes is text
    EXPECT_EQ(r.at("tilde"), orm::Value(nullptr));
    EXPECT_EQ(r.at("dot"), orm::Value(0.5));
    EXPECT_EQ(r.at("qinf"), orm::Value(std::string(".inf")));
}

TEST(OpsYamlTest, ReadsCreateTableAsModelTableBody) {
    CreateTable ct = std::get<CreateTable>(
        one("- create_table:\n"
            "    name: users\n"
            "    schema: app\n"
            "    columns:\n"
            "      id: {type: Integer, primary_key: true}\n"
            "      email: {type: String(60), nullable: false, unique: true, index: true}\n"
            "      price: {type: Numeric(12, 2), server_default: \"0\"}\n"
            "      mood: {type: Enum(undeclared)}\n"
            "      owner: {type: Integer, foreign_key: elsewhere.id, ondelete: cascade}\n"));
    const orm::Table& t = ct.table;
    EXPECT_EQ(t.qualified_name(), "app.users");
    ASSERT_EQ(t.columns.size(), 5u);
    EXPECT_EQ(t.columns[2].type, type("Numeric(12, 2)"));
    EXPECT_EQ(t.primary_key, (orm::PrimaryKey{"", {"id"}}));
    ASSERT_EQ(t.indexes.size(), 1u);  // naming conventions do not apply: SQLAlchemy's default
    EXPECT_EQ(t.indexes[0].name, "ix_users_email");
    EXPECT_TRUE(t.indexes[0].unique);
    ASSERT_EQ(t.foreign_keys.size(), 1u);
    EXPECT_EQ(t.foreign_keys[0].referred_table, "elsewhere");
    EXPECT_EQ(t.foreign_keys[0].on_delete, "CASCADE");
}

TEST(OpsYamlTest, ReadsShortAndFullDrops) {
    DropTable dt = std::get<DropTable>(one("- drop_table: {name: users, schema: app}"));
    EXPECT_EQ(dt.table.qualified_name(), "app.users");
    EXPECT_TRUE(dt.table.columns.empty());
    DropColumn dc = std::get<DropColumn>(one("- drop_column: {table: t, column: c}"));
    EXPECT_FALSE(dc.has_definition);
    EXPECT_EQ(dc.column.name, "c");
    dc = std::get<DropColumn>(
        one("- drop_column: {table: t, column: {name: c, type: Text, nullable: false}}"));
    EXPECT_TRUE(dc.has_definition);
    EXPECT_EQ(dc.column, column("c", "Text", false));
    DropIndex di = std::get<DropIndex>(one("- drop_index: {table: t, name: ix}"));
    EXPECT_FALSE(di.has_definition);
    di = std::get<DropIndex>(one("- drop_index: {table: t, name: ix, expressions: [lower(a)]}"));
    EXPECT_TRUE(di.has_definition);
    EXPECT_TRUE(di.index.has_expressions());
}

TEST(OpsYamlTest, ReadsAlterColumnNullAsRemovalAndAbsenceAsUnchanged) {
    AlterColumn a = std::get<AlterColumn>(
        one("- alter_column: {table: t, column: c, server_default: null, comment: ~,\n"
            "                 existing_server_default: \"'x'\"}"));
    ASSERT_TRUE(a.server_default.has_value());
    EXPECT_FALSE(a.server_default->has_value());
    ASSERT_TRUE(a.comment.has_value());
    EXPECT_FALSE(a.comment->has_value());
    EXPECT_EQ(a.existing_server_default, std::optional<std::optional<std::string>>("'x'"));
    EXPECT_FALSE(a.type || a.nullable || a.new_name || a.existing_comment);
}

TEST(OpsYamlTest, DropConstraintDefinitionTakesTheOpName) {
    DropConstraint d = std::get<DropConstraint>(
        one("- drop_constraint:\n"
            "    table: t\n"
            "    name: fk_t_u\n"
            "    type: foreignkey\n"
            "    definition: {columns: [u], references: s.users(id), ondelete: set null}\n"));
    ASSERT_TRUE(d.definition.has_value());
    EXPECT_EQ(std::get<orm::ForeignKey>(*d.definition),
              (orm::ForeignKey{"fk_t_u", {"u"}, "s", "users", {"id"}, "SET NULL", ""}));
}

TEST(OpsYamlTest, NodeLevelFunctionsWorkInsideALargerDocument) {
    const std::string text =
        "revision: abc\n"
        "upgrade:\n"
        "  - drop_index: {table: t, name: ix}\n"
        "downgrade:\n"
        "  - create_index: {table: t, name: ix, colums: [a]}\n";
    YAML::Node root = YAML::Load(text);
    orm::detail::Reader reader("rev.yaml");
    orm::detail::Entry up{"upgrade", "'upgrade'", root["upgrade"], root["upgrade"], ""};
    EXPECT_EQ(parse_operations(reader, up).size(), 1u);
    orm::detail::Entry down{"downgrade", "'downgrade'", root["downgrade"], root["downgrade"], ""};
    try {
        parse_operations(reader, down);
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), "rev.yaml:5:40");
        EXPECT_NE(e.what_only().find("unknown key 'colums' in create_index (item 1 of "
                                     "'downgrade') (did you mean 'columns'?)"),
                  std::string::npos)
            << e.what_only();
    }

    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap << YAML::Key << "upgrade" << YAML::Value;
    emit_operations(out, {RenameTable{"", "a", "b"}});
    out << YAML::EndMap;
    EXPECT_EQ(std::string(out.c_str()), "upgrade:\n  - rename_table: {table: a, new_name: b}");
}

}  // namespace
}  // namespace migrate::engine
