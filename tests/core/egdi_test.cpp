// The reader of the UN E-Government Survey's files: the real files of content/egdi as they are
// (missing values stay missing, ties, noise), and each kind of bad file refused at file:line.
#include "core/egdi.h"

#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;

const CountryList& Countries() {
  static const CountryList list = [] {
    auto parsed =
        CountryList::Parse(testing::ReadText(testing::SourcePath("content/countries.csv")), "c");
    EXPECT_TRUE(parsed.ok());
    return std::move(parsed).value();
  }();
  return list;
}

std::vector<EgdiRow> ReadYear(int year) {
  const std::string name = "content/egdi/egdi-" + std::to_string(year) + ".csv";
  auto rows = ParseEgdiCsv(testing::ReadText(testing::SourcePath(name)), name, year, Countries());
  if (!rows.ok()) {
    ADD_FAILURE() << rows.error().ToString();
    return {};
  }
  return std::move(rows).value();
}

const EgdiRow& Row(const std::vector<EgdiRow>& rows, const std::string& iso3) {
  static const EgdiRow none;
  for (const auto& row : rows)
    if (row.iso3 == iso3) return row;
  ADD_FAILURE() << iso3 << " not found";
  return none;
}

const std::string kHeader =
    "country-code,country-name,e-gov-rank,e-gov-index,e-pat-index,osi,hci,tii\n";

std::string ErrorOf(const std::string& text) {
  auto rows = ParseEgdiCsv(text, "e.csv", 2020, Countries());
  if (rows.ok()) return "(no error)";
  EXPECT_EQ(rows.error().code, ErrorCode::kInvalidInput);
  return rows.error().ToString();
}

TEST(EgdiImport, AFileNamedForAnotherYearOrAYearHeldWithoutConsentIsRefused) {
  using Years = std::vector<int>;
  EXPECT_EQ(EgdiYearsInFileName("egdi-2016.csv"), Years{2016});
  EXPECT_EQ(EgdiYearsInFileName("UN_EGOV_2016_data.csv"), Years{2016});
  EXPECT_EQ(EgdiYearsInFileName("egdi-2016-rev2019.csv"), (Years{2016, 2019}));
  EXPECT_EQ(EgdiYearsInFileName("C:\\2019\\egdi-2016.csv"), Years{2016});  // the name, not the path
  EXPECT_EQ(EgdiYearsInFileName("export-20160101.csv"), Years{});  // part of a longer number
  EXPECT_EQ(EgdiYearsInFileName("figures.csv"), Years{});
  EXPECT_TRUE(EgdiImportRefusals("egdi-2018.csv", 2018, false, false, "year").empty());
  EXPECT_TRUE(EgdiImportRefusals("egdi-2016-rev2019.csv", 2016, false, false, "year").empty());
  EXPECT_EQ(EgdiImportRefusals("egdi-2016-rev2019.csv", 2014, false, false, "year").size(), 1u);
  EXPECT_EQ(EgdiImportRefusals("/home/a/2018/egdi-2016.csv", 2018, false, false, "year").size(),
            1u);
  EXPECT_TRUE(EgdiImportRefusals("figures.csv", 2018, true, true, "year").empty());
  const auto refused = EgdiImportRefusals("egdi-2016.csv", 2018, true, false, "year");
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(Render(refused[0]),
            "year: the file's name gives the survey year 2016, not 2018: check the year, or "
            "rename the file");
  EXPECT_EQ(Render(refused[1]),
            "year: the survey of 2018 is held already, and importing this file replaces all of "
            "its figures: confirm that it should");
}

TEST(EgdiFiles, EveryBundledYearParsesWithTheMemberStates) {
  for (int year : {2010, 2012, 2014, 2016, 2018}) {
    const auto rows = ReadYear(year);
    EXPECT_EQ(rows.size(), 193u) << year;
    for (const auto& row : rows) EXPECT_EQ(row.year, year);
  }
}

