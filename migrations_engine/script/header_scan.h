#pragma once

/// A fast reading of a revision file's header (internal). Commands that load the graph read
/// the header of every revision file (thousands in a long-lived project); YAML parsing
/// dominated that. Headers written by `migrate revision` use a small subset of YAML: one
/// `key: value` line per key, plain scalars, flow lists of plain ids, comments. This reads
/// exactly that subset and declines everything else, which then goes to the YAML parser (so
/// every error message and every unusual spelling keeps its full treatment).

#include <optional>
#include <string>

#include "migrations_engine/script/revision_file.h"

namespace migrate::engine::detail {

/// The header of `text` when it is written in the simple subset and is valid, else nullopt.
/// When it returns a header, it equals what the YAML parser makes of the same text (a test
/// compares the two over many spellings).
std::optional<RevisionHeader> scan_simple_header(const std::string& text, const std::string& name);

/// The header as the YAML parser reads it (no fast path); throws InputError as
/// parse_revision_header does.
RevisionHeader parse_revision_header_yaml(const std::string& text, const std::string& name);

}  // namespace migrate::engine::detail
