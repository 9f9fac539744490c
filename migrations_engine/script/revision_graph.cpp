#include "migrations_engine/script/revision_graph.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

#include "migrations_engine/script/revision_names.h"

namespace migrate::engine {

namespace {

void push_unique(std::vector<int>* v, int x) {
    if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

std::string file_of(const RevisionHeader& h) { return h.path.empty() ? "<unnamed file>" : h.path; }

}  // namespace

RevisionGraph::RevisionGraph(std::vector<RevisionHeader> revisions)
    : headers_(std::move(revisions)) {
    index_ids_and_labels();
    link_parents();
    sort_topologically();
}

void RevisionGraph::index_ids_and_labels() {
    const Index n = static_cast<Index>(headers_.size());
    for (Index i = 0; i < n; ++i) {
        const RevisionHeader& h = headers_[i];
        if (h.id.empty()) {
            throw GraphError("the revision in " + file_of(h) +
                             " has an empty id; give it a `revision:` value");
        }
        if (auto problem = revision_name_problem(h.id)) {
            throw GraphError("the revision id '" + clip_for_message(h.id) + "' in " + file_of(h) +
                             " " + *problem + "; give the revision another id");
        }
        auto [it, inserted] = by_id_.emplace(h.id, i);
        if (!inserted) {
            throw GraphError("revision id " + h.id + " is declared twice: " + describe(it->second) +
                             " and " + describe(i) + "; give one of them a new id");
        }
    }
    for (const auto& entry : by_id_) sorted_ids_.push_back(entry.first);
    std::sort(sorted_ids_.begin(), sorted_ids_.end());
    rank_.assign(n, 0);
    for (std::size_t r = 0; r < sorted_ids_.size(); ++r) {
        rank_[by_id_.at(sorted_ids_[r])] = static_cast<int>(r);
    }

    for (Index i = 0; i < n; ++i) {
        for (const std::string& label : headers_[i].branch_labels) {
            const std::string where = "branch label '" + label + "' of " + describe(i);
            if (label.empty())
                throw GraphError("revision " + describe(i) + " has an empty branch label");
            if (auto problem = revision_name_problem(label)) {
                throw GraphError("branch label '" + clip_for_message(label) + "' of " +
                                 describe(i) + " " + *problem + "; choose another label");
            }
            auto id_it = by_id_.find(label);
            if (id_it != by_id_.end()) {
                throw GraphError(where + " equals the id of revision " + describe(id_it->second) +
                                 "; choose another label");
            }
            auto [it, inserted] = by_label_.emplace(label, i);
            if (!inserted) {
                throw GraphError("branch label '" + label + "' is declared twice: by " +
                                 describe(it->second) + " and by " + describe(i) +
                                 "; a label must name one revision");
            }
        }
    }
}

void RevisionGraph::link_parents() {
    const Index n = static_cast<Index>(headers_.size());
    down_.assign(n, {});
    parents_.assign(n, {});
    for (Index i = 0; i < n; ++i) {
        for (const std::string& d : headers_[i].down_revisions) {
            auto it = by_id_.find(d);
            if (it == by_id_.end()) {
                std::string hint;
                try {
                    hint = " (did you mean " + headers_[lookup(d)].id +
                           "? down_revision must be a full id)";
                } catch (const GraphError&) {
                    hint = "; is its revision file missing? `migrate history` lists the revisions";
                }
                throw GraphError(describe(i) + ": down_revision '" + clip_for_message(d) +
                                 "' names no revision" + hint);
            }
            push_unique(&down_[i], it->second);
            push_unique(&parents_[i], it->second);
        }
        for (const std::string& dep : headers_[i].depends_on) {
            Index p;
            try {
                p = lookup(dep);
            } catch (const GraphError& e) {
                throw GraphError(describe(i) + ": depends_on '" + clip_for_message(dep) +
                                 "': " + e.what());
            }
            push_unique(&parents_[i], p);
        }
    }
    children_.assign(n, {});
    dependents_.assign(n, {});
    for (Index i = 0; i < n; ++i) {
        for (Index d : down_[i]) children_[d].push_back(i);
        for (Index p : parents_[i]) dependents_[p].push_back(i);
    }
}

std::vector<RevisionGraph::Index> RevisionGraph::topo_order(const Mask& include) const {
    const Index n = static_cast<Index>(headers_.size());
    std::vector<int> pending(n, 0);
    using Item = std::pair<int, Index>;  // (rank of id, index): smallest id first
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> ready;
    for (Index i = 0; i < n; ++i) {
        if (!include[i]) continue;
        for (Index p : parents_[i]) pending[i] += include[p] ? 1 : 0;
        if (pending[i] == 0) ready.emplace(rank_[i], i);
    }
    std::vector<Index> out;
    while (!ready.empty()) {
        Index i = ready.top().second;
        ready.pop();
        out.push_back(i);
        for (Index c : dependents_[i]) {
            if (include[c] && --pending[c] == 0) ready.emplace(rank_[c], c);
        }
    }
    return out;
}

void RevisionGraph::sort_topologically() {
    const Index n = static_cast<Index>(headers_.size());
    std::vector<Index> order = topo_order(Mask(n, 1));
    if (static_cast<Index>(order.size()) < n) {
        Mask unsorted(n, 1);
        for (Index i : order) unsorted[i] = 0;
        throw_cycle(unsorted);
    }
    std::vector<Index> new_of(n);
    for (Index k = 0; k < n; ++k) new_of[order[k]] = k;
    auto remap = [&](std::vector<std::vector<Index>>* lists) {
        std::vector<std::vector<Index>> out(n);
        for (Index old = 0; old < n; ++old) {
            for (Index x : (*lists)[old]) out[new_of[old]].push_back(new_of[x]);
            std::sort(out[new_of[old]].begin(), out[new_of[old]].end());
        }
        *lists = std::move(out);
    };
    remap(&down_);
    remap(&parents_);
    remap(&children_);
    remap(&dependents_);
    std::vector<RevisionHeader> headers(n);
    std::vector<int> rank(n);
    for (Index old = 0; old < n; ++old) {
        headers[new_of[old]] = std::move(headers_[old]);
        rank[new_of[old]] = rank_[old];
    }
    headers_ = std::move(headers);
    rank_ = std::move(rank);
    for (auto& entry : by_id_) entry.second = new_of[entry.second];
    for (auto& entry : by_label_) entry.second = new_of[entry.second];
}

void RevisionGraph::throw_cycle(const Mask& unsorted) const {
    // Every revision Kahn's algorithm left over has a left-over parent, so following such
    // parents from any of them must come back to a revision already seen.
    Index cur = 0;
    while (!unsorted[cur]) ++cur;
    std::vector<Index> path;
    std::vector<int> pos(headers_.size(), -1);
    while (pos[cur] < 0) {
        pos[cur] = static_cast<int>(path.size());
        path.push_back(cur);
        for (Index p : parents_[cur]) {
            if (unsorted[p]) {
                cur = p;
                break;
            }
        }
    }
    std::vector<Index> cycle(path.begin() + pos[cur], path.end());
    std::string chain, files;
    for (Index i : cycle) {
        chain += headers_[i].id + " -> ";
        files += "\n  " + describe(i);
    }
    chain += headers_[cycle.front()].id;
    throw GraphError("the revisions form a cycle: " + chain +
                     " (each names the next as down_revision or depends_on); break it by "
                     "editing one of these files:" +
                     files);
}

std::string RevisionGraph::describe(Index i) const {
    const RevisionHeader& h = headers_[i];
    return h.path.empty() ? h.id : h.id + " (" + h.path + ")";
}

std::string RevisionGraph::list(const std::vector<Index>& indices) const {
    std::string out;
    for (Index i : indices) out += (out.empty() ? "" : ", ") + headers_[i].id;
    return out;
}

std::vector<std::string> RevisionGraph::ids(const std::vector<Index>& indices) const {
    std::vector<std::string> out;
    out.reserve(indices.size());
    for (Index i : indices) out.push_back(headers_[i].id);
    return out;
}

std::vector<std::string> RevisionGraph::ids(const Mask& mask) const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (mask[i]) out.push_back(headers_[i].id);
    }
    return out;
}

