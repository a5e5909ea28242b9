// The knowledge base: entries, their titles and summaries by language, tags and sources, and
// full-text search over search documents that METER makes (core/search_text.h), the same for both
// engines: an FTS5 table on SQLite that every write keeps in step, a generated tsvector column on
// PostgreSQL.
#include <map>
#include <set>

#include "core/search_text.h"
#include "store/sql_store_impl.h"

namespace meter {
namespace {

// The WHERE clause of a KnowledgeFilter over `knowledge k`; bind with BindFilter, in this order.
// Only approved entries are public (core/knowledge_review.h): every list and search has them only.
constexpr const char* kFilter =
    " k.status = 'approved' AND (:kind = '' OR k.kind = :kind2) AND (:country = '' OR k.country = "
    ":country2)"
    " AND (:pillar = '' OR EXISTS (SELECT 1 FROM knowledge_tags t WHERE t.slug = k.slug"
    " AND t.tag = 'pillar' AND t.value = :pillar2))"
    " AND (:subarea = '' OR EXISTS (SELECT 1 FROM knowledge_tags t WHERE t.slug = k.slug"
    " AND t.tag = 'subarea' AND t.value = :subarea2))";

constexpr const char* kSummaryColumns =
    "k.slug, k.kind, k.language, k.country, k.region, k.year, k.pillars, k.subareas";

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// "word" for each word, with '"' doubled: FTS5 reads every word as a plain string, never as syntax
// (AND, OR, NOT, NEAR, *, ^, column filters). Words side by side must all match.
std::string Fts5Query(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    out += out.empty() ? "\"" : " \"";
    for (char c : w) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  return out;
}

// Reads summary rows from a prepared statement over kSummaryColumns.
struct SummaryRow {
  std::string slug, kind, language, country, region, pillars, subareas;
  int year = 0;

  KnowledgeSummary Take() {
    KnowledgeSummary s;
    s.language = language;
    s.slug = slug;
    s.kind = kind;
    s.country = country;
    s.region = region;
    if (year != 0) s.year = year;
    s.pillars = Split(pillars);
    s.subareas = Split(subareas);
    return s;
  }
};

// Binds the filter's values to `st`, by name, in kFilter's order.
void BindFilter(soci::statement& st, const KnowledgeFilter& f) {
  const std::string* binds[] = {&f.kind,   &f.kind,   &f.country, &f.country,
                                &f.pillar, &f.pillar, &f.subarea, &f.subarea};
  const char* names[] = {"kind",   "kind2",   "country", "country2",
                         "pillar", "pillar2", "subarea", "subarea2"};
  for (size_t i = 0; i < 8; ++i) st.exchange(soci::use(*binds[i], names[i]));
}

// Adds the titles and summaries of the entries that `filter` matches to those of `out`.
void FetchTexts(soci::session& sql, const KnowledgeFilter& f, std::vector<KnowledgeSummary>& out) {
  if (out.empty()) return;
  std::map<std::string, KnowledgeSummary*> by_slug;
  for (KnowledgeSummary& s : out) by_slug[s.slug] = &s;
  std::string slug, lang, title, summary;
  soci::statement st(sql);
  for (auto* text : {&slug, &lang, &title, &summary}) st.exchange(soci::into(*text));
  BindFilter(st, f);
  st.alloc();
  st.prepare(std::string("SELECT t.slug, t.lang, t.title, t.summary FROM knowledge_texts t"
                         " JOIN knowledge k ON k.slug = t.slug WHERE") +
             kFilter);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) {
    const auto found = by_slug.find(slug);
    if (found == by_slug.end()) continue;
    if (!title.empty()) found->second->titles[lang] = title;
    if (!summary.empty()) found->second->summaries[lang] = summary;
  }
}

// Runs `query` (over kSummaryColumns, with kFilter) and reads its rows, with their texts. `match`
// binds :q (and :q2 when `twice`), `limit` binds :n when positive. Every value is bound by name.
std::vector<KnowledgeSummary> FetchSummaries(soci::session& sql, const std::string& query,
                                             const KnowledgeFilter& f,
                                             const std::string* match = nullptr, bool twice = false,
                                             long long limit = 0) {
  SummaryRow r;
  soci::statement st(sql);
  for (auto* s : {&r.slug, &r.kind, &r.language, &r.country, &r.region}) {
    st.exchange(soci::into(*s));
  }
  st.exchange(soci::into(r.year));
  for (auto* s : {&r.pillars, &r.subareas}) st.exchange(soci::into(*s));
  if (match) st.exchange(soci::use(*match, "q"));
  BindFilter(st, f);
  if (match && twice) st.exchange(soci::use(*match, "q2"));
  if (limit > 0) st.exchange(soci::use(limit, "n"));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  std::vector<KnowledgeSummary> out;
  while (st.fetch()) out.push_back(r.Take());
  FetchTexts(sql, f, out);
  return out;
}

// What a row keeps besides the entry: where it came from, its version and its review.
struct Header {
  std::string origin, file_hash;
  long long version = 0;
  std::string status = "approved", author, submitted_by;
  long long submitted_at = 0;
};

std::optional<Header> ReadHeader(soci::session& sql, const std::string& slug) {
  Header h;
  sql << "SELECT origin, file_hash, version, status, author, submitted_by, submitted_at"
         " FROM knowledge WHERE slug = :s",
      soci::into(h.origin), soci::into(h.file_hash), soci::into(h.version), soci::into(h.status),
      soci::into(h.author), soci::into(h.submitted_by), soci::into(h.submitted_at), soci::use(slug);
  if (!sql.got_data()) return std::nullopt;
  return h;
}

}  // namespace

