// The instrument loader: the bundled-format example loads, and every broken file in
// tests/golden/instruments/bad/ fails with the problem and the position its first line names:
//   # expect: LINE:COLUMN: text the message contains
#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;

TEST(InstrumentLoader, LoadsAValidFileWithItsTree) {
  const Instrument in = testing::LoadOrFail("tests/golden/instruments/valid-tiny.yaml");
  ASSERT_EQ(in.pillars.size(), 1u);
  EXPECT_EQ(in.id, "tiny");
  EXPECT_EQ(in.status, "draft");  // the default
  EXPECT_EQ(in.statements().size(), 3u);
  EXPECT_EQ(in.StatementIndex("C2.1"), 2);
  EXPECT_EQ(in.StatementIndex("C9.9"), -1);
  ASSERT_NE(in.FindSubArea("C2"), nullptr);
  EXPECT_THAT(in.FindSubArea("C2")->prerequisites, ::testing::ElementsAre("C1"));
  EXPECT_EQ(in.FindSubArea("C1")->actions[static_cast<int>(Band::kHigh)][0].Get(), "Consolidate.");
  EXPECT_EQ(in.answer_sets[0].levels[1].value, 1.0);
}

TEST(InstrumentLoader, ReportsEveryProblemInOnePass) {
  const std::string text =
      testing::ReadText(testing::SourcePath("tests/golden/instruments/valid-tiny.yaml"));
  std::string broken = text;
  broken.replace(broken.find("value: 1,"), 9, "value: 7,");
  broken.replace(broken.find("id: C1.2"), 8, "id: C1.1");
  auto loaded = LoadInstrument(broken, "two.yaml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(loaded.error().problems.size(), 2u) << loaded.error().ToString();
}

TEST(InstrumentLoader, TranslatesMessagesThroughTheCallersTranslator) {
  auto loaded = LoadInstrument("format: meter-instrument/1\nbogus: 1\n", "x.yaml");
  ASSERT_FALSE(loaded.ok());
  const std::string text = loaded.error().ToString([](const std::string& msgid) {
    if (msgid == "the instrument has an unknown key '{1}'")
      return std::string("l'instrument a une clé inconnue « {1} »");
    return msgid;
  });
  EXPECT_THAT(text, ::testing::HasSubstr("x.yaml:2:1: l'instrument a une clé inconnue « bogus »"));
}

struct BadCase {
  fs::path file;
};

std::vector<fs::path> BadFiles() {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::directory_iterator(testing::SourcePath("tests/golden/instruments/bad"))) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class BadInstrument : public ::testing::TestWithParam<fs::path> {};

TEST_P(BadInstrument, FailsWithTheExpectedProblemAndPosition) {
  const std::string text = testing::ReadText(GetParam());
  const std::string marker = "# expect: ";
  ASSERT_EQ(text.rfind(marker, 0), 0u) << "the first line must say what to expect";
  const std::string expected = text.substr(marker.size(), text.find('\n') - marker.size());
  const std::string name = GetParam().filename().string();
  auto loaded = LoadInstrument(text, name);
  ASSERT_FALSE(loaded.ok()) << name << " loaded without a problem";
  EXPECT_THAT(loaded.error().ToString(), ::testing::HasSubstr(name + ":" + expected));
}

INSTANTIATE_TEST_SUITE_P(Files, BadInstrument, ::testing::ValuesIn(BadFiles()),
                         [](const auto& info) {
                           std::string n = info.param.stem().string();
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace meter