TEST(EgdiFiles, The2010EmptyFieldsAreMissingNeverZero) {
  const auto rows = ReadYear(2010);
  int missing = 0;
  for (const auto& r : rows) {
    for (const auto* v : {&r.osi, &r.hci, &r.tii, &r.epi}) missing += !v->has_value();
  }
  // 17 empty fields; South Sudan's rank and EGDI are two of them.
  const EgdiRow& ssd = Row(rows, "SSD");
  EXPECT_FALSE(ssd.rank);
  EXPECT_FALSE(ssd.egdi);
  EXPECT_EQ(missing + 2, 17);
  EXPECT_FALSE(Row(rows, "NRU").tii);
}

TEST(EgdiFiles, The2010ZeroEgdiRowsHaveNoEgdiAndNoRankButKeepTheirOtherIndices) {
  const auto rows = ReadYear(2010);
  int zero_rows = 0;
  for (const auto& r : rows) {
    if (!r.egdi && r.iso3 != "SSD") {
      ++zero_rows;
      EXPECT_FALSE(r.rank) << r.iso3;
      EXPECT_FALSE(r.hci) << r.iso3;
    }
  }
  EXPECT_EQ(zero_rows, 9);
  const EgdiRow& kir = Row(rows, "KIR");
  ASSERT_TRUE(kir.osi);
  EXPECT_DOUBLE_EQ(*kir.osi, 0.028569999999999998);
  // Somalia's 0.0 Online Service Index is a value the survey gave, kept as zero.
  ASSERT_TRUE(Row(rows, "SOM").osi);
  EXPECT_EQ(*Row(rows, "SOM").osi, 0.0);
}

TEST(EgdiFiles, RanksWithADecimalPointAreWholeAndNoiseIsKept) {
  const auto rows = ReadYear(2010);
  const EgdiRow& irq = Row(rows, "IRQ");
  EXPECT_EQ(irq.rank, 136);
  ASSERT_TRUE(irq.hci);
  EXPECT_EQ(*irq.hci, 0.6955600000000001);
}

TEST(EgdiFiles, SlovakiaAndSerbiaTieAt49In2018) {
  const auto rows = ReadYear(2018);
  EXPECT_EQ(Row(rows, "SVK").rank, 49);
  EXPECT_EQ(Row(rows, "SRB").rank, 49);
  EXPECT_NE(Row(rows, "SVK").hci, Row(rows, "SRB").hci);
}

TEST(EgdiFile, ColumnsInAnyOrderWithoutTheName) {
  auto rows = ParseEgdiCsv(
      "tii,hci,osi,e-pat-index,e-gov-index,e-gov-rank,country-code\n"
      "0.5,0.6,0.7,0.8,0.65,3,FRA\n",
      "e.csv", 2020, Countries());
  ASSERT_TRUE(rows.ok()) << rows.error().ToString();
  const EgdiRow& fra = rows.value().at(0);
  EXPECT_EQ(fra.rank, 3);
  EXPECT_EQ(fra.egdi, 0.65);
  EXPECT_EQ(fra.epi, 0.8);
  EXPECT_EQ(fra.osi, 0.7);
  EXPECT_EQ(fra.hci, 0.6);
  EXPECT_EQ(fra.tii, 0.5);
}

TEST(EgdiFile, AnUnknownCodeIsRefusedWithItsLine) {
  EXPECT_THAT(ErrorOf(kHeader + "FRA,France,1,0.9,0.9,0.9,0.9,0.9\nXKX,Kosovo,2,0.5,,,,\n"),
              HasSubstr("e.csv:3: 'XKX' is not the ISO 3166-1 alpha-3 code of a UN member state"));
}

