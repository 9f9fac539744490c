#pragma once

/// What a revision id or branch label may be, for the graph (names read from revision files)
/// and for the commands that make new ones (`revision --rev-id`, `--branch-label`, `merge`).
///
/// A name is 1 to 255 characters (the version table's `revision` column) of letters, digits,
/// '_' and '-', does not start with '-', and is none of the words identifiers reserve (`base`,
/// `head`, `heads`, `current`). So no name reads as an identifier of another kind: a range
/// (`a:b`), a branch suffix (`x@head`), a relative step (`-1`, `+2`) or several words.

#include <cstddef>
#include <optional>
#include <string>

namespace migrate::engine {

/// The longest revision id or branch label.
constexpr std::size_t kMaxRevisionNameLength = 255;

/// Why `name` cannot be a revision id or branch label ("is a reserved word ...", "contains
/// ':' ..."), or nullopt when it can. The reason quotes nothing of `name` but one character.
std::optional<std::string> revision_name_problem(const std::string& name);

/// `text` for a message: as it is when short, else its start, "..." and its length, so that
/// a 100,000-character argument does not fill the terminal.
std::string clip_for_message(const std::string& text);

}  // namespace migrate::engine
