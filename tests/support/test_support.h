#pragma once

/// Helpers shared by the test suites: temporary folders, the shared corpus, running the
/// `migrate` binary.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace migrate::test {

/// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

/// `../shared/corpus` (or `$MIGRATE_CORPUS`), if it exists.
std::optional<std::filesystem::path> corpus_dir();

struct CorpusSchema {
    std::string name;
    std::string dialect;
    std::vector<std::string> files;  // absolute paths, in load order
    std::string needs;
    std::string scope;
    std::string notes;
};

/// The rows of the corpus's manifest.tsv for `dialect`.
std::vector<CorpusSchema> corpus_schemas(const std::string& dialect);

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the `migrate` binary with `args` in `cwd`, with extra `env` assignments
/// ("NAME=value"; "NAME=" unsets), and no standard input.
CommandResult run_migrate(const std::vector<std::string>& args, const std::string& cwd,
                          const std::vector<std::string>& env = {});

/// Starts several `migrate` runs at once (same cwd and env) and waits for all of them. Run i
/// starts after `delays_ms[i]` milliseconds, when given.
std::vector<CommandResult> run_migrate_concurrently(
    const std::vector<std::vector<std::string>>& runs, const std::string& cwd,
    const std::vector<std::string>& env = {}, const std::vector<int>& delays_ms = {});

}  // namespace migrate::test

#include <memory>

#include "orm/dialect.h"

namespace migrate::test {

/// A database of its own for one test: a SQLite file in a temporary folder (PostgreSQL: a
/// fresh database on the test server). Dropped on destruction.
class TestDatabase {
  public:
    virtual ~TestDatabase() = default;
    virtual std::string url() const = 0;
    std::unique_ptr<orm::Connection> connect() const {
        return orm::connect(orm::DatabaseUrl::parse(url()));
    }
};

std::unique_ptr<TestDatabase> make_test_database(const std::string& dialect);

/// Loads corpus schema `s` into `db` as its authors meant it to be loaded: psql for PostgreSQL
/// dumps (COPY, psql settings), the SQLite library for SQLite scripts. A failure is a fatal test
/// failure naming the file and psql's message (kept in `scratch_dir`).
void load_corpus_schema(const CorpusSchema& s, const TestDatabase& db,
                        const std::string& scratch_dir);

/// The dialects the dialect suites run on.
std::vector<std::string> test_dialects();

/// Why tests of `dialect` cannot run here, or nullopt when they can. Under CI this is always
/// nullopt: a missing PostgreSQL server must fail the run, not skip it.
std::optional<std::string> dialect_unavailable(const std::string& dialect);

/// `$MIGRATE_TEST_PG_URL`: the test server's admin URL, set by scripts/test.sh.
std::optional<std::string> postgres_server_url();

/// True when `CI=true`.
bool running_in_ci();

}  // namespace migrate::test

/// Skips the current test, saying why, when `dialect` cannot be tested here.
#define MIGRATE_SKIP_UNLESS_AVAILABLE(dialect)                                              \
    do {                                                                                    \
        if (auto why = ::migrate::test::dialect_unavailable(dialect)) GTEST_SKIP() << *why; \
    } while (false)

namespace migrate::test {
/// Test names show the schema's name rather than its bytes.
inline void PrintTo(const CorpusSchema& s, std::ostream* os) { *os << s.name; }
}  // namespace migrate::test
