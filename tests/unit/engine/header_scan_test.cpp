// The fast header reading gives what the YAML parser gives, or declines.

#include "migrations_engine/script/header_scan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "migrations_engine/script/embedded_files.h"

namespace migrate::engine {
namespace {

void expect_same(const RevisionHeader& a, const RevisionHeader& b, const std::string& text) {
    EXPECT_EQ(a.id, b.id) << text;
    EXPECT_EQ(a.down_revisions, b.down_revisions) << text;
    EXPECT_EQ(a.branch_labels, b.branch_labels) << text;
    EXPECT_EQ(a.depends_on, b.depends_on) << text;
    EXPECT_EQ(a.message, b.message) << text;
    EXPECT_EQ(a.create_date, b.create_date) << text;
    EXPECT_EQ(a.transactional, b.transactional) << text;
    EXPECT_EQ(a.path, b.path) << text;
}

const char* const kBody = "upgrade:\n  - sql: \"SELECT 1\"\ndowngrade: []\n";

TEST(HeaderScanTest, ReadsWhatRevisionWritesAsTheYamlParserDoes) {
    const std::string tmpl = embedded_files().at("generic/script.yaml.mustache");
    std::vector<NewRevision> revs(4);
    revs[0] = {"a1b2c3d4e5f6", {}, {}, {}, "create users", "2026-12-03 10:00:00.123456"};
    revs[1] = {"b1b2c3d4e5f6", {"a1b2c3d4e5f6"}, {"billing"}, {}, "add a, b and c (v2)", "x"};
    revs[2] = {"c1b2c3d4e5f6", {"a1b2c3d4e5f6", "b1b2c3d4e5f6"}, {}, {"billing@head"}, "merge", ""};
    revs[3] = {"d1", {"c1b2c3d4e5f6"}, {"x", "y"}, {"a1b2", "b1b2"}, "naïve: colon, #hash", "d"};
    for (const auto& rev : revs) {
        const std::string text = render_revision(rev, tmpl);
        const RevisionHeader slow = detail::parse_revision_header_yaml(text, "f.yaml");
        auto fast = detail::scan_simple_header(text, "f.yaml");
        if (rev.message.find(':') == std::string::npos) {
            ASSERT_TRUE(fast.has_value()) << "the fast reading declined what `revision` writes:\n"
                                          << text;
        }
        if (fast) expect_same(*fast, slow, text);
        // parse_revision_header, whichever reading it takes, agrees too.
        expect_same(parse_revision_header(text, "f.yaml"), slow, text);
    }
}

TEST(HeaderScanTest, EverySpellingItAcceptsReadsAsYamlReadsIt) {
    const std::vector<std::string> values = {"",
                                             "~",
                                             "null",
                                             "abc",
                                             "[]",
                                             "[a]",
                                             "[a, b]",
                                             "[ a ,b ]",
                                             "a b",
                                             "0",
                                             "true",
                                             "false",
                                             "yes",
                                             "'q'",
                                             "\"q\"",
                                             "a # c",
                                             "a: b",
                                             "[a",
                                             "[a,]",
                                             "{a: b}",
                                             "-x",
                                             "a,b",
                                             "2026-01-01 10:00:00",
                                             "[a:b]",
                                             "!!str x",
                                             "&a x",
                                             "*a",
                                             "x\ty",
                                             "[[a]]",
                                             "é€",
                                             "a:"};
    const std::vector<std::string> keys = {"revision",     "down_revision", "branch_labels",
                                           "depends_on",   "message",       "create_date",
                                           "transactional"};
    size_t accepted = 0, declined = 0;
    for (const auto& key : keys)
        for (const auto& value : values) {
            std::string text = "# t\n";
            if (key != "revision") text += "revision: r1\n";
            text += key + ":" + (value.empty() ? "" : " " + value) + "\n" + kBody;
            auto fast = detail::scan_simple_header(text, "f.yaml");
            if (!fast) {
                ++declined;
                continue;
            }
            ++accepted;
            RevisionHeader slow;
            try {
                slow = detail::parse_revision_header_yaml(text, "f.yaml");
            } catch (const std::exception& e) {
                ADD_FAILURE() << "accepted what YAML refuses (" << e.what() << "):\n" << text;
                continue;
            }
            expect_same(*fast, slow, text);
        }
    EXPECT_GT(accepted, 40u);
    EXPECT_GT(declined, 40u);
}

TEST(HeaderScanTest, DeclinesWhatNeedsTheParser) {
    const std::vector<std::string> texts = {
        "revision: a\nrevision: b\n",                // duplicate key: the parser says so
        "revison: a\n",                              // unknown key: the parser suggests
        "down_revision: x\n",                        // no revision
        "revision: a\nmessage: one\n  continued\n",  // multi-line plain scalar
        "revision: a\ndown_revision:\n  - b\n",      // block list
        "---\nrevision: a\n",                        // document marker
        "\xEF\xBB\xBFrevision: a\n",                 // byte-order mark
        "revision: a\ntransactional: yes\n",         // yes is YAML's, not ours to guess
        "revision:a\n",                              // no space after the colon
    };
    for (const auto& t : texts)
        EXPECT_FALSE(detail::scan_simple_header(t + kBody, "f.yaml").has_value()) << t;
}

TEST(HeaderScanTest, SectionsAnywhereAndCommentsAreSkipped) {
    const std::string text =
        "# title\n\nupgrade:\n- create_table: {name: t}\nrevision: abc\n  # indented comment\n"
        "downgrade:\n  - drop_table: t\nmessage: m\r\ncreate_date: d\n";
    auto fast = detail::scan_simple_header(text, "f.yaml");
    ASSERT_TRUE(fast.has_value());
    expect_same(*fast, detail::parse_revision_header_yaml(text, "f.yaml"), text);
    EXPECT_EQ(fast->id, "abc");
    EXPECT_EQ(fast->message, "m");
}

}  // namespace
}  // namespace migrate::engine
