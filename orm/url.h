#pragma once

/// Database URLs: `sqlite:///relative.db`, `sqlite:////absolute.db`, `sqlite:///:memory:`,
/// `postgresql://user:password@host:port/db?sslmode=require`.
///
/// The password is held only for connecting: `str()` masks it, and nothing in the tool
/// prints a URL any other way.

#include <map>
#include <optional>
#include <string>

namespace migrate::orm {

class DatabaseUrl {
  public:
    /// Parses `text`. Throws UsageError (exit 2) naming what is wrong, with the password
    /// masked in the message.
    static DatabaseUrl parse(const std::string& text);

    /// "sqlite" or "postgresql".
    const std::string& dialect() const { return dialect_; }
    /// SQLite: file path (relative to the working directory), or ":memory:". A URL with no
    /// path (`sqlite://`, `sqlite:///`) is an error, not a database in memory.
    const std::string& path() const { return path_; }
    const std::string& user() const { return user_; }
    const std::optional<std::string>& password() const { return password_; }
    const std::string& host() const { return host_; }
    std::optional<int> port() const { return port_; }
    const std::string& database() const { return database_; }
    /// Query options (`sslmode`, `connect_timeout`, `application_name`, ...), decoded.
    const std::map<std::string, std::string>& options() const { return options_; }

    bool is_memory() const { return dialect_ == "sqlite" && path_ == ":memory:"; }

    /// Whether connecting may create a database file that does not exist (SQLite; true by
    /// default). Commands that only read connect through `must_exist()`: a missing file is
    /// then a ConnectionError (exit 3) "no such database file", and nothing is created.
    bool creates_missing() const { return creates_missing_; }
    /// This URL, opened without ever creating the database.
    DatabaseUrl must_exist() const {
        DatabaseUrl copy = *this;
        copy.creates_missing_ = false;
        return copy;
    }

    /// The printable form, with the password replaced by `***`.
    std::string str() const;

  private:
    std::string dialect_;
    std::string path_;
    std::string user_;
    std::optional<std::string> password_;
    std::string host_;
    std::optional<int> port_;
    std::string database_;
    std::map<std::string, std::string> options_;
    bool creates_missing_ = true;
};

/// Replaces the password of anything URL-shaped in `text` (`scheme://user:secret@`) with
/// `***`. Used on messages that may quote a URL the user typed.
std::string mask_passwords(const std::string& text);

}  // namespace migrate::orm
