#include "report/knowledge_export.h"

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/knowledge_review.h"
#include "core/languages.h"

namespace meter {
namespace {

using nlohmann::json;

json Texts(const std::map<std::string, std::string>& texts) {
  json out = json::object();
  for (const auto& [lang, text] : texts) out[lang] = text;
  return out;
}

json EntryJson(const StoredKnowledge& stored) {
  const KnowledgeEntry& e = stored.entry;
  json sources = json::array();
  for (const KnowledgeSource& s : e.sources) {
    sources.push_back({{"title", s.title}, {"url", s.url}, {"publication", s.publication}});
  }
  const LicenceName licence = LicenceNameOf(e.licence);
  return {{"slug", e.slug},           {"kind", e.kind},
          {"language", e.language},   {"country", e.country},
          {"region", e.region},       {"year", e.year ? json(*e.year) : json(nullptr)},
          {"pillars", e.pillars},     {"subareas", e.subareas},
          {"title", Texts(e.titles)}, {"summary", Texts(e.summaries)},
          {"body", e.body_markdown},  {"sources", std::move(sources)},
          {"licence", e.licence},     {"licence_url", licence.url}};
}

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::string TextIn(const std::map<std::string, std::string>& texts, const std::string& lang) {
  const auto found = texts.find(lang);
  return found == texts.end() ? "" : found->second;
}

}  // namespace

std::string KnowledgeAsJson(const std::vector<StoredKnowledge>& entries) {
  json list = json::array();
  for (const StoredKnowledge& s : entries) list.push_back(EntryJson(s));
  const json doc = {{"licence", kDefaultKnowledgeLicence},
                    {"licence_url", LicenceNameOf(kDefaultKnowledgeLicence).url},
                    {"attribution", kKnowledgeAttribution},
                    {"count", entries.size()},
                    {"entries", std::move(list)}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string KnowledgeAsCsv(const std::vector<StoredKnowledge>& entries) {
  std::vector<std::string> header = {"slug",   "kind", "language", "country",
                                     "region", "year", "pillars",  "subareas"};
  for (const std::string& lang : kUnLanguages) header.push_back("title_" + lang);
  for (const std::string& lang : kUnLanguages) header.push_back("summary_" + lang);
  for (const char* name : {"body", "sources", "licence"}) header.push_back(name);
  std::string out;
  auto line = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
    out += "\r\n";
  };
  line(header);
  for (const StoredKnowledge& stored : entries) {
    const KnowledgeEntry& e = stored.entry;
    std::vector<std::string> row = {CsvField(e.slug),
                                    CsvField(e.kind),
                                    CsvField(e.language),
                                    CsvField(e.country),
                                    CsvTextField(e.region),
                                    e.year ? std::to_string(*e.year) : "",
                                    CsvField(Joined(e.pillars)),
                                    CsvField(Joined(e.subareas))};
    for (const std::string& lang : kUnLanguages)
      row.push_back(CsvTextField(TextIn(e.titles, lang)));
    for (const std::string& lang : kUnLanguages) {
      row.push_back(CsvTextField(TextIn(e.summaries, lang)));
    }
    row.push_back(CsvTextField(e.body_markdown));
    std::string sources;
    for (const KnowledgeSource& s : e.sources) {
      sources += (sources.empty() ? "" : "\n") + s.title + " | " + s.url + " | " + s.publication;
    }
    row.push_back(CsvTextField(sources));
    row.push_back(CsvField(e.licence));
    line(row);
  }
  return out;
}

}  // namespace meter
