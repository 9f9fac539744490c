#pragma once

/// A connection to one SQLite database file (or an in-memory database).
///
/// Opens with foreign-key enforcement on and a busy timeout, so that a second writer waits
/// instead of failing at once. Every error carries the statement and SQLite's extended
/// result code.

#include <memory>
#include <string>

#include "orm/dialect.h"

struct sqlite3;

namespace migrate::orm::sqlite {

class SqliteConnection : public Connection {
  public:
    /// Opens `url`. Throws ConnectionError when the file cannot be opened.
    SqliteConnection(const Dialect& dialect, const DatabaseUrl& url);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    const Dialect& dialect() const override { return dialect_; }
    void execute(const std::string& sql) override;
    void execute_script(const std::string& sql) override;
    ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    bool in_transaction() const override;

    void set_busy_timeout_ms(int ms);
    const std::string& path() const { return path_; }

  private:
    /// Throws DatabaseError for the last failure; `script_index` (1-based) names the
    /// statement's place in a script, 0 outside one.
    [[noreturn]] void fail(const std::string& sql, size_t script_index = 0) const;

    const Dialect& dialect_;
    std::string path_;
    sqlite3* db_ = nullptr;
};

}  // namespace migrate::orm::sqlite
