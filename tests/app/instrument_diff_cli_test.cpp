// `meter instrument diff`, run as a user runs it: its text and JSON output for the bundled
// METER 2.0 → 3.0 draft and for a small pair of versions with every kind of change, compared byte
// for byte with tests/golden/instrument-diff/; a bad or missing file failing exactly as
// `meter instrument validate` fails; the exit codes.
//
// After an intended change of the output, rewrite the golden files with
//   METER_UPDATE_GOLDEN=1 build/tests/meter_tests --gtest_filter='CliInstrumentDiff.*'
// and review their diff before committing it.
#include <gmock/gmock.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::Outcome;

class CliInstrumentDiff : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("meter-idiff-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome Meter(const std::string& args) { return testing::RunMeterIn(dir_, args); }

  // Compares `actual` with the golden file `name`, or rewrites the file when asked to.
  static void ExpectGolden(const std::string& name, const std::string& actual) {
    const fs::path path = testing::SourcePath("tests/golden/instrument-diff/" + name);
    if (std::getenv("METER_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(path, std::ios::binary) << actual;
      GTEST_SKIP() << "rewrote " << path;
    }
    ASSERT_TRUE(fs::exists(path)) << path;
    EXPECT_EQ(actual, testing::ReadText(path))
        << "the output differs from " << path << " (see this file's first lines)";
  }

  fs::path dir_;
  const std::string v2_ = "content/instruments/meter-2.0.yaml";
  const std::string v3_ = "content/instruments/meter-3.0.yaml";
  const std::string bad_ = "tests/golden/instruments/bad/pillar-id-not-a-letter.yaml";
};

TEST_F(CliInstrumentDiff, TextFromTheReleasedToTheDraftIsTheGoldenFile) {
  const Outcome r = Meter("--lang en instrument diff " + v2_ + " " + v3_);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden("meter-2.0-to-3.0.txt", r.out);
}

TEST_F(CliInstrumentDiff, JsonFromTheReleasedToTheDraftIsTheGoldenFile) {
  const Outcome r = Meter("instrument diff " + v2_ + " " + v3_ + " --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  ExpectGolden("meter-2.0-to-3.0.json", r.out);
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["to"]["version"], "3.0");
  EXPECT_EQ(doc["mapped"], true);
  EXPECT_EQ(doc["counts"]["statements"]["added"], 17);
  EXPECT_EQ(doc["changes"]["pillars"]["added"][0]["id"], "M");
  // Every kind's key is there, even with nothing in it.
  EXPECT_TRUE(doc["changes"]["statements"]["moved"].is_array());
  EXPECT_TRUE(doc["changes"]["answer_sets"]["removed"].is_array());
}

// small-2.0.yaml changes small-1.0.yaml in every way the diff reports but one (a language
// removed, which the core tests cover).
TEST_F(CliInstrumentDiff, EveryKindOfChangeIsTheGoldenFile) {
  const std::string files =
      "tests/golden/instrument-diff/small-1.0.yaml "
      "tests/golden/instrument-diff/small-2.0.yaml";
  const Outcome text = Meter("--lang en instrument diff " + files);
  EXPECT_EQ(text.code, 0) << text.err;
  ExpectGolden("small-1.0-to-2.0.txt", text.out);
  const Outcome json = Meter("instrument diff --format json " + files);
  EXPECT_EQ(json.code, 0) << json.err;
  ExpectGolden("small-1.0-to-2.0.json", json.out);
}

TEST_F(CliInstrumentDiff, NamesAreInTheReadersLanguage) {
  const Outcome r = Meter("--lang zh instrument diff " + v2_ + " " + v3_);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  M1  电子服务的知晓与推广\n"));
}

TEST_F(CliInstrumentDiff, TheNewerVersionFirstReadsTheMappingBackwards) {
  const Outcome r = Meter("--lang en instrument diff " + v3_ + " " + v2_);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("meter 3.0 → meter 2.0: 22 changes\nStatements are paired "
                               "through the mapping of meter 3.0, which follows meter 2.0.\n"));
  EXPECT_THAT(r.out, HasSubstr("\n1 pillar retired\n  M  Marketing\n"));
  EXPECT_THAT(r.out, HasSubstr("\n17 statements retired\n"));
}

TEST_F(CliInstrumentDiff, AVersionAgainstItselfHasNoChangesAndExits0) {
  const Outcome r = Meter("--lang en instrument diff " + v2_ + " " + v2_);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "meter 2.0 → meter 2.0: 0 changes\n");
}

TEST_F(CliInstrumentDiff, ABadFileFailsAsValidateDoesWithNothingOnStandardOutput) {
  for (const char* lang : {"en", "fr"}) {
    const Outcome validate = Meter(std::string("--lang ") + lang + " instrument validate " + bad_);
    const Outcome from =
        Meter(std::string("--lang ") + lang + " instrument diff " + bad_ + " " + v3_);
    EXPECT_EQ(from.code, 2);
    EXPECT_EQ(from.out, "");
    EXPECT_EQ(from.err, validate.err) << lang;
    const Outcome to =
        Meter(std::string("--lang ") + lang + " instrument diff " + v2_ + " " + bad_);
    EXPECT_EQ(to.code, 2);
    EXPECT_EQ(to.err, validate.err) << lang;
  }
  const Outcome en = Meter("--lang en instrument diff " + bad_ + " " + v3_);
  EXPECT_THAT(
      en.err,
      HasSubstr("pillar-id-not-a-letter.yaml:16:9: pillar ID 'Com' must be one capital letter"));
  // Both files bad: the problems of both.
  const Outcome both =
      Meter("instrument diff " + bad_ + " tests/golden/instruments/bad/zero-weight.yaml");
  EXPECT_EQ(both.code, 2);
  EXPECT_THAT(both.err, HasSubstr("pillar-id-not-a-letter.yaml:16:9: "));
  EXPECT_THAT(both.err, HasSubstr("zero-weight.yaml:"));
}

TEST_F(CliInstrumentDiff, AMissingFileExits3AndAWrongFormat64) {
  const Outcome missing = Meter("instrument diff " + v2_ + " no/such/file.yaml");
  EXPECT_EQ(missing.code, 3);
  EXPECT_THAT(missing.err, HasSubstr("no/such/file.yaml: cannot open the file"));
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(Meter("instrument diff " + v2_ + " " + v3_ + " --format xml").code, 64);
  EXPECT_EQ(Meter("instrument diff " + v2_).code, 64);
}

}  // namespace
}  // namespace meter
