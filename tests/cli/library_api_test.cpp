// Every command as a function of the engine (migrations_engine/api/commands.h), driven from
// C++ with no `migrate` binary: models built with orm::SchemaBuilder, a project made by
// init_project(), and each result struct checked against the database's own catalog
// (sqlite_master / pg_catalog).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "migrations_engine/api/commands.h"
#include "migrations_engine/errors.h"
#include "migrations_engine/script/revision_file.h"
#include "orm/error.h"
#include "orm/schema/builder.h"
#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

// users(id, name), and with `email` an email column and an index on it.
orm::MetaData users_model(bool email) {
    orm::SchemaBuilder b;
    auto& users = b.table("users");
    users.column("id", "Integer").primary_key();
    users.column("name", "String(40)").nullable(false);
    if (email) {
        users.column("email", "String(120)");
        users.index("ix_users_email", {"email"});
    }
    return b.build();
}

orm::MetaData notes_model() {
    orm::SchemaBuilder b;
    auto& notes = b.table("notes");
    notes.column("id", "Integer").primary_key();
    notes.column("body", "Text");
    return b.build();
}

std::vector<std::string> ids_of(const std::vector<engine::RevisionEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.header.id);
    return out;
}

class LibraryApiTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        MIGRATE_SKIP_UNLESS_AVAILABLE(GetParam());
        db_ = make_test_database(GetParam());
        engine::InitRequest init;
        init.root = dir_.path().string();
        engine::init_project(init);
        project_.config = engine::load_config(dir_.file("migrate.yaml"), "",
                                              [](const char*) -> const char* { return nullptr; });
        project_.url = db_->url();
        project_.models = [this] { return models_; };
        project_.say = [this](const std::string& line) { said_.push_back(line); };
        models_ = users_model(false);
    }

    bool pg() const { return GetParam() == "postgresql"; }

    // What the catalog says, read with plain SQL rather than the tool's reflection.
    std::set<std::string> tables() {
        auto conn = db_->connect();
        const char* sql = pg() ? "SELECT tablename FROM pg_catalog.pg_tables "
                                 "WHERE schemaname = current_schema()"
                               : "SELECT name FROM sqlite_master WHERE type = 'table'";
        std::set<std::string> out;
        for (const auto& row : conn->query(sql).rows) out.insert(*row[0]);
        return out;
    }
    std::set<std::string> columns(const std::string& table) {
        auto conn = db_->connect();
        const std::string sql =
            pg() ? "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = '" + table +
                       "'::regclass AND attnum > 0 AND NOT attisdropped"
                 : "SELECT name FROM pragma_table_info('" + table + "')";
        std::set<std::string> out;
        for (const auto& row : conn->query(sql).rows) out.insert(*row[0]);
        return out;
    }

    engine::RevisionResult autogenerate(const std::string& id, const std::string& message) {
        engine::RevisionRequest r;
        r.message = message;
        r.autogenerate = true;
        r.rev_id = id;
        return engine::revision(project_, r);
    }
    engine::RunResult upgrade(const std::string& target = "head") {
        engine::RunRequest r;
        r.target = target;
        return engine::upgrade(project_, r);
    }

    std::unique_ptr<TestDatabase> db_;
    TempDir dir_;
    engine::Project project_;
    orm::MetaData models_;
    std::vector<std::string> said_;
};

