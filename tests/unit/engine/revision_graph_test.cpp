#include "migrations_engine/script/revision_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace migrate::engine {
namespace {

using Ids = std::vector<std::string>;
using IdSet = std::set<std::string>;

RevisionHeader rev(const std::string& id, Ids down = {}, Ids depends_on = {}, Ids labels = {}) {
    RevisionHeader h;
    h.id = id;
    h.down_revisions = std::move(down);
    h.depends_on = std::move(depends_on);
    h.branch_labels = std::move(labels);
    h.message = "message of " + id;
    h.path = "versions/" + id + "_file.yaml";
    return h;
}

// The message of the GraphError `f` throws, or "<no error>".
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const GraphError& e) {
        return e.what();
    }
    return "<no error>";
}

::testing::AssertionResult mentions(const std::string& message, const Ids& parts) {
    for (const std::string& part : parts) {
        if (message.find(part) == std::string::npos) {
            return ::testing::AssertionFailure() << "'" << part << "' not in: " << message;
        }
    }
    return ::testing::AssertionSuccess();
}

// r <- a1 <- a2 <- m <- n, r <- b1 <- m
std::vector<RevisionHeader> branch_and_merge() {
    return {rev("r"),         rev("a1", {"r"}),       rev("a2", {"a1"}),
            rev("b1", {"r"}), rev("m", {"a2", "b1"}), rev("n", {"m"})};
}

// r <- a, r <- b, c (a second base), m merges a, b and c.
std::vector<RevisionHeader> merge_of_three() {
    return {rev("r"), rev("a", {"r"}), rev("b", {"r"}), rev("c"), rev("m", {"a", "b", "c"})};
}

// Two independent branches; b2 depends on a2 and c1 (a third base) depends on b1.
std::vector<RevisionHeader> depends_across_branches() {
    return {rev("a1"), rev("a2", {"a1"}),         rev("a3", {"a2"}),
            rev("b1"), rev("b2", {"b1"}, {"a2"}), rev("c1", {}, {"b1"})};
}

// ---- Exhaustive oracle: written from the definitions, independent of the graph's code ----

struct Oracle {
    std::map<std::string, IdSet> parents;  // down_revisions and depends_on (full ids only)
    Ids ids;

    explicit Oracle(const std::vector<RevisionHeader>& revs) {
        for (const auto& h : revs) {
            ids.push_back(h.id);
            IdSet& p = parents[h.id];
            p.insert(h.down_revisions.begin(), h.down_revisions.end());
            p.insert(h.depends_on.begin(), h.depends_on.end());
        }
    }
    IdSet ancestors_or_self(const IdSet& from) const {
        IdSet out = from;
        for (bool grew = true; grew;) {
            grew = false;
            for (const std::string& x : IdSet(out)) {
                for (const std::string& p : parents.at(x)) grew |= out.insert(p).second;
            }
        }
        return out;
    }
    bool closed(const IdSet& s) const { return ancestors_or_self(s) == s; }
    // Revisions having some member of `targets` as a strict ancestor.
    IdSet strict_descendants(const IdSet& targets) const {
        IdSet out;
        for (const std::string& x : ids) {
            IdSet anc = ancestors_or_self({x});
            anc.erase(x);
            for (const std::string& t : targets) {
                if (anc.count(t)) out.insert(x);
            }
        }
        return out;
    }
    IdSet subset(unsigned bits) const {
        IdSet s;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (bits & (1u << i)) s.insert(ids[i]);
        }
        return s;
    }
};

std::string show(const IdSet& s) {
    std::string out = "{";
    for (const std::string& x : s) out += (out.size() > 1 ? "," : "") + x;
    return out + "}";
}

