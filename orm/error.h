#pragma once

/// The error family every layer throws, each carrying the process exit code.
///
/// One root (`migrate::Error`) so that `main()` has a single catch. Expected outcomes
/// (no difference, table absent) are return values, never exceptions. Messages say what
/// happened, where, and what to do next; they never contain a password.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace migrate {

/// Process exit codes of DESIGN.md section 7.
namespace exit_code {
constexpr int kOk = 0;
constexpr int kDifferences = 1;
constexpr int kUsage = 2;
constexpr int kDatabase = 3;
constexpr int kMigrationFailed = 4;
constexpr int kLockTimeout = 5;
}  // namespace exit_code

class Error : public std::runtime_error {
  public:
    Error(const std::string& message, int exit_code)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

  private:
    int exit_code_;
};

/// Bad command line, unknown command or option value.
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message) : Error(message, exit_code::kUsage) {}
};

/// A position in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;

    /// "file:line:column", or as much of it as is known.
    std::string str() const;
};

/// A malformed input file (model, revision, configuration): names file, line and column.
class InputError : public Error {
  public:
    InputError(SourceLocation where, const std::string& what);
    const SourceLocation& where() const { return where_; }
    const std::string& what_only() const { return what_; }

  private:
    SourceLocation where_;
    std::string what_;
};

/// A statement the database refused, or a failure talking to it.
///
/// `sql` is the statement (empty when the failure is not tied to one); `sqlstate` is the
/// PostgreSQL SQLSTATE or the SQLite extended result code in decimal.
class DatabaseError : public Error {
  public:
    DatabaseError(const std::string& message, std::string sql = {}, std::string sqlstate = {})
        : Error(message, exit_code::kDatabase),
          sql_(std::move(sql)),
          sqlstate_(std::move(sqlstate)) {}
    const std::string& sql() const { return sql_; }
    const std::string& sqlstate() const { return sqlstate_; }

  private:
    std::string sql_;
    std::string sqlstate_;
};

/// The database cannot be reached or opened at all (bad host, password, missing file).
class ConnectionError : public DatabaseError {
  public:
    explicit ConnectionError(const std::string& message) : DatabaseError(message) {}
};

}  // namespace migrate
