#pragma once

/// `migrate current`, `history` and `heads` as functions: what the revision graph holds and
/// what the database has applied.

#include <map>
#include <string>
#include <vector>

#include "migrations_engine/api/project.h"
#include "migrations_engine/runtime/version_table.h"
#include "migrations_engine/script/revision_graph.h"

namespace migrate::engine {

/// One revision as `history` and `heads` list it.
struct RevisionEntry {
    RevisionHeader header;
    bool is_head = false;
    bool is_merge = false;         // two or more down_revisions
    bool is_branch_point = false;  // two or more children
    bool is_current = false;       // an applied head (history with indicate_current only)
};

struct CurrentResult {
    std::string database;  // the URL, password masked
    /// Every applied revision, by id, with its version-table row.
    std::map<std::string, AppliedRevision> applied;
    /// The applied heads (empty: nothing applied), with their headers.
    std::vector<RevisionHeader> current;
    /// The heads of the revision graph.
    std::vector<std::string> heads;
    /// Applied revisions whose file changed since (checksum differs).
    std::vector<RevisionHeader> changed;
    /// True when nothing of the graph's heads is left to apply.
    bool at_heads = false;
};

/// Reads the version table; takes no lock and changes nothing. Throws ConnectionError
/// (exit 3) when the database cannot be opened (a missing SQLite file included); GraphError
/// for a gap in the version table or revisions no file declares; UsageError without a URL.
CurrentResult current(const Project& project);

struct HistoryRequest {
    /// "A:B" (either side may be empty; A is included); "" for every revision.
    std::string range;
    /// Mark the applied heads (reads the database).
    bool indicate_current = false;
};

struct HistoryResult {
    std::vector<RevisionEntry> entries;  // newest first
};

/// The revisions, newest first. Reads the database only for `indicate_current` or a range
/// side that needs it (`current`, `-1`): then throws as current(). Throws GraphError for an
/// unknown revision, InputError / GraphError for broken revision files.
HistoryResult history(const Project& project, const HistoryRequest& request);

struct HeadsResult {
    std::vector<RevisionEntry> heads;
};

/// The heads of the revision graph. No database. Throws as history().
HeadsResult heads(const Project& project);

}  // namespace migrate::engine