RevisionGraph::Index RevisionGraph::lookup(const std::string& name) const {
    if (name.empty()) throw GraphError("an empty revision name; give a revision id or label");
    auto it = by_id_.find(name);
    if (it != by_id_.end()) return it->second;
    it = by_label_.find(name);
    if (it != by_label_.end()) return it->second;
    std::vector<Index> matches;
    for (auto s = std::lower_bound(sorted_ids_.begin(), sorted_ids_.end(), name);
         s != sorted_ids_.end() && s->compare(0, name.size(), name) == 0; ++s) {
        matches.push_back(by_id_.at(*s));
    }
    if (matches.size() == 1) return matches.front();
    if (matches.empty()) {
        throw GraphError("unknown revision '" + clip_for_message(name) +
                         "': no revision id, id prefix or branch label matches it; "
                         "`migrate history` lists the revisions");
    }
    std::sort(matches.begin(), matches.end());
    std::string candidates;
    for (Index i : matches) candidates += "\n  " + describe(i);
    throw GraphError("revision prefix '" + clip_for_message(name) + "' is ambiguous; it matches " +
                     std::to_string(matches.size()) +
                     " revisions (type more of the id):" + candidates);
}

RevisionGraph::Mask RevisionGraph::closure(const std::vector<Index>& start, bool up) const {
    Mask seen(headers_.size(), 0);
    std::vector<Index> stack;
    for (Index i : start) {
        if (!seen[i]) stack.push_back(i), seen[i] = 1;
    }
    const auto& edges = up ? parents_ : dependents_;
    while (!stack.empty()) {
        Index i = stack.back();
        stack.pop_back();
        for (Index j : edges[i]) {
            if (!seen[j]) stack.push_back(j), seen[j] = 1;
        }
    }
    return seen;
}

