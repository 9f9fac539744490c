// The applied set (checks, current heads) and the plans (upgrade, downgrade, stamp) of
// RevisionGraph; construction is in revision_graph.cpp, identifiers in
// revision_identifiers.cpp.

#include <algorithm>

#include "migrations_engine/script/revision_graph.h"
#include "migrations_engine/script/revision_names.h"

namespace migrate::engine {
namespace {

constexpr std::size_t kMaxGapsListed = 5;

}  // namespace

RevisionGraph::Mask RevisionGraph::applied_mask(const std::set<std::string>& applied) const {
    Mask mask(headers_.size(), 0);
    std::string missing;
    for (const std::string& id : applied) {
        auto it = by_id_.find(id);
        if (it == by_id_.end()) {
            missing += (missing.empty() ? "" : ", ") + clip_for_message(id);
        } else {
            mask[it->second] = 1;
        }
    }
    if (!missing.empty()) {
        throw GraphError(
            "the version table lists revisions that no revision file declares: " + missing +
            "; restore the missing revision files (e.g. from version control), or "
            "point the configuration at the right script_location");
    }
    return mask;
}

void RevisionGraph::check_known(const std::set<std::string>& applied) const {
    applied_mask(applied);
}

std::vector<RevisionGraph::Index> RevisionGraph::current_head_indices(const Mask& applied) const {
    std::vector<Index> out;
    for (std::size_t i = 0; i < headers_.size(); ++i) {
        if (!applied[i]) continue;
        bool parent_of_applied = std::any_of(dependents_[i].begin(), dependents_[i].end(),
                                             [&](Index d) { return applied[d] != 0; });
        if (!parent_of_applied) out.push_back(static_cast<Index>(i));
    }
    return out;
}

std::vector<std::string> RevisionGraph::current_heads(const std::set<std::string>& applied) const {
    return ids(current_head_indices(applied_mask(applied)));
}

std::vector<RevisionGraph::Index> RevisionGraph::target_indices(
    const std::vector<std::string>& names) const {
    std::vector<Index> out;
    for (const std::string& name : names) out.push_back(lookup(name));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<RevisionGraph::Index> RevisionGraph::upgrade_indices(
    const Mask& applied, const std::vector<Index>& targets) const {
    Mask need = closure(targets, true);
    for (std::size_t i = 0; i < need.size(); ++i) need[i] = need[i] && !applied[i];
    return topo_order(need);
}

std::vector<std::string> RevisionGraph::upgrade_plan(
    const std::set<std::string>& applied, const std::vector<std::string>& targets) const {
    Mask mask = applied_mask(applied);
    return ids(upgrade_indices(mask, target_indices(targets)));
}

std::vector<std::string> RevisionGraph::downgrade_plan(
    const std::set<std::string>& applied, const std::vector<std::string>& targets) const {
    Mask mask = applied_mask(applied);
    std::vector<Index> t = target_indices(targets);
    Mask remove = mask;
    if (!t.empty()) {
        std::vector<Index> applied_indices;
        for (std::size_t i = 0; i < mask.size(); ++i) {
            if (mask[i]) applied_indices.push_back(static_cast<Index>(i));
        }
        Mask reachable = closure(applied_indices, true);
        for (Index x : t) {
            if (!reachable[x]) {
                std::vector<Index> current = current_head_indices(mask);
                throw GraphError(
                    "revision " + headers_[x].id + " is not applied; nothing to downgrade to" +
                    " (current: " + (current.empty() ? std::string("base") : list(current)) +
                    "); use `migrate upgrade` to go forward");
            }
        }
        Mask keep = closure(t, true);
        Mask above = closure(t, false);
        for (std::size_t i = 0; i < remove.size(); ++i) {
            remove[i] = mask[i] && above[i] && !keep[i];
        }
    }
    std::vector<Index> order = topo_order(remove);
    std::reverse(order.begin(), order.end());
    return ids(order);
}

void RevisionGraph::check_applied(const std::set<std::string>& applied) const {
    const Mask mask = applied_mask(applied);
    std::string gaps;
    std::size_t count = 0;
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (!mask[i]) continue;
        for (Index p : parents_[i]) {
            if (mask[p]) continue;
            if (++count <= kMaxGapsListed)
                gaps += "\n  " + describe(static_cast<Index>(i)) + " is applied, but its parent " +
                        describe(p) + " is not";
        }
    }
    if (count == 0) return;
    if (count > kMaxGapsListed)
        gaps += "\n  ... and " + std::to_string(count - kMaxGapsListed) + " more";
    const std::string heads = list(current_head_indices(mask));
    std::string stamp_args;
    for (Index h : current_head_indices(mask)) stamp_args += " " + headers_[h].id;
    throw GraphError(
        "the version table has a gap: a revision is recorded as applied while a revision it "
        "builds on is not, so an upgrade would run the older one after its descendant:" +
        gaps +
        "\nIf the database holds the changes of the missing revisions, record them with "
        "`migrate stamp" +
        stamp_args +
        "` (it adds what those revisions build on). If it does not, record where it really "
        "stands with `migrate stamp --purge <revision>` and upgrade from there. (Applied heads "
        "now: " +
        heads + ".)");
}

std::set<std::string> RevisionGraph::stamp_result(const std::set<std::string>& applied,
                                                  const std::vector<std::string>& targets) const {
    const Mask mask = applied_mask(applied);
    const std::vector<Index> t = target_indices(targets);
    if (t.empty()) return {};
    const Mask keep = closure(t, true);
    const Mask above = closure(t, false);
    std::set<std::string> out;
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (keep[i] || (mask[i] && !above[i])) out.insert(headers_[i].id);
    }
    return out;
}

std::vector<std::string> RevisionGraph::strict_descendants(
    const std::vector<std::string>& names) const {
    const std::vector<Index> t = target_indices(names);
    const Mask keep = closure(t, true);
    Mask above = closure(t, false);
    for (std::size_t i = 0; i < above.size(); ++i) above[i] = above[i] && !keep[i];
    return ids(topo_order(above));
}

}  // namespace migrate::engine