// Runs every plan for every ancestor-closed applied state and every target set, checking the
// resulting set and the order step by step. Returns "" or the first failure.
std::string exhaustive_check(const std::vector<RevisionHeader>& revs, int* states_checked) {
    RevisionGraph g(revs);
    Oracle o(revs);
    const unsigned all = 1u << o.ids.size();
    *states_checked = 0;
    for (unsigned a = 0; a < all; ++a) {
        const IdSet applied = o.subset(a);
        if (!o.closed(applied)) continue;
        ++*states_checked;
        IdSet heads;  // applied revisions that are no applied revision's parent
        for (const std::string& x : applied) {
            bool is_parent = false;
            for (const std::string& y : applied) is_parent |= o.parents.at(y).count(x) > 0;
            if (!is_parent) heads.insert(x);
        }
        Ids current = g.current_heads(applied);
        if (IdSet(current.begin(), current.end()) != heads) {
            return "current_heads of " + show(applied);
        }
        for (unsigned t = 0; t < all; ++t) {
            const IdSet target = o.subset(t);
            const Ids target_ids(target.begin(), target.end());
            const std::string where =
                " (applied " + show(applied) + ", target " + show(target) + ")";

            IdSet state = applied;
            for (const std::string& x : g.upgrade_plan(applied, target_ids)) {
                if (state.count(x)) return "upgrade applies " + x + " twice" + where;
                for (const std::string& p : o.parents.at(x)) {
                    if (!state.count(p)) return "upgrade applies " + x + " before " + p + where;
                }
                state.insert(x);
            }
            IdSet expected = o.ancestors_or_self(target);
            expected.insert(applied.begin(), applied.end());
            if (state != expected) return "upgrade lands on " + show(state) + where;
            if (!g.upgrade_plan(state, target_ids).empty()) return "upgrade not idempotent" + where;

            bool valid = true;
            for (const std::string& x : target) valid &= applied.count(x) > 0;
            if (!valid) {
                if (error_of([&] {
                        g.downgrade_plan(applied, target_ids);
                    }).find("is not applied; nothing to downgrade to") == std::string::npos) {
                    return "downgrade to an unapplied target does not throw" + where;
                }
                continue;
            }
            expected.clear();
            if (!target.empty()) {
                const IdSet keep = o.ancestors_or_self(target);
                const IdSet above = o.strict_descendants(target);
                for (const std::string& x : applied) {
                    if (!above.count(x) || keep.count(x)) expected.insert(x);
                }
            }
            state = applied;
            for (const std::string& x : g.downgrade_plan(applied, target_ids)) {
                if (!state.erase(x)) return "downgrade removes unapplied " + x + where;
                for (const std::string& y : state) {
                    if (o.parents.at(y).count(x)) {
                        return "downgrade removes " + x + " before its child " + y + where;
                    }
                }
            }
            if (state != expected) return "downgrade lands on " + show(state) + where;
        }
    }
    return "";
}

TEST(RevisionGraphExhaustiveTest, LinearChain) {
    int states = 0;
    EXPECT_EQ(
        exhaustive_check({rev("d", {"c"}), rev("a"), rev("c", {"b"}), rev("b", {"a"})}, &states),
        "");
    EXPECT_EQ(states, 5);  // base, a, ab, abc, abcd
}

TEST(RevisionGraphExhaustiveTest, TwoBranchesAndMerge) {
    int states = 0;
    EXPECT_EQ(exhaustive_check(branch_and_merge(), &states), "");
    EXPECT_EQ(states, 9);  // {}, r, then {a1,a1a2} x {-,b1} minus 1, +m, +mn
}

TEST(RevisionGraphExhaustiveTest, MergeOfThree) {
    int states = 0;
    EXPECT_EQ(exhaustive_check(merge_of_three(), &states), "");
    EXPECT_EQ(states, 11);  // c or not x ({}, r, ra, rb, rab) = 10, plus everything
}

TEST(RevisionGraphExhaustiveTest, DependsOnAcrossBranches) {
    int states = 0;
    EXPECT_EQ(exhaustive_check(depends_across_branches(), &states), "");
    EXPECT_GT(states, 10);
}

// ---- The graph ----

