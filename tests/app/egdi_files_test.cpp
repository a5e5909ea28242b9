// LoadBundledEgdi (issue 14): the bundled survey years are loaded once, and a year that another
// node loaded while this one was importing it counts as loaded, not as a failed start.
#include "app/egdi_files.h"

#include <gmock/gmock.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "test_support.h"

namespace meter {
namespace {

// An EGDI repository in memory. With `rival` set, the first import of a year fails as a second
// node's does on PostgreSQL, after the rival's rows of that year were stored.
class MemoryEgdi : public EgdiRepository {
 public:
  bool rival = false;
  std::map<int, size_t> years;

  Result<size_t> ImportEgdi(int year, const std::vector<EgdiRow>& rows,
                            const std::string&) override {
    if (rival && !years.count(year)) {
      years[year] = rows.size();
      return Error::Of(ErrorCode::kConflict, "", METER_N("the row exists already"));
    }
    years[year] = rows.size();
    return rows.size();
  }
  Result<std::vector<EgdiRow>> EgdiOf(const std::string&) override {
    return std::vector<EgdiRow>{};
  }
  Result<std::vector<EgdiRow>> EgdiYear(int) override { return std::vector<EgdiRow>{}; }
  Result<std::vector<int>> EgdiYears() override {
    std::vector<int> out;
    for (const auto& [year, count] : years) out.push_back(year);
    return out;
  }
};

class LoadBundledEgdiTest : public ::testing::Test {
 protected:
  const std::string dir_ = testing::SourcePath("content/egdi").string();
  CountryList countries_ =
      CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")),
                         "countries.csv")
          .value();
};

TEST_F(LoadBundledEgdiTest, EveryBundledYearIsLoadedOnceOldestFirst) {
  MemoryEgdi store;
  auto first = LoadBundledEgdi(dir_, countries_, store);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first.value(), (std::vector<int>{2010, 2012, 2014, 2016, 2018}));
  EXPECT_EQ(store.years.at(2018), 193u);
  auto again = LoadBundledEgdi(dir_, countries_, store);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value().empty());
}

TEST_F(LoadBundledEgdiTest, AYearAnotherNodeLoadedMeanwhileCountsAsLoaded) {
  MemoryEgdi store;
  store.rival = true;
  auto loaded = LoadBundledEgdi(dir_, countries_, store);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_TRUE(loaded.value().empty()) << "the rival loaded them";
  EXPECT_EQ(store.years.size(), 5u);
}

TEST_F(LoadBundledEgdiTest, AFailedImportOfAYearStillMissingFailsTheStart) {
  MemoryEgdi store;
  char dir[] = "/tmp/meter-egdi-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::ofstream(std::string(dir) + "/egdi-2020.csv")
      << "country-code,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\nXXX,1,2,,,,\n";
  auto loaded = LoadBundledEgdi(dir, countries_, store);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.error().ToString(), ::testing::HasSubstr("egdi-2020.csv:2"));
  EXPECT_TRUE(store.years.empty());
}

}  // namespace
}  // namespace meter
