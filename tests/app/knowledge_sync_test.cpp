// The sync of content/knowledge/ into the store, as `meter serve` runs it at start and on its
// timer: only a change on disk syncs; a bad file is reported at file:line:column and left out while
// the others load; a fixed file comes in; a removed file takes its entry with it.
#include "app/knowledge_sync.h"

#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/knowledge.h"
#include "store/sql_store.h"
#include "test_support.h"
#include "web/security.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string Entry(const std::string& title, const std::string& pillars = "[T]") {
  return "---\nkind: lesson\ntitle: \"" + title + "\"\npillars: " + pillars +
         "\nsubareas: []\nsources:\n  - title: \"A source\"\nsummary: \"A summary.\"\n---\nBody.\n";
}

class KnowledgeSync : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecurity());
    dir_ = fs::temp_directory_path() / ("meter-ksync-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "knowledge");
    auto store = OpenStore("sqlite:" + (dir_ / "meter.db").string());
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(store).value();
    auto countries = CountryList::Parse(
        testing::ReadText(testing::SourcePath("content/countries.csv")), "countries.csv");
    ASSERT_TRUE(countries.ok());
    countries_ = std::move(countries).value();
    instrument_ = testing::LoadOrFail("content/instruments/meter-3.0.yaml");
    files_ = std::make_unique<KnowledgeFiles>((dir_ / "knowledge").string(), instrument_,
                                              countries_, *store_);
  }
  void TearDown() override {
    files_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  // Writes a file with a modification time `age` seconds in the past, so that a rewrite within
  // the same second still looks changed.
  void Write(const std::string& name, const std::string& text, int age = 0) {
    const fs::path path = dir_ / "knowledge" / name;
    std::ofstream(path, std::ios::binary) << text;
    fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::seconds(age));
  }
  KnowledgeFiles::Outcome Sync() {
    auto outcome = files_->Sync();
    EXPECT_TRUE(outcome.ok()) << outcome.error().ToString();
    return outcome.ok() ? std::move(outcome).value() : KnowledgeFiles::Outcome{};
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  CountryList countries_;
  Instrument instrument_;
  std::unique_ptr<KnowledgeFiles> files_;
};

TEST_F(KnowledgeSync, OnlyAChangeOnDiskSyncs) {
  Write("lesson-one.md", Entry("One"), 10);
  Write("lesson-two.md", Entry("Two"), 10);
  const auto first = Sync();
  EXPECT_TRUE(first.synced);
  EXPECT_EQ(first.report.added, (std::vector<std::string>{"lesson-one", "lesson-two"}));
  EXPECT_FALSE(Sync().synced);              // nothing changed: not even read again
  Write("lesson-one.md", Entry("One"), 5);  // touched, same bytes
  EXPECT_FALSE(Sync().synced);
  Write("lesson-one.md", Entry("One, revised"), 1);
  const auto changed = Sync();
  EXPECT_TRUE(changed.synced);
  EXPECT_EQ(changed.report.updated, (std::vector<std::string>{"lesson-one"}));
  EXPECT_EQ(store_->GetKnowledge("lesson-one").value().entry.Title("en"), "One, revised");
  EXPECT_EQ(store_->GetKnowledge("lesson-one").value().file_hash, Sha256Hex(Entry("One, revised")));
  fs::remove(dir_ / "knowledge" / "lesson-two.md");
  EXPECT_EQ(Sync().report.removed, (std::vector<std::string>{"lesson-two"}));
}

TEST_F(KnowledgeSync, ABadFileIsReportedAndLeftOutWhileTheOthersLoad) {
  Write("lesson-good.md", Entry("Good"), 10);
  Write("lesson-bad.md", Entry("Bad", "[T, Q]"), 10);
  Write("notes.txt", "not a knowledge file", 10);
  const auto first = Sync();
  EXPECT_EQ(first.report.added, (std::vector<std::string>{"lesson-good"}));
  ASSERT_EQ(first.left_out.size(), 1u);
  EXPECT_THAT(first.left_out[0].path, HasSubstr("lesson-bad.md"));
  EXPECT_THAT(first.left_out[0].error.ToString(),
              HasSubstr("lesson-bad.md:4:10: unknown pillar 'Q'"));
  EXPECT_EQ(store_->GetKnowledge("lesson-bad").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Sync().left_out.empty());  // reported once, not on every look
  // Fixed, it comes in.
  Write("lesson-bad.md", Entry("Bad, fixed"), 1);
  EXPECT_EQ(Sync().report.added, (std::vector<std::string>{"lesson-bad"}));
  // Broken again, its entry stays as it was.
  Write("lesson-bad.md", "no front matter", 0);
  const auto broken = Sync();
  EXPECT_EQ(broken.left_out.size(), 1u);
  EXPECT_TRUE(broken.report.removed.empty());
  EXPECT_EQ(store_->GetKnowledge("lesson-bad").value().entry.Title("en"), "Bad, fixed");
}

TEST_F(KnowledgeSync, AMissingFolderIsAnErrorAndNothingIsRemembered) {
  Write("lesson-one.md", Entry("One"), 10);
  ASSERT_TRUE(Sync().synced);
  fs::rename(dir_ / "knowledge", dir_ / "elsewhere");
  auto missing = files_->Sync();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(store_->GetKnowledge("lesson-one").ok());  // nothing was removed
  fs::rename(dir_ / "elsewhere", dir_ / "knowledge");
  EXPECT_FALSE(Sync().synced);
}

}  // namespace
}  // namespace meter
