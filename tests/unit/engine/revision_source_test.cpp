// Revision sources: an embedded (in-memory) set reads as the same folder does, with the same
// checksums, and upgrade_at_startup() runs it under the CLI's version table and refuses an
// embedded revision edited after it was applied with a typed error.

#include "migrations_engine/script/revision_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/startup.h"
#include "migrations_engine/script/revision_file.h"
#include "migrations_engine/script/script_directory.h"
#include "orm/url.h"
#include "tests/support/test_support.h"

namespace migrate::engine {
namespace {

const char* const kFirst =
    "# create notes\r\n"
    "revision: a1b2c3d4e5f6\r\n"
    "down_revision: null\r\n"
    "message: create notes\r\n"
    "upgrade:\r\n"
    "  - create_table:\r\n"
    "      name: notes\r\n"
    "      columns:\r\n"
    "        id: {type: Integer, primary_key: true}\r\n"
    "        title: {type: String(200), nullable: false}\r\n"
    "downgrade:\r\n"
    "  - drop_table: {name: notes}\r\n";

const char* const kSecond =
    "revision: b2c3d4e5f6a7\n"
    "down_revision: a1b2c3d4e5f6\n"
    "message: add body\n"
    "upgrade:\n"
    "  - add_column: {table: notes, column: {name: body, type: Text}}\n"
    "downgrade:\n"
    "  - drop_column: {table: notes, column: body}\n";

std::vector<MemoryRevisionSource::File> files(const std::string& first = kFirst) {
    // Out of order on purpose: the source sorts by name.
    return {{"b2c3d4e5f6a7_add_body.yaml", kSecond}, {"a1b2c3d4e5f6_create_notes.yaml", first}};
}

std::shared_ptr<const RevisionSource> embedded(const std::string& first = kFirst) {
    return std::make_shared<MemoryRevisionSource>(files(first));
}

// A project folder holding the same files as embedded().
void write_project(const test::TempDir& dir) {
    std::filesystem::create_directories(dir.path() / "migrations" / "versions");
    for (const auto& f : files())
        test::write_file(dir.file("migrations/versions/" + f.name), f.bytes);
}

TEST(RevisionSourceTest, MemorySourceListsSortedNamesWithItsPrefix) {
    MemoryRevisionSource source(files());
    EXPECT_EQ(source.list(), (std::vector<std::string>{"embedded:a1b2c3d4e5f6_create_notes.yaml",
                                                       "embedded:b2c3d4e5f6a7_add_body.yaml"}));
    EXPECT_EQ(source.read("embedded:b2c3d4e5f6a7_add_body.yaml"), kSecond);
    EXPECT_THROW(source.read("b2c3d4e5f6a7_add_body.yaml"), InputError);
    EXPECT_TRUE(source.writable_dir().empty());
}

TEST(RevisionSourceTest, EmbeddedAndFolderGiveTheSameGraphAndChecksums) {
    test::TempDir dir;
    write_project(dir);
    ScriptDirectory on_disk(dir.file("migrations"));
    ScriptDirectory in_memory(embedded());
    const RevisionGraph disk_graph = on_disk.load_graph();
    const RevisionGraph memory_graph = in_memory.load_graph();
    ASSERT_EQ(memory_graph.heads(), disk_graph.heads());
    for (const auto& h : disk_graph.revisions()) {
        const RevisionHeader& m = memory_graph.get(h.id);
        EXPECT_EQ(m.down_revisions, h.down_revisions);
        EXPECT_EQ(revision_checksum(m), revision_checksum(h.path)) << h.id;
        EXPECT_EQ(read_revision_file(m).upgrade, read_revision_file(h.path).upgrade) << h.id;
    }
    // CRLF is read as LF, as for a file checked out with other line endings.
    std::string lf = kFirst;
    for (size_t p; (p = lf.find('\r')) != std::string::npos;) lf.erase(p, 1);
    EXPECT_EQ(revision_checksum_of_bytes(lf), revision_checksum(memory_graph.get("a1b2c3d4e5f6")));
}

TEST(RevisionSourceTest, AnEmbeddedSetTakesNoNewRevisionFiles) {
    ScriptDirectory in_memory(embedded());
    NewRevision rev;
    rev.id = "c3d4e5f6a7b8";
    rev.down_revisions = {"b2c3d4e5f6a7"};
    rev.message = "more";
    EXPECT_THROW(in_memory.write_revision(rev, in_memory.load_graph()), UsageError);
}

TEST(StartupUpgradeTest, UpgradesOnceThenDoesNothing) {
    test::TempDir dir;
    const std::string url = "sqlite:///" + dir.file("app.db");
    StartupResult first = upgrade_at_startup(url, embedded());
    ASSERT_EQ(first.steps.size(), 2u);
    EXPECT_EQ(first.steps[0].revision, "a1b2c3d4e5f6");
    EXPECT_EQ(first.heads, std::vector<std::string>{"b2c3d4e5f6a7"});
    StartupResult second = upgrade_at_startup(url, embedded());
    EXPECT_TRUE(second.steps.empty());
    EXPECT_EQ(second.heads, std::vector<std::string>{"b2c3d4e5f6a7"});
}

TEST(StartupUpgradeTest, ADatabaseUpgradedFromTheFolderIsUpToDateForTheEmbeddedSet) {
    test::TempDir dir;
    write_project(dir);
    const std::string url = "sqlite:///" + dir.file("app.db");
    Runner(ScriptDirectory(dir.file("migrations")), "migrate_version", {})
        .upgrade(orm::DatabaseUrl::parse(url), "head");
    EXPECT_TRUE(upgrade_at_startup(url, embedded()).steps.empty());
}

TEST(StartupUpgradeTest, AnEmbeddedRevisionEditedAfterItWasAppliedIsATypedError) {
    test::TempDir dir;
    const std::string url = "sqlite:///" + dir.file("app.db");
    upgrade_at_startup(url, embedded());
    std::string edited = kFirst;
    edited.replace(edited.find("String(200)"), 11, "String(300)");
    try {
        upgrade_at_startup(url, embedded(edited));
        FAIL() << "an edited revision was accepted";
    } catch (const ChangedRevisionError& e) {
        EXPECT_EQ(e.revisions(), std::vector<std::string>{"a1b2c3d4e5f6"});
        EXPECT_EQ(e.where().file, "embedded:a1b2c3d4e5f6_create_notes.yaml");
        EXPECT_EQ(e.exit_code(), exit_code::kUsage);
    }
    StartupOptions allow;
    allow.run.allow_changed = true;
    EXPECT_TRUE(upgrade_at_startup(url, embedded(edited), allow).steps.empty());
}

}  // namespace
}  // namespace migrate::engine
