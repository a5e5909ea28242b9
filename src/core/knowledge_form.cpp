#include "core/knowledge_form.h"

#include <algorithm>

namespace meter {
namespace {

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string Trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && Space(text[begin])) ++begin;
  while (end > begin && Space(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

// "\r\n" and "\r" become "\n": browsers send text areas with CRLF.
std::string Lf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> Ids(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ',' || Space(c)) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// A URL (to be checked) rather than a publication: one word with a scheme.
bool LooksLikeUrl(const std::string& text) {
  return !text.empty() && text.find(' ') == std::string::npos &&
         text.find(':') != std::string::npos;
}

std::vector<std::string> SplitBars(const std::string& line) {
  std::vector<std::string> parts;
  size_t at = 0;
  for (size_t bar = line.find('|'); bar != std::string::npos; bar = line.find('|', at)) {
    parts.push_back(Trim(std::string_view(line).substr(at, bar - at)));
    at = bar + 1;
  }
  parts.push_back(Trim(std::string_view(line).substr(at)));
  return parts;
}

std::vector<KnowledgeSource> Sources(const std::string& text) {
  std::vector<KnowledgeSource> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string line = Trim(std::string_view(text).substr(at, end - at));
    at = end + 1;
    if (line.empty()) continue;
    const std::vector<std::string> parts = SplitBars(line);
    KnowledgeSource s;
    s.title = parts[0];
    if (parts.size() == 1 && LooksLikeUrl(s.title)) std::swap(s.title, s.url);
    if (parts.size() == 2) (LooksLikeUrl(parts[1]) ? s.url : s.publication) = parts[1];
    if (parts.size() >= 3) {
      s.url = parts[1];
      // A '|' inside the publication stays part of it.
      for (size_t i = 2; i < parts.size(); ++i) s.publication += (i > 2 ? " | " : "") + parts[i];
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string SourceLines(const std::vector<KnowledgeSource>& sources) {
  std::string out;
  for (const KnowledgeSource& s : sources) {
    std::string line = s.title;
    if (!s.url.empty() && !s.publication.empty()) {
      line += " | " + s.url + " | " + s.publication;
    } else if (!s.url.empty() || !s.publication.empty()) {
      line += (line.empty() ? "| " : " | ") + (s.url.empty() ? s.publication : s.url);
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

KnowledgeForm KnowledgeFormOf(const KnowledgeEntry& entry) {
  KnowledgeForm f;
  f.kind = entry.kind;
  f.language = entry.language;
  f.titles = entry.titles;
  f.summaries = entry.summaries;
  f.country = entry.country;
  f.region = entry.region;
  f.year = entry.year ? std::to_string(*entry.year) : "";
  f.pillars = JoinIds(entry.pillars);
  f.subareas = JoinIds(entry.subareas);
  f.sources = SourceLines(entry.sources);
  f.body = entry.body_markdown;
  return f;
}

Result<KnowledgeEntry> KnowledgeEntryFromForm(const KnowledgeForm& form, const std::string& slug,
                                              const Instrument& instrument,
                                              const CountryList& countries) {
  std::vector<Problem> problems;
  KnowledgeEntry e;
  e.slug = slug;
  e.kind = Trim(form.kind);
  e.language = Trim(form.language);
  if (e.language.empty()) e.language = "en";
  for (const auto& [from, to] :
       {std::pair{&form.titles, &e.titles}, std::pair{&form.summaries, &e.summaries}}) {
    for (const auto& [lang, typed] : *from) {
      std::string text = Trim(Lf(typed));
      if (!text.empty()) (*to)[lang] = std::move(text);
    }
  }
  e.country = Trim(form.country);
  e.region = Trim(Lf(form.region));
  const std::string year = Trim(form.year);
  if (!year.empty()) {
    const bool digits = year.size() <= 4 && std::all_of(year.begin(), year.end(), [](char c) {
                          return c >= '0' && c <= '9';
                        });
    if (digits) {
      e.year = std::stoi(year);
    } else {
      problems.push_back({"year", METER_N("'year' must be a year from 1950 to 2100"), {}});
    }
  }
  e.pillars = Ids(form.pillars);
  e.subareas = Ids(form.subareas);
  e.sources = Sources(Lf(form.sources));
  e.body_markdown = Lf(form.body);
  if (!e.body_markdown.empty() && e.body_markdown.back() != '\n') e.body_markdown += '\n';
  auto checked = CheckKnowledgeEntry(
      e, instrument, countries,
      [](std::string_view field, size_t, std::string_view lang) -> std::string {
        if (field.starts_with("source")) return "sources";
        return lang.empty() ? std::string(field) : std::string(field) + "_" + std::string(lang);
      });
  problems.insert(problems.end(), checked.begin(), checked.end());
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  return e;
}

std::string KnowledgeSlugFor(std::string_view kind, std::string_view title) {
  std::string words;
  for (char c : title) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (words.size() >= 60) break;
      words += c;
    } else if (!words.empty() && words.back() != '-') {
      words += '-';
    }
  }
  while (!words.empty() && words.back() == '-') words.pop_back();
  const std::string prefix = kind == "case" || kind == "lesson" ? std::string(kind) : "entry";
  return prefix + "-" + (words.empty() ? "entry" : words);
}

}  // namespace meter