TEST(LibraryApiInitTest, InitWritesTheProjectFilesAndOverwritesNothing) {
    TempDir dir;
    engine::InitRequest request;
    request.root = dir.path().string();
    request.directory = "db";
    engine::InitResult r = engine::init_project(request);
    ASSERT_EQ(r.files.size(), 3u);
    EXPECT_EQ(fs::path(r.files[0]), dir.path() / "migrate.yaml");
    EXPECT_EQ(fs::path(r.files[2]), dir.path() / "db" / "script.yaml.mustache");
    for (const auto& f : r.files) EXPECT_TRUE(fs::is_regular_file(f)) << f;
    EXPECT_TRUE(fs::is_directory(r.versions_dir));
    EXPECT_TRUE(fs::is_empty(r.versions_dir));
    EXPECT_NE(read_file(r.files[0]).find("script_location: db"), std::string::npos);
    const std::string before = read_file(r.files[1]);
    try {
        engine::init_project(request);
        FAIL() << "a second init must refuse";
    } catch (const UsageError& e) {
        EXPECT_EQ(e.exit_code(), exit_code::kUsage);
        EXPECT_NE(std::string(e.what()).find("does not overwrite"), std::string::npos);
    }
    EXPECT_EQ(read_file(r.files[1]), before);
    engine::InitRequest unknown;
    unknown.root = dir.file("other");
    unknown.template_name = "nope";
    EXPECT_THROW(engine::init_project(unknown), UsageError);
    EXPECT_FALSE(fs::exists(dir.file("other")));
}

TEST_P(LibraryApiTest, RevisionUpgradeCheckDowngradeAndStatusAgree) {
    // A first autogenerated revision from C++ models writes a create_table.
    engine::RevisionResult first = autogenerate("a1a1a1a1a1a1", "create users");
    ASSERT_TRUE(first.written);
    ASSERT_EQ(first.differences.size(), 1u);
    EXPECT_EQ(first.differences[0].kind, "add_table");
    engine::RevisionFile file = engine::read_revision_file(first.path);
    ASSERT_EQ(file.upgrade.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<engine::CreateTable>(file.upgrade[0]));
    ASSERT_EQ(file.downgrade.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<engine::DropTable>(file.downgrade[0]));
    EXPECT_EQ(tables().count("users"), 0u);  // writing a revision changes no database

    engine::RunResult up = upgrade();
    ASSERT_EQ(up.steps.size(), 1u);
    EXPECT_EQ(up.steps[0].revision, "a1a1a1a1a1a1");
    EXPECT_EQ(up.heads, std::vector<std::string>{"a1a1a1a1a1a1"});
    EXPECT_EQ(columns("users"), (std::set<std::string>{"id", "name"}));
    ASSERT_EQ(said_.size(), 1u);
    EXPECT_NE(said_[0].find("Running upgrade <base> -> a1a1a1a1a1a1"), std::string::npos);
    EXPECT_TRUE(engine::check(project_, {}).empty());
    EXPECT_FALSE(autogenerate("ffffffffffff", "nothing").written);

    // The models change: check and diff see it; a second revision adds the column.
    models_ = users_model(true);
    engine::CheckResult drift = engine::check(project_, {});
    ASSERT_FALSE(drift.empty());
    engine::DiffResult diff = engine::diff(project_, {});
    ASSERT_EQ(diff.tables.size(), 1u);
    EXPECT_EQ(diff.tables[0].table, "users");
    auto mentions = [](const std::vector<std::string>& lines, const std::string& word) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const std::string& l) { return l.find(word) != std::string::npos; });
    };
    EXPECT_TRUE(mentions(diff.tables[0].models, "email"));
    EXPECT_FALSE(mentions(diff.tables[0].database, "email"));
    engine::RevisionResult second = autogenerate("b2b2b2b2b2b2", "add email");
    ASSERT_TRUE(second.written);
    file = engine::read_revision_file(second.path);
    EXPECT_EQ(file.header.down_revisions, std::vector<std::string>{"a1a1a1a1a1a1"});
    ASSERT_EQ(file.upgrade.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<engine::AddColumn>(file.upgrade[0]));
    EXPECT_TRUE(std::holds_alternative<engine::CreateIndex>(file.upgrade[1]));
    EXPECT_EQ(upgrade().heads, std::vector<std::string>{"b2b2b2b2b2b2"});
    EXPECT_EQ(columns("users"), (std::set<std::string>{"id", "name", "email"}));
    EXPECT_TRUE(engine::check(project_, {}).empty());

    // current, heads and history agree.
    engine::CurrentResult now = engine::current(project_);
    ASSERT_EQ(now.current.size(), 1u);
    EXPECT_EQ(now.current[0].id, "b2b2b2b2b2b2");
    EXPECT_TRUE(now.at_heads);
    EXPECT_EQ(now.applied.size(), 2u);
    EXPECT_EQ(now.database.find("secret"), std::string::npos);
    EXPECT_EQ(ids_of(engine::heads(project_).heads), std::vector<std::string>{"b2b2b2b2b2b2"});
    engine::HistoryRequest h;
    h.indicate_current = true;
    engine::HistoryResult hist = engine::history(project_, h);
    EXPECT_EQ(ids_of(hist.entries), (std::vector<std::string>{"b2b2b2b2b2b2", "a1a1a1a1a1a1"}));
    EXPECT_TRUE(hist.entries[0].is_current && hist.entries[0].is_head);
    EXPECT_FALSE(hist.entries[1].is_current || hist.entries[1].is_head);

    // downgrade one step: the column goes; stamp moves the table and runs nothing.
    engine::RunRequest down;
    down.target = "-1";
    engine::RunResult back = engine::downgrade(project_, down);
    ASSERT_EQ(back.steps.size(), 1u);
    EXPECT_EQ(back.heads, std::vector<std::string>{"a1a1a1a1a1a1"});
    EXPECT_EQ(columns("users"), (std::set<std::string>{"id", "name"}));
    EXPECT_FALSE(engine::current(project_).at_heads);
    engine::StampRequest stamp;
    stamp.targets = {"head"};
    engine::StampResult stamped = engine::stamp(project_, stamp);
    EXPECT_EQ(stamped.heads, std::vector<std::string>{"b2b2b2b2b2b2"});
    EXPECT_EQ(columns("users"), (std::set<std::string>{"id", "name"}));
    EXPECT_TRUE(engine::current(project_).at_heads);
    EXPECT_FALSE(engine::check(project_, {}).empty());  // the stamp ran nothing
}

