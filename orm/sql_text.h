#pragma once

/// Small helpers for SQL text the databases hand back (index definitions, CHECK clauses):
/// finding matching parentheses and splitting lists, with quotes respected.

#include <string>
#include <vector>

namespace migrate::orm {

/// Position of the ')' matching the '(' at `open`, skipping '...' and "..." quotes;
/// std::string::npos when unbalanced.
size_t matching_paren(const std::string& text, size_t open);

/// Splits `text` at commas outside parentheses and quotes; pieces are trimmed.
std::vector<std::string> split_top_level(const std::string& text);

/// `text` without surrounding white space.
std::string trim_copy(const std::string& text);

/// `text` split at every `sep` (quotes are not special), each piece trimmed; a trailing `sep`
/// gives a last, empty piece. For names such as `schema.table.column` and `a, b`.
std::vector<std::string> split_trimmed(const std::string& text, char sep);

/// Whether `parts` is not empty and none of them is.
bool all_non_empty(const std::vector<std::string>& parts);

/// The items with `separator` between them: {"a", "b"} -> "a, b".
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

}  // namespace migrate::orm
