#include "orm/url.h"

#include <gtest/gtest.h>

#include "orm/error.h"

namespace migrate::orm {
namespace {

TEST(DatabaseUrlTest, SqliteRelativeAbsoluteAndMemory) {
    auto rel = DatabaseUrl::parse("sqlite:///app.db");
    EXPECT_EQ(rel.dialect(), "sqlite");
    EXPECT_EQ(rel.path(), "app.db");
    EXPECT_EQ(DatabaseUrl::parse("sqlite:////var/lib/app.db").path(), "/var/lib/app.db");
    EXPECT_TRUE(DatabaseUrl::parse("sqlite:///:memory:").is_memory());
    EXPECT_EQ(rel.str(), "sqlite:///app.db");
}

TEST(DatabaseUrlTest, PostgresqlParts) {
    auto u = DatabaseUrl::parse(
        "postgresql://app%40corp:p%3Ass@db.example:6543/shop?sslmode=require&application_name=x");
    EXPECT_EQ(u.dialect(), "postgresql");
    EXPECT_EQ(u.user(), "app@corp");
    EXPECT_EQ(u.password(), std::optional<std::string>("p:ss"));
    EXPECT_EQ(u.host(), "db.example");
    EXPECT_EQ(u.port(), 6543);
    EXPECT_EQ(u.database(), "shop");
    EXPECT_EQ(u.options().at("sslmode"), "require");
    EXPECT_EQ(u.options().at("application_name"), "x");
}

TEST(DatabaseUrlTest, DriverSuffixAndIpv6Host) {
    auto u = DatabaseUrl::parse("postgres+psycopg2://u@[::1]:5432/db");
    EXPECT_EQ(u.dialect(), "postgresql");
    EXPECT_EQ(u.host(), "::1");
    EXPECT_EQ(u.port(), 5432);
    EXPECT_FALSE(u.password().has_value());
}

TEST(DatabaseUrlTest, PrintableFormMasksPassword) {
    auto u = DatabaseUrl::parse("postgresql://app:s3cret@localhost:5432/shop");
    EXPECT_EQ(u.str(), "postgresql://app:***@localhost:5432/shop");
    EXPECT_EQ(u.str().find("s3cret"), std::string::npos);
}

TEST(DatabaseUrlTest, ErrorsNeverShowThePassword) {
    for (const char* bad : {"postgresql://app:s3cret@localhost:99999/shop",
                            "mysql://app:s3cret@localhost/shop", "postgresql://app:s3cret@h:x/d"}) {
        try {
            DatabaseUrl::parse(bad);
            ADD_FAILURE() << bad << " parsed";
        } catch (const UsageError& e) {
            std::string msg = e.what();
            EXPECT_EQ(msg.find("s3cret"), std::string::npos) << msg;
            EXPECT_NE(msg.find("***"), std::string::npos) << msg;
            EXPECT_EQ(e.exit_code(), 2);
        }
    }
}

TEST(DatabaseUrlTest, MalformedUrlsAreUsageErrors) {
    EXPECT_THROW(DatabaseUrl::parse("app.db"), UsageError);
    EXPECT_THROW(DatabaseUrl::parse("sqlite://app.db"), UsageError);
    EXPECT_THROW(DatabaseUrl::parse("sqlite://"), UsageError) << "no path is no database";
    EXPECT_THROW(DatabaseUrl::parse("sqlite:///"), UsageError);
    EXPECT_THROW(DatabaseUrl::parse("sqlite:///?mode=ro"), UsageError);
    EXPECT_THROW(DatabaseUrl::parse("postgresql://h/db?sslmode"), UsageError);
    EXPECT_THROW(DatabaseUrl::parse("postgresql://u:p%zz@h/db"), UsageError);
}

TEST(DatabaseUrlTest, MaskPasswordsInFreeText) {
    EXPECT_EQ(mask_passwords("could not connect to postgresql://u:pw@h/db (timeout)"),
              "could not connect to postgresql://u:***@h/db (timeout)");
    EXPECT_EQ(mask_passwords("no url here"), "no url here");
    EXPECT_EQ(mask_passwords("a postgresql://u:p@h/x and mysql+x://v:q:r@g/y."),
              "a postgresql://u:***@h/x and mysql+x://v:***@g/y.");
    EXPECT_EQ(mask_passwords("://u:p@h sqlite:///a.db u:p@h"), "://u:p@h sqlite:///a.db u:p@h");
    EXPECT_EQ(mask_passwords("x://u:p q@h"), "x://u:p q@h") << "no space in a password";
}

TEST(DatabaseUrlTest, LongTextDoesNotCrash) {
    const std::string huge(100000, 'x');
    EXPECT_EQ(mask_passwords(huge), huge);
    EXPECT_EQ(mask_passwords("postgresql://u:" + huge + "@h/db"), "postgresql://u:***@h/db");
    EXPECT_EQ(mask_passwords("a://" + huge), "a://" + huge);
}

TEST(DatabaseUrlTest, MustExistKeepsTheUrlAndTurnsOffCreation) {
    auto url = DatabaseUrl::parse("sqlite:///app.db");
    EXPECT_TRUE(url.creates_missing());
    EXPECT_FALSE(url.must_exist().creates_missing());
    EXPECT_EQ(url.must_exist().str(), url.str());
}

}  // namespace
}  // namespace migrate::orm
