// Issue 12: CLI11's own words are the user's language too — the help's headings and the messages
// of a command line that does not parse, each a whole sentence with the option's name put in —
// and a message with a count takes the form the language's plural rule picks. The catalogs are
// made here with msgfmt, so that the tests do not wait for the translators; the language comes
// from LANG or --lang, as for a user.
#include <gmock/gmock.h>
#include <unistd.h>

#include <cstdlib>

#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::Outcome;

constexpr const char* kFrench = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fr\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Usage: {1}"
msgstr "Utilisation : {1}"

msgid "Options:"
msgstr "Options :"

msgid "Subcommands:"
msgstr "Sous-commandes :"

msgctxt "command-line help: usage line"
msgid "SUBCOMMAND"
msgstr "SOUS-COMMANDE"

msgctxt "command-line help: the kind of value an option takes"
msgid "TEXT"
msgstr "TEXTE"

msgid "Print this help message and exit"
msgstr "Afficher cette aide et quitter"

msgid "{1} is required"
msgstr "{1} est obligatoire"

msgid "Run with {1} for more information."
msgstr "Lancez la commande avec {1} pour en savoir plus."

msgid "The following argument was not expected: {1}"
msgid_plural "The following arguments were not expected: {1}"
msgstr[0] "Cet argument est de trop : {1}"
msgstr[1] "Ces arguments sont de trop : {1}"
)";

// Russian has three forms; the texts say which one was picked.
constexpr const char* kRussian = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "The following argument was not expected: {1}"
msgid_plural "The following arguments were not expected: {1}"
msgstr[0] "форма one: {1}"
msgstr[1] "форма few: {1}"
msgstr[2] "форма many: {1}"
)";

class CliLanguage : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-cli-lang-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Compiles `po` as the catalog of `lang` in a folder of this test's own.
  void Catalog(const std::string& lang, const std::string& po) {
    const fs::path folder = dir_ / "locale" / lang / "LC_MESSAGES";
    fs::create_directories(folder);
    std::ofstream(dir_ / (lang + ".po"), std::ios::binary) << po;
    const std::string command = "msgfmt --check -o '" + (folder / "meter.mo").string() + "' '" +
                                (dir_ / (lang + ".po")).string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  // Runs `meter ARGS` with the test's catalogs and LANG=`lang` (and no other locale variable).
  Outcome Meter(const std::string& args, const std::string& lang = "C.UTF-8") {
    return testing::RunMeterIn(dir_, args, "",
                               "env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=" + lang +
                                   " METER_LOCALE_DIR='" + (dir_ / "locale").string() + "'");
  }

  fs::path dir_;
};

TEST_F(CliLanguage, HelpHeadingsComeFromTheCatalog) {
  Catalog("fr", kFrench);
  const Outcome help = Meter("--help", "fr_FR.UTF-8");
  EXPECT_EQ(help.code, 0) << help.err;
  EXPECT_THAT(help.out, HasSubstr("Utilisation : meter [OPTIONS] SOUS-COMMANDE\n"));
  EXPECT_THAT(help.out, HasSubstr("\nOptions :\n"));
  EXPECT_THAT(help.out, HasSubstr("\nSous-commandes :\n"));
  EXPECT_THAT(help.out, HasSubstr("Afficher cette aide et quitter"));
  EXPECT_THAT(help.out, HasSubstr("--lang TEXTE"));
  EXPECT_THAT(help.out, ::testing::Not(HasSubstr("Usage:")));
  // A subcommand's help too, and the kind of value a check adds to.
  const Outcome score = Meter("--lang fr score --help");
  EXPECT_EQ(score.code, 0) << score.err;
  EXPECT_THAT(score.out, HasSubstr("Utilisation : meter score [OPTIONS]"));
  EXPECT_THAT(score.out, HasSubstr("--format TEXTE:{table,json,csv}"));
}

TEST_F(CliLanguage, ParseErrorsAreWholeTranslatedSentences) {
  Catalog("fr", kFrench);
  // The language from LANG…
  const Outcome missing = Meter("score --answers x.csv", "fr_FR.UTF-8");
  EXPECT_EQ(missing.code, 64);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(missing.err,
            "--instrument est obligatoire\nLancez la commande avec --help pour en savoir plus.\n");
  // …or from --lang, with the arguments in the order they were typed.
  const Outcome extra = Meter("--lang fr score --instrument a.yaml --answers b.csv one two");
  EXPECT_EQ(extra.code, 64);
  EXPECT_THAT(extra.err, HasSubstr("Ces arguments sont de trop : one two\n"));
  const Outcome one = Meter("--lang fr instrument show a.yaml b.yaml");
  EXPECT_EQ(one.code, 64);
  EXPECT_THAT(one.err, HasSubstr("Cet argument est de trop : b.yaml\n"));
}

TEST_F(CliLanguage, EnglishWithoutACatalogKeepsCli11sMeaning) {
  const Outcome missing = Meter("score --answers x.csv");
  EXPECT_EQ(missing.code, 64);
  EXPECT_EQ(missing.err, "--instrument is required\nRun with --help for more information.\n");
  const Outcome format = Meter("score --instrument a --answers b --format xml");
  EXPECT_EQ(format.code, 64);
  EXPECT_THAT(format.err, HasSubstr("xml is not a value of --format; use one of {table,json,csv}"));
  const Outcome value = Meter("report --round abc --out x.pdf");
  EXPECT_EQ(value.code, 64);
  EXPECT_THAT(value.err, HasSubstr("abc is not a valid value for --round"));
  EXPECT_EQ(Meter("--help").code, 0);
}

TEST_F(CliLanguage, ACountTakesTheFormOfTheLanguagesPluralRule) {
  Catalog("ru", kRussian);
  const std::string score = "--lang ru score --instrument a.yaml --answers b.csv";
  auto extras = [&](int n) {
    std::string args;
    for (int i = 1; i <= n; ++i) args += " x" + std::to_string(i);
    return Meter(score + args).err;
  };
  EXPECT_THAT(extras(1), HasSubstr("форма one: x1\n"));
  EXPECT_THAT(extras(3), HasSubstr("форма few: x1 x2 x3\n"));
  EXPECT_THAT(extras(5), HasSubstr("форма many:"));
  EXPECT_THAT(extras(11), HasSubstr("форма many:"));
  EXPECT_THAT(extras(21), HasSubstr("форма one:"));
}

}  // namespace
}  // namespace meter
