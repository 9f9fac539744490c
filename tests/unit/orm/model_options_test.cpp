// The options a model holds beyond names and columns: deferrable and NOT VALID constraints,
// MATCH FULL, NO INHERIT, NULLS NOT DISTINCT, collations, generated and identity columns,
// index element order, NULLS placement and operator classes, storage parameters and table kinds.
// Each is loaded from the file form, written back, and loaded again to an equal schema.

#include <gtest/gtest.h>

#include "migrations_engine/ops/op_yaml.h"
#include "orm/error.h"
#include "orm/model_file.h"

namespace migrate::orm {
namespace {

const char* const kEveryOption = R"yaml(tables:
  parents:
    unlogged: true
    with: {fillfactor: 70, autovacuum_enabled: "off"}
    columns:
      id: {type: Integer, primary_key: true, identity: {always: true, start: 100, increment: 5}}
      code: {type: Text, collation: C}
      a: {type: Integer}
      b: {type: Integer}
      total: {type: Integer, generated: a + b}
      twice: {type: Integer, generated: {expression: a * 2, stored: false}}
    unique_constraints:
      - {name: uq_parents_a, columns: [a], deferrable: true}
      - {name: uq_parents_b, columns: [b], initially_deferred: true, nulls_not_distinct: true}
    indexes:
      ix_parents_code: {columns: [{column: code, order: desc, nulls: first, opclass: text_pattern_ops}, a]}
      ix_parents_lower: {expressions: [{expression: lower(code), collation: C}], with: {fillfactor: 80}}
      ix_parents_nnd: {columns: [b], unique: true, nulls_not_distinct: true}
    checks:
      - {name: ck_parents_a, condition: a > 0, no_inherit: true, not_valid: true}
  children:
    without_rowid: true
    strict: true
    columns:
      id: {type: Integer}
      parent_a: {type: Integer}
      parent_b: {type: Integer}
    primary_key: {name: pk_children, columns: [id], deferrable: true}
    foreign_keys:
      - {name: fk_children_parents, columns: [parent_a, parent_b], references: parents(a, b), match: full, initially_deferred: true, not_valid: true}
)yaml";

TEST(ModelOptionsTest, EveryOptionLoads) {
    MetaData md = load_models_from_string(kEveryOption, "m.yaml");
    const Table& p = *md.find_table("parents");
    EXPECT_TRUE(p.unlogged);
    ASSERT_EQ(p.storage.size(), 2u);
    EXPECT_EQ(p.storage[0], std::make_pair(std::string("fillfactor"), std::string("70")));
    EXPECT_EQ(p.storage[1].second, "off");
    const Column& id = *p.find_column("id");
    EXPECT_TRUE(id.identity.always);
    EXPECT_EQ(id.identity.start, 100);
    EXPECT_EQ(id.identity.increment, 5);
    EXPECT_EQ(p.find_column("code")->collation, "C");
    ASSERT_TRUE(p.find_column("total")->generated);
    EXPECT_EQ(p.find_column("total")->generated->expression, "a + b");
    EXPECT_TRUE(p.find_column("total")->generated->stored);
    EXPECT_FALSE(p.find_column("twice")->generated->stored);
    EXPECT_TRUE(p.unique_constraints[0].deferral.deferrable);
    EXPECT_FALSE(p.unique_constraints[0].deferral.initially_deferred);
    EXPECT_TRUE(p.unique_constraints[1].deferral.deferrable);
    EXPECT_TRUE(p.unique_constraints[1].deferral.initially_deferred);
    EXPECT_TRUE(p.unique_constraints[1].nulls_not_distinct);
    const Index& ix = p.indexes[0];
    EXPECT_FALSE(ix.elements[0].expression);
    EXPECT_TRUE(ix.elements[0].descending);
    EXPECT_EQ(ix.elements[0].nulls, "FIRST");
    EXPECT_EQ(ix.elements[0].opclass, "text_pattern_ops");
    EXPECT_FALSE(ix.elements[1].has_options());
    EXPECT_EQ(p.indexes[1].elements[0].collation, "C");
    EXPECT_EQ(p.indexes[1].storage.at(0).second, "80");
    EXPECT_TRUE(p.indexes[2].nulls_not_distinct);
    EXPECT_TRUE(p.checks[0].no_inherit);
    EXPECT_TRUE(p.checks[0].not_valid);
    const Table& c = *md.find_table("children");
    EXPECT_TRUE(c.without_rowid);
    EXPECT_TRUE(c.strict);
    EXPECT_TRUE(c.primary_key.deferral.deferrable);
    const ForeignKey& fk = c.foreign_keys[0];
    EXPECT_EQ(fk.match, "FULL");
    EXPECT_TRUE(fk.deferral.initially_deferred);
    EXPECT_TRUE(fk.not_valid);
}

TEST(ModelOptionsTest, EveryOptionRoundTripsThroughTheWriter) {
    MetaData md = load_models_from_string(kEveryOption, "m.yaml");
    std::string written = write_models(md);
    EXPECT_EQ(load_models_from_string(written, "again.yaml"), md) << written;
    EXPECT_EQ(write_models(load_models_from_string(written, "again.yaml")), written);
}

TEST(ModelOptionsTest, EveryOptionRoundTripsThroughCreateTableOps) {
    MetaData md = load_models_from_string(kEveryOption, "m.yaml");
    std::vector<engine::Operation> ops;
    for (const Table& t : md.tables) ops.push_back(engine::CreateTable{t});
    for (const Table& t : md.tables)
        for (const Index& ix : t.indexes) ops.push_back(engine::CreateIndex{"", t.name, ix});
    ops.push_back(engine::CreateForeignKey{"", "children", md.tables[1].foreign_keys[0]});
    ops.push_back(engine::CreateCheckConstraint{"", "parents", md.tables[0].checks[0]});
    ops.push_back(
        engine::CreateUniqueConstraint{"", "parents", md.tables[0].unique_constraints[1]});
    ops.push_back(engine::AddColumn{"", "parents", md.tables[0].columns[0]});
    std::string yaml = engine::operations_to_yaml(ops);
    EXPECT_EQ(engine::operations_from_yaml(yaml, "ops.yaml"), ops) << yaml;
}

TEST(ModelOptionsTest, BadOptionValuesNameTheirPlace) {
    auto error_of = [](const std::string& column) {
        try {
            load_models_from_string("tables:\n  t:\n    columns:\n      " + column + "\n",
                                    "m.yaml");
        } catch (const InputError& e) {
            return e.where().str() + " " + e.what_only();
        }
        return std::string("no error");
    };
    EXPECT_NE(error_of("a: {type: Text, collation: \"C; DROP TABLE x\"}").find("m.yaml:4:"),
              std::string::npos);
    EXPECT_NE(error_of("a: {type: Integer, identity: {start: ten}}").find("expected an integer"),
              std::string::npos);
    EXPECT_NE(error_of("a: {type: Integer, generated: {stored: true}}").find("no 'expression'"),
              std::string::npos);
}

}  // namespace
}  // namespace migrate::orm
