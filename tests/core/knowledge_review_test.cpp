// The review rules of knowledge contributions and their licence (issue 13): who may submit, judge
// and edit in each status, and the `licence:` field of the file format.
#include "core/knowledge_review.h"

#include <gmock/gmock.h>

#include "test_support.h"

namespace meter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const KnowledgeActor kAuthor{"a@x.org", false}, kOther{"b@x.org", false}, kAdmin{"s@x.org", true};

KnowledgeState In(KnowledgeStatus status) { return {status, "a@x.org"}; }

std::optional<ErrorCode> CodeOf(const std::optional<Error>& e) {
  return e ? std::optional<ErrorCode>(e->code) : std::nullopt;
}

TEST(KnowledgeReview, TheAuthorSubmitsAndSomebodyElseJudges) {
  using S = KnowledgeStatus;
  using V = KnowledgeVerdict;
  EXPECT_FALSE(CheckSubmit(In(S::kDraft), kAuthor));
  EXPECT_FALSE(CheckSubmit(In(S::kChangesRequested), kAuthor));
  EXPECT_FALSE(CheckSubmit(In(S::kDraft), kAdmin));
  EXPECT_EQ(CodeOf(CheckSubmit(In(S::kDraft), kOther)), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckSubmit(In(S::kInReview), kAuthor)), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckSubmit(In(S::kApproved), kAuthor)), ErrorCode::kConflict);

  EXPECT_FALSE(CheckReview(In(S::kInReview), kOther, V::kApprove, ""));
  EXPECT_FALSE(CheckReview(In(S::kInReview), kAdmin, V::kChanges, "Add a source."));
  EXPECT_FALSE(CheckReview(In(S::kDraft), kAuthor, V::kComment, "A note."));
  // The author never judges their own entry, not even as the secretariat.
  EXPECT_EQ(CodeOf(CheckReview(In(S::kInReview), kAuthor, V::kApprove, "")), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckReview({S::kInReview, "s@x.org"}, kAdmin, V::kApprove, "")),
            ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckReview(In(S::kDraft), kOther, V::kApprove, "")), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckReview(In(S::kInReview), kOther, V::kChanges, " \n")),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf(CheckReview(In(S::kInReview), kOther, V::kComment, "")),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf(CheckReview(In(S::kApproved), kOther, V::kComment, "Late.")),
            ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(CheckReview(In(S::kInReview), kOther, V::kComment, std::string(4001, 'x'))),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf(CheckReview(In(S::kInReview), kOther, V::kComment, std::string("a\0b", 3))),
            ErrorCode::kInvalidInput);

  EXPECT_EQ(StatusAfter(S::kInReview, V::kApprove), S::kApproved);
  EXPECT_EQ(StatusAfter(S::kInReview, V::kChanges), S::kChangesRequested);
  EXPECT_EQ(StatusAfter(S::kInReview, V::kComment), S::kInReview);
  EXPECT_EQ(StatusAfter(S::kDraft, V::kComment), S::kDraft);
}

TEST(KnowledgeReview, AnApprovedEntryIsEditedByTheSecretariatOnly) {
  EXPECT_FALSE(CheckEdit(In(KnowledgeStatus::kDraft), kOther));
  EXPECT_FALSE(CheckEdit(In(KnowledgeStatus::kInReview), kAuthor));
  EXPECT_FALSE(CheckEdit(In(KnowledgeStatus::kApproved), kAdmin));
  const auto refused = CheckEdit(In(KnowledgeStatus::kApproved), kAuthor);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ErrorCode::kConflict);
  EXPECT_THAT(refused->ToString(), HasSubstr("only the secretariat edits it"));
}

TEST(KnowledgeReview, NamesReadBackAndLicencesAreShownByName) {
  for (KnowledgeStatus s : {KnowledgeStatus::kDraft, KnowledgeStatus::kInReview,
                            KnowledgeStatus::kChangesRequested, KnowledgeStatus::kApproved}) {
    EXPECT_EQ(KnowledgeStatusNamed(KnowledgeStatusName(s)), s);
  }
  EXPECT_FALSE(KnowledgeStatusNamed("published"));
  for (KnowledgeVerdict v :
       {KnowledgeVerdict::kComment, KnowledgeVerdict::kChanges, KnowledgeVerdict::kApprove}) {
    EXPECT_EQ(KnowledgeVerdictNamed(KnowledgeVerdictName(v)), v);
  }
  EXPECT_EQ(LicenceNameOf("CC-BY-4.0").name, "CC BY 4.0");
  EXPECT_EQ(LicenceNameOf("CC-BY-4.0").url, "https://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(LicenceNameOf("MIT").name, "MIT");
  EXPECT_EQ(LicenceNameOf("MIT").url, "");
  EXPECT_TRUE(ValidLicence("CC-BY-SA-4.0"));
  EXPECT_TRUE(ValidLicence("GPL-3.0+"));
  EXPECT_FALSE(ValidLicence(""));
  EXPECT_FALSE(ValidLicence("CC BY"));
  EXPECT_FALSE(ValidLicence(std::string(65, 'a')));
}

TEST(KnowledgeReview, AFileMayNameItsLicenceAndTheExportKeepsIt) {
  const Instrument in = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
  auto countries = CountryList::Parse(
      testing::ReadText(testing::SourcePath("content/countries.csv")), "countries.csv");
  ASSERT_TRUE(countries.ok());
  const std::string rest =
      "pillars: [T]\nsubareas: [T2]\nsources:\n  - title: \"A source\"\nsummary: S.\n";
  auto plain = ParseKnowledgeEntry("---\nkind: lesson\ntitle: T\n" + rest + "---\nBody.\n",
                                   "lesson-plain.md", in, countries.value());
  ASSERT_TRUE(plain.ok()) << plain.error().ToString();
  EXPECT_EQ(plain.value().licence, "CC-BY-4.0");
  EXPECT_THAT(FormatKnowledgeEntry(plain.value()), Not(HasSubstr("licence")));

  auto open =
      ParseKnowledgeEntry("---\nkind: lesson\ntitle: T\nlicence: CC0-1.0\n" + rest + "---\nBody.\n",
                          "lesson-open.md", in, countries.value());
  ASSERT_TRUE(open.ok()) << open.error().ToString();
  EXPECT_EQ(open.value().licence, "CC0-1.0");
  const std::string exported = FormatKnowledgeEntry(open.value());
  EXPECT_THAT(exported, HasSubstr("licence: \"CC0-1.0\""));
  EXPECT_EQ(ParseKnowledgeEntry(exported, "lesson-open.md", in, countries.value()).value(),
            open.value());

  auto bad = ParseKnowledgeEntry(
      "---\nkind: lesson\ntitle: T\nlicence: all rights\n" + rest + "---\nBody.\n", "lesson-bad.md",
      in, countries.value());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().ToString(), HasSubstr("lesson-bad.md:4:"));
  EXPECT_THAT(bad.error().ToString(), HasSubstr("not 'all rights'"));
}

}  // namespace
}  // namespace meter