std::optional<StoredKnowledge> ReadStoredKnowledge(soci::session& sql, const std::string& slug) {
  StoredKnowledge s;
  KnowledgeEntry& e = s.entry;
  std::string pillars, subareas;
  int year = 0;
  long long updated_at = 0, submitted_at = 0;
  std::string status;
  sql << "SELECT slug, kind, language, country, region, year, pillars, subareas, body,"
         " origin, file_hash, version, updated_at, updated_by, licence, status, author,"
         " submitted_by, submitted_at FROM knowledge WHERE slug = :s",
      soci::into(e.slug), soci::into(e.kind), soci::into(e.language), soci::into(e.country),
      soci::into(e.region), soci::into(year), soci::into(pillars), soci::into(subareas),
      soci::into(e.body_markdown), soci::into(s.origin), soci::into(s.file_hash),
      soci::into(s.version), soci::into(updated_at), soci::into(s.updated_by),
      soci::into(e.licence), soci::into(status), soci::into(s.author), soci::into(s.submitted_by),
      soci::into(submitted_at), soci::use(slug);
  if (!sql.got_data()) return std::nullopt;
  s.status = KnowledgeStatusNamed(status).value_or(KnowledgeStatus::kDraft);
  s.submitted_at = submitted_at;
  if (year != 0) e.year = year;
  e.pillars = Split(pillars);
  e.subareas = Split(subareas);
  s.updated_at = updated_at;
  std::string lang, title, summary;
  soci::statement texts =
      (sql.prepare << "SELECT lang, title, summary FROM knowledge_texts WHERE slug = :s",
       soci::into(lang), soci::into(title), soci::into(summary), soci::use(slug));
  texts.execute();
  while (texts.fetch()) {
    if (!title.empty()) e.titles[lang] = title;  // an empty text is no text in that language
    if (!summary.empty()) e.summaries[lang] = summary;
  }
  KnowledgeSource source;
  soci::statement st = (sql.prepare << "SELECT title, url, publication FROM knowledge_sources"
                                       " WHERE slug = :s ORDER BY position",
                        soci::into(source.title), soci::into(source.url),
                        soci::into(source.publication), soci::use(slug));
  st.execute();
  while (st.fetch()) e.sources.push_back(source);
  return s;
}

