#pragma once

/// Global options shared by every command, and what they resolve to: the database URL,
/// the models path, output settings.

#include <memory>
#include <string>
#include <vector>

#include "orm/dialect.h"
#include "orm/schema/metadata.h"

namespace migrate::cli {

enum class Format { kText, kJson };

struct GlobalOptions {
    std::string url;
    std::string models;
    std::vector<std::string> extra;  // -x key=value
    bool quiet = false;
    bool verbose = false;
    bool echo = false;
    std::string format = "text";
    bool no_color = false;
};

class Context {
  public:
    explicit Context(const GlobalOptions& options) : options_(options) {}

    /// `--url`, else `$MIGRATE_URL`, else `$DATABASE_URL`. Throws UsageError when none is set.
    orm::DatabaseUrl database_url() const;
    /// Opens the database (read-only commands pass `must_exist`), echoing SQL if asked.
    std::unique_ptr<orm::Connection> connect(bool must_exist) const;
    /// `--models`, default `models.yaml`.
    std::string models_path() const;
    orm::MetaData load_models() const;

    Format format() const;
    bool quiet() const { return options_.quiet; }
    bool verbose() const { return options_.verbose; }
    bool color() const;

    /// An informational line on standard output, unless `-q`.
    void info(const std::string& line) const;

  private:
    const GlobalOptions& options_;
};

}  // namespace migrate::cli
