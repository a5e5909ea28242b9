// Reading libpq connection URIs into keywords, and keeping passwords out of messages.
#include "store/pg_url.h"

#include <gmock/gmock.h>

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Values = std::vector<std::pair<std::string, std::string>>;

Values Parsed(const std::string& uri) {
  auto params = LibpqParams::Parse(uri);
  EXPECT_TRUE(params.ok()) << uri << ": " << params.error().ToString();
  return params ? params.value().values() : Values{};
}

TEST(LibpqUri, ReadsEveryPartOfTheUriAndDecodesIt) {
  EXPECT_EQ(Parsed("postgresql://meter:secret@db.example.org:5433/meter"),
            (Values{{"host", "db.example.org"},
                    {"port", "5433"},
                    {"user", "meter"},
                    {"password", "secret"},
                    {"dbname", "meter"}}));
  // A password with every character a URI or a keyword/value string treats specially.
  EXPECT_EQ(Parsed("postgres://us%40er:p%40ss%3Aw%2Frd%3F%26%3D%23%25%20%27q%27%5C%22x%C3%A9"
                   "@host/db%2Fname?application_name=my%20app&sslmode=require"),
            (Values{{"host", "host"},
                    {"user", "us@er"},
                    {"password", "p@ss:w/rd?&=#% 'q'\\\"x\xC3\xA9"},
                    {"dbname", "db/name"},
                    {"application_name", "my app"},
                    {"sslmode", "require"}}));
  EXPECT_EQ(Parsed("postgresql://localhost/meter"),
            (Values{{"host", "localhost"}, {"dbname", "meter"}}));
  EXPECT_EQ(Parsed("postgresql://"), Values{});
}

TEST(LibpqUri, ReadsUnixSocketsIpv6AndSeveralHosts) {
  EXPECT_EQ(Parsed("postgresql:///meter?host=/tmp/dir&port=5433"),
            (Values{{"dbname", "meter"}, {"host", "/tmp/dir"}, {"port", "5433"}}));
  EXPECT_EQ(Parsed("postgresql://%2Fvar%2Frun%2Fpostgresql:5433/meter"),
            (Values{{"host", "/var/run/postgresql"}, {"port", "5433"}, {"dbname", "meter"}}));
  EXPECT_EQ(Parsed("postgresql://meter@[::1]:5433/meter"),
            (Values{{"host", "::1"}, {"port", "5433"}, {"user", "meter"}, {"dbname", "meter"}}));
  EXPECT_EQ(Parsed("postgresql://a:1,b,[::1]:3/db"),
            (Values{{"host", "a,b,::1"}, {"port", "1,,3"}, {"dbname", "db"}}));
  // A keyword of the query string wins, as in libpq; ssl=true is libpq's alias.
  EXPECT_EQ(Parsed("postgresql://h/db?host=other&ssl=true"),
            (Values{{"host", "other"}, {"dbname", "db"}, {"sslmode", "require"}}));
  // A password with an unencoded '@' still ends at the last '@'.
  EXPECT_EQ(Parsed("postgresql://u:p@ss@h/db"),
            (Values{{"host", "h"}, {"user", "u"}, {"password", "p@ss"}, {"dbname", "db"}}));
}

TEST(LibpqUri, WritesKeywordValueFormAndASociSafeUri) {
  auto params = LibpqParams::Parse("postgresql://u:it%27s%20a%5Cb@h:5/d?connect_timeout=3");
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(params.value().Conninfo(),
            "host='h' port='5' user='u' password='it\\'s a\\\\b' dbname='d' connect_timeout='3'");
  const std::string soci = params.value().SociConnectString();
  EXPECT_EQ(
      soci,
      "postgresql://?host=h&port=5&user=u&password=it%27s%20a%5Cb&dbname=d&connect_timeout=3");
  EXPECT_EQ(soci.find_first_of(" \t'\""), std::string::npos);  // nothing SOCI would split
  // Reading it back gives the same keywords.
  EXPECT_EQ(Parsed(soci), params.value().values());
}

TEST(LibpqUri, RefusesMalformedUrisWithoutShowingThePassword) {
  for (const char* uri : {"postgresql://u:secret@h:port/db", "postgresql://u:secret@h/db%zz",
                          "postgresql://u:secret@h/db%4", "postgresql://u:secret@h/d%00b",
                          "postgresql://u:secret@[::1/db", "postgresql://u:secret@h/db?sslmode",
                          "mysql://u:secret@h/db"}) {
    auto params = LibpqParams::Parse(uri);
    ASSERT_FALSE(params.ok()) << uri;
    EXPECT_EQ(params.error().code, ErrorCode::kInvalidInput);
    EXPECT_THAT(params.error().ToString(), Not(HasSubstr("secret"))) << uri;
  }
  EXPECT_THAT(LibpqParams::Parse("postgresql://u:secret@h:port/db").error().ToString(),
              HasSubstr("postgresql://u@h:port/db: the port 'port' in the database URL is not a "
                        "number"));
}

TEST(LibpqUri, RedactsPasswordsEvenFromMalformedUrls) {
  EXPECT_EQ(RedactDatabaseUrl("postgresql://meter:secret@db:5432/meter?sslmode=require"),
            "postgresql://meter@db:5432/meter?sslmode=require");
  EXPECT_EQ(RedactDatabaseUrl("postgres://meter@db/meter?password=secret&port=5"),
            "postgres://meter@db/meter?port=5");
  EXPECT_EQ(RedactDatabaseUrl("postgresql:///meter?PASSWORD=secret"), "postgresql:///meter");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://h/db?secret"), "postgresql://h/db");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://u:se/cr?et@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://db.example.org:5432/meter"),
            "postgresql://db.example.org:5432/meter");
  EXPECT_EQ(RedactDatabaseUrl("sqlite:var/meter.db"), "sqlite:var/meter.db");
}

}  // namespace
}  // namespace meter