TEST(RevisionGraphTest, LinearChainIsSortedWhateverTheInputOrder) {
    RevisionGraph g({rev("c", {"b"}), rev("a"), rev("b", {"a"})});
    Ids order;
    for (const auto& h : g.revisions()) order.push_back(h.id);
    EXPECT_EQ(order, (Ids{"a", "b", "c"}));
    EXPECT_EQ(g.size(), 3u);
    EXPECT_EQ(g.heads(), Ids{"c"});
    EXPECT_EQ(g.bases(), Ids{"a"});
    EXPECT_TRUE(g.branch_points().empty());
    EXPECT_EQ(g.ancestors("c"), (Ids{"a", "b"}));
    EXPECT_EQ(g.descendants("a"), (Ids{"b", "c"}));
    EXPECT_EQ(g.parents("b"), Ids{"a"});
    EXPECT_EQ(g.children("b"), Ids{"c"});
    EXPECT_EQ(g.get("b").message, "message of b");
    EXPECT_TRUE(g.contains("b"));
    EXPECT_FALSE(g.contains("x"));
}

TEST(RevisionGraphTest, UpgradePathFromBaseIsTopologicalWithTiesById) {
    RevisionGraph g(branch_and_merge());
    EXPECT_EQ(g.upgrade_plan({}, {"n"}), (Ids{"r", "a1", "a2", "b1", "m", "n"}));
    EXPECT_EQ(g.upgrade_plan({"r", "a1"}, {"m"}), (Ids{"a2", "b1", "m"}));
    // A tie between an unrelated base ("y") and a child ("x1") goes to the smaller id.
    RevisionGraph ties({rev("z"), rev("x1", {"z"}), rev("y")});
    EXPECT_EQ(ties.upgrade_plan({"z"}, {"x1", "y"}), (Ids{"x1", "y"}));
    EXPECT_EQ(ties.upgrade_plan({}, ties.resolve("heads")), (Ids{"y", "z", "x1"}));
}

TEST(RevisionGraphTest, TwoBranchesAndMerge) {
    std::vector<RevisionHeader> revs = branch_and_merge();
    revs.pop_back();  // n
    revs.pop_back();  // m
    RevisionGraph open(revs);
    EXPECT_EQ(open.heads(), (Ids{"a2", "b1"}));
    EXPECT_EQ(open.branch_points(), Ids{"r"});
    EXPECT_EQ(open.upgrade_plan({"r", "a1", "a2"}, {"b1"}), Ids{"b1"});

    RevisionGraph g(branch_and_merge());
    EXPECT_EQ(g.heads(), Ids{"n"});
    EXPECT_EQ(g.ancestors("m"), (Ids{"r", "a1", "a2", "b1"}));
    EXPECT_EQ(g.descendants("b1"), (Ids{"m", "n"}));
    EXPECT_EQ(g.parents("m"), (Ids{"a2", "b1"}));
    // Downgrading to one branch removes the merge and what follows, keeps the other branch.
    IdSet all{"r", "a1", "a2", "b1", "m", "n"};
    EXPECT_EQ(g.downgrade_plan(all, {"a2"}), (Ids{"n", "m"}));
    EXPECT_EQ(g.downgrade_plan(all, {"a1"}), (Ids{"n", "m", "a2"}));
    EXPECT_EQ(g.downgrade_plan(all, {"r"}), (Ids{"n", "m", "b1", "a2", "a1"}));
    EXPECT_EQ(g.downgrade_plan(all, {}), (Ids{"n", "m", "b1", "a2", "a1", "r"}));
}

TEST(RevisionGraphTest, MergeOfThree) {
    RevisionGraph g(merge_of_three());
    EXPECT_EQ(g.heads(), Ids{"m"});
    EXPECT_EQ(g.bases(), (Ids{"c", "r"}));
    EXPECT_EQ(g.upgrade_plan({}, {"m"}), (Ids{"c", "r", "a", "b", "m"}));
    EXPECT_EQ(g.upgrade_plan({"r", "b"}, g.resolve("head")), (Ids{"a", "c", "m"}));
    EXPECT_TRUE(
        mentions(error_of([&] { g.resolve("m-1"); }), {"m is a merge of c, a, b", "e.g. c"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("m@base"); }), {"several bases", "c, r"}));
}

