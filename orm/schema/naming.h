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

/// The template for `key` (ix, uq, fk, pk, ck), or nullptr.
const std::string* find_convention(const NamingConvention& conv, const std::string& key);

/// The name an index gets when none is written: the `ix` convention, else
/// `ix_<table>_<first column>` as SQLAlchemy does.
std::string default_index_name(const NamingConvention& conv, const NamingContext& ctx);

/// The name the convention `key` (uq, fk, pk, ck) gives a constraint written without one, or
/// empty when there is no such template, it needs `%(constraint_name)s` (an unnamed
/// constraint has none) or it does not expand. Model loading and writing both use it.
std::string conventional_name(const NamingConvention& conv, const std::string& key,
                              const NamingContext& ctx);

}  // namespace migrate::orm