namespace {

void DeleteEntry(soci::session& sql, const std::string& engine, const std::string& slug) {
  sql << "DELETE FROM knowledge_tags WHERE slug = :s", soci::use(slug);
  sql << "DELETE FROM knowledge_sources WHERE slug = :s", soci::use(slug);
  sql << "DELETE FROM knowledge_texts WHERE slug = :s", soci::use(slug);
  if (engine == "sqlite") sql << "DELETE FROM knowledge_fts WHERE slug = :s", soci::use(slug);
  sql << "DELETE FROM knowledge WHERE slug = :s", soci::use(slug);
}

// Writes the search documents of `e` (its row exists) and, on SQLite, its row of knowledge_fts.
void WriteSearch(soci::session& sql, const std::string& engine, const KnowledgeEntry& e) {
  const KnowledgeSearchText search = KnowledgeSearchTextOf(e);
  const int version = kSearchTextVersion;
  sql << "UPDATE knowledge SET search_title = :t, search_summary = :sum, search_body = :b,"
         " search_tags = :tags, search_version = :v WHERE slug = :s",
      soci::use(search.title), soci::use(search.summary), soci::use(search.body),
      soci::use(search.tags), soci::use(version), soci::use(e.slug);
  if (engine == "sqlite") {
    sql << "DELETE FROM knowledge_fts WHERE slug = :s", soci::use(e.slug);
    sql << "INSERT INTO knowledge_fts (slug, title, summary, body, tags)"
           " VALUES (:s, :t, :sum, :b, :tags)",
        soci::use(e.slug), soci::use(search.title), soci::use(search.summary),
        soci::use(search.body), soci::use(search.tags);
  }
}

// Inserts the entry (after deleting any row of its slug) with `row`'s origin, version and
// review, its texts, tags, sources and search documents.
void WriteEntry(soci::session& sql, const std::string& engine, const KnowledgeEntry& e,
                const Header& row, const std::string& actor) {
  DeleteEntry(sql, engine, e.slug);
  const int year = e.year.value_or(0);
  const std::string pillars = Joined(e.pillars), subareas = Joined(e.subareas);
  const std::string& title = e.Title(e.language);
  const std::string& summary = e.Summary(e.language);
  const long long now = sql::Now();
  sql << "INSERT INTO knowledge (slug, kind, language, title, country, region, year, pillars,"
         " subareas, summary, body, search_tags, origin, file_hash, version, updated_at,"
         " updated_by, licence, status, author, submitted_by, submitted_at) VALUES (:slug, :kind,"
         " :language, :title, :country, :region, :year, :pillars, :subareas, :summary, :body, '',"
         " :origin, :hash, :version, :at, :by, :licence, :status, :author, :sby, :sat)",
      soci::use(e.slug), soci::use(e.kind), soci::use(e.language), soci::use(title),
      soci::use(e.country), soci::use(e.region), soci::use(year), soci::use(pillars),
      soci::use(subareas), soci::use(summary), soci::use(e.body_markdown), soci::use(row.origin),
      soci::use(row.file_hash), soci::use(row.version), soci::use(now), soci::use(actor),
      soci::use(e.licence), soci::use(row.status), soci::use(row.author),
      soci::use(row.submitted_by), soci::use(row.submitted_at);
  std::set<std::string> languages;
  for (const auto* texts : {&e.titles, &e.summaries}) {
    for (const auto& text : *texts) languages.insert(text.first);
  }
  for (const std::string& lang : languages) {
    const std::string title_in = e.titles.count(lang) ? e.titles.at(lang) : "";
    const std::string summary_in = e.summaries.count(lang) ? e.summaries.at(lang) : "";
    sql << "INSERT INTO knowledge_texts (slug, lang, title, summary) VALUES (:s, :l, :t, :sum)",
        soci::use(e.slug), soci::use(lang), soci::use(title_in), soci::use(summary_in);
  }
  for (const auto& [tag, values] :
       {std::pair<std::string, const std::vector<std::string>*>{"pillar", &e.pillars},
        {"subarea", &e.subareas}}) {
    for (int i = 0; i < static_cast<int>(values->size()); ++i) {
      sql << "INSERT INTO knowledge_tags (slug, tag, position, value) VALUES (:s, :t, :p, :v)",
          soci::use(e.slug), soci::use(tag), soci::use(i), soci::use((*values)[i]);
    }
  }
  for (int i = 0; i < static_cast<int>(e.sources.size()); ++i) {
    const KnowledgeSource& s = e.sources[i];
    sql << "INSERT INTO knowledge_sources (slug, position, title, url, publication)"
           " VALUES (:s, :p, :t, :u, :pub)",
        soci::use(e.slug), soci::use(i), soci::use(s.title), soci::use(s.url),
        soci::use(s.publication);
  }
  WriteSearch(sql, engine, e);
}

// The store's NUL check (sql::NulCheck) over every text of an entry.
std::optional<Error> NulIn(const KnowledgeEntry& e) {
  sql::NulCheck nul;
  nul.Add("knowledge.slug", e.slug)
      .Add("knowledge.kind", e.kind)
      .Add("knowledge.language", e.language)
      .Add("knowledge.country", e.country)
      .Add("knowledge.region", e.region)
      .Add("knowledge.body", e.body_markdown)
      .Add("knowledge.licence", e.licence)
      .Add("knowledge_tags.tag", e.pillars)
      .Add("knowledge_tags.tag", e.subareas);
  for (const auto& [lang, text] : e.titles) {
    nul.Add("knowledge_texts.lang", lang).Add("knowledge_texts.title", text);
  }
  for (const auto& [lang, text] : e.summaries) {
    nul.Add("knowledge_texts.lang", lang).Add("knowledge_texts.summary", text);
  }
  for (const KnowledgeSource& s : e.sources) {
    nul.Add("knowledge_sources.title", s.title)
        .Add("knowledge_sources.url", s.url)
        .Add("knowledge_sources.publication", s.publication);
  }
  return nul.Refusal();
}

}  // namespace