TEST(RevisionGraphTest, DependsOnAcrossBranches) {
    RevisionGraph g(depends_across_branches());
    // depends_on does not end a head: a3 and c1 remain heads, a2 is no head.
    EXPECT_EQ(g.heads(), (Ids{"a3", "b2", "c1"}));
    EXPECT_EQ(g.parents("b2"), (Ids{"a2", "b1"}));
    EXPECT_EQ(g.children("a2"), Ids{"a3"});
    EXPECT_EQ(g.descendants("a2"), (Ids{"a3", "b2"}));
    EXPECT_EQ(g.upgrade_plan({}, {"b2"}), (Ids{"a1", "a2", "b1", "b2"}));
    EXPECT_EQ(g.downgrade_plan({"a1", "a2", "b1", "b2"}, {"a1"}), (Ids{"b2", "a2"}));
    EXPECT_EQ(g.current_heads({"a1", "a2", "b1", "b2"}), Ids{"b2"});
    EXPECT_EQ(g.current_heads({"a1", "a2", "b1"}), (Ids{"a2", "b1"}));
}

TEST(RevisionGraphTest, DependsOnMayBeWrittenAsPrefixOrLabel) {
    RevisionGraph g({rev("1a2b3c4d5e6f", {}, {}, {"core"}), rev("9f8e7d6c5b4a"),
                     rev("aaaa00000001", {"9f8e7d6c5b4a"}, {"core"}),
                     rev("bbbb00000001", {"9f8e7d6c5b4a"}, {"1a2b"})});
    EXPECT_EQ(g.parents("aaaa"), (Ids{"1a2b3c4d5e6f", "9f8e7d6c5b4a"}));
    EXPECT_EQ(g.parents("bbbb"), (Ids{"1a2b3c4d5e6f", "9f8e7d6c5b4a"}));
}

TEST(RevisionGraphTest, BranchLabelsNameRevisionsAndTheirHeadAndBase) {
    RevisionGraph g({rev("r"), rev("s1", {"r"}, {}, {"shop"}), rev("s2", {"s1"}), rev("s3", {"s2"}),
                     rev("u1", {"r"}, {}, {"users"}), rev("u2", {"u1"}), rev("u3", {"u1"})});
    EXPECT_EQ(g.resolve("shop"), Ids{"s1"});
    EXPECT_EQ(g.resolve_revision("shop"), "s1");
    EXPECT_EQ(g.resolve("shop@head"), Ids{"s3"});
    EXPECT_EQ(g.resolve("shop@base"), Ids{"r"});
    EXPECT_EQ(g.resolve("s3@base"), Ids{"r"});
    EXPECT_EQ(g.resolve("shop@head-1"), Ids{"s2"});
    EXPECT_EQ(g.upgrade_plan({"r"}, g.resolve("shop@head")), (Ids{"s1", "s2", "s3"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("users@head"); }), {"several heads", "u2, u3"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("shop@top"); }), {"@top", "@head"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("nope@head"); }), {"nope", "history"}));
}

TEST(RevisionGraphTest, HeadHeadsBaseAndCurrent) {
    RevisionGraph g(depends_across_branches());
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("head"); }),
                         {"several heads (a3, b2, c1)", "'heads'", "`migrate merge`"}));
    EXPECT_EQ(g.resolve("heads"), (Ids{"a3", "b2", "c1"}));
    EXPECT_TRUE(g.resolve("base").empty());
    EXPECT_TRUE(g.resolve("current").empty());
    EXPECT_EQ(g.resolve("current", {"a1", "b1"}), (Ids{"a1", "b1"}));
    EXPECT_EQ(RevisionGraph(branch_and_merge()).resolve("head"), Ids{"n"});
    EXPECT_TRUE(RevisionGraph({}).resolve("head").empty());
}

