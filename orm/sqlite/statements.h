#pragma once

/// Where SQLite statements begin and end in a script, without a database.
///
/// The rule is SQLite's own (`sqlite3_complete()`, which the `sqlite3` shell uses to decide when
/// a statement is whole): a `;` outside quotes and comments ends a statement, except inside the
/// body of a CREATE TRIGGER, which ends at `; END;`. Offline `--sql` output piped into `sqlite3`
/// is therefore split exactly as the online run splits it. One pass, no recursion: any input
/// length is safe.

#include <string>
#include <string_view>
#include <vector>

namespace migrate::orm::sqlite {

/// The statements of `script`, in order: each from its first token to its last one, without
/// the terminating `;`; comments inside a statement are kept, comments and white space
/// between statements are not, and empty statements (`;;`) are dropped. A last statement
/// without `;` counts; an unterminated quote runs to the end of the script (SQLite then
/// refuses that statement).
std::vector<std::string> split_statements(std::string_view script);

/// True when `text` holds nothing but white space, comments and semicolons: what may follow
/// the single statement given to Connection::execute.
bool only_separators(std::string_view text);

}  // namespace migrate::orm::sqlite