int RefreshKnowledgeSearch(soci::session& sql, const std::string& engine) {
  std::vector<std::string> slugs;
  std::string slug;
  const int version = kSearchTextVersion;
  soci::statement st =
      (sql.prepare << "SELECT slug FROM knowledge WHERE search_version <> :v ORDER BY slug",
       soci::into(slug), soci::use(version));
  st.execute();
  while (st.fetch()) slugs.push_back(slug);
  for (const std::string& s : slugs) {
    if (auto stored = ReadStoredKnowledge(sql, s)) WriteSearch(sql, engine, stored->entry);
  }
  return static_cast<int>(slugs.size());
}

Result<StoredKnowledge> SqlStore::SaveKnowledge(const KnowledgeEntry& entry, KnowledgeWrite mode,
                                                std::optional<long long> expected_version,
                                                const std::string& actor) {
  if (auto refused = NulIn(entry)) return *refused;
  return sql::InTransaction<StoredKnowledge>(
      db_, [&](soci::session& sql) -> Result<StoredKnowledge> {
        const std::optional<Header> existing = ReadHeader(sql, entry.slug);
        if (mode == KnowledgeWrite::kCreate && existing) {
          return Error::Of(ErrorCode::kConflict, "",
                           METER_N("there is a knowledge entry '{1}' already"), {entry.slug});
        }
        if (mode == KnowledgeWrite::kUpdate && !existing) {
          return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no knowledge entry '{1}'"),
                           {entry.slug});
        }
        if (existing && expected_version && existing->version != *expected_version) {
          return Error::Of(ErrorCode::kConflict, "",
                           METER_N("someone saved this entry meanwhile; reload it and make your "
                                   "change again"));
        }
        // A new entry is its author's draft; an edit keeps the entry's review as it is.
        Header row = existing.value_or(Header{"", "", 0, "draft", actor, "", 0});
        row.origin = "web";
        row.version = existing ? existing->version + 1 : 1;
        WriteEntry(sql, db_.engine, entry, row, actor);
        sql::Audit(sql, actor,
                   mode == KnowledgeWrite::kCreate ? "knowledge.create" : "knowledge.edit",
                   "knowledge:" + entry.slug, entry.Title(entry.language));
        sql::BumpVersion(db_, sql, "knowledge");
        return *ReadStoredKnowledge(sql, entry.slug);
      });
}