TEST(RevisionGraphTest, RelativeStepsFromCurrent) {
    RevisionGraph g({rev("a"), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"c"})});
    EXPECT_EQ(g.resolve("+1"), Ids{"a"});  // from base when nothing is applied
    EXPECT_EQ(g.resolve("+2"), Ids{"b"});
    EXPECT_EQ(g.resolve("+2", {"a", "b"}), Ids{"d"});
    EXPECT_EQ(g.resolve("-1", {"a", "b", "c"}), Ids{"b"});
    EXPECT_TRUE(g.resolve("-1", {"a"}).empty());  // one step below the first revision: base
    EXPECT_EQ(g.downgrade_plan({"a", "b", "c"}, g.resolve("-1", {"a", "b", "c"})), Ids{"c"});
    EXPECT_EQ(g.downgrade_plan({"a", "b"}, g.resolve("-2", {"a", "b"})), (Ids{"b", "a"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("-2", {"a"}); }), {"below base", "1 of 2"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("-1"); }), {"below base", "nothing is applied"}));
    EXPECT_TRUE(mentions(error_of([&] {
                             g.resolve("+2", {"a", "b", "c"});
                         }),
                         {"d is a head", "1 of 2"}));

    RevisionGraph two(branch_and_merge());
    EXPECT_TRUE(mentions(error_of([&] {
                             two.resolve("+1", {"r", "a1", "b1"});
                         }),
                         {"current heads", "a1, b1", "a1+1"}));
    EXPECT_TRUE(mentions(error_of([&] { two.resolve("+1", {"r"}); }),
                         {"r is a branch point", "a1, b1", "e.g. a1"}));
}

TEST(RevisionGraphTest, RelativeStepsFromARevision) {
    RevisionGraph g(branch_and_merge());
    EXPECT_EQ(g.resolve("a1+1"), Ids{"a2"});
    EXPECT_EQ(g.resolve("a1+2"), Ids{"m"});
    EXPECT_EQ(g.resolve("n-1"), Ids{"m"});
    EXPECT_EQ(g.resolve("a2-2"), Ids{"r"});
    EXPECT_EQ(g.resolve("a2+0"), Ids{"a2"});
    EXPECT_EQ(g.resolve("head-1"), Ids{"m"});
    EXPECT_EQ(g.resolve("base+1"), Ids{"r"});
    EXPECT_TRUE(g.resolve("r-1").empty());
    EXPECT_TRUE(
        mentions(error_of([&] { g.resolve("r+2"); }), {"r is a branch point", "a1, b1", "a1+1"}));
    EXPECT_TRUE(
        mentions(error_of([&] { g.resolve("n-2"); }), {"m is a merge of a2, b1", "e.g. a2"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("zz+1"); }), {"unknown revision 'zz'"}));
    EXPECT_TRUE(mentions(error_of([&] {
                             RevisionGraph({rev("x"), rev("y")}).resolve("+1");
                         }),
                         {"several bases", "x, y"}));
}

TEST(RevisionGraphTest, IdsThatLookLikeRelativeStepsAreTakenWhole) {
    RevisionGraph g({rev("v1"), rev("v1-2", {"v1"}), rev("v1-3", {"v1-2"}, {}, {"rel-2"})});
    EXPECT_EQ(g.resolve("v1-2"), Ids{"v1-2"});
    EXPECT_EQ(g.resolve("rel-2"), Ids{"v1-3"});
    EXPECT_EQ(g.resolve("v1-3-1"), Ids{"v1-2"});
    EXPECT_EQ(g.resolve("rel-2-2"), Ids{"v1"});
}

TEST(RevisionGraphTest, PrefixResolution) {
    RevisionGraph g({rev("3f2a9c1b7d4e"), rev("3f2b00000000", {"3f2a9c1b7d4e"}), rev("abc"),
                     rev("abcd", {"abc"})});
    EXPECT_EQ(g.resolve("3f2a"), Ids{"3f2a9c1b7d4e"});
    EXPECT_EQ(g.resolve_revision("3f2b"), "3f2b00000000");
    EXPECT_EQ(g.get("3f2a9").id, "3f2a9c1b7d4e");
    EXPECT_EQ(g.resolve("abc"), Ids{"abc"});  // a full id wins over a longer id it prefixes
    EXPECT_EQ(g.resolve("3f2a+1"), Ids{"3f2b00000000"});
    EXPECT_TRUE(
        mentions(error_of([&] { g.resolve("3f2"); }),
                 {"ambiguous", "3f2a9c1b7d4e (versions/3f2a9c1b7d4e_file.yaml)", "3f2b00000000"}));
    EXPECT_TRUE(mentions(error_of([&] { g.get("ffff"); }),
                         {"unknown revision 'ffff'", "`migrate history`"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve(""); }), {"empty"}));
}

