#pragma once

/// The revision graph: validated revision headers, identifier resolution, upgrade and
/// downgrade plans.
///
/// Pure logic: no database and no file I/O. The caller reads revision headers (from files)
/// and the applied set (from the version table) and passes them in; every method is const
/// after construction, so one graph may be shared between threads.
///
/// Vocabulary used by every contract below:
/// - *parents* of X: its down_revisions and its depends_on; all must be applied before X.
///   *ancestors* and *descendants* follow parents transitively.
/// - *children* of X: revisions listing X as a down_revision (depends_on does not count).
///   *heads* have no children; *bases* have no down_revisions.
/// - a *revision name*: a full id, a branch label (names the revision declaring it), or a
///   unique prefix of an id, tried in that order.
/// - the *applied set*: every revision id the version table lists. An empty target set
///   means `base` (nothing applied).
/// - lists of ids are returned in topological order (parents first, ties broken by id)
///   unless a method says otherwise.

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "orm/error.h"

namespace migrate::engine {

class RevisionSource;

/// A broken revision graph, or an identifier that names no revision or several. Exit code 2.
class GraphError : public migrate::Error {
  public:
    explicit GraphError(const std::string& message) : Error(message, exit_code::kUsage) {}
};

/// The header of one revision file: everything the graph needs, nothing of its operations.
struct RevisionHeader {
    std::string id;                           // 12 hex digits usually; see revision_names.h
    std::vector<std::string> down_revisions;  // empty: a first revision; 2+: a merge
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;  // revision ids, prefixes or branch labels as written
    std::string message;
    std::string create_date;
    bool transactional = true;
    std::string path;  // the file it came from, for messages
    /// revision_checksum_of_bytes() of the file as it was read (by ScriptDirectory::load_graph);
    /// empty when the header was not read from a file.
    std::string checksum;
    /// The source `path` is read from (null: the file system). Not part of the revision.
    std::shared_ptr<const RevisionSource> source;
};

class RevisionGraph {
  public:
    /// Validates and indexes `revisions` (any order). down_revisions must be full ids;
    /// depends_on entries may be any revision name. Throws GraphError, naming the files
    /// involved, for: an id or branch label that revision_name_problem() rejects (empty,
    /// reserved, range or step syntax, too long), a duplicate id, a down_revision or
    /// depends_on naming no revision (or an ambiguous prefix), a cycle (listed), a branch
    /// label declared twice or equal to a revision id.
    explicit RevisionGraph(std::vector<RevisionHeader> revisions);

    // ---- The graph ----

    /// Every revision, parents before children, ties broken by id. Reverse it for history
    /// (newest first).
    const std::vector<RevisionHeader>& revisions() const { return headers_; }
    std::size_t size() const { return headers_.size(); }
    /// True when `id` is exactly the id of a revision (no prefixes, no labels).
    bool contains(const std::string& id) const { return by_id_.count(id) > 0; }
    /// The header named by a revision name. Throws GraphError for an unknown or ambiguous name.
    const RevisionHeader& get(const std::string& name) const;
    /// The full id a revision name stands for. Throws GraphError like get().
    std::string resolve_revision(const std::string& name) const;

    /// Revisions that are no one's down_revision.
    std::vector<std::string> heads() const;
    /// Revisions without down_revisions.
    std::vector<std::string> bases() const;
    /// Revisions with two or more children.
    std::vector<std::string> branch_points() const;
    /// down_revisions and depends_on of a revision name, as full ids. Throws like get().
    std::vector<std::string> parents(const std::string& name) const;
    /// Revisions listing the named revision as a down_revision. Throws like get().
    std::vector<std::string> children(const std::string& name) const;
    /// Strict ancestors (via parents, transitively) of a revision name. Throws like get().
    std::vector<std::string> ancestors(const std::string& name) const;
    /// Strict descendants (via parents, transitively) of a revision name. Throws like get().
    std::vector<std::string> descendants(const std::string& name) const;
    /// The revision names in `names` and all their ancestors, as full ids: the applied set
    /// after upgrading from base to `names`. Throws like get().
    std::set<std::string> ancestors_or_self(const std::vector<std::string>& names) const;

    // ---- The applied set ----

    /// Throws GraphError listing the ids in `applied` that no revision file declares (the
    /// version table refers to missing files). Returns normally otherwise.
    void check_known(const std::set<std::string>& applied) const;
    /// As check_known(), and also throws GraphError when `applied` is not closed under
    /// ancestry (a revision is applied, one of its parents is not): the message names each
    /// gap and the `migrate stamp` command that repairs it.
    void check_applied(const std::set<std::string>& applied) const;
    /// Applied revisions that are not a parent of another applied revision. Throws like
    /// check_applied().
    std::vector<std::string> current_heads(const std::set<std::string>& applied) const;

    // ---- Identifiers ----

    /// The target set an identifier names, given the applied set:
    /// - `head`: the single head (empty when there is no revision); several heads: GraphError.
    /// - `heads`: all heads. `base`: the empty set. `current`: current_heads(applied).
    /// - a revision name; `<name>@head`: the single head among the revisions reachable from
    ///   it through children; `<name>@base`: its single base ancestor through down_revisions.
    /// - `<x>+N` / `<x>-N`, where `<x>` is any identifier naming one revision (or base for
    ///   +N), and plain `+N` / `-N` meaning `current+N` / `current-N`: walk N steps through
    ///   children / down_revisions. One step below a base gives base (the empty set).
    /// An identifier that is exactly a revision id or label is taken as such before any
    /// parsing. Throws GraphError for an unknown or ambiguous name, an identifier longer than
    /// any valid one, several heads where one is needed, a walk that meets a branch point or
    /// merge (naming the branches), leaves the graph, or starts from several revisions; and
    /// as check_known() does.
    std::vector<std::string> resolve(const std::string& identifier,
                                     const std::set<std::string>& applied = {}) const;

