#pragma once

/// `migrate revision` and `migrate merge` as functions: new revision files in the project's
/// revision folder.

#include <string>
#include <vector>

#include "migrations_engine/api/project.h"
#include "migrations_engine/autogenerate/compare.h"
#include "migrations_engine/ops/operation.h"

namespace migrate::engine {

struct RevisionRequest {
    std::string message;
    /// Fill upgrade and downgrade with the operations that make the database (or, with
    /// `offline`, the schema the revisions build) match the models.
    bool autogenerate = false;
    bool offline = false;
    /// With `autogenerate`: write the revision even when nothing differs.
    bool allow_empty = false;
    /// The revision to build on (an identifier); "base" starts a new root.
    std::string head = "head";
    /// Allow `head` to name a revision that is not a head (a new branch).
    bool splice = false;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    /// The new id; "" for 12 random hex digits.
    std::string rev_id;
};

struct RevisionResult {
    std::string id;
    /// The file written; "" when nothing was written.
    std::string path;
    /// False when autogenerate found nothing and `allow_empty` was not set.
    bool written = false;
    /// What autogenerate found (empty without autogenerate).
    std::vector<Difference> differences;
    std::vector<std::string> warnings;
    /// Upgrade operations with no inverse: their downgrade is a placeholder that fails.
    std::vector<std::string> not_invertible;
    std::vector<Operation> upgrade;
    std::vector<Operation> downgrade;
};

/// Writes a new revision file on top of `request.head` (or a new root when there are no
/// revisions or head is "base"). With autogenerate, compares the models with the database,
/// which must be at the heads (it is created when missing), or offline with the replayed
/// revisions. Checks everything before writing: throws UsageError (exit 2) for a bad or
/// taken rev_id or branch label, a head that names several revisions or is not a head
/// without `splice`, `offline` without `autogenerate`, or an embedded revision set;
/// GraphError for an unknown revision; InputError for bad models or revision files;
/// ConnectionError / DatabaseError (exit 3) from the database. Nothing is written on error.
RevisionResult revision(const Project& project, const RevisionRequest& request);

struct MergeRequest {
    /// Identifiers of the heads to join (e.g. {"heads"}); at least two revisions in all.
    std::vector<std::string> revisions;
    std::string message;
    std::string rev_id;  // "" for a random one
};

/// Writes a revision with no operations whose parents are the named heads. Throws
/// UsageError when a named revision is not a head, when fewer than two are named, or for a
/// bad rev_id; GraphError for an unknown revision. Returns id and path (`written` true).
RevisionResult merge(const Project& project, const MergeRequest& request);

}  // namespace migrate::engine
