#include "core/knowledge.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/utf8.h"
#include "core/yaml_reader.h"

namespace meter {
namespace {

// Splits "---\n<front>\n---\n<body>"; false when the text does not start with front matter.
bool SplitFrontMatter(std::string_view text, std::string_view& front, std::string_view& body) {
  if (text.substr(0, 4) != "---\n") return false;
  const size_t end = text.find("\n---\n", 3);
  if (end == std::string_view::npos) return false;
  front = text.substr(4, end - 3);
  body = text.substr(end + 5);
  return true;
}

std::vector<std::string> IdList(const YAML::Node& map, const char* key, ProblemList& problems) {
  const YAML::Node node = map[key];
  if (!node) {
    problems.At(map, METER_N("missing '{1}'"), {key});
    return {};
  }
  return StringList(node, key, problems);
}

}  // namespace

Result<KnowledgeEntry> ParseKnowledgeEntry(std::string_view text, std::string_view file_name,
                                           const Instrument& instrument,
                                           const CountryList& countries) {
  ProblemList problems{std::string(file_name)};
  KnowledgeEntry entry;
  std::string name(file_name);
  name = name.substr(name.find_last_of('/') + 1);
  entry.slug = name.size() > 3 && name.ends_with(".md") ? name.substr(0, name.size() - 3) : name;
  std::string_view front, body;
  if (FindInvalidUtf8(text) != std::string_view::npos) {
    problems.At(YAML::Node(),
                METER_N("the file is not valid UTF-8; save it as UTF-8 and try again"));
  } else if (!SplitFrontMatter(text, front, body)) {
    problems.At(YAML::Node(),
                METER_N("the file must start with front matter between two '---' lines"));
  } else {
    try {
      // One blank line stands for the opening '---', so that line numbers match the file.
      const YAML::Node root = YAML::Load("\n" + std::string(front));
      if (CheckMap(root, METER_N("the front matter"),
                   {"kind", "title", "country", "region", "year", "pillars", "subareas", "sources",
                    "summary"},
                   problems)) {
        entry.kind = RequiredString(root, "kind", problems).value_or("");
        if (!entry.kind.empty() && entry.kind != "lesson" && entry.kind != "case") {
          problems.At(root["kind"], METER_N("'kind' must be 'lesson' or 'case', not '{1}'"),
                      {entry.kind});
        }
        entry.title = RequiredString(root, "title", problems).value_or("");
        entry.summary = RequiredString(root, "summary", problems).value_or("");
        if (root["region"]) entry.region = RequiredString(root, "region", problems).value_or("");
        if (root["country"]) {
          entry.country = RequiredString(root, "country", problems).value_or("");
          if (!entry.country.empty() && !countries.Find(entry.country)) {
            problems.At(root["country"],
                        METER_N("'{1}' is not a UN member state (ISO 3166-1 alpha-3)"),
                        {entry.country});
          }
        } else if (entry.kind == "case") {
          problems.At(root, METER_N("a case needs a 'country'"));
        }
        if (root["year"]) {
          int year = 0;
          if (!YAML::convert<int>::decode(root["year"], year) || year < 1950 || year > 2100) {
            problems.At(root["year"], METER_N("'year' must be a year from 1950 to 2100"));
          } else {
            entry.year = year;
          }
        }
        entry.pillars = IdList(root, "pillars", problems);
        entry.subareas = IdList(root, "subareas", problems);
        for (const std::string& p : entry.pillars) {
          const bool known = std::any_of(instrument.pillars.begin(), instrument.pillars.end(),
                                         [&](const Pillar& x) { return x.id == p; });
          if (!known) problems.At(root["pillars"], METER_N("unknown pillar '{1}'"), {p});
        }
        for (const std::string& s : entry.subareas) {
          if (!instrument.FindSubArea(s))
            problems.At(root["subareas"], METER_N("unknown sub-area '{1}'"), {s});
        }
        const YAML::Node sources = root["sources"];
        if (!sources || !sources.IsSequence() || sources.size() == 0) {
          problems.At(sources ? sources : root, METER_N("'sources' must list at least one source"));
        } else {
          for (const YAML::Node& s : sources) {
            if (!CheckMap(s, METER_N("a source"), {"title", "url", "publication"}, problems))
              continue;
            KnowledgeSource source;
            source.title = s["title"] ? s["title"].Scalar() : "";
            source.url = s["url"] ? s["url"].Scalar() : "";
            source.publication = s["publication"] ? s["publication"].Scalar() : "";
            if (source.title.empty() && source.publication.empty()) {
              problems.At(s, METER_N("a source needs a 'title' or a 'publication'"));
            }
            if (!source.url.empty() && source.url.rfind("https://", 0) != 0 &&
                source.url.rfind("http://", 0) != 0) {
              problems.At(s["url"],
                          METER_N("a source's 'url' must start with https:// or http://"));
            }
            entry.sources.push_back(std::move(source));
          }
        }
      }
    } catch (const YAML::Exception& e) {
      problems.AtMark(e.mark, METER_N("not valid YAML: {1}"), {e.msg});
    }
    entry.body_markdown = std::string(body);
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  return entry;
}

const char* KnowledgeKindName(const KnowledgeEntry& entry) {
  return entry.kind == "case" ? METER_N("Case study") : METER_N("Lesson learned");
}

Result<bool> KnowledgeBase::Add(KnowledgeEntry entry) {
  if (Find(entry.slug)) {
    return Error::Of(ErrorCode::kConflict, entry.slug,
                     METER_N("the knowledge entry '{1}' exists twice"), {entry.slug});
  }
  entries_.push_back(std::move(entry));
  return true;
}

const KnowledgeEntry* KnowledgeBase::Find(const std::string& slug) const {
  for (const KnowledgeEntry& e : entries_) {
    if (e.slug == slug) return &e;
  }
  return nullptr;
}

std::vector<const KnowledgeEntry*> KnowledgeBase::Filter(const std::string& kind,
                                                         const std::string& pillar,
                                                         const std::string& subarea,
                                                         const std::string& country) const {
  auto has = [](const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
  };
  std::vector<const KnowledgeEntry*> out;
  for (const KnowledgeEntry& e : entries_) {
    if ((kind.empty() || e.kind == kind) && (pillar.empty() || has(e.pillars, pillar)) &&
        (subarea.empty() || has(e.subareas, subarea)) &&
        (country.empty() || e.country == country)) {
      out.push_back(&e);
    }
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->title < b->title; });
  return out;
}

std::vector<const KnowledgeEntry*> KnowledgeBase::ForSubArea(const std::string& subarea) const {
  auto out = Filter("", "", subarea, "");
  std::stable_sort(out.begin(), out.end(),
                   [](auto* a, auto* b) { return a->kind == "case" && b->kind != "case"; });
  return out;
}

}  // namespace meter
