// The rows of a bulk_insert in a revision file are read without a YAML node per value
// (bulk_rows_scan.h). yaml-cpp alone (parse_operations on its nodes) is the oracle: every row,
// however written, must read the same, and every mistake must give the same message at the same
// file:line:column, also deep in a long list.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "migrations_engine/ops/op_yaml.h"
#include "migrations_engine/script/revision_file.h"
#include "tests/support/test_support.h"

namespace migrate::engine {
namespace {

const std::string kHeader =
    "# rows\n"
    "revision: aaaa00000001\n"
    "down_revision: null\n"
    "message: rows\n";

// The header's lines as comments, so that the operations keep their line numbers.
const std::string kBlankHeader = "#\n#\n#\n#\n";

std::string ops_text(const std::vector<std::string>& rows, const std::string& item_indent) {
    std::string out = "  - bulk_insert:\n      table: t\n      rows:\n";
    for (const auto& r : rows)  // blank lines and comments as they are
        out += (r.empty() || r[0] == '#' ? r : item_indent + "- " + r) + "\n";
    return out;
}

std::vector<Operation> read_file_ops(const std::string& ops) {
    test::TempDir dir;
    const std::string path = dir.file("rev.yaml");
    test::write_file(path, kHeader + "upgrade:\n" + ops + "downgrade: []\n");
    return read_revision_file(path).upgrade;
}

// The operations of the revision file's `upgrade: ops`, read by yaml-cpp alone as the file
// reader reads them (same list name, same line numbers).
std::vector<Operation> oracle(const std::string& ops, const std::string& path) {
    const YAML::Node root = YAML::Load(kBlankHeader + "upgrade:\n" + ops);
    const YAML::Node list = root["upgrade"];
    return parse_operations(orm::detail::Reader(path),
                            {"upgrade", "'upgrade'", root, list, "in the revision file"});
}

// The message of reading `ops` as a revision file, and as yaml-cpp alone reads it; both name
// the file "rev.yaml".
std::pair<std::string, std::string> both_errors(const std::string& ops) {
    test::TempDir dir;
    const std::string path = dir.file("rev.yaml");
    test::write_file(path, kHeader + "upgrade:\n" + ops + "downgrade: []\n");
    std::pair<std::string, std::string> out;
    try {
        read_revision_file(path);
    } catch (const InputError& e) {
        out.first = e.what();
    }
    try {
        oracle(ops, path);
    } catch (const InputError& e) {
        out.second = e.what();
    } catch (const YAML::Exception& e) {
        out.second = e.what();
    }
    return out;
}

TEST(BulkRowsScanTest, EveryRowReadsAsYamlCppReadsIt) {
    const std::vector<std::string> rows = {
        "{id: 1, s: plain text, n: ~, t: true, f: false, i: -42, r: 2.5e-3}",
        R"({id: 2, s: "dq \"esc\" \\ \t \u00e9 \U0001F600 \x41 \/", q: 'it''s', e: ''})",
        R"({id: 3, s: "x, y", c: "a: b", u: Zoë 日本, h: a#b, colon: 12:30, url: http://x/y})",
        "{}",
        "{id: 5, big: 9223372036854775807, small: -9223372036854775808, dot: .5, exp: 1E3}",
        "{id: 6, plus: +7, yes: yes, on: on, nul: null, nl2: NULL, tilde: ~, empty: }",
        "{id: 7, s: &a anchored, t: *a}",
        "{id: 8, tagged: !!str 5, nested: no}",
        R"({id: 9, "quoted key": 1, 'single': 2})",
        "{id: 10, type: Numeric(12, 2)}",
        "{id: 11, s: trailing   }   # a comment",
        "{id: 12, b: True, c: FALSE, d: 0x1F, e: 1_000, o: 0o17, inf: '.inf'}",
        "{ id: 13 , s : x }",
        R"({id: 14, s: "x"   , t: 'y'})",
        "{id: 15, s: -, t: -x, u: x-}",
        "{id: 16, s: O'Brien, t: \"tab\there\", u: 'back\\slash'}",
        "{id: 17, neg0: -0.0, tiny: 5e-324, max: 1.7976931348623157e308, f: 0.1}",
        "{id: 18, s: \"\\N \\_ \\e\"}",
        "{id: 19, nl: \"two\\nlines\", cr: \"a\\rb\"}",
    };
    for (const std::string& indent : {std::string(8, ' '), std::string(6, ' ')}) {
        const std::string ops = ops_text(rows, indent) + "  # between\n" +
                                ops_text({"{id: 20}", "", "# note", "{id: 21, s: z}"}, indent);
        EXPECT_EQ(read_file_ops(ops), oracle(ops, "ops.yaml"))
            << "items indented " << indent.size();
    }
}

TEST(BulkRowsScanTest, RowsInsideBlockScalarsStayText) {
    const std::string ops =
        "  - sql: |\n"
        "      rows:\n"
        "        - {id: 1}\n"
        "  - bulk_insert:\n"
        "      table: t\n"
        "      rows:\n"
        "        - {id: 2}\n";
    EXPECT_EQ(read_file_ops(ops), oracle(ops, "ops.yaml"));
}

TEST(BulkRowsScanTest, AMistakeDeepInALongListIsNamedAsYamlCppNamesIt) {
    const std::vector<std::string> mistakes = {
        "{id: 4321, q: 99999999999999999999}",
        "{id: 4321, q: 1e999}",
        "{id: 4321, x: .nan}",
        "{id: 4321, id: 5}",
        "{id: 4321, s: [1, 2]}",
        "{id: 4321, : 5}",
    };
    for (const std::string& mistake : mistakes) {
        std::vector<std::string> rows;
        for (int i = 1; i <= 5000; ++i)
            rows.push_back(i == 4321 ? mistake : "{id: " + std::to_string(i) + ", s: x}");
        const auto [scanned, oracle] = both_errors(ops_text(rows, std::string(8, ' ')));
        EXPECT_FALSE(scanned.empty()) << mistake;
        EXPECT_EQ(scanned, oracle) << mistake;
        // The header is 5 lines, then 3 lines of the op: row 4321 is line 8 + 4321.
        EXPECT_NE(scanned.find("rev.yaml:4329:"), std::string::npos) << scanned;
    }
}

TEST(BulkRowsScanTest, ASyntaxErrorInARowNamesItsLine) {
    std::vector<std::string> rows;
    for (int i = 1; i <= 5000; ++i)
        rows.push_back(i == 4321 ? "{id: 4321, s: \"unterminated}" : "{id: 1}");
    const std::string message = both_errors(ops_text(rows, std::string(8, ' '))).first;
    EXPECT_NE(message.find("rev.yaml:4329:"), std::string::npos) << message;
    EXPECT_NE(message.find("YAML syntax error"), std::string::npos) << message;
}

}  // namespace
}  // namespace migrate::engine
