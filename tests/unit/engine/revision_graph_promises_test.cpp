// The graph's promises: stamp moves only the targets' lineage, a gap in the applied set is
// reported, identifiers that need the database are known as such, `history -r A:B` includes
// A, and ids, labels and identifiers of any length are checked without crashing.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "migrations_engine/script/revision_graph.h"
#include "migrations_engine/script/revision_names.h"

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
    h.path = "versions/" + id + "_file.yaml";
    return h;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const GraphError& e) {
        return e.what();
    }
    return "<no error>";
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// r <- a1 <- a2 <- m <- n, r <- b1 <- m
std::vector<RevisionHeader> branch_and_merge() {
    return {rev("r"),         rev("a1", {"r"}),       rev("a2", {"a1"}),
            rev("b1", {"r"}), rev("m", {"a2", "b1"}), rev("n", {"m"})};
}

// Two roots; b2 depends on a2 (not a down_revision).
std::vector<RevisionHeader> depends_across() {
    return {rev("a1"), rev("a2", {"a1"}), rev("a3", {"a2"}), rev("b1"), rev("b2", {"b1"}, {"a2"})};
}

// ---- stamp ----

TEST(RevisionGraphStampTest, StampOnAnotherBranchKeepsTheFirstBranch) {
    RevisionGraph g(branch_and_merge());
    EXPECT_EQ(g.stamp_result({"r", "a1", "a2"}, {"b1"}), (IdSet{"r", "a1", "a2", "b1"}));
    // Back down one branch: the other stays.
    EXPECT_EQ(g.stamp_result({"r", "a1", "a2", "b1"}, {"a1"}), (IdSet{"r", "a1", "b1"}));
    // Below a merge: the merge and what follows it go, since they descend from the target.
    EXPECT_EQ(g.stamp_result({"r", "a1", "a2", "b1", "m", "n"}, {"a1"}), (IdSet{"r", "a1", "b1"}));
    EXPECT_EQ(g.stamp_result({"r", "a1"}, {"n"}), (IdSet{"r", "a1", "a2", "b1", "m", "n"}));
    EXPECT_TRUE(g.stamp_result({"r", "a1", "b1"}, {}).empty()) << "base empties the table";
}

TEST(RevisionGraphStampTest, DependsOnCountsAsLineage) {
    RevisionGraph g(depends_across());
    // b2 depends on a2: stamping a1 takes b2 out with a2, keeping the set closed.
    EXPECT_EQ(g.stamp_result({"a1", "a2", "b1", "b2"}, {"a1"}), (IdSet{"a1", "b1"}));
    EXPECT_EQ(g.strict_descendants({"a1"}), (Ids{"a2", "a3", "b2"}));
    EXPECT_TRUE(g.strict_descendants({"a3", "b2"}).empty());
}

// Every closed applied set and every target set: the result is closed, holds the targets'
// ancestors, and keeps every applied revision that does not descend from a target.
TEST(RevisionGraphStampTest, ExhaustiveResultIsClosedAndMovesOnlyTheLineage) {
    for (const auto& revs : {branch_and_merge(), depends_across()}) {
        RevisionGraph g(revs);
        Ids ids;
        for (const auto& h : revs) ids.push_back(h.id);
        auto subset = [&](unsigned bits) {
            IdSet s;
            for (size_t i = 0; i < ids.size(); ++i)
                if (bits & (1u << i)) s.insert(ids[i]);
            return s;
        };
        auto closed = [&](const IdSet& s) {
            return g.ancestors_or_self(Ids(s.begin(), s.end())) == s;
        };
        const unsigned all = 1u << ids.size();
        for (unsigned a = 0; a < all; ++a) {
            const IdSet applied = subset(a);
            if (!closed(applied)) continue;
            for (unsigned t = 1; t < all; ++t) {
                const IdSet target = subset(t);
                const Ids target_ids(target.begin(), target.end());
                const IdSet result = g.stamp_result(applied, target_ids);
                EXPECT_TRUE(closed(result));
                for (const auto& x : g.ancestors_or_self(target_ids)) EXPECT_TRUE(result.count(x));
                for (const auto& x : applied) {
                    bool descends = false;
                    for (const auto& y : target) {
                        Ids anc = g.ancestors(x);
                        descends |= std::find(anc.begin(), anc.end(), y) != anc.end();
                    }
                    bool keep_anyway = g.ancestors_or_self(target_ids).count(x) > 0;
                    EXPECT_EQ(result.count(x) > 0, !descends || keep_anyway) << x;
                }
            }
        }
    }
}

// ---- the applied set ----

TEST(RevisionGraphAppliedTest, AGapIsReportedWithTheStampThatRepairsIt) {
    RevisionGraph g(branch_and_merge());
    EXPECT_NO_THROW(g.check_applied({"r", "a1", "b1"}));
    const std::string msg = error_of([&] { g.check_applied({"r", "a2", "b1"}); });
    EXPECT_TRUE(has(msg, "gap")) << msg;
    EXPECT_TRUE(has(msg, "a2 (versions/a2_file.yaml) is applied, but its parent a1")) << msg;
    EXPECT_TRUE(has(msg, "`migrate stamp a2 b1`")) << msg;
    EXPECT_NO_THROW(g.check_known({"r", "a2"})) << "check_known looks only for unknown ids";
    // The repair: stamping the applied heads adds what they build on and keeps the rest.
    EXPECT_EQ(g.stamp_result({"r", "a2", "b1"}, {"a2", "b1"}), (IdSet{"r", "a1", "a2", "b1"}));
    // depends_on is a parent too.
    RevisionGraph d(depends_across());
    EXPECT_TRUE(has(error_of([&] { d.check_applied({"b1", "b2"}); }), "its parent a2"));
}

