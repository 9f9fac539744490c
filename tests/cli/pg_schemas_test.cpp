// PostgreSQL schemas: the default schema is current_schema() for reflection and DDL alike
// (a database whose search_path is `app` works in `app`), `schema: public` is no schema when
// public is the default, and reflect / inspect say where the tables are when the schemas they
// read hold none (or fewer than another schema does).

#include <gtest/gtest.h>

#include "tests/support/pg_catalog_oracle.h"
#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

class PgSchemasTest : public ::testing::Test {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE("postgresql");
        db_ = make_test_database("postgresql");
    }

    CommandResult run(std::vector<std::string> args, const TestDatabase* db = nullptr) {
        return run_migrate(
            args, dir_.path().string(),
            {"MIGRATE_URL=" + (db ? db : db_.get())->url(), "DATABASE_URL=", "MIGRATE_CONFIG="});
    }

    bool exists(const std::string& relation, const TestDatabase* db = nullptr) {
        auto conn = (db ? db : db_.get())->connect();
        auto rs = conn->query("SELECT to_regclass(?) IS NOT NULL", {relation});
        return rs.rows.at(0).at(0) == std::optional<std::string>("t");
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir dir_;
};

TEST_F(PgSchemasTest, TablesOnlyInAnotherSchemaGetAHint) {
    db_->connect()->execute_script(
        "CREATE SCHEMA app; CREATE TABLE app.users (id int PRIMARY KEY, name text NOT NULL);"
        "CREATE INDEX ix_users_name ON app.users (name) WITH (fillfactor = 90);");
    CommandResult reflected = run({"reflect"});
    EXPECT_EQ(reflected.exit_code, 0) << reflected.err;
    EXPECT_EQ(reflected.out, "{}\n");
    const std::string hint =
        "note: the schemas read hold no tables; tables are in app (1 table): read them with "
        "--schemas app, or set include.schemas: [app] in migrate.yaml\n";
    EXPECT_EQ(reflected.err, hint);
    CommandResult inspected = run({"inspect"});
    EXPECT_EQ(inspected.exit_code, 0) << inspected.err;
    EXPECT_NE(inspected.out.find("No tables."), std::string::npos) << inspected.out;
    EXPECT_EQ(inspected.err, hint);

    // --schemas app reads the table, which round-trips into an empty database.
    CommandResult with_app = run({"reflect", "--schemas", "app", "-o", "models.yaml"});
    ASSERT_EQ(with_app.exit_code, 0) << with_app.err;
    EXPECT_EQ(with_app.err, "");
    const std::string models = read_file(dir_.file("models.yaml"));
    EXPECT_NE(models.find("app.users:"), std::string::npos) << models;
    auto target = make_test_database("postgresql");
    CommandResult created = run({"--models", "models.yaml", "create-all"}, target.get());
    ASSERT_EQ(created.exit_code, 0) << created.err;
    auto a = db_->connect(), b = target->connect();
    for (const auto& d : snapshot_differences(catalog_snapshot(*a), catalog_snapshot(*b)))
        ADD_FAILURE() << d;

    // So does include.schemas in migrate.yaml.
    write_file(dir_.file("migrate.yaml"), "include: {schemas: [app]}\n");
    CommandResult configured = run({"reflect"});
    EXPECT_EQ(configured.exit_code, 0) << configured.err;
    EXPECT_EQ(configured.out, models);
    EXPECT_EQ(configured.err, "");
}

TEST_F(PgSchemasTest, MoreTablesElsewhereGetAHintThatKeepsTheSchemaRead) {
    db_->connect()->execute_script(
        "CREATE TABLE one (id int); CREATE SCHEMA app; CREATE TABLE app.a (id int);"
        "CREATE TABLE app.b (id int);");
    CommandResult reflected = run({"reflect"});
    EXPECT_EQ(reflected.exit_code, 0) << reflected.err;
    EXPECT_NE(reflected.out.find("one:"), std::string::npos);
    EXPECT_EQ(reflected.err,
              "note: other schemas hold more tables than the ones read; tables are in app (2 "
              "tables): read them with --schemas public,app, or set include.schemas: [public, "
              "app] in migrate.yaml\n");
    CommandResult both = run({"reflect", "--schemas", "public,app"});
    EXPECT_EQ(both.err, "");
}

