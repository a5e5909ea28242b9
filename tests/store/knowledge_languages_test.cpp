// The knowledge base in the six UN languages, on both engines (issue 12): titles and summaries per
// language and the body's language are stored and read back exactly; search finds an entry by
// words of any of its languages — two Chinese characters of a title, an Arabic word with or
// without its diacritics, a French word without its accents, English as before; and a database of
// schema 5 migrates with its English entries, found by search once the store has opened it.
// SQLite on a new file per test, PostgreSQL on a new database per test (store/pg_server.h).
#include <gmock/gmock.h>

#include <filesystem>

#include "core/search_text.h"
#include "store/approved_knowledge.h"
#include "store/db_contents.h"
#include "store/migrations.h"
#include "store/pg_server.h"
#include "store/sql_store.h"

namespace meter {
namespace {

namespace fs = std::filesystem;

class KnowledgeLanguages : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      testing::PgServer& server = testing::PgServer::Get();
      ASSERT_TRUE(server.running()) << server.failure();
      database_ = server.CreateDatabase();
      ASSERT_FALSE(database_.empty());
      url_ = server.SocketUrl(database_);
      where_ = testing::OnPg(database_);
    } else {
      dir_ = fs::temp_directory_path() /
             ("meter-klang-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "meter.db").string();
      where_ = url_;
    }
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (!database_.empty()) testing::PgServer::Get().DropDatabase(database_);
  }
  void Open() {
    auto opened = OpenStore(url_);
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
  }
  std::vector<std::string> Search(const std::string& q) {
    std::vector<std::string> out;
    auto found = store_->SearchKnowledge(KnowledgeSearchTerms(q), {}, 10);
    EXPECT_TRUE(found.ok()) << q << ": " << found.error().ToString();
    if (found) {
      for (const KnowledgeSummary& s : found.value()) out.push_back(s.slug);
    }
    return out;
  }

  fs::path dir_;
  std::string database_, url_, where_;
  std::unique_ptr<Store> store_;
};

// An entry with its title and summary in six languages (the translation team's texts of
// case-ghana-ghana-card, shortened), its body in English.
KnowledgeEntry GhanaCard() {
  KnowledgeEntry e;
  e.slug = "case-ghana-ghana-card";
  e.kind = "case";
  e.language = "en";
  e.titles = {
      {"en", "Ghana: the Ghana Card as one identifier for tax, telecoms and other services"},
      {"ar", "غانا: بطاقة غانا (Ghana Card) بوصفها معرّفًا واحدًا في مجالات الضرائب"},
      {"zh", "加纳：“加纳卡”作为税务、电信和其他服务的单一标识符"},
      {"fr", "Ghana : la Ghana Card, identifiant unique pour les impôts"},
      {"ru", "Гана: карта Ghana Card как единый идентификатор"},
      {"es", "Ghana: la Ghana Card como identificador único en el ámbito tributario"}};
  for (const auto& [lang, title] : e.titles) e.summaries[lang] = title + " (summary)";
  e.summaries["fr"] = "Le Ghana a rendu obligatoire une carte d'identité biométrique.";
  e.country = "GHA";
  e.region = "Africa";
  e.year = 2017;
  e.pillars = {"T"};
  e.subareas = {"T2"};
  e.sources = {{"NIA", "https://nia.gov.gh/", ""}};
  e.body_markdown = "## What was done\nGhana linked its national identity card to tax numbers.\n";
  return e;
}

KnowledgeEntry Other() {
  KnowledgeEntry e = GhanaCard();
  e.slug = "lesson-data-exchange";
  e.kind = "lesson";
  e.language = "fr";
  e.titles = {{"fr", "L’échange de données entre administrations"},
              {"zh", "政府间数据交换"},
              {"ar", "تبادل البيانات بين الإدارات"}};
  e.summaries = {{"fr", "Les données circulent."}, {"zh", "数据流动。"}, {"ar", "البيانات تنتقل."}};
  e.country = "";
  e.region = "";
  e.body_markdown = "Les administrations échangent les données une seule fois.\n";
  return e;
}

TEST_P(KnowledgeLanguages, TitlesAndSummariesInEveryLanguageAreStoredAndReadBack) {
  Open();
  for (const KnowledgeEntry& e : {GhanaCard(), Other()}) {
    auto saved = testing::SaveApprovedKnowledge(*store_, e);
    ASSERT_TRUE(saved.ok()) << saved.error().ToString();
    EXPECT_EQ(saved.value().entry, e);
    EXPECT_EQ(store_->GetKnowledge(e.slug).value().entry, e);
  }
  auto all = store_->AllKnowledge();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value()[0].entry, GhanaCard());
  auto listed = store_->ListKnowledge({});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed.value().size(), 2u);
  for (const KnowledgeSummary& s : listed.value()) {
    const KnowledgeEntry e = s.slug == GhanaCard().slug ? GhanaCard() : Other();
    EXPECT_EQ(s.language, e.language);
    EXPECT_EQ(s.titles, e.titles);
    EXPECT_EQ(s.summaries, e.summaries);
  }
  // An edit that drops a translation drops it from the store too.
  KnowledgeEntry fewer = GhanaCard();
  fewer.titles.erase("ru");
  fewer.summaries.erase("ru");
  ASSERT_TRUE(store_->SaveKnowledge(fewer, KnowledgeWrite::kUpdate, std::nullopt, "e@x.org").ok());
  EXPECT_EQ(store_->GetKnowledge(fewer.slug).value().entry, fewer);
  EXPECT_TRUE(Search("идентификатор").empty());
}