    // ---- Plans ----

    /// Revisions to apply, in order, so that every target and all its ancestors are
    /// applied; applied ones are skipped. Order: parents first, ties broken by id. `targets`
    /// are revision names (usually from resolve()); empty (base) gives an empty plan.
    /// Throws GraphError for an unknown name or as check_applied() does.
    std::vector<std::string> upgrade_plan(const std::set<std::string>& applied,
                                          const std::vector<std::string>& targets) const;
    /// Applied revisions to remove, in order (children first: the reverse of the order an
    /// upgrade would apply them), so that what remains is every applied revision except
    /// the descendants of a target that are neither a target nor an ancestor of one. Empty
    /// `targets` (base) removes every applied revision. Throws GraphError when a target is
    /// neither applied nor an ancestor of an applied revision ("nothing to downgrade to"),
    /// for an unknown name, or as check_applied() does.
    std::vector<std::string> downgrade_plan(const std::set<std::string>& applied,
                                            const std::vector<std::string>& targets) const;
    /// The revisions of the range `from:to`, for `history -r` and offline SQL: what
    /// upgrading from `from` (exclusive) to `to` (inclusive) applies, i.e.
    /// upgrade_plan(ancestors_or_self(from), to). Each side is an identifier resolved with
    /// `applied`; an empty `from` means base, an empty `to` means heads. Throws GraphError
    /// when a `from` revision is not an ancestor of (or equal to) a `to` revision (the range
    /// would be backwards), or as resolve() does.
    std::vector<std::string> range(const std::string& from, const std::string& to,
                                   const std::set<std::string>& applied = {}) const;
    /// As range(), but `from` itself is part of the result (`history -r A:B` shows A, as
    /// Alembic does).
    std::vector<std::string> range_including_start(const std::string& from, const std::string& to,
                                                   const std::set<std::string>& applied = {}) const;
    /// Splits "A:B" (either side may be empty) at its first colon. Throws GraphError when
    /// there is no colon.
    static std::pair<std::string, std::string> split_range(const std::string& spec);
    /// Whether resolving `identifier` reads the applied set: `current`, and relative steps
    /// with no explicit start (`+1`, `-2`, `current-1`). A revision id or label never does.
    /// False for text resolve() would reject.
    bool reads_applied(const std::string& identifier) const;

    /// The applied set after `stamp targets` without --purge (as Alembic does): only the
    /// targets' lineage moves. The targets and their ancestors are applied; applied
    /// descendants of a target that are not a target's ancestor are removed; revisions on
    /// other branches stay as they are. Empty `targets` (base) gives the empty set. Throws
    /// GraphError for an unknown name or as check_known() does.
    std::set<std::string> stamp_result(const std::set<std::string>& applied,
                                       const std::vector<std::string>& targets) const;
    /// Revisions descending from a target that are neither a target nor a target's ancestor:
    /// what `stamp targets` removes when it does not know the applied set (offline).
    std::vector<std::string> strict_descendants(const std::vector<std::string>& names) const;

  private:
    using Index = int;
    using Mask = std::vector<char>;  // one flag per revision index

    // Construction (revision_graph.cpp).
    void index_ids_and_labels();
    void link_parents();
    void sort_topologically();
    [[noreturn]] void throw_cycle(const Mask& unsorted) const;
    std::vector<Index> topo_order(const Mask& include) const;

    // Helpers shared by the source files.
    std::string describe(Index i) const;
    std::string list(const std::vector<Index>& indices) const;
    std::vector<std::string> ids(const std::vector<Index>& indices) const;
    std::vector<std::string> ids(const Mask& mask) const;
    Index lookup(const std::string& name) const;  // throws GraphError
    Mask applied_mask(const std::set<std::string>& applied) const;
    Mask closure(const std::vector<Index>& start, bool up) const;
    std::vector<Index> current_head_indices(const Mask& applied) const;
    std::vector<Index> target_indices(const std::vector<std::string>& names) const;
    std::vector<Index> upgrade_indices(const Mask& applied, const std::vector<Index>& t) const;

    // Identifiers (revision_identifiers.cpp).
    Mask range_lower(const std::vector<Index>& lower, const std::vector<Index>& upper,
                     const std::string& from, const std::string& to) const;
    std::vector<Index> resolve_indices(const std::string& identifier, const Mask& applied) const;
    std::vector<Index> walk(const std::vector<Index>& from, char sign, long steps,
                            const std::string& identifier) const;
    Index single_head_from(Index start, const std::string& identifier) const;
    Index single_base_below(Index start, const std::string& identifier) const;

    std::vector<RevisionHeader> headers_;  // topological order once constructed
    std::unordered_map<std::string, Index> by_id_;
    std::unordered_map<std::string, Index> by_label_;
    std::vector<std::string> sorted_ids_;         // for prefix lookup
    std::vector<int> rank_;                       // position of each id in sorted_ids_
    std::vector<std::vector<Index>> down_;        // down_revisions
    std::vector<std::vector<Index>> parents_;     // down_revisions and depends_on
    std::vector<std::vector<Index>> children_;    // inverse of down_
    std::vector<std::vector<Index>> dependents_;  // inverse of parents_
};

}  // namespace migrate::engine
