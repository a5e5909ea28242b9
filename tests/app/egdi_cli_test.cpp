// `meter egdi import` (issue 14), run as a secretariat runs it: a real file of the survey goes in,
// a bad one is refused with every problem at file:line and nothing imported, exit codes as
// docs/cli.md says.
#include <gmock/gmock.h>
#include <unistd.h>

#include "store/sql_store.h"
#include "test_support.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::Outcome;

class EgdiCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("meter-egdi-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "meter.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome Import(const std::string& file, const std::string& year, const std::string& more = "") {
    return testing::RunMeterIn(dir_,
                               "egdi import " + file + " --year " + year + " --db " + db_ + more);
  }
  std::vector<EgdiRow> Stored(int year) {
    auto store = OpenStore(db_);
    EXPECT_TRUE(store.ok());
    return store.ok() ? store.value()->EgdiYear(year).value() : std::vector<EgdiRow>{};
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(EgdiCli, ARealFileIsImportedForItsYear) {
  const Outcome out = Import("content/egdi/egdi-2018.csv", "2018");
  ASSERT_EQ(out.code, 0) << out.err;
  EXPECT_EQ(out.out, "imported the survey of 2018: 193 countries\n");
  const auto rows = Stored(2018);
  ASSERT_EQ(rows.size(), 193u);
  // Importing the same year again replaces it rather than adding to it, when the importer says so.
  ASSERT_EQ(Import("content/egdi/egdi-2018.csv", "2018", " --replace").code, 0);
  EXPECT_EQ(Stored(2018).size(), 193u);
}

// A year held already is replaced only with --replace, and a file whose name gives another year
// than --year is refused: the wrong file, or the wrong year typed, would silently replace a year's
// figures (a file of ten countries would remove the others').
TEST_F(EgdiCli, AYearHeldIsReplacedOnlyWhenAskedAndAFileNamedForAnotherYearIsRefused) {
  ASSERT_EQ(Import("content/egdi/egdi-2018.csv", "2018").code, 0);
  const auto before = Stored(2018);
  const fs::path ten = dir_ / "egdi-2018.csv";
  {
    std::ifstream in(testing::SourcePath("content/egdi/egdi-2018.csv"));
    std::ofstream out(ten);
    std::string line;
    for (int i = 0; i < 11 && std::getline(in, line); ++i) out << line << "\n";
  }
  const Outcome again = Import(ten.string(), "2018");
  EXPECT_EQ(again.code, 2);
  EXPECT_THAT(again.err, HasSubstr("--year: the survey of 2018 is held already, and importing this "
                                   "file replaces all of its figures: confirm that it should"));
  EXPECT_EQ(Stored(2018).size(), before.size()) << "nothing may be replaced";

  const Outcome misnamed = Import("content/egdi/egdi-2016.csv", "2014", " --replace");
  EXPECT_EQ(misnamed.code, 2);
  EXPECT_THAT(misnamed.err, HasSubstr("--year: the file's name gives the survey year 2016, not "
                                      "2014: check the year, or rename the file"));
  EXPECT_TRUE(Stored(2014).empty());

  const Outcome replaced = Import(ten.string(), "2018", " --replace");
  ASSERT_EQ(replaced.code, 0) << replaced.err;
  EXPECT_EQ(Stored(2018).size(), 10u);
}

TEST_F(EgdiCli, ABadFileIsRefusedWithEveryProblemAndNothingImported) {
  const fs::path bad = dir_ / "bad.csv";
  std::ofstream(bad) << "country-code,country-name,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\n"
                        "FRA,France,9,0.9,0.9,0.9,0.9,0.9\n"
                        "XKX,Kosovo,10,0.5,,,,\n"
                        "DEU,Germany,11,1.4,,,,\n"
                        "FRA,France,12,0.5,,,,\n";
  const Outcome out = Import(bad.string(), "2020");
  EXPECT_EQ(out.code, 2);
  EXPECT_EQ(out.out, "");
  EXPECT_THAT(out.err, HasSubstr(bad.string() + ":3: 'XKX' is not"));
  EXPECT_THAT(out.err, HasSubstr(bad.string() + ":4: e-gov-index must be a number from 0 to 1"));
  EXPECT_THAT(out.err, HasSubstr(bad.string() + ":5: country 'FRA' is listed twice"));
  EXPECT_TRUE(Stored(2020).empty());
}

TEST_F(EgdiCli, AMissingFileExits3AndABadYearIsAUsageError) {
  EXPECT_EQ(Import((dir_ / "none.csv").string(), "2020").code, 3);
  EXPECT_EQ(Import("content/egdi/egdi-2018.csv", "18").code, 64);
  EXPECT_EQ(testing::RunMeterIn(dir_, "egdi import content/egdi/egdi-2018.csv").code, 64);
}

}  // namespace
}  // namespace meter