TEST_P(KnowledgeLanguages, SearchFindsAnEntryByWordsOfAnyOfItsLanguages) {
  Open();
  for (const KnowledgeEntry& e : {GhanaCard(), Other()}) {
    ASSERT_TRUE(testing::SaveApprovedKnowledge(*store_, e).ok());
  }
  const std::vector<std::string> ghana = {"case-ghana-ghana-card"};
  const std::vector<std::string> exchange = {"lesson-data-exchange"};
  // Chinese: two characters of a title, and a longer run; one character alone.
  EXPECT_EQ(Search("加纳"), ghana);
  EXPECT_EQ(Search("标识符"), ghana);
  EXPECT_EQ(Search("数据交换"), exchange);
  EXPECT_EQ(Search("纳"), ghana);
  EXPECT_TRUE(Search("纳加").empty());  // two characters that are not side by side in that order
  // Arabic with and without diacritics and with another alef: the same entry.
  EXPECT_EQ(Search("معرّفًا"), ghana);
  EXPECT_EQ(Search("معرفا"), ghana);
  EXPECT_EQ(Search("الإدارات"), exchange);
  EXPECT_EQ(Search("الادارات"), exchange);
  // French, with or without accents, on both engines; a word of the French body.
  EXPECT_EQ(Search("impôts"), ghana);
  EXPECT_EQ(Search("IMPOTS"), ghana);
  EXPECT_EQ(Search("échange"), exchange);
  EXPECT_EQ(Search("echangent"), exchange);
  // Russian and Spanish in any case; English as before, with tags.
  EXPECT_EQ(Search("ИДЕНТИФИКАТОР"), ghana);
  EXPECT_EQ(Search("tributario"), ghana);
  EXPECT_EQ(Search("telecoms identifier"), ghana);
  EXPECT_EQ(Search("GHA T2"), ghana);
  EXPECT_EQ(Search("ghana"), ghana);
  EXPECT_TRUE(Search("ghana données").empty());  // every word must match the same entry
}

TEST_P(KnowledgeLanguages, ADatabaseOfSchema5MigratesWithItsEntriesAndTheirSearch) {
  {
    // Schema 5 as an older METER left it, with one English entry and its search row.
    auto sql = testing::Open(where_);
    *sql << "CREATE TABLE meter_schema (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)";
    for (const Migration& m : Migrations()) {
      if (m.version > 5) break;
      for (const MigrationStatement& statement : m.statements) {
        if (statement.AppliesTo(GetParam())) *sql << ForEngine(statement.sql, GetParam());
      }
      *sql << "INSERT INTO meter_schema VALUES (" + std::to_string(m.version) + ", 0)";
    }
    *sql << "INSERT INTO knowledge (slug, kind, title, country, region, year, pillars, subareas,"
            " summary, body, search_tags, origin, file_hash, version, updated_at, updated_by)"
            " VALUES ('lesson-old', 'lesson', 'Données ouvertes', '', '', 0, 'T', 'T2',"
            " 'An old summary.', 'Old body.', 'T T2', 'web', '', 3, 0, 'e@x.org')";
    *sql << "INSERT INTO knowledge_tags VALUES ('lesson-old', 'subarea', 0, 'T2')";
    *sql << "INSERT INTO knowledge_sources VALUES ('lesson-old', 0, 'A source', '', '')";
    if (GetParam() == "sqlite") {
      *sql << "INSERT INTO knowledge_fts (slug, title, summary, body, tags) VALUES"
              " ('lesson-old', 'Données ouvertes', 'An old summary.', 'Old body.', 'T T2')";
    }
  }
  Open();
  EXPECT_EQ(testing::Count(where_, "SELECT MAX(version) FROM meter_schema"),
            Migrations().back().version);
  auto stored = store_->GetKnowledge("lesson-old");
  ASSERT_TRUE(stored.ok()) << stored.error().ToString();
  const KnowledgeEntry& e = stored.value().entry;
  EXPECT_EQ(e.language, "en");
  EXPECT_EQ(e.titles, (std::map<std::string, std::string>{{"en", "Données ouvertes"}}));
  EXPECT_EQ(e.summaries, (std::map<std::string, std::string>{{"en", "An old summary."}}));
  EXPECT_EQ(stored.value().origin, "web");
  EXPECT_EQ(stored.value().version, 3);
  // Migration 8: entries made before review existed stay public, as approved, under CC BY 4.0.
  EXPECT_EQ(stored.value().status, KnowledgeStatus::kApproved);
  EXPECT_EQ(e.licence, "CC-BY-4.0");
  // Its search documents were made when the store opened the database.
  EXPECT_EQ(Search("donnees"), std::vector<std::string>{"lesson-old"});
  EXPECT_EQ(Search("old body"), std::vector<std::string>{"lesson-old"});
  EXPECT_EQ(Search("T2"), std::vector<std::string>{"lesson-old"});
  EXPECT_EQ(testing::Count(where_, "SELECT COUNT(*) FROM knowledge WHERE search_version <> " +
                                       std::to_string(kSearchTextVersion)),
            0);
  // Opening it again finds nothing left to do and keeps the search.
  store_.reset();
  Open();
  EXPECT_EQ(Search("ouvertes"), std::vector<std::string>{"lesson-old"});
}

INSTANTIATE_TEST_SUITE_P(Engines, KnowledgeLanguages, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace meter
