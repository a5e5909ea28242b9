#include "core/knowledge.h"

#include <algorithm>
#include <type_traits>

#include "core/knowledge_review.h"
#include "core/languages.h"
#include "core/limits.h"
#include "core/search_text.h"
#include "core/text_rules.h"
#include "core/utf8.h"
#include "core/yaml_reader.h"
#include "core/yaml_writer.h"

namespace meter {
namespace {

// What is wrong with each kind of mapping in a knowledge file, as whole sentences.
const MapMessages kFrontMatterMap = {
    METER_N("the front matter must be a mapping of keys to values"),
    METER_N("the front matter has an unknown key '{1}'")};
const MapMessages kSourceMap = {METER_N("a source must be a mapping of keys to values"),
                                METER_N("a source has an unknown key '{1}'")};

// Splits "---\n<front>\n---\n<body>"; false when the text does not start with front matter.
bool SplitFrontMatter(std::string_view text, std::string_view& front, std::string_view& body) {
  if (text.substr(0, 4) != "---\n") return false;
  const size_t end = text.find("\n---\n", 3);
  if (end == std::string_view::npos) return false;
  front = text.substr(4, end - 3);
  body = text.substr(end + 5);
  return true;
}

bool ValidSlug(const std::string& slug) {
  if (slug.empty() || slug.size() > 100 || slug == "new" || slug == "review" || slug[0] == '-')
    return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// A scalar the file may leave out ("" then); the rules decide whether it may be empty.
std::string OptionalScalar(const YamlNode& map, const char* key, ProblemList& problems) {
  const YamlNode node = map[key];
  if (!node) return "";
  if (!node.IsScalar()) {
    problems.At(node, METER_N("'{1}' must be a non-empty text"), {key});
    return "";
  }
  return node.Scalar();
}

std::vector<std::string> IdList(const YamlNode& map, const char* key, ProblemList& problems) {
  const YamlNode node = map[key];
  if (!node) {
    problems.At(map, METER_N("missing '{1}'"), {key});
    return {};
  }
  return StringList(node, key, problems);
}

// A text in several languages: a map by language, or a plain text, which is in `language`.
std::map<std::string, std::string> Texts(const YamlNode& map, const char* key,
                                         const std::string& language, ProblemList& problems) {
  std::map<std::string, std::string> out;
  const YamlNode node = map[key];
  if (!node || node.IsNull()) return out;
  if (node.IsScalar()) {
    out[language] = node.Scalar();
  } else if (!node.IsMap()) {
    problems.At(node, METER_N("'{1}' must be a text, or texts by language: {en: \"…\", fr: \"…\"}"),
                {key});
  } else {
    for (const YamlEntry& pair : node.Entries()) {
      if (!pair.first.IsScalar() || !pair.second.IsScalar()) {
        problems.At(pair.second, METER_N("'{1}' must be a non-empty text"), {key});
        continue;
      }
      out[pair.first.Scalar()] = pair.second.Scalar();
    }
  }
  return out;
}

// Reads the front matter's values as they are; CheckKnowledgeEntry judges them afterwards.
void ReadFrontMatter(const YamlNode& root, KnowledgeEntry& entry,
                     std::vector<YamlNode>& source_nodes, ProblemList& problems) {
  entry.kind = OptionalScalar(root, "kind", problems);
  if (root["language"]) entry.language = OptionalScalar(root, "language", problems);
  entry.titles = Texts(root, "title", entry.language, problems);
  entry.summaries = Texts(root, "summary", entry.language, problems);
  entry.region = OptionalScalar(root, "region", problems);
  entry.country = OptionalScalar(root, "country", problems);
  if (const YamlNode year = root["year"]) {
    int value = 0;
    if (!YamlToInt(year, value)) {
      problems.At(year, METER_N("'year' must be a year from 1950 to 2100"));
    } else {
      entry.year = value;
    }
  }
  entry.pillars = IdList(root, "pillars", problems);
  entry.subareas = IdList(root, "subareas", problems);
  if (root["licence"]) entry.licence = OptionalScalar(root, "licence", problems);
  const YamlNode sources = root["sources"];
  if (sources && !sources.IsSequence()) {
    problems.At(sources, METER_N("'{1}' must be a list"), {"sources"});
  } else if (sources) {
    for (const YamlNode s : sources.Items()) {
      if (!CheckMap(s, kSourceMap, {"title", "url", "publication"}, problems)) continue;
      KnowledgeSource source;
      source.title = OptionalScalar(s, "title", problems);
      source.url = OptionalScalar(s, "url", problems);
      source.publication = OptionalScalar(s, "publication", problems);
      entry.sources.push_back(std::move(source));
      source_nodes.push_back(s);
    }
  }
}

// An identifier, plain when YAML reads it back as the same text, else quoted.
std::string IdText(const std::string& id) {
  const bool plain = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  return plain && id != "null" && id != "Null" && id != "NULL" ? id : YamlDoubleQuoted(id);
}

std::vector<std::string> IdTexts(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids) out.push_back(IdText(id));
  return out;
}

// A block map by language: the body's language first, then the others in the order of
// kUnLanguages, then any other code (only an invalid entry has one).
YamlBlockWriter::Entries TextEntries(const std::map<std::string, std::string>& texts,
                                     const std::string& language) {
  std::vector<std::string> order = {language};
  for (const std::string& lang : kUnLanguages) order.push_back(lang);
  for (const auto& text : texts) order.push_back(text.first);
  YamlBlockWriter::Entries out;
  std::vector<std::string> written;
  for (const std::string& lang : order) {
    const auto text = texts.find(lang);
    if (text == texts.end() || std::find(written.begin(), written.end(), lang) != written.end()) {
      continue;
    }
    written.push_back(lang);
    out.emplace_back(IdText(lang), YamlDoubleQuoted(text->second));
  }
  return out;
}

std::vector<YamlBlockWriter::Entries> SourceEntries(const std::vector<KnowledgeSource>& sources) {
  std::vector<YamlBlockWriter::Entries> out;
  for (const KnowledgeSource& s : sources) {
    YamlBlockWriter::Entries& map = out.emplace_back();
    if (!s.title.empty()) map.emplace_back("title", YamlDoubleQuoted(s.title));
    if (!s.url.empty()) map.emplace_back("url", YamlDoubleQuoted(s.url));
    if (!s.publication.empty()) map.emplace_back("publication", YamlDoubleQuoted(s.publication));
  }
  return out;
}

// The text rules and caps of core/text_rules.h and core/limits.h for every text of `entry`.
template <typename Add>
void AddTextProblems(const KnowledgeEntry& entry, Add& add) {
  struct Field {
    const char* name;
    const std::string& text;
    TextShape shape;
    size_t max;
  };
  const Field fields[] = {
      {"kind", entry.kind, TextShape::kLine, 0},
      {"language", entry.language, TextShape::kLine, 0},
      {"country", entry.country, TextShape::kLine, 0},
      {"region", entry.region, TextShape::kLine, kMaxKnowledgeRegionLength},
      {"body", entry.body_markdown, TextShape::kLines, kMaxKnowledgeBodyLength},
  };
  for (const Field& f : fields) {
    if (auto problem = TextProblem(f.name, f.text, f.shape, f.max)) add(f.name, 0, *problem);
  }
  for (const auto& [name, ids] :
       {std::pair{"pillars", &entry.pillars}, std::pair{"subareas", &entry.subareas}}) {
    if (ids->size() > kMaxKnowledgeTags) {
      add(name, 0,
          CountProblem("",
                       METER_NP("this list may hold at most {1} item",
                                "this list may hold at most {1} items"),
                       kMaxKnowledgeTags, {std::to_string(kMaxKnowledgeTags)}));
    }
    for (const std::string& id : *ids) {
      if (auto problem = TextProblem(name, id, TextShape::kLine)) add(name, 0, *problem);
    }
  }
  if (entry.sources.size() > kMaxKnowledgeSources) {
    add("sources", 0,
        CountProblem(
            "",
            METER_NP("this list may hold at most {1} item", "this list may hold at most {1} items"),
            kMaxKnowledgeSources, {std::to_string(kMaxKnowledgeSources)}));
    return;
  }
  for (size_t i = 0; i < entry.sources.size(); ++i) {
    const KnowledgeSource& s = entry.sources[i];
    for (const std::string* text : {&s.title, &s.url, &s.publication}) {
      if (auto problem = TextProblem("source", *text, TextShape::kLine, kMaxKnowledgeSourceLength))
        add("source", i, *problem);
    }
  }
}

// The rules of the titles and summaries: UN languages only, each text non-empty and within its
// cap, both in the body's language, and in every other language both or neither.
template <typename AddIn>
void AddLanguageProblems(const KnowledgeEntry& entry, AddIn& add_in) {
  struct Field {
    const char* name;
    const std::map<std::string, std::string>& texts;
    TextShape shape;
    size_t max;
    const std::map<std::string, std::string>& other;
    const char* other_name;
  };
  const Field fields[] = {
      {"title", entry.titles, TextShape::kLine, kMaxKnowledgeTitleLength, entry.summaries,
       "summary"},
      {"summary", entry.summaries, TextShape::kLines, kMaxKnowledgeSummaryLength, entry.titles,
       "title"},
  };
  for (const Field& f : fields) {
    if (f.texts.empty()) {
      add_in(f.name, entry.language, METER_N("'{1}' must be a non-empty text"), {f.name});
    } else if (!f.texts.count(entry.language)) {
      add_in(f.name, entry.language,
             METER_N("'{1}' needs a text in '{2}', the language of the body"),
             {f.name, entry.language});
    }
    for (const auto& [lang, text] : f.texts) {
      if (!IsUnLanguage(lang)) {
        add_in(f.name, lang, METER_N("'{1}' is not a UN language: use ar, zh, en, fr, ru or es"),
               {lang});
      } else if (text.empty()) {
        add_in(f.name, lang, METER_N("'{1}' must be a non-empty text"), {f.name});
      } else if (auto problem = TextProblem(f.name, text, f.shape, f.max)) {
        add_in(f.name, lang, std::move(*problem));
      }
    }
    for (const auto& [lang, text] : f.other) {
      if (lang != entry.language && IsUnLanguage(lang) && !f.texts.count(lang)) {
        add_in(f.name, lang, METER_N("'{1}' needs a text in '{2}', as '{3}' has one"),
               {f.name, lang, f.other_name});
      }
    }
  }
}

}  // namespace

std::vector<Problem> CheckKnowledgeEntry(const KnowledgeEntry& entry, const Instrument& instrument,
                                         const CountryList& countries,
                                         const KnowledgePlace& place) {
  std::vector<Problem> out;
  // A message and its arguments, or a problem made whole (plural forms and all), placed at the
  // field, its index and the language of the text.
  auto add_at = [&](std::string where, auto message, std::vector<std::string> args) {
    if constexpr (std::is_same_v<decltype(message), Problem>) {
      message.where = std::move(where);
      out.push_back(std::move(message));
    } else {
      out.push_back({std::move(where), message, std::move(args)});
    }
  };
  auto add_in = [&](std::string_view field, std::string_view lang, auto message,
                    std::vector<std::string> args = {}) {
    add_at(place(field, 0, lang), std::move(message), std::move(args));
  };
  auto add = [&](std::string_view field, size_t index, auto message,
                 std::vector<std::string> args = {}) {
    add_at(place(field, index, ""), std::move(message), std::move(args));
  };
  if (!ValidSlug(entry.slug)) {
    add("slug", 0,
        METER_N("the name '{1}' must be lower-case letters, digits and '-', and not 'new' or "
                "'review'"),
        {entry.slug});
  }
  if (entry.kind.empty()) {
    add("kind", 0, METER_N("'{1}' must be a non-empty text"), {"kind"});
  } else if (entry.kind != "lesson" && entry.kind != "case") {
    add("kind", 0, METER_N("'kind' must be 'lesson' or 'case', not '{1}'"), {entry.kind});
  }
  if (!IsUnLanguage(entry.language)) {
    add("language", 0, METER_N("'{1}' is not a UN language: use ar, zh, en, fr, ru or es"),
        {entry.language});
  }
  AddLanguageProblems(entry, add_in);
  if (!entry.country.empty() && !countries.Find(entry.country)) {
    add("country", 0, METER_N("'{1}' is not a UN member state (ISO 3166-1 alpha-3)"),
        {entry.country});
  } else if (entry.country.empty() && entry.kind == "case") {
    add("country", 0, METER_N("a case needs a 'country'"));
  }
  if (entry.year && (*entry.year < 1950 || *entry.year > 2100))
    add("year", 0, METER_N("'year' must be a year from 1950 to 2100"));
  for (const std::string& p : entry.pillars) {
    const bool known = std::any_of(instrument.pillars.begin(), instrument.pillars.end(),
                                   [&](const Pillar& x) { return x.id == p; });
    if (!known) add("pillars", 0, METER_N("unknown pillar '{1}'"), {p});
  }
  for (const std::string& s : entry.subareas) {
    if (!instrument.FindSubArea(s)) add("subareas", 0, METER_N("unknown sub-area '{1}'"), {s});
  }
  if (entry.sources.empty()) add("sources", 0, METER_N("'sources' must list at least one source"));
  for (size_t i = 0; i < entry.sources.size(); ++i) {
    const KnowledgeSource& s = entry.sources[i];
    if (s.title.empty() && s.publication.empty())
      add("source", i, METER_N("a source needs a 'title' or a 'publication'"));
    if (!s.url.empty() && s.url.rfind("https://", 0) != 0 && s.url.rfind("http://", 0) != 0)
      add("source url", i, METER_N("a source's 'url' must start with https:// or http://"));
  }
  if (!ValidLicence(entry.licence)) {
    add("licence", 0,
        METER_N("'licence' must be a licence identifier such as CC-BY-4.0 (letters, digits, '.', "
                "'-' and '+'), not '{1}'"),
        {entry.licence});
  }
  AddTextProblems(entry, add);
  return out;
}

Result<KnowledgeEntry> ParseKnowledgeEntry(std::string_view text, std::string_view file_name,
                                           const Instrument& instrument,
                                           const CountryList& countries) {
  const std::string file(file_name);
  ProblemList problems{file};
  std::vector<Problem> checked;
  KnowledgeEntry entry;
  std::string name = file.substr(file.find_last_of('/') + 1);
  entry.slug = name.size() > 3 && name.ends_with(".md") ? name.substr(0, name.size() - 3) : name;
  std::string_view front, body;
  if (FindInvalidUtf8(text) != std::string_view::npos) {
    problems.At(YamlNode(), METER_N("the file is not valid UTF-8; save it as UTF-8 and try again"));
  } else if (!SplitFrontMatter(text, front, body)) {
    problems.At(YamlNode(),
                METER_N("the file must start with front matter between two '---' lines"));
  } else if (const size_t control = FindControlCharacter(front);
             control != std::string_view::npos) {
    const std::string_view before = front.substr(0, control);
    // The front matter starts on the file's second line.
    const YamlMark mark{2 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
                        1 + static_cast<int>(control - (before.rfind('\n') + 1))};
    problems.AtMark(mark,
                    METER_N("the file contains a control character (byte {1}), which YAML "
                            "does not allow; remove it"),
                    {std::to_string(static_cast<int>(front[control]))});
  } else {
    // One blank line stands for the opening '---', so that line numbers match the file.
    YamlDocument document;
    if (const auto error = ReadYaml("\n" + std::string(front), document)) {
      problems.AtMark(error->mark, error->message, error->args);
    } else {
      const YamlNode root = document.root();
      std::vector<YamlNode> source_nodes;
      if (CheckMap(root, kFrontMatterMap,
                   {"kind", "language", "title", "country", "region", "year", "pillars", "subareas",
                    "sources", "summary", "licence"},
                   problems)) {
        ReadFrontMatter(root, entry, source_nodes, problems);
        auto at = [&](const YamlNode& node) {
          const std::string position = Position(node);
          return position.empty() ? file : file + ":" + position;
        };
        entry.body_markdown = std::string(body);
        // A body's problem is placed at its first bad character, else at its first line.
        const size_t bad = FindForbiddenControl(body, TextShape::kLines);
        const char* body_at = body.data() + (bad == std::string_view::npos ? 0 : bad);
        const size_t body_line = 1 + static_cast<size_t>(std::count(text.data(), body_at, '\n'));
        const KnowledgePlace place = [&](std::string_view field, size_t i,
                                         std::string_view lang) -> std::string {
          if (field == "slug") return file;
          if (field == "body") return file + ":" + std::to_string(body_line);
          if (field == "source") return at(source_nodes[i]);
          if (field == "source url") return at(source_nodes[i]["url"]);
          const YamlNode node = root[std::string(field)];
          if (!node) return at(root);
          // A text in a language is placed at its value in the map, else at the map.
          const YamlNode text = node.IsMap() && !lang.empty() ? node[std::string(lang)] : node;
          return at(text ? text : node);
        };
        checked = CheckKnowledgeEntry(entry, instrument, countries, place);
      }
    }
    entry.body_markdown = std::string(body);
  }
  std::vector<Problem> all = problems.Take();
  all.insert(all.end(), checked.begin(), checked.end());
  if (!all.empty()) return Error{ErrorCode::kInvalidInput, std::move(all)};
  return entry;
}

std::string FormatKnowledgeEntry(const KnowledgeEntry& entry) {
  YamlBlockWriter out;
  out.Value("kind", IdText(entry.kind));
  out.Value("language", IdText(entry.language));
  out.Map("title", TextEntries(entry.titles, entry.language));
  if (!entry.country.empty()) out.Value("country", IdText(entry.country));
  if (!entry.region.empty()) out.Value("region", YamlDoubleQuoted(entry.region));
  if (entry.year) out.Value("year", std::to_string(*entry.year));
  out.FlowList("pillars", IdTexts(entry.pillars));
  out.FlowList("subareas", IdTexts(entry.subareas));
  out.MapList("sources", SourceEntries(entry.sources));
  out.Map("summary", TextEntries(entry.summaries, entry.language));
  if (entry.licence != kDefaultKnowledgeLicence) out.Value("licence", IdText(entry.licence));
  return "---\n" + out.Text() + "\n---\n" + entry.body_markdown;
}

const Instrument* KnowledgeInstrument(const InstrumentCatalog& instruments) {
  const Instrument* widest = nullptr;
  for (const Instrument* in : instruments.All()) {
    if (!widest || in->pillars.size() > widest->pillars.size()) widest = in;
  }
  return widest;
}

const char* KnowledgeKindName(std::string_view kind) {
  return kind == "case" ? METER_N("Case study") : METER_N("Lesson learned");
}

std::vector<std::string> KnowledgeSearchTerms(std::string_view query) {
  return SearchQueryWords(query);
}

KnowledgeSearchText KnowledgeSearchTextOf(const KnowledgeEntry& entry) {
  std::string titles, summaries;
  for (const auto& [lang, text] : entry.titles) titles += text + "\n";
  for (const auto& [lang, text] : entry.summaries) summaries += text + "\n";
  std::string tags;
  for (const auto* ids : {&entry.pillars, &entry.subareas}) {
    for (const std::string& id : *ids) tags += id + " ";
  }
  tags += entry.country + " " + entry.region;
  return {SearchDocument(titles), SearchDocument(summaries), SearchDocument(entry.body_markdown),
          SearchDocument(tags)};
}

std::string KnowledgeTexts::ShownLanguage(const std::string& lang) const {
  return titles.count(lang) ? lang : language;
}

namespace {
const std::string& TextOf(const std::map<std::string, std::string>& texts,
                          const std::string& lang) {
  static const std::string kNone;
  const auto found = texts.find(lang);
  return found == texts.end() ? kNone : found->second;
}
}  // namespace

void SortKnowledgeByTitle(std::vector<KnowledgeSummary>& entries, const std::string& lang,
                          bool cases_first) {
  std::vector<std::pair<std::string, size_t>> keys;
  for (size_t i = 0; i < entries.size(); ++i) {
    const KnowledgeSummary& e = entries[i];
    const std::string rank = cases_first && e.kind != "case" ? "1" : "0";
    keys.emplace_back(rank + SearchDocument(e.Title(lang)) + '\x01' + e.slug, i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<KnowledgeSummary> sorted;
  sorted.reserve(entries.size());
  for (const auto& key : keys) sorted.push_back(std::move(entries[key.second]));
  entries = std::move(sorted);
}

std::vector<KnowledgeSummary> KnowledgeAbout(const std::vector<KnowledgeSummary>& all,
                                             const std::string& subarea, const std::string& lang) {
  std::vector<KnowledgeSummary> out;
  for (const KnowledgeSummary& e : all) {
    if (std::find(e.subareas.begin(), e.subareas.end(), subarea) != e.subareas.end())
      out.push_back(e);
  }
  SortKnowledgeByTitle(out, lang, true);
  std::stable_sort(
      out.begin(), out.end(), [&](const KnowledgeSummary& a, const KnowledgeSummary& b) {
        const auto rank = [&](const KnowledgeSummary& e) {
          return std::find(e.subareas.begin(), e.subareas.end(), subarea) - e.subareas.begin();
        };
        return rank(a) < rank(b);
      });
  return out;
}

const std::string& KnowledgeTexts::Title(const std::string& lang) const {
  return TextOf(titles, ShownLanguage(lang));
}

const std::string& KnowledgeTexts::Summary(const std::string& lang) const {
  return TextOf(summaries, ShownLanguage(lang));
}

}  // namespace meter
