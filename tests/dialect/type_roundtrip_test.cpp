// Conformance: models -> create -> reflect -> models gives the models back, per dialect.

#include <gtest/gtest.h>

#include "orm/dialect.h"
#include "orm/model_file.h"
#include "orm/schema_ops.h"
#include "tests/support/test_support.h"

namespace migrate::orm {
namespace {

class RoundTripTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam()); }

    // Creates `models` in a fresh database and reflects it back.
    MetaData create_and_reflect(const MetaData& models) {
        db_ = test::make_test_database(GetParam());
        auto conn = db_->connect();
        create_all(*conn, models);
        return conn->dialect().inspector().reflect(*conn, {}).metadata;
    }

    std::unique_ptr<test::TestDatabase> db_;
};

constexpr const char* kEveryType = R"yaml(
enums:
  mood: [sad, ok, "it's happy"]
tables:
  every_type:
    columns:
      id: {type: Integer, primary_key: true}
      small: {type: SmallInteger}
      big: {type: BigInteger, nullable: false}
      flag: {type: Boolean}
      name: {type: String(40)}
      unbounded: {type: String}
      body: {type: Text}
      ratio: {type: Float}
      amount: {type: "Numeric(12, 2)"}
      whole: {type: Numeric(8)}
      anynum: {type: Numeric}
      day: {type: Date}
      at: {type: DateTime}
      at_tz: {type: DateTime(timezone)}
      clock: {type: Time}
      span: {type: Interval}
      blob: {type: LargeBinary}
      doc: {type: JSON}
      ident: {type: UUID}
      feeling: {type: Enum(mood)}
)yaml";

TEST_P(RoundTripTest, EveryGenericTypeAndEnum) {
    MetaData models = load_models_from_string(kEveryType, "every_type.yaml");
    MetaData reflected = create_and_reflect(models);
    ASSERT_EQ(reflected.tables.size(), 1u);
    const Table& t = reflected.tables[0];
    ASSERT_EQ(t.columns.size(), models.tables[0].columns.size());
    for (size_t i = 0; i < t.columns.size(); ++i)
        EXPECT_EQ(t.columns[i].type.str(), models.tables[0].columns[i].type.str())
            << "column " << t.columns[i].name;
    EXPECT_EQ(reflected.enums, models.enums);
    EXPECT_EQ(write_models(reflected), write_models(models));
}

// Tables and indexes in name order: reflection lists them so.
constexpr const char* kConstraints = R"yaml(
tables:
  customers:
    columns:
      id: {type: Integer, primary_key: true}
      email: {type: String(60), nullable: false, unique: true}
      name: {type: String(40)}
      balance: {type: "Numeric(12, 2)", server_default: "0"}
      created_at: {type: DateTime, nullable: false, server_default: CURRENT_TIMESTAMP}
      rep_id: {type: Integer, foreign_key: employees.id, ondelete: SET NULL}
    indexes:
      ix_customers_lower_email: {expressions: ["lower(email)"], unique: true, where: "email IS NOT NULL"}
      ix_customers_name_email: {columns: [name, email]}
    unique_constraints:
      - {name: uq_customers_name_rep, columns: [name, rep_id]}
    checks:
      - {name: ck_customers_balance, condition: "balance >= 0"}
      - {condition: "email <> ''"}
  employees:
    columns:
      id: {type: Integer, primary_key: true, autoincrement: true}
      name: {type: String(40), nullable: false, server_default: "'nobody'"}
  order_lines:
    columns:
      order_id: {type: Integer}
      line_no: {type: SmallInteger}
      customer_id: {type: Integer, nullable: false}
      note: {type: Text}
    primary_key: [order_id, line_no]
    foreign_keys:
      - {name: fk_lines_customer, columns: [customer_id], references: customers(id), ondelete: CASCADE, onupdate: RESTRICT}
)yaml";

TEST_P(RoundTripTest, KeysIndexesAndConstraints) {
    MetaData models = load_models_from_string(kConstraints, "constraints.yaml");
    MetaData reflected = create_and_reflect(models);
    const std::string yaml = write_models(reflected);
    if (GetParam() == "sqlite") {
        EXPECT_EQ(yaml, write_models(models)) << "SQLite keeps the text as written";
    }
    // What was reflected recreates itself exactly.
    EXPECT_EQ(write_models(create_and_reflect(load_models_from_string(yaml, "reflected.yaml"))),
              yaml);

    const Table* customers = reflected.find_table("customers");
    ASSERT_NE(customers, nullptr);
    ASSERT_EQ(customers->foreign_keys.size(), 1u);
    EXPECT_EQ(customers->foreign_keys[0].referred_table, "employees");
    EXPECT_EQ(customers->foreign_keys[0].on_delete, "SET NULL");
    ASSERT_EQ(customers->indexes.size(), 2u);
    EXPECT_TRUE(customers->indexes[0].unique);
    EXPECT_TRUE(customers->indexes[0].has_expressions());
    EXPECT_EQ(customers->indexes[0].where, "email IS NOT NULL");
    EXPECT_EQ(customers->indexes[1].column_names(), (std::vector<std::string>{"name", "email"}));
    EXPECT_EQ(customers->checks.size(), 2u);
    EXPECT_EQ(customers->unique_constraints.size(), 2u);
    const Table* lines = reflected.find_table("order_lines");
    ASSERT_NE(lines, nullptr);
    EXPECT_EQ(lines->primary_key.columns, (std::vector<std::string>{"order_id", "line_no"}));
    ASSERT_EQ(lines->foreign_keys.size(), 1u);
    EXPECT_EQ(lines->foreign_keys[0].name, "fk_lines_customer");
    EXPECT_EQ(lines->foreign_keys[0].on_delete, "CASCADE");
    EXPECT_EQ(lines->foreign_keys[0].on_update, "RESTRICT");
    const Table* employees = reflected.find_table("employees");
    ASSERT_NE(employees, nullptr);
    EXPECT_NE(employees->autoincrement_column(), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Dialects, RoundTripTest, ::testing::ValuesIn(test::test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::orm
