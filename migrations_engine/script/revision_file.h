#pragma once

/// Revision files: `<script_location>/versions/<rev>_<slug>.yaml` (DESIGN.md section 4).
///
/// Reading a header (ids, parents, message) never parses the operations: the `upgrade` and
/// `downgrade` sections are blanked out line for line before the rest is read, so that error
/// positions stay true and thousands of revisions load fast.

#include <string>
#include <vector>

#include "migrations_engine/ops/operation.h"
#include "migrations_engine/script/revision_graph.h"

namespace migrate::engine {

struct RevisionFile {
    RevisionHeader header;
    std::vector<Operation> upgrade;
    std::vector<Operation> downgrade;
};

/// The header of the revision file at `path`. Throws InputError (file:line:column).
RevisionHeader read_revision_header(const std::string& path);

/// The header of a revision file whose bytes are `text`; `name` is its path for messages.
/// Throws InputError (file:line:column).
RevisionHeader parse_revision_header(const std::string& text, const std::string& name);

/// Header and operations. Throws InputError (file:line:column).
RevisionFile read_revision_file(const std::string& path);

/// Header and operations of the revision `header` was read from: its `source`, or the file
/// system when it has none. Throws InputError (file:line:column).
RevisionFile read_revision_file(const RevisionHeader& header);

/// SHA-256 (hex) of the file's bytes with CRLF and CR line endings read as LF, so that a
/// checkout with other line endings is not a change.
std::string revision_checksum(const std::string& path);

/// The checksum of the revision `header` was read from: the one computed when it was read
/// (RevisionHeader::checksum), else from its source or the file system now.
std::string revision_checksum(const RevisionHeader& header);

/// The checksum of a revision file whose bytes are `bytes`.
std::string revision_checksum_of_bytes(const std::string& bytes);

/// Everything a new revision file says.
struct NewRevision {
    std::string id;
    std::vector<std::string> down_revisions;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string message;
    std::string create_date;
    std::vector<Operation> upgrade;
    std::vector<Operation> downgrade;
    /// Warnings for the reviewer, written as comments above the upgrade operations.
    std::vector<std::string> notes;
};

/// Renders `rev` with the mustache template `template_text` (variables: title, revision,
/// down_revision, branch_labels, depends_on, message, create_date, upgrade, downgrade, each
/// already YAML). The result reads back as the same revision.
std::string render_revision(const NewRevision& rev, const std::string& template_text);

/// 12 random hex digits.
std::string new_revision_id();

/// `add email to users` -> `add_email_to_users` (at most 40 characters).
std::string slugify(const std::string& message);

}  // namespace migrate::engine
