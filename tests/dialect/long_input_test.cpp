// Text of any length is scanned without recursion: a 100,000-character default or literal is
// handled like a short one (std::regex would overflow the stack on it).

#include <gtest/gtest.h>

#include <string>

#include "orm/sqlite/ddl_compiler.h"

namespace migrate::orm {
namespace {

using sqlite::SqliteDdlCompiler;

TEST(SqliteDefaultLiteralTest, LiteralsAreRecognisedByTheirShape) {
    for (const char* literal : {"''", "'a''b'", "''''", "1.", ".5", "+7", "-.5e-3", "x''", "X'0a'"})
        EXPECT_EQ(SqliteDdlCompiler::default_sql(literal), literal) << literal;
    for (const char* expression : {"'''", "'a'b'", "1e", ".", "+", "x'0g'", "'a' || 'b'", "1 2"})
        EXPECT_EQ(SqliteDdlCompiler::default_sql(expression), "(" + std::string(expression) + ")")
            << expression;
}

TEST(SqliteDefaultLiteralTest, AHundredThousandCharacterDefaultDoesNotCrash) {
    const std::string text = "'" + std::string(100000, 'x') + "'";
    EXPECT_EQ(SqliteDdlCompiler::default_sql(text), text);
    const std::string number(100000, '7');
    EXPECT_EQ(SqliteDdlCompiler::default_sql(number), number);
    const std::string blob = "X'" + std::string(100000, 'f') + "'";
    EXPECT_EQ(SqliteDdlCompiler::default_sql(blob), blob);
}

}  // namespace
}  // namespace migrate::orm