Result<StoredKnowledge> SqlStore::GetKnowledge(const std::string& slug) {
  return sql::Reading<StoredKnowledge>(db_, [&](soci::session& sql) -> Result<StoredKnowledge> {
    auto stored = ReadStoredKnowledge(sql, slug);
    if (!stored) {
      return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no knowledge entry '{1}'"),
                       {slug});
    }
    return *std::move(stored);
  });
}

Result<std::vector<KnowledgeSummary>> SqlStore::ListKnowledge(const KnowledgeFilter& filter) {
  return sql::Reading<std::vector<KnowledgeSummary>>(db_, [&](soci::session& sql) {
    return Result<std::vector<KnowledgeSummary>>(
        FetchSummaries(sql,
                       std::string("SELECT ") + kSummaryColumns + " FROM knowledge k WHERE" +
                           kFilter + " ORDER BY k.title, k.slug",
                       filter));
  });
}

Result<std::vector<KnowledgeSummary>> SqlStore::SearchKnowledge(
    const std::vector<std::string>& words, const KnowledgeFilter& filter, size_t limit) {
  if (words.empty() || limit == 0) return std::vector<KnowledgeSummary>{};
  const long long n = static_cast<long long>(limit);
  return sql::Reading<std::vector<KnowledgeSummary>>(db_, [&](soci::session& sql) {
    std::string query;
    std::string match;
    if (db_.engine == "sqlite") {
      match = Fts5Query(words);
      // bm25 weights per column: slug (not indexed), title, summary, body, tags.
      query = std::string("SELECT ") + kSummaryColumns +
              " FROM knowledge_fts f JOIN knowledge k ON k.slug = f.slug"
              " WHERE knowledge_fts MATCH :q AND" +
              kFilter + " ORDER BY bm25(knowledge_fts, 0.0, 10.0, 5.0, 1.0, 3.0), k.title LIMIT :n";
    } else {
      // plainto_tsquery reads any text as words joined by AND, never as syntax.
      match = Joined(words);
      query = std::string("SELECT ") + kSummaryColumns +
              " FROM knowledge k WHERE k.search @@ plainto_tsquery('simple', :q) AND" + kFilter +
              " ORDER BY ts_rank(k.search, plainto_tsquery('simple', :q2)) DESC, k.title"
              " LIMIT :n";
    }
    return Result<std::vector<KnowledgeSummary>>(
        FetchSummaries(sql, query, filter, &match, db_.engine != "sqlite", n));
  });
}

Result<std::vector<KnowledgeSummary>> SqlStore::KnowledgeForSubArea(const std::string& subarea) {
  return sql::Reading<std::vector<KnowledgeSummary>>(db_, [&](soci::session& sql) {
    KnowledgeFilter filter;
    filter.subarea = subarea;
    return Result<std::vector<KnowledgeSummary>>(FetchSummaries(
        sql,
        std::string("SELECT ") + kSummaryColumns + " FROM knowledge k WHERE" + kFilter +
            " ORDER BY CASE WHEN k.kind = 'case' THEN 0 ELSE 1 END, k.title, k.slug",
        filter));
  });
}