TEST_P(LibraryApiTest, MergeJoinsTwoHeads) {
    engine::RevisionRequest r;
    r.message = "root";
    r.rev_id = "aaaaaaaaaaaa";
    engine::revision(project_, r);
    r.message = "left";
    r.rev_id = "bbbbbbbbbbbb";
    engine::revision(project_, r);
    r.message = "right";
    r.rev_id = "cccccccccccc";
    r.head = "aaaaaaaaaaaa";
    EXPECT_THROW(engine::revision(project_, r), UsageError);  // not a head without splice
    r.splice = true;
    engine::revision(project_, r);
    EXPECT_EQ(ids_of(engine::heads(project_).heads),
              (std::vector<std::string>{"bbbbbbbbbbbb", "cccccccccccc"}));
    engine::RunRequest heads;
    heads.target = "heads";
    EXPECT_EQ(engine::upgrade(project_, heads).steps.size(), 3u);

    engine::MergeRequest m;
    m.revisions = {"heads"};
    m.message = "join";
    m.rev_id = "dddddddddddd";
    engine::RevisionResult merged = engine::merge(project_, m);
    ASSERT_TRUE(merged.written);
    EXPECT_EQ(engine::read_revision_header(merged.path).down_revisions,
              (std::vector<std::string>{"bbbbbbbbbbbb", "cccccccccccc"}));
    EXPECT_EQ(ids_of(engine::heads(project_).heads), std::vector<std::string>{"dddddddddddd"});
    EXPECT_EQ(upgrade().heads, std::vector<std::string>{"dddddddddddd"});
    m.revisions = {"dddddddddddd"};
    m.rev_id = "eeeeeeeeeeee";
    EXPECT_THROW(engine::merge(project_, m), UsageError);  // one revision merges nothing
}

