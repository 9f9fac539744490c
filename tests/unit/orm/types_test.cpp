#include "orm/schema/types.h"

#include <gtest/gtest.h>

namespace migrate::orm {
namespace {

SqlType parse_ok(const std::string& text) {
    std::string error;
    auto t = SqlType::parse(text, &error);
    EXPECT_TRUE(t.has_value()) << text << ": " << error;
    return t.value_or(SqlType());
}

std::string parse_error(const std::string& text) {
    std::string error;
    auto t = SqlType::parse(text, &error);
    EXPECT_FALSE(t.has_value()) << text << " parsed as " << (t ? t->str() : "");
    return error;
}

TEST(SqlTypeTest, EveryGenericSpellingRoundTrips) {
    for (const char* text : {"Integer",        "SmallInteger",
                             "BigInteger",     "Boolean",
                             "String",         "String(60)",
                             "Text",           "Float",
                             "Numeric",        "Numeric(10, 0)",
                             "Numeric(12, 2)", "Date",
                             "DateTime",       "DateTime(timezone)",
                             "Time",           "Interval",
                             "LargeBinary",    "JSON",
                             "UUID",           "Enum(mood)"}) {
        SqlType t = parse_ok(text);
        EXPECT_TRUE(t.is_generic()) << text;
        EXPECT_EQ(t.str(), text);
        EXPECT_EQ(parse_ok(t.str()), t);
    }
}

TEST(SqlTypeTest, NumericWithoutScaleHasScaleZero) {
    EXPECT_EQ(parse_ok("Numeric(10)"), SqlType::numeric(10, 0));
    EXPECT_EQ(parse_ok("Numeric(10)").str(), "Numeric(10, 0)");
    EXPECT_EQ(SqlType::numeric(10, std::nullopt), SqlType::numeric(10, 0));
    EXPECT_FALSE(parse_ok("Numeric").scale().has_value());
}

TEST(SqlTypeTest, ArgumentsAreRead) {
    SqlType s = parse_ok("String( 60 )");
    EXPECT_EQ(s.kind(), TypeKind::kString);
    EXPECT_EQ(s.length(), 60);
    SqlType n = parse_ok("Numeric(12,2)");
    EXPECT_EQ(n.precision(), 12);
    EXPECT_EQ(n.scale(), 2);
    EXPECT_EQ(n.str(), "Numeric(12, 2)");
    EXPECT_TRUE(parse_ok("DateTime(timezone)").timezone());
    EXPECT_EQ(parse_ok("Enum(mood)").name(), "mood");
}

TEST(SqlTypeTest, DatabaseTypesAreKeptVerbatim) {
    for (const char* text : {"NVARCHAR(40)", "JSONB", "inet", "TEXT[]", "character varying(20)",
                             "DOUBLE PRECISION", "timestamp(3) with time zone"}) {
        SqlType t = parse_ok(text);
        EXPECT_EQ(t.kind(), TypeKind::kDialect) << text;
        EXPECT_EQ(t.str(), text);
    }
}

TEST(SqlTypeTest, MisspelledGenericNameIsAnError) {
    EXPECT_NE(parse_error("Strng(40)").find("unknown type 'Strng'"), std::string::npos);
    EXPECT_NE(parse_error("Varchar").find("generic types are Integer"), std::string::npos);
}

TEST(SqlTypeTest, WrongArgumentsAreErrors) {
    EXPECT_NE(parse_error("String(abc)").find("takes String or String(LENGTH)"), std::string::npos);
    EXPECT_NE(parse_error("Integer(4)").find("takes no arguments"), std::string::npos);
    EXPECT_NE(parse_error("Numeric(1, 2, 3)").find("Numeric(PRECISION, SCALE)"), std::string::npos);
    EXPECT_NE(parse_error("DateTime(utc)").find("DateTime(timezone)"), std::string::npos);
    EXPECT_NE(parse_error("Enum").find("Enum(NAME)"), std::string::npos);
    EXPECT_NE(parse_error("String(40").find("unclosed"), std::string::npos);
    EXPECT_NE(parse_error("  ").find("empty type"), std::string::npos);
}

}  // namespace
}  // namespace migrate::orm