Result<std::vector<StoredKnowledge>> SqlStore::AllKnowledge() {
  return sql::Reading<std::vector<StoredKnowledge>>(db_, [&](soci::session& sql) {
    std::vector<std::string> slugs;
    std::string slug;
    soci::statement st =
        (sql.prepare << "SELECT slug FROM knowledge WHERE status = 'approved' ORDER BY slug",
         soci::into(slug));
    st.execute();
    while (st.fetch()) slugs.push_back(slug);
    std::vector<StoredKnowledge> out;
    for (const std::string& s : slugs) {
      if (auto stored = ReadStoredKnowledge(sql, s)) out.push_back(*std::move(stored));
    }
    return Result<std::vector<StoredKnowledge>>(std::move(out));
  });
}

Result<KnowledgeSyncReport> SqlStore::SyncKnowledgeFiles(const std::vector<KnowledgeFile>& files,
                                                         const std::vector<std::string>& unreadable,
                                                         const std::string& actor) {
  for (const KnowledgeFile& f : files) {
    if (auto refused = NulIn(f.entry)) return *refused;
  }
  return sql::InTransaction<KnowledgeSyncReport>(
      db_, [&](soci::session& sql) -> Result<KnowledgeSyncReport> {
        std::map<std::string, Header> rows;
        {
          std::string slug;
          Header h;
          soci::statement st =
              (sql.prepare << "SELECT slug, origin, file_hash, version FROM knowledge",
               soci::into(slug), soci::into(h.origin), soci::into(h.file_hash),
               soci::into(h.version));
          st.execute();
          while (st.fetch()) rows[slug] = h;
        }
        KnowledgeSyncReport report;
        std::set<std::string> present(unreadable.begin(), unreadable.end());
        for (const KnowledgeFile& f : files) {
          const std::string& slug = f.entry.slug;
          present.insert(slug);
          const auto row = rows.find(slug);
          const std::string target = "knowledge:" + slug;
          if (row == rows.end()) {
            WriteEntry(sql, db_.engine, f.entry, Header{"file", f.hash, 1, "approved", "", "", 0},
                       actor);
            sql::Audit(sql, actor, "knowledge.sync", target, "added from " + f.path);
            report.added.push_back(slug);
          } else if (row->second.origin == "file") {
            if (row->second.file_hash == f.hash) continue;
            Header header = row->second;  // the secretariat's files are approved
            header.file_hash = f.hash;
            header.version += 1;
            header.status = "approved";
            WriteEntry(sql, db_.engine, f.entry, header, actor);
            sql::Audit(sql, actor, "knowledge.sync", target, "updated from " + f.path);
            report.updated.push_back(slug);
          } else if (ReadStoredKnowledge(sql, slug)->entry == f.entry) {
            // The file caught up with the web edit (an export was copied back, say).
            sql << "UPDATE knowledge SET origin = 'file', file_hash = :h, status = 'approved'"
                   " WHERE slug = :s",
                soci::use(f.hash), soci::use(slug);
            sql::Audit(sql, actor, "knowledge.sync", target, "matches " + f.path + " again");
            report.updated.push_back(slug);
          } else if (row->second.file_hash != f.hash) {
            report.conflicts.push_back(slug);
          }
        }
        for (const auto& [slug, header] : rows) {
          if (header.origin != "file" || present.count(slug)) continue;
          DeleteEntry(sql, db_.engine, slug);
          sql << "DELETE FROM knowledge_reviews WHERE slug = :s", soci::use(slug);
          sql::Audit(sql, actor, "knowledge.sync", "knowledge:" + slug, "removed: no file");
          report.removed.push_back(slug);
        }
        if (!report.added.empty() || !report.updated.empty() || !report.removed.empty()) {
          sql::BumpVersion(db_, sql, "knowledge");
        }
        return report;
      });
}

}  // namespace meter
