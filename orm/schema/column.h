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

/// How an autoincrementing PostgreSQL column draws its values: `GENERATED ALWAYS` or
/// `BY DEFAULT AS IDENTITY`, with the sequence's start and increment when not 1.
struct Identity {
    bool always = false;
    std::optional<long long> start;
    std::optional<long long> increment;

    bool is_default() const { return !always && !start && !increment; }
    auto tie() const { return std::tie(always, start, increment); }
    bool operator==(const Identity& o) const { return tie() == o.tie(); }
    bool operator!=(const Identity& o) const { return !(*this == o); }
};

/// A generated (computed) column: `GENERATED ALWAYS AS (expression) STORED | VIRTUAL`.
/// PostgreSQL 15 has stored ones only.
struct Generated {
    std::string expression;
    bool stored = true;

    auto tie() const { return std::tie(expression, stored); }
    bool operator==(const Generated& o) const { return tie() == o.tie(); }
    bool operator!=(const Generated& o) const { return !(*this == o); }
};

struct Column {
    std::string name;
    SqlType type;
    bool nullable = true;
    Autoincrement autoincrement = Autoincrement::kAuto;
    /// SQL text as it follows DEFAULT (`0`, `'draft'`, `CURRENT_TIMESTAMP`).
    std::optional<std::string> server_default;
    std::optional<std::string> comment;
    /// Collation name (`NOCASE`, `C`, `en_US`); empty for the database's default.
    std::string collation;
    std::optional<Generated> generated;
    /// Identity options; meaningful for an autoincrementing column on PostgreSQL.
    Identity identity;
    /// Rename hint for autogenerate; not part of the schema itself.
    std::string renamed_from;

    auto tie() const {
        return std::tie(name, type, nullable, autoincrement, server_default, comment, collation,
                        generated, identity, renamed_from);
    }
    bool operator==(const Column& o) const { return tie() == o.tie(); }
    bool operator!=(const Column& o) const { return !(*this == o); }
};

}  // namespace migrate::orm