TEST(EgdiFile, AValueOutsideZeroToOneIsRefused) {
  EXPECT_THAT(ErrorOf(kHeader + "FRA,France,1,1.2,0.9,0.9,0.9,0.9\n"),
              HasSubstr("e.csv:2: e-gov-index must be a number from 0 to 1, not '1.2'"));
  EXPECT_THAT(ErrorOf(kHeader + "FRA,France,1,0.5,0.9,-0.1,0.9,0.9\n"),
              HasSubstr("e.csv:2: osi must be a number from 0 to 1, not '-0.1'"));
  EXPECT_THAT(ErrorOf(kHeader + "FRA,France,1,0.5,0.9,0.5,n/a,0.9\n"),
              HasSubstr("e.csv:2: hci must be a number from 0 to 1, not 'n/a'"));
}

TEST(EgdiFile, ADuplicateCountryIsRefused) {
  EXPECT_THAT(
      ErrorOf(kHeader + "FRA,France,1,0.9,,,,\nDEU,Germany,2,0.8,,,,\nFRA,France,3,0.7,,,,\n"),
      HasSubstr("e.csv:4: country 'FRA' is listed twice (first on line 2)"));
}

TEST(EgdiFile, AMissingColumnIsRefused) {
  EXPECT_THAT(ErrorOf("country-code,e-gov-rank,e-gov-index,e-pat-index,osi,tii\nFRA,1,0.9,,,\n"),
              HasSubstr("e.csv:1: "));
  EXPECT_THAT(ErrorOf("country-code,e-gov-rank,e-gov-index,e-pat-index,osi,tii\nFRA,1,0.9,,,\n"),
              HasSubstr("hci"));
}

TEST(EgdiFile, ARankThatIsNotAPositiveWholeNumberIsRefused) {
  for (const std::string rank : {"0", "-3", "4.5", "first"}) {
    EXPECT_THAT(ErrorOf(kHeader + "FRA,France," + rank + ",0.9,,,,\n"),
                HasSubstr("e.csv:2: the rank must be a positive whole number, not '" + rank + "'"));
  }
}

TEST(EgdiFile, EveryProblemIsReportedAndNothingReturned) {
  const std::string error = ErrorOf(kHeader +
                                    "FRA,France,1,1.5,,,,\n"
                                    "ZZZ,Nowhere,2,0.5,,,,\n"
                                    "DEU,Germany,x,0.5,,,,\n"
                                    "FRA,France,4,0.5,,,,\n"
                                    "ITA,Italy,5\n");
  for (const char* where : {"e.csv:2:", "e.csv:3:", "e.csv:4:", "e.csv:5:", "e.csv:6:"})
    EXPECT_THAT(error, HasSubstr(where));
}

TEST(EgdiFile, AnEmptyFileOrBadTextIsRefused) {
  EXPECT_THAT(ErrorOf(kHeader), HasSubstr("the file lists no countries"));
  EXPECT_THAT(ErrorOf(""), HasSubstr("e.csv"));
  EXPECT_THAT(ErrorOf(kHeader + "FRA,Fr\xff,1,0.5,,,,\n"), HasSubstr("e.csv:2"));
}

TEST(EgdiYear, YearsAndFileNames) {
  EXPECT_EQ(ParseEgdiYear("2020"), 2020);
  EXPECT_FALSE(ParseEgdiYear("20"));
  EXPECT_FALSE(ParseEgdiYear("1999"));
  EXPECT_FALSE(ParseEgdiYear("2020x"));
  EXPECT_EQ(EgdiYearOfFileName("egdi-2018.csv"), 2018);
  EXPECT_FALSE(EgdiYearOfFileName("egdi-2018.csv.bak"));
  EXPECT_FALSE(EgdiYearOfFileName("README.md"));
}

TEST(EgdiFigure, ThreeDecimalsInTheReadersWayOrADash) {
  EXPECT_EQ(EgdiFigure(0.71552, "en"), "0.716");
  EXPECT_EQ(EgdiFigure(0.71552, "fr"), "0,716");
  EXPECT_EQ(EgdiFigure(std::nullopt, "en"), "—");
}

}  // namespace
}  // namespace meter
