#pragma once

/// One column of a table, as declared in a model or reflected from a database.
///
/// Keys, uniqueness, indexes and foreign keys live on the Table, even when a model file
/// writes them as column shorthands (`primary_key: true`, `unique: true`, `foreign_key:`):
/// one place holds each fact, so comparing two schemas never meets two spellings of it.

#include <optional>
#include <string>
#include <tuple>

#include "orm/schema/types.h"

namespace migrate::orm {

/// `kAuto`: the dialect's usual behaviour for a single integer primary key (SQLite rowid
/// alias, PostgreSQL identity); `kTrue`: ask for it explicitly (SQLite `AUTOINCREMENT`);
/// `kFalse`: never.
enum class Autoincrement { kAuto, kTrue, kFalse };

struct Column {
    std::string name;
    SqlType type;
    bool nullable = true;
    Autoincrement autoincrement = Autoincrement::kAuto;
    /// SQL text as it follows DEFAULT (`0`, `'draft'`, `CURRENT_TIMESTAMP`).
    std::optional<std::string> server_default;
    std::optional<std::string> comment;
    /// Rename hint for autogenerate; not part of the schema itself.
    std::string renamed_from;

    auto tie() const {
        return std::tie(name, type, nullable, autoincrement, server_default, comment, renamed_from);
    }
    bool operator==(const Column& o) const { return tie() == o.tie(); }
    bool operator!=(const Column& o) const { return !(*this == o); }
};

}  // namespace migrate::orm
