#pragma once

/// Errors of the migration engine, each with its exit code (DESIGN.md section 7).

#include <string>
#include <vector>

#include "orm/error.h"

namespace migrate::engine {

/// A migration failed and was rolled back (exit 4). Names the revision, the operation, the
/// SQL and the database's message.
class MigrationError : public Error {
  public:
    MigrationError(const std::string& message, std::string revision, std::string operation)
        : Error(message, exit_code::kMigrationFailed),
          revision_(std::move(revision)),
          operation_(std::move(operation)) {}
    const std::string& revision() const { return revision_; }
    const std::string& operation() const { return operation_; }

  private:
    std::string revision_;
    std::string operation_;
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

/// Another runner held the lock for longer than `--lock-timeout` (exit 5).
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
