// Identifier resolution (head, heads, base, current, names, @head/@base, relative steps) and
// ranges for RevisionGraph; the graph itself and the plans are in revision_graph.cpp.

#include <algorithm>
#include <cctype>

#include "migrations_engine/script/revision_graph.h"
#include "migrations_engine/script/revision_names.h"

namespace migrate::engine {

namespace {

// The longest identifier that can name anything: a name, '@head' or '+N' steps, with room.
constexpr std::size_t kMaxIdentifierLength = kMaxRevisionNameLength + 45;

// Splits "x+3" / "-2" into ("x", '+', 3) / ("", '-', 2); false when there is no such suffix.
bool split_relative(const std::string& s, std::string* left, char* sign, long* steps) {
    std::size_t pos = s.find_last_of("+-");
    if (pos == std::string::npos || pos + 1 == s.size() || s.size() - pos - 1 > 9) return false;
    for (std::size_t i = pos + 1; i < s.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    *left = s.substr(0, pos);
    *sign = s[pos];
    *steps = std::stol(s.substr(pos + 1));
    return true;
}

// "a+2", or just "a" when no steps remain.
std::string step_hint(const std::string& id, char sign, long remaining) {
    return remaining > 0 ? id + sign + std::to_string(remaining) : id;
}

}  // namespace

std::vector<std::string> RevisionGraph::resolve(const std::string& identifier,
                                                const std::set<std::string>& applied) const {
    return ids(resolve_indices(identifier, applied_mask(applied)));
}

std::vector<RevisionGraph::Index> RevisionGraph::resolve_indices(const std::string& identifier,
                                                                 const Mask& applied) const {
    if (identifier.empty()) {
        throw GraphError(
            "empty revision identifier; use head, heads, base, current, "
            "a revision id or a branch label");
    }
    if (identifier.size() > kMaxIdentifierLength) {
        throw GraphError("revision identifier '" + clip_for_message(identifier) +
                         "' is longer than any identifier can be (revision ids and labels have "
                         "at most " +
                         std::to_string(kMaxRevisionNameLength) +
                         " characters); `migrate history` lists the revisions");
    }
    if (identifier == "base") return {};
    if (identifier == "current") return current_head_indices(applied);
    if (identifier == "head" || identifier == "heads") {
        std::vector<Index> heads;
        for (std::size_t i = 0; i < headers_.size(); ++i) {
            if (children_[i].empty()) heads.push_back(static_cast<Index>(i));
        }
        if (identifier == "head" && heads.size() > 1) {
            throw GraphError("several heads (" + list(heads) +
                             "): name one, use 'heads', or merge them with `migrate merge`");
        }
        return heads;
    }
    // A revision id or label is taken whole, even when it contains '+', '-' or digits.
    auto it = by_id_.find(identifier);
    if (it != by_id_.end()) return {it->second};
    it = by_label_.find(identifier);
    if (it != by_label_.end()) return {it->second};

    std::string left;
    char sign = '+';
    long steps = 0;
    if (split_relative(identifier, &left, &sign, &steps)) {
        std::vector<Index> from = resolve_indices(left.empty() ? "current" : left, applied);
        if (from.size() > 1) {
            std::string start = left.empty() ? "the current heads" : "'" + left + "'";
            throw GraphError("'" + identifier + "' needs a single starting revision, but " + start +
                             " are several (" + list(from) + "); name one, e.g. " +
                             headers_[from.front()].id + sign + std::to_string(steps));
        }
        return walk(from, sign, steps, identifier);
    }

    std::size_t at = identifier.rfind('@');
    if (at != std::string::npos) {
        const std::string suffix = identifier.substr(at + 1);
        if (suffix == "head")
            return {single_head_from(lookup(identifier.substr(0, at)), identifier)};
        if (suffix == "base")
            return {single_base_below(lookup(identifier.substr(0, at)), identifier)};
        throw GraphError("'" + identifier + "': unknown suffix '@" + suffix +
                         "'; write <label>@head or <label>@base");
    }
    return {lookup(identifier)};
}

std::vector<RevisionGraph::Index> RevisionGraph::walk(const std::vector<Index>& from, char sign,
                                                      long steps,
                                                      const std::string& identifier) const {
    const Index kBase = -1;
    Index cur = from.empty() ? kBase : from.front();
    for (long step = 0; step < steps; ++step) {
        const long remaining = steps - step - 1;
        std::vector<Index> next;
        if (sign == '+') {
            if (cur == kBase) {
                for (std::size_t i = 0; i < headers_.size(); ++i) {
                    if (down_[i].empty()) next.push_back(static_cast<Index>(i));
                }
            } else {
                next = children_[cur];
            }
            if (next.empty()) {
                throw GraphError("'" + identifier + "': " +
                                 (cur == kBase ? std::string("there are no revisions")
                                               : headers_[cur].id + " is a head") +
                                 "; only " + std::to_string(step) + " of " + std::to_string(steps) +
                                 " steps up are possible");
            }
            if (next.size() > 1) {
                throw GraphError(
                    "'" + identifier + "': " +
                    (cur == kBase ? std::string("there are several bases")
                                  : headers_[cur].id + " is a branch point") +
                    " (branches: " + list(next) +
                    "), so the step up is ambiguous; name the branch to follow, e.g. " +
                    step_hint(headers_[next.front()].id, '+', remaining));
            }
        } else {
            if (cur == kBase) {
                throw GraphError("'" + identifier + "' goes below base after " +
                                 std::to_string(step) + " of " + std::to_string(steps) +
                                 " steps down" +
                                 (step == 0 ? " (it starts at base: nothing is applied)" : ""));
            }
            next = down_[cur];
            if (next.size() > 1) {
                throw GraphError(
                    "'" + identifier + "': " + headers_[cur].id + " is a merge of " + list(next) +
                    ", so the step down is ambiguous; name the branch to follow, e.g. " +
                    step_hint(headers_[next.front()].id, '-', remaining));
            }
            if (next.empty()) next.push_back(kBase);  // one step below a first revision
        }
        cur = next.front();
    }
    if (cur == kBase) return {};
    return {cur};
}

RevisionGraph::Index RevisionGraph::single_head_from(Index start,
                                                     const std::string& identifier) const {
    Mask seen(headers_.size(), 0);
    std::vector<Index> stack{start}, heads;
    seen[start] = 1;
    while (!stack.empty()) {
        Index i = stack.back();
        stack.pop_back();
        if (children_[i].empty()) heads.push_back(i);
        for (Index c : children_[i]) {
            if (!seen[c]) stack.push_back(c), seen[c] = 1;
        }
    }
    if (heads.size() == 1) return heads.front();
    std::sort(heads.begin(), heads.end());
    throw GraphError("'" + identifier + "': several heads are reachable from " +
                     headers_[start].id + " (" + list(heads) +
                     "); name one, or merge them with `migrate merge`");
}

RevisionGraph::Index RevisionGraph::single_base_below(Index start,
                                                      const std::string& identifier) const {
    Mask seen(headers_.size(), 0);
    std::vector<Index> stack{start}, bases;
    seen[start] = 1;
    while (!stack.empty()) {
        Index i = stack.back();
        stack.pop_back();
        if (down_[i].empty()) bases.push_back(i);
        for (Index d : down_[i]) {
            if (!seen[d]) stack.push_back(d), seen[d] = 1;
        }
    }
    if (bases.size() == 1) return bases.front();
    std::sort(bases.begin(), bases.end());
    throw GraphError("'" + identifier + "': " + headers_[start].id +
                     " descends from several bases (" + list(bases) + "); name one of them");
}

RevisionGraph::Mask RevisionGraph::range_lower(const std::vector<Index>& lower,
                                               const std::vector<Index>& upper,
                                               const std::string& from,
                                               const std::string& to) const {
    Mask below_upper = closure(upper, true);
    for (Index x : lower) {
        if (!below_upper[x]) {
            throw GraphError("range '" + clip_for_message(from + ":" + to) +
                             "': " + headers_[x].id + " is not an ancestor of " +
                             (upper.empty() ? std::string("base") : list(upper)) +
                             ", so the range runs backwards or across branches; write the older "
                             "revision first (A:B goes from A up to B)");
        }
    }
    return closure(lower, true);
}

std::vector<std::string> RevisionGraph::range(const std::string& from, const std::string& to,
                                              const std::set<std::string>& applied) const {
    Mask mask = applied_mask(applied);
    std::vector<Index> lower = from.empty() ? std::vector<Index>{} : resolve_indices(from, mask);
    std::vector<Index> upper = resolve_indices(to.empty() ? "heads" : to, mask);
    return ids(upgrade_indices(range_lower(lower, upper, from, to), upper));
}

std::vector<std::string> RevisionGraph::range_including_start(
    const std::string& from, const std::string& to, const std::set<std::string>& applied) const {
    Mask mask = applied_mask(applied);
    std::vector<Index> lower = from.empty() ? std::vector<Index>{} : resolve_indices(from, mask);
    std::vector<Index> upper = resolve_indices(to.empty() ? "heads" : to, mask);
    Mask below = range_lower(lower, upper, from, to);
    for (Index x : lower) below[x] = 0;
    return ids(upgrade_indices(below, upper));
}

bool RevisionGraph::reads_applied(const std::string& identifier) const {
    if (identifier.size() > kMaxIdentifierLength) return false;
    if (identifier == "current") return true;
    if (by_id_.count(identifier) || by_label_.count(identifier)) return false;
    std::string left;
    char sign = '+';
    long steps = 0;
    if (split_relative(identifier, &left, &sign, &steps))
        return left.empty() || reads_applied(left);
    return false;
}

std::pair<std::string, std::string> RevisionGraph::split_range(const std::string& spec) {
    std::size_t colon = spec.find(':');
    if (colon == std::string::npos) {
        throw GraphError("'" + clip_for_message(spec) +
                         "' is not a range; write A:B, A: (from A to the heads) or "
                         ":B (from base to B)");
    }
    return {spec.substr(0, colon), spec.substr(colon + 1)};
}

}  // namespace migrate::engine