TEST_P(LibraryApiTest, OfflineSqlTouchesNoDatabase) {
    autogenerate("a1a1a1a1a1a1", "create users");
    project_.url = pg() ? "postgresql://nobody:secret@127.0.0.1:1/none"
                        : "sqlite:///" + dir_.file("absent/none.db");
    engine::RunRequest r;
    r.offline = true;
    r.target = "base:head";
    engine::RunResult sql = engine::upgrade(project_, r);
    EXPECT_NE(sql.sql.find("CREATE TABLE"), std::string::npos);
    EXPECT_NE(sql.sql.find("a1a1a1a1a1a1"), std::string::npos);
    EXPECT_TRUE(sql.steps.empty());
    EXPECT_FALSE(fs::exists(dir_.file("absent")));
    project_.url.clear();
    try {
        engine::upgrade(project_, r);
        FAIL() << "offline SQL needs a dialect";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("dialect"), std::string::npos);
    }
    r.dialect = GetParam();
    EXPECT_EQ(engine::upgrade(project_, r).sql, sql.sql);
    EXPECT_THROW(engine::current(project_), UsageError);  // no URL for an online command
}

TEST_P(LibraryApiTest, ReflectReadsTheLiveSchemaBack) {
    models_ = users_model(true);
    autogenerate("a1a1a1a1a1a1", "create users");
    upgrade();
    engine::ReflectRequest r;
    engine::ReflectResult yaml = engine::reflect(project_, r);
    ASSERT_EQ(yaml.schema.metadata.tables.size(), 1u);  // the version table is left out
    const orm::Table& users = yaml.schema.metadata.tables[0];
    EXPECT_EQ(users.name, "users");
    EXPECT_EQ(users.columns.size(), 3u);
    EXPECT_NE(yaml.text.find("ix_users_email"), std::string::npos);
    // The reflected models are the models: comparing them with the database finds nothing.
    const orm::MetaData reflected = yaml.schema.metadata;
    project_.models = [reflected] { return reflected; };
    EXPECT_TRUE(engine::check(project_, {}).empty());

    r.format = engine::ModelFormat::kCpp;
    r.function = "app_schema";
    r.output = dir_.file("schema.cpp");
    engine::ReflectResult cpp = engine::reflect(project_, r);
    EXPECT_NE(cpp.text.find("app_schema"), std::string::npos);
    EXPECT_EQ(read_file(r.output), cpp.text);
    EXPECT_THROW(engine::reflect(project_, r), UsageError);  // exists; no force
    r.force = true;
    EXPECT_NO_THROW(engine::reflect(project_, r));
}

TEST_P(LibraryApiTest, CreateAllAndDropAllTouchOnlyTheModelsTables) {
    models_ = users_model(false);
    autogenerate("a1a1a1a1a1a1", "create users");
    upgrade();
    project_.models = [] { return notes_model(); };
    engine::CreateAllResult created = engine::create_all(project_);
    EXPECT_EQ(created.created, std::vector<std::string>{"notes"});
    EXPECT_TRUE(tables().count("notes"));
    EXPECT_EQ(engine::create_all(project_).existing, std::vector<std::string>{"notes"});

    engine::DropAllRequest refuse;
    refuse.confirm = [](const std::vector<std::string>&) { throw UsageError("no"); };
    EXPECT_THROW(engine::drop_all(project_, refuse), UsageError);
    EXPECT_TRUE(tables().count("notes"));
    std::vector<std::string> asked;
    engine::DropAllRequest yes;
    yes.confirm = [&asked](const std::vector<std::string>& t) { asked = t; };
    engine::DropAllResult dropped = engine::drop_all(project_, yes);
    EXPECT_EQ(asked, std::vector<std::string>{"notes"});
    EXPECT_EQ(dropped.dropped, std::vector<std::string>{"notes"});
    EXPECT_FALSE(tables().count("notes"));
    EXPECT_TRUE(tables().count("users"));
    EXPECT_TRUE(tables().count("migrate_version"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, LibraryApiTest, ::testing::ValuesIn(test_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
