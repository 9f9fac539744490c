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

/// What kind of failure a database error is, the same on every dialect, so that a program
/// can branch on it without knowing PostgreSQL's SQLSTATEs or SQLite's result codes.
/// `kOther` when the code says nothing more specific (or there is none).
enum class ErrorCategory {
    kOther,
    kUniqueViolation,      // PostgreSQL 23505; SQLite 2067 (UNIQUE), 1555 (PRIMARYKEY)
    kForeignKeyViolation,  // PostgreSQL 23503; SQLite 787
    kNotNullViolation,     // PostgreSQL 23502; SQLite 1299
    kCheckViolation,       // PostgreSQL 23514; SQLite 275
    kUndefinedObject,      // PostgreSQL 42P01, 42703, 42704, 42883, 3F000; SQLite "no such ..."
    kDuplicateObject,      // PostgreSQL 42P07, 42701, 42710, 42723, 42P06; SQLite "already exists"
    kPermission,           // PostgreSQL 42501; SQLite 3 (PERM), 23 (AUTH), 8 (READONLY, ...)
    // Connection failures (ConnectionError):
    kAuthentication,   // PostgreSQL class 28 (28P01 wrong password, 28000 no such role / no
                       // pg_hba.conf entry), or a password the server wants and did not get
    kMissingDatabase,  // PostgreSQL 3D000; a SQLite file that does not exist
    kUnreachable,      // no server answered (refused, unknown host, timeout), or the
                       // connection was lost
};

/// The category's name in snake_case ("unique_violation", "missing_database", ...).
const char* to_string(ErrorCategory category);

/// The category of a PostgreSQL SQLSTATE (five characters); kOther for codes not listed above.
ErrorCategory category_of_sqlstate(const std::string& sqlstate);

/// A statement the database refused, or a failure talking to it.
///
/// Contract of the fields, for a program that branches on them:
///   sql()       the statement that failed, in full (the message shows it shortened); empty
///               when the failure is not tied to one.
///   sqlstate()  PostgreSQL's SQLSTATE ("23505"), or SQLite's extended result code in decimal
///               ("2067" for SQLITE_CONSTRAINT_UNIQUE); empty when the database gave none.
///   category()  the portable kind of failure, derived from either dialect's code.
class DatabaseError : public Error {
  public:
    DatabaseError(const std::string& message, std::string sql = {}, std::string sqlstate = {},
                  ErrorCategory category = ErrorCategory::kOther)
        : Error(message, exit_code::kDatabase),
          sql_(std::move(sql)),
          sqlstate_(std::move(sqlstate)),
          category_(category) {}
    const std::string& sql() const { return sql_; }
    const std::string& sqlstate() const { return sqlstate_; }
    ErrorCategory category() const { return category_; }

  private:
    std::string sql_;
    std::string sqlstate_;
    ErrorCategory category_;
};

/// The database cannot be reached or opened at all (bad host, password, missing file), or the
/// connection was lost. Exit 3.
///
/// category() is kAuthentication, kMissingDatabase or kUnreachable when the failure is known
/// to be one of those, kOther otherwise. sqlstate() is the server's SQLSTATE when the server
/// answered with one (28P01 wrong password, 28000 unknown role or no pg_hba.conf entry, 3D000
/// missing database, 53300 too many connections), empty when no server answered or the
/// database is a SQLite file. libpq hands a refused connection's SQLSTATE over only inside
/// its message, so on PostgreSQL both are recognised from the server's message, which must be
/// in English (the server's `lc_messages`; the default of a cluster initialised in the C or an
/// English locale). The message never contains a password.
class ConnectionError : public DatabaseError {
  public:
    explicit ConnectionError(const std::string& message,
                             ErrorCategory category = ErrorCategory::kOther,
                             std::string sqlstate = {})
        : DatabaseError(message, {}, std::move(sqlstate), category) {}
};

}  // namespace migrate
