#pragma once

/// Errors of the migration engine, each with its exit code (DESIGN.md section 7).

#include <exception>
#include <string>
#include <vector>

#include "orm/error.h"

namespace migrate::engine {

/// What a failed migration knows of the database's refusal: the statement, the code and its
/// portable category (see DatabaseError). All empty / kOther when no statement failed (a
/// revision the dialect cannot run, a foreign-key check, a lost lock).
struct DatabaseCause {
    std::string sql;
    std::string sqlstate;
    ErrorCategory category = ErrorCategory::kOther;

    /// What `error` carries when it is a DatabaseError; empty otherwise.
    static DatabaseCause of(const std::exception& error) {
        const auto* db = dynamic_cast<const DatabaseError*>(&error);
        if (!db) return {};
        return {db->sql(), db->sqlstate(), db->category()};
    }
};

/// A migration failed and was rolled back (exit 4). The message names the revision, the
/// operation, the SQL and the database's message; the fields carry them for a program:
///   revision()   the id of the revision that failed (the last of the transaction, when its
///                COMMIT failed).
///   operation()  the operation's name as in revision files ("create_table", "sql", ...), or
///                "version table" (recording the revision failed), "commit" (the foreign-key
///                check or COMMIT failed), "lock" (the migration lock was lost).
///   sql()        the statement that failed, in full; empty when none did.
///   sqlstate()   PostgreSQL's SQLSTATE ("23505") or SQLite's extended result code in decimal
///                ("2067"); empty when no statement failed.
///   category()   the portable kind of failure (unique violation, not-null violation, ...).
class MigrationError : public Error {
  public:
    MigrationError(const std::string& message, std::string revision, std::string operation,
                   DatabaseCause cause = {})
        : Error(message, exit_code::kMigrationFailed),
          revision_(std::move(revision)),
          operation_(std::move(operation)),
          cause_(std::move(cause)) {}
    const std::string& revision() const { return revision_; }
    const std::string& operation() const { return operation_; }
    const std::string& sql() const { return cause_.sql; }
    const std::string& sqlstate() const { return cause_.sqlstate; }
    ErrorCategory category() const { return cause_.category; }

  private:
    std::string revision_;
    std::string operation_;
    DatabaseCause cause_;
};

/// Revisions applied to the database whose files changed since (their checksums differ from
/// the version table's): `upgrade` and `downgrade` refuse to run unless told to allow it
/// (exit 2). A program that embeds its revisions catches it to refuse to start.
class ChangedRevisionError : public InputError {
  public:
    ChangedRevisionError(SourceLocation where, const std::string& message,
                         std::vector<std::string> revisions)
        : InputError(std::move(where), message), revisions_(std::move(revisions)) {}
    /// The changed revisions' ids (at least one).
    const std::vector<std::string>& revisions() const { return revisions_; }

  private:
    std::vector<std::string> revisions_;
};

/// Another runner held the lock for longer than `--lock-timeout` (exit 5). The message says
/// who holds it (PostgreSQL: pid, application name, since when; SQLite: what the lock file
/// says).
class LockTimeoutError : public Error {
  public:
    explicit LockTimeoutError(const std::string& message)
        : Error(message, exit_code::kLockTimeout) {}
};

/// The migration lock is no longer held (its connection dropped, or the server ended its
/// session): the run must stop and roll back (exit 4).
class LockLostError : public Error {
  public:
    explicit LockLostError(const std::string& message)
        : Error(message, exit_code::kMigrationFailed) {}
};

}  // namespace migrate::engine