// ---- identifiers ----

TEST(RevisionGraphIdentifierTest, WhichIdentifiersReadTheDatabase) {
    RevisionGraph g({rev("a"), rev("b", {"a"}), rev("c", {"b"}, {}, {"lab"}), rev("v1-2", {"c"})});
    for (const char* id : {"current", "+1", "-1", "current-1", "current+2"})
        EXPECT_TRUE(g.reads_applied(id)) << id;
    for (const char* id :
         {"", "head", "heads", "base", "a", "b+1", "lab", "lab@head", "c-1", "v1-2", "v1-2-1"})
        EXPECT_FALSE(g.reads_applied(id)) << id;
}

TEST(RevisionGraphIdentifierTest, HistoryRangeIncludesItsStart) {
    RevisionGraph g(branch_and_merge());
    EXPECT_EQ(g.range_including_start("a1", "m"), (Ids{"a1", "a2", "b1", "m"}));
    EXPECT_EQ(g.range("a1", "m"), (Ids{"a2", "b1", "m"})) << "offline ranges still start after A";
    EXPECT_EQ(g.range_including_start("", "a2"), (Ids{"r", "a1", "a2"}));
    EXPECT_EQ(g.range_including_start("m", ""), (Ids{"m", "n"}));
    EXPECT_EQ(g.range_including_start("a2", "a2"), Ids{"a2"});
    EXPECT_EQ(g.range_including_start("current", "", {"r", "a1"}),
              (Ids{"a1", "a2", "b1", "m", "n"}));
    EXPECT_TRUE(has(error_of([&] { g.range_including_start("m", "a1"); }), "not an ancestor"));
}

TEST(RevisionGraphIdentifierTest, AHundredThousandCharacterIdentifierIsAnErrorNotACrash) {
    RevisionGraph g(branch_and_merge());
    const std::string huge(100000, 'x');
    for (const std::string& id : {huge, huge + "+1", "r+" + huge, huge + "@head", "-" + huge}) {
        const std::string msg = error_of([&] { g.resolve(id); });
        EXPECT_TRUE(has(msg, "(100")) << msg.substr(0, 200);
        EXPECT_LT(msg.size(), 1000u);
    }
    EXPECT_FALSE(g.reads_applied(huge + "+1"));
    EXPECT_TRUE(has(error_of([&] { g.range(huge, "head"); }), "longer than any identifier"));
    EXPECT_TRUE(has(error_of([&] { RevisionGraph::split_range(huge); }), "not a range"));
    EXPECT_TRUE(has(error_of([&] { g.get(huge); }), "unknown revision"));
}

// ---- names ----

TEST(RevisionNamesTest, ReservedWordsAndIdentifierSyntaxAreRejected) {
    for (const char* ok : {"3f2a9c1b7d4e", "v1-2", "add_users", "A"})
        EXPECT_EQ(revision_name_problem(ok), std::nullopt) << ok;
    const std::map<std::string, std::string> bad = {
        {"", "empty"},         {"base", "reserved"},         {"head", "reserved"},
        {"heads", "reserved"}, {"current", "reserved"},      {"a:b", "range"},
        {"x@y", "'@'"},        {"-1", "starts with '-'"},    {"+2", "'+'"},
        {"a+1", "'+'"},        {"two words", "white space"}, {"tab\there", "white space"},
        {"a.b", "'.'"},        {"nl\n", "white space"},      {std::string(256, 'a'), "256"},
    };
    for (const auto& [name, why] : bad) {
        auto problem = revision_name_problem(name);
        ASSERT_TRUE(problem.has_value()) << name;
        EXPECT_TRUE(has(*problem, why)) << name << ": " << *problem;
    }
    EXPECT_EQ(revision_name_problem(std::string(255, 'a')), std::nullopt);
}

TEST(RevisionNamesTest, IdsAndLabelsFromFilesAreCheckedNamingTheFile) {
    for (const char* id : {"head", "a:b", "x@y", "-1", "two words"}) {
        const std::string msg = error_of([&] { RevisionGraph({rev(id)}); });
        EXPECT_TRUE(has(msg, "versions/")) << msg;
        EXPECT_TRUE(has(msg, "another id")) << msg;
    }
    for (const char* label : {"heads", "a:b", "x@y", "+2", "with space"}) {
        const std::string msg = error_of([&] { RevisionGraph({rev("a", {}, {}, {label})}); });
        EXPECT_TRUE(has(msg, "versions/a_file.yaml")) << msg;
        EXPECT_TRUE(has(msg, "another label")) << msg;
    }
    const std::string huge(100000, 'd');
    const std::string msg = error_of([&] { RevisionGraph({rev("a"), rev("b", {huge})}); });
    EXPECT_TRUE(has(msg, "versions/b_file.yaml")) << msg.substr(0, 300);
    EXPECT_TRUE(has(msg, "(100000 characters)")) << msg.substr(0, 300);
    EXPECT_LT(msg.size(), 1000u);
    EXPECT_TRUE(has(error_of([&] { RevisionGraph({rev(huge)}); }), "at most 255"));
}

TEST(RevisionNamesTest, ClipKeepsShortTextAndShortensLongText) {
    EXPECT_EQ(clip_for_message("abc"), "abc");
    const std::string clipped = clip_for_message(std::string(5000, 'z'));
    EXPECT_LT(clipped.size(), 100u);
    EXPECT_TRUE(has(clipped, "(5000 characters)"));
}

}  // namespace
}  // namespace migrate::engine
