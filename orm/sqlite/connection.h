#pragma once

/// A connection to one SQLite database file (or an in-memory database).
///
/// Opens with foreign-key enforcement on and a busy timeout, so that a second writer waits
/// instead of failing at once. Every error carries the statement and SQLite's extended
/// result code. A borrowed handle (an application's own `sqlite3*`) is used as it is.

#include <memory>
#include <string>

#include "orm/dialect.h"

struct sqlite3;

namespace migrate::orm::sqlite {

class SqliteConnection : public Connection {
  public:
    /// Opens `url`. Throws ConnectionError when the file cannot be opened.
    SqliteConnection(const Dialect& dialect, const DatabaseUrl& url);
    /// Works on the application's open handle `db` without taking it over: it is not closed
    /// here, and its settings stay as they were, except that foreign keys are enforced while
    /// this object lives (as on a connection the tool opens) and set back afterwards. Throws
    /// UsageError when `db` is null or inside an open transaction.
    SqliteConnection(const Dialect& dialect, sqlite3* db);
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
    std::string display_name() const override { return display_name_; }
    std::string database_file() const override { return path_; }

  private:
    /// Throws DatabaseError for the last failure; `script_index` (1-based) names the
    /// statement's place in a script, 0 outside one.
    [[noreturn]] void fail(const std::string& sql, size_t script_index = 0) const;

    const Dialect& dialect_;
    std::string path_;  // empty for an in-memory database
    std::string display_name_;
    sqlite3* db_ = nullptr;
    bool owned_ = true;
    bool restore_foreign_keys_off_ = false;  // a borrowed handle had them off
};

}  // namespace migrate::orm::sqlite
