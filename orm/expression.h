#pragma once

/// A canonical spelling of SQL expression text (defaults, CHECK conditions, index expressions
/// and predicates, generated columns), so that two spellings the database treats alike compare
/// equal without asking it: white space, keyword and unquoted identifier case, needless
/// identifier quotes, redundant parentheses, the casts PostgreSQL adds to literals, and
/// synonyms such as `now()` and `CURRENT_TIMESTAMP`.
///
/// A small tokenizer, linear in the text: no regular expressions, no recursion per character.
/// Text it cannot tokenize (an unterminated quote) is returned trimmed, as it is.

#include <string>
#include <string_view>

namespace migrate::orm {

/// The canonical form of `text`.
std::string canonical_expression(std::string_view text);

}  // namespace migrate::orm
