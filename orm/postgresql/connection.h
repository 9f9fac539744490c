#pragma once

/// A connection to a PostgreSQL database over libpqxx.
///
/// URL query options are passed to libpq as they are (sslmode, connect_timeout,
/// application_name, ...), except `statement_timeout` and `lock_timeout`, which become
/// session settings. Errors carry the statement, the SQLSTATE and the server's message; a
/// lost connection is a ConnectionError. No message ever contains the password.

#include <memory>
#include <string>

#include "orm/dialect.h"

namespace pqxx {
class connection_base;
}

namespace migrate::orm::postgresql {

class PgConnection : public Connection {
  public:
    /// Connects. Throws ConnectionError with a one-line reason (wrong password, unreachable
    /// host, missing database) and the URL with its password masked.
    PgConnection(const Dialect& dialect, const DatabaseUrl& url);
    /// Works on the application's open libpqxx connection without taking it over: it stays
    /// open, and this object changes no session setting. Throws UsageError when a transaction
    /// is open on it (a libpqxx transaction object, or a BEGIN the server is inside).
    PgConnection(const Dialect& dialect, pqxx::connection_base& borrowed);
    ~PgConnection() override;

    const Dialect& dialect() const override { return dialect_; }
    void execute(const std::string& sql) override;
    ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    bool in_transaction() const override;
    std::string display_name() const override { return printable_url_; }

    /// Sets `statement_timeout` / `lock_timeout` for the session, in milliseconds (0: none).
    void set_timeouts(int statement_ms, int lock_ms);
    /// The server's process id for this session.
    int backend_pid() const;

  private:
    ResultSet run(const std::string& sql, const std::vector<Value>& params);

    const Dialect& dialect_;
    std::string printable_url_;
    struct Session;  // holds (or borrows) the pqxx connection; keeps pqxx out of this header
    std::unique_ptr<Session> session_;
    bool in_transaction_ = false;
};

/// libpq's keyword/value connection string for `url` (password included: never print it).
std::string connection_string(const DatabaseUrl& url);

/// Rewrites `?` placeholders outside quotes and comments to `$1`, `$2`, ...
std::string number_placeholders(const std::string& sql);

}  // namespace migrate::orm::postgresql
