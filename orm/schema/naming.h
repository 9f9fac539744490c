#pragma once

/// SQLAlchemy-style naming conventions: `%(table_name)s`, `%(column_0_name)s`,
/// `%(column_0_N_name)s`, `%(referred_table_name)s`, `%(constraint_name)s`.

#include <string>
#include <vector>

#include "orm/schema/metadata.h"

namespace migrate::orm {

/// What a convention template may refer to.
struct NamingContext {
    std::string table_name;
    std::vector<std::string> column_names;
    std::string referred_table_name;
    std::string constraint_name;
};

/// Fills `template_text` from `ctx`. Returns false and sets `*error` for an unknown token.
bool expand_naming_template(const std::string& template_text, const NamingContext& ctx,
                            std::string* out, std::string* error);

/// The longest name a convention makes: PostgreSQL's limit (63 bytes), the shortest of the
/// dialects'.
constexpr size_t kMaxGeneratedNameBytes = 63;

/// A name made by a naming convention, shortened as SQLAlchemy shortens such names when they
/// exceed the limit: the first 55 bytes, `_`, and the last 4 hex digits of the MD5 of the whole
/// name. Deterministic, so the model and the database agree on it. Names within the limit come
/// back as they are.
std::string shorten_generated_name(const std::string& name);

/// The template for `key` (ix, uq, fk, pk, ck), or nullptr.
const std::string* find_convention(const NamingConvention& conv, const std::string& key);

/// The name an index gets when none is written: the `ix` convention, else
/// `ix_<table>_<first column>` as SQLAlchemy does; shortened by shorten_generated_name.
std::string default_index_name(const NamingConvention& conv, const NamingContext& ctx);

/// The name the convention `key` (uq, fk, pk, ck) gives a constraint written without one, or
/// empty when there is no such template, it needs `%(constraint_name)s` (an unnamed
/// constraint has none) or it does not expand. Model loading and writing both use it. Long
/// names are shortened by shorten_generated_name.
std::string conventional_name(const NamingConvention& conv, const std::string& key,
                              const NamingContext& ctx);

}  // namespace migrate::orm
