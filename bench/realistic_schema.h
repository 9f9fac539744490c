#pragma once

// The schema both benchmark programs compare and write: `n` tables of ten mixed columns with
// defaults, a CHECK, a unique constraint, an index, and a foreign key to the table before.

#include <optional>
#include <string>

#include "orm/schema/metadata.h"

namespace migrate::bench {

inline orm::MetaData realistic(int n) {
    orm::MetaData md;
    for (int i = 0; i < n; ++i) {
        const std::string name = "bench_" + std::to_string(i);
        orm::Table t;
        t.name = name;
        auto col = [&](const std::string& c, orm::SqlType type, bool nullable,
                       std::optional<std::string> def = std::nullopt) {
            orm::Column column{c, type, nullable};
            column.server_default = def;
            t.columns.push_back(column);
        };
        col("id", orm::SqlType::integer(), false);
        col("name", orm::SqlType::string(80), false);
        col("email", orm::SqlType::string(120), true);
        col("created_at", orm::SqlType::datetime(false), false, "CURRENT_TIMESTAMP");
        col("active", orm::SqlType(orm::TypeKind::kBoolean), false, "true");
        col("score", orm::SqlType::numeric(10, 2), false, "0");
        col("notes", orm::SqlType(orm::TypeKind::kText), true);
        col("kind", orm::SqlType::string(20), false, "'basic'");
        col("hits", orm::SqlType(orm::TypeKind::kBigInteger), false, "0");
        col("parent_id", orm::SqlType::integer(), true);
        t.primary_key.columns = {"id"};
        t.unique_constraints.push_back({"uq_" + name + "_email", {"email"}});
        t.checks.push_back({"ck_" + name + "_score", "score >= 0"});
        t.indexes.push_back({"ix_" + name + "_name", {{"name", false}}});
        if (i > 0)
            t.foreign_keys.push_back({"fk_" + name + "_parent",
                                      {"parent_id"},
                                      "",
                                      "bench_" + std::to_string(i - 1),
                                      {"id"}});
        md.tables.push_back(t);
    }
    return md;
}

}  // namespace migrate::bench