TEST(RevisionGraphTest, Ranges) {
    RevisionGraph g(branch_and_merge());
    EXPECT_EQ(g.range("a1", "m"), (Ids{"a2", "b1", "m"}));
    EXPECT_EQ(g.range("", "a2"), (Ids{"r", "a1", "a2"}));
    EXPECT_EQ(g.range("m", ""), Ids{"n"});
    EXPECT_EQ(g.range("", ""), (Ids{"r", "a1", "a2", "b1", "m", "n"}));
    EXPECT_EQ(g.range("base", "r"), Ids{"r"});
    EXPECT_TRUE(g.range("a2", "a2").empty());
    EXPECT_EQ(g.range("current", "head", {"r", "b1"}), (Ids{"a1", "a2", "m", "n"}));
    EXPECT_TRUE(mentions(error_of([&] { g.range("m", "a1"); }), {"m is not an ancestor of a1"}));
    EXPECT_TRUE(mentions(error_of([&] { g.range("a2", "b1"); }), {"not an ancestor"}));
    EXPECT_EQ(RevisionGraph::split_range("a:b"),
              std::make_pair(std::string("a"), std::string("b")));
    EXPECT_EQ(RevisionGraph::split_range(":b").first, "");
    EXPECT_EQ(RevisionGraph::split_range("a:").second, "");
    EXPECT_TRUE(mentions(error_of([] { RevisionGraph::split_range("ab"); }), {"not a range"}));
}

TEST(RevisionGraphTest, DowngradeTargetMustBeApplied) {
    RevisionGraph g(branch_and_merge());
    const std::string msg = error_of([&] { g.downgrade_plan({"r", "a1"}, {"b1"}); });
    EXPECT_TRUE(mentions(msg, {"b1 is not applied; nothing to downgrade to", "current: a1"}));
    EXPECT_TRUE(g.downgrade_plan({"r", "a1"}, {"a1"}).empty());
    EXPECT_TRUE(g.downgrade_plan({}, {}).empty());
}

TEST(RevisionGraphTest, UnknownAppliedRevisionsAreReported) {
    RevisionGraph g(branch_and_merge());
    EXPECT_NO_THROW(g.check_applied({"r", "a1"}));
    const std::string msg = error_of([&] { g.check_applied({"r", "gone1", "gone2"}); });
    EXPECT_TRUE(mentions(msg, {"version table", "gone1, gone2", "revision files"}));
    EXPECT_TRUE(mentions(error_of([&] { g.upgrade_plan({"gone1"}, {"n"}); }), {"gone1"}));
    EXPECT_TRUE(mentions(error_of([&] { g.resolve("current", {"gone1"}); }), {"gone1"}));
}

// ---- Invalid graphs ----

TEST(RevisionGraphErrorTest, IsAUsageError) {
    EXPECT_EQ(GraphError("x").exit_code(), exit_code::kUsage);
    try {
        RevisionGraph({rev("a"), rev("a")});
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), 2);
    }
}

TEST(RevisionGraphErrorTest, DuplicateId) {
    RevisionHeader second = rev("a", {"b"});
    second.path = "versions/a_copy.yaml";
    EXPECT_TRUE(mentions(error_of([&] {
                             RevisionGraph({rev("a"), rev("b", {"a"}), second});
                         }),
                         {"a is declared twice", "versions/a_file.yaml", "versions/a_copy.yaml"}));
}

TEST(RevisionGraphErrorTest, EmptyId) {
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("a"), rev("")});
                         }),
                         {"empty id", "versions/_file.yaml"}));
}

TEST(RevisionGraphErrorTest, MissingDownRevision) {
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("a"), rev("b", {"zz"})});
                         }),
                         {"versions/b_file.yaml", "down_revision 'zz' names no revision"}));
    // A prefix is not enough for a down_revision, but the message says what was meant.
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("abcdef"), rev("b", {"abc"})});
                         }),
                         {"did you mean abcdef", "full id"}));
}

