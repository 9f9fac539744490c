#pragma once

/// Where PostgreSQL statements begin and end in a script, without a server.
///
/// The rule is psql's (its lexer decides when a statement is whole): a `;` ends a statement
/// unless it is inside quotes ('...', E'...' with backslash escapes, "..."), a dollar-quoted
/// body ($$...$$, $tag$...$tag$), a comment (-- and nested /* */), parentheses, or the
/// BEGIN ... END body of CREATE [OR REPLACE] FUNCTION / PROCEDURE (BEGIN ATOMIC). Offline
/// `--sql` output piped into psql is therefore split exactly as the online run splits it. One
/// pass, no recursion: any input length is safe. Assumes standard_conforming_strings = on (the
/// default since PostgreSQL 9.1).

#include <string>
#include <string_view>
#include <vector>

namespace migrate::orm::postgresql {

/// The statements of `script`, in order: each from its first token to its last one, without
/// the terminating `;`; comments inside a statement are kept, comments and white space
/// between statements are not, and empty statements (`;;`) are dropped. A last statement
/// without `;` counts; an unterminated quote or comment runs to the end of the script (the
/// server then refuses that statement).
std::vector<std::string> split_statements(std::string_view script);

}  // namespace migrate::orm::postgresql