const RevisionHeader& RevisionGraph::get(const std::string& name) const {
    return headers_[lookup(name)];
}

std::string RevisionGraph::resolve_revision(const std::string& name) const {
    return headers_[lookup(name)].id;
}

std::vector<std::string> RevisionGraph::heads() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < headers_.size(); ++i) {
        if (children_[i].empty()) out.push_back(headers_[i].id);
    }
    return out;
}

std::vector<std::string> RevisionGraph::bases() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < headers_.size(); ++i) {
        if (down_[i].empty()) out.push_back(headers_[i].id);
    }
    return out;
}

std::vector<std::string> RevisionGraph::branch_points() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < headers_.size(); ++i) {
        if (children_[i].size() >= 2) out.push_back(headers_[i].id);
    }
    return out;
}

std::vector<std::string> RevisionGraph::parents(const std::string& name) const {
    return ids(parents_[lookup(name)]);
}

std::vector<std::string> RevisionGraph::children(const std::string& name) const {
    return ids(children_[lookup(name)]);
}

std::vector<std::string> RevisionGraph::ancestors(const std::string& name) const {
    Index i = lookup(name);
    Mask m = closure({i}, true);
    m[i] = 0;
    return ids(m);
}

std::vector<std::string> RevisionGraph::descendants(const std::string& name) const {
    Index i = lookup(name);
    Mask m = closure({i}, false);
    m[i] = 0;
    return ids(m);
}

std::set<std::string> RevisionGraph::ancestors_or_self(
    const std::vector<std::string>& names) const {
    std::vector<std::string> v = ids(closure(target_indices(names), true));
    return std::set<std::string>(v.begin(), v.end());
}

}  // namespace migrate::engine
