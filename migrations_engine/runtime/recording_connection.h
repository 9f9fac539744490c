#pragma once

/// A Connection that runs nothing: it records every statement, for offline `--sql`. The
/// runner drives it exactly as it drives a real connection, so the script it yields is what
/// an online run would execute.

#include <string>
#include <vector>

#include "orm/dialect.h"

namespace migrate::engine {

class RecordingConnection : public orm::Connection {
  public:
    explicit RecordingConnection(const orm::Dialect& dialect) : dialect_(dialect) {}

    const orm::Dialect& dialect() const override { return dialect_; }
    void execute(const std::string& sql) override { record(sql); }
    orm::ResultSet query(const std::string& sql, const std::vector<orm::Value>&) override {
        record(sql);
        return {};
    }
    void begin() override {
        record("BEGIN");
        open_ = true;
    }
    void commit() override {
        record("COMMIT");
        open_ = false;
    }
    void rollback() override {
        record("ROLLBACK");
        open_ = false;
    }
    bool in_transaction() const override { return open_; }

    /// The statements, each ended by `;` and a blank line.
    const std::string& script() const { return script_; }

  private:
    // Appended to the script at once: a large bulk_insert's statements are not kept twice.
    void record(const std::string& sql) {
        note_statement(sql);
        script_ += sql;
        script_ += ";\n\n";
    }

    const orm::Dialect& dialect_;
    std::string script_;
    bool open_ = false;
};

}  // namespace migrate::engine