TEST(RevisionGraphErrorTest, MissingOrAmbiguousDependsOn) {
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("a"), rev("b", {"a"}, {"qq"})});
                         }),
                         {"versions/b_file.yaml", "depends_on 'qq'", "unknown revision"}));
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("ab1"), rev("ab2"), rev("c", {}, {"ab"})});
                         }),
                         {"depends_on 'ab'", "ambiguous", "ab1", "ab2"}));
}

TEST(RevisionGraphErrorTest, Cycle) {
    const std::string msg = error_of([] {
        RevisionGraph({rev("r"), rev("a", {"r", "c"}), rev("b", {"a"}), rev("c", {"b"})});
    });
    EXPECT_TRUE(mentions(
        msg, {"cycle", "versions/a_file.yaml", "versions/b_file.yaml", "versions/c_file.yaml"}));
    EXPECT_TRUE(msg.find("a -> c -> b -> a") != std::string::npos ||
                msg.find("b -> a -> c -> b") != std::string::npos ||
                msg.find("c -> b -> a -> c") != std::string::npos)
        << msg;
    EXPECT_EQ(msg.find("versions/r_file.yaml"), std::string::npos) << msg;
    EXPECT_TRUE(mentions(error_of([] { RevisionGraph({rev("s", {"s"})}); }), {"s -> s"}));
    // depends_on closes cycles too.
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("a", {}, {"b"}), rev("b", {"a"})});
                         }),
                         {"cycle"}));
}

TEST(RevisionGraphErrorTest, BadBranchLabels) {
    EXPECT_TRUE(
        mentions(error_of([] {
                     RevisionGraph({rev("a", {}, {}, {"x"}), rev("b", {"a"}, {}, {"x"})});
                 }),
                 {"'x' is declared twice", "versions/a_file.yaml", "versions/b_file.yaml"}));
    EXPECT_TRUE(mentions(error_of([] {
                             RevisionGraph({rev("a", {}, {}, {"b"}), rev("b", {"a"})});
                         }),
                         {"label 'b'", "equals the id", "versions/b_file.yaml"}));
    EXPECT_TRUE(
        mentions(error_of([] { RevisionGraph({rev("a", {}, {}, {"head"})}); }), {"reserved"}));
    EXPECT_TRUE(mentions(error_of([] { RevisionGraph({rev("a", {}, {}, {"x@y"})}); }), {"'@'"}));
    EXPECT_TRUE(mentions(error_of([] { RevisionGraph({rev("a", {}, {}, {""})}); }),
                         {"empty branch label"}));
}

// ---- Scale ----

TEST(RevisionGraphScaleTest, FiveThousandRevisionLinearGraphBuildsAndPlans) {
    const int n = 5000;
    std::vector<RevisionHeader> revs;
    auto id = [](int i) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%012x", static_cast<unsigned>(i) * 2654435761u);
        return std::string(buf);
    };
    for (int i = 0; i < n; ++i) revs.push_back(rev(id(i), i == 0 ? Ids{} : Ids{id(i - 1)}));
    std::shuffle(revs.begin(), revs.end(), std::mt19937(42));
    RevisionGraph g(std::move(revs));
    ASSERT_EQ(g.heads(), Ids{id(n - 1)});
    Ids plan = g.upgrade_plan({}, g.resolve("head"));
    ASSERT_EQ(plan.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) ASSERT_EQ(plan[i], id(i));
    const IdSet all(plan.begin(), plan.end());
    EXPECT_EQ(g.current_heads(all), Ids{id(n - 1)});
    EXPECT_EQ(g.resolve("-1", all), Ids{id(n - 2)});
    EXPECT_EQ(g.resolve("+4999"), Ids{id(n - 2)});
    EXPECT_EQ(g.downgrade_plan(all, g.resolve("-10", all)).size(), 10u);
    EXPECT_EQ(g.downgrade_plan(all, {}).front(), id(n - 1));
    EXPECT_EQ(g.range(id(100), id(200)).size(), 100u);
    EXPECT_EQ(g.ancestors(id(n - 1)).size(), static_cast<std::size_t>(n - 1));
}

}  // namespace
}  // namespace migrate::engine