TEST_F(PgSchemasTest, SearchPathAppIsTheDefaultSchemaForEverything) {
    {
        auto conn = db_->connect();
        std::string name = db_->url().substr(db_->url().rfind('/') + 1);
        name = name.substr(0, name.find('?'));
        conn->execute_script("CREATE SCHEMA app; ALTER DATABASE \"" + name +
                             "\" SET search_path = app;");
    }
    ASSERT_EQ(run({"init"}).exit_code, 0);
    write_file(dir_.file("models.yaml"),
               "tables:\n  users:\n    columns:\n      id: {type: Integer, primary_key: true}\n"
               "      name: {type: Text, index: true}\n");
    CommandResult created = run({"create-all"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_TRUE(exists("app.users"));
    EXPECT_TRUE(exists("app.ix_users_name"));
    EXPECT_FALSE(exists("public.users"));
    CommandResult again = run({"create-all"});
    EXPECT_NE(again.out.find("0 created, 1 already present"), std::string::npos) << again.out;

    CommandResult reflected = run({"reflect"});
    ASSERT_EQ(reflected.exit_code, 0) << reflected.err;
    EXPECT_EQ(reflected.err, "");
    EXPECT_NE(reflected.out.find("  users:\n    columns:"), std::string::npos) << reflected.out;
    EXPECT_EQ(reflected.out.find("schema:"), std::string::npos) << reflected.out;

    CommandResult revision = run({"revision", "-m", "orders", "--rev-id", "a1"});
    ASSERT_EQ(revision.exit_code, 0) << revision.err;
    std::string path;
    for (const auto& e :
         std::filesystem::directory_iterator(dir_.path() / "migrations" / "versions"))
        path = e.path().string();
    std::string text = read_file(path);
    write_file(path, text.substr(0, text.find("upgrade:")) +
                         "upgrade:\n  - create_table:\n      name: orders\n"
                         "      columns: {id: {type: Integer, primary_key: true}}\n"
                         "  - create_index: {table: orders, name: ix_orders_id, columns: [id]}\n"
                         "downgrade:\n  - drop_table: {name: orders}\n");
    CommandResult upgraded = run({"upgrade", "head"});
    ASSERT_EQ(upgraded.exit_code, 0) << upgraded.err << upgraded.out;
    EXPECT_TRUE(exists("app.orders"));
    EXPECT_TRUE(exists("app.migrate_version"));
    EXPECT_FALSE(exists("public.orders"));
    // check: no schema and `schema: app` both name the default schema.
    write_file(dir_.file("models.yaml"),
               "tables:\n  users:\n    columns:\n      id: {type: Integer, primary_key: true}\n"
               "      name: {type: Text, index: true}\n"
               "  orders:\n    schema: app\n    columns: {id: {type: Integer, primary_key: true}}\n"
               "    indexes: {ix_orders_id: {columns: [id]}}\n");
    CommandResult check = run({"check"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    CommandResult current = run({"current"});
    EXPECT_NE(current.out.find("a1"), std::string::npos) << current.out << current.err;
    CommandResult down = run({"downgrade", "base"});
    EXPECT_EQ(down.exit_code, 0) << down.err;
    EXPECT_FALSE(exists("app.orders"));
}

TEST_F(PgSchemasTest, SchemaPublicIsNoSchemaWhenPublicIsTheDefault) {
    write_file(dir_.file("models.yaml"),
               "tables:\n  t:\n    schema: public\n    columns: {id: {type: Integer}}\n");
    CommandResult created = run({"create-all"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    CommandResult again = run({"create-all"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("0 created, 1 already present"), std::string::npos) << again.out;
    CommandResult dropped = run({"drop-all", "--yes"});
    EXPECT_EQ(dropped.exit_code, 0) << dropped.err;
    EXPECT_FALSE(exists("public.t"));
}

}  // namespace
}  // namespace migrate::test
