// The properties behind the fuzz targets (see fuzz_checks.h), and the fixtures they parse against.
#include "fuzz_checks.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/answers_csv.h"
#include "core/countries.h"
#include "core/egdi.h"
#include "core/groups_csv.h"
#include "core/instrument_loader.h"
#include "core/knowledge.h"
#include "core/offline_answers.h"
#include "core/scoring.h"
#include "core/search_text.h"
#include "core/utf8.h"
#include "report/markdown.h"
#include "report/xlsx_reader.h"
#include "web/http.h"

namespace meter::fuzz {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(METER_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", relative.c_str());
    std::abort();
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

template <typename T>
T OrAbort(Result<T> loaded, const char* what) {
  if (!loaded) {
    std::fprintf(stderr, "fuzz: %s: %s\n", what, loaded.error().ToString().c_str());
    std::abort();
  }
  return std::move(loaded).value();
}

const Instrument& Meter20() {
  static const Instrument in =
      OrAbort(LoadInstrument(ReadSource("content/instruments/meter-2.0.yaml"), "meter-2.0.yaml"),
              "meter-2.0.yaml");
  return in;
}

const Instrument& Meter30Draft() {
  static const Instrument in =
      OrAbort(LoadInstrument(ReadSource("content/instruments/meter-3.0.yaml"), "meter-3.0.yaml"),
              "meter-3.0.yaml");
  return in;
}

const CountryList& Countries() {
  static const CountryList list = OrAbort(
      CountryList::Parse(ReadSource("content/countries.csv"), "countries.csv"), "countries.csv");
  return list;
}

const std::vector<Group>& SampleGroups() {
  static const std::vector<Group> groups =
      OrAbort(ParseGroupsCsv(ReadSource("content/samples/aurelia-2026-groups.csv"), "groups.csv"),
              "aurelia-2026-groups.csv");
  return groups;
}

// An expected failure is kInvalidInput with at least one problem, each placed in `file` (when
// given), and renders without trouble: as UTF-8 when the input was UTF-8, since messages go into
// pages, JSON and terminals.
std::string BadErrorProblem(const Error& error, std::string_view file, std::string_view input) {
  const bool utf8 = FindInvalidUtf8(input) == std::string_view::npos;
  if (error.code != ErrorCode::kInvalidInput)
    return "an error that is not kInvalidInput: " + error.ToString();
  if (error.problems.empty()) return "an error without any problem";
  for (const Problem& p : error.problems) {
    if (!file.empty() && !p.where.starts_with(file))
      return "a problem not placed in the file: " + Render(p);
    if (utf8 && FindInvalidUtf8(Render(p)) != std::string::npos)
      return "a problem that is not UTF-8 although the input is: " + Render(p);
  }
  (void)error.ToString();
  return "";
}

}  // namespace

std::string CheckInstrument(std::string_view input) {
  auto loaded = LoadInstrument(input, "fuzz.yaml");
  if (!loaded) return BadErrorProblem(loaded.error(), "fuzz.yaml", input);
  const ScoreReport report = Score(loaded.value(), AnswerSheet{});
  if (report.units.empty() || report.units[0].id != "overall")
    return "a valid instrument scores without an overall unit";
  return "";
}

std::string CheckAnswersCsv(std::string_view input) {
  for (const std::vector<Group>* groups :
       {static_cast<const std::vector<Group>*>(nullptr), &SampleGroups()}) {
    auto sheet = ParseAnswersCsv(input, "fuzz.csv", Meter20(), groups);
    if (!sheet) {
      if (std::string p = BadErrorProblem(sheet.error(), "fuzz.csv", input); !p.empty()) return p;
      // kMaxAnswerProblems, and one more saying that the rest was not checked.
      if (sheet.error().problems.size() > kMaxAnswerProblems + 1)
        return "more than kMaxAnswerProblems problems";
      continue;
    }
    const AnswerSheet& s = sheet.value();
    if (s.respondent_group.size() != s.respondents.size())
      return "respondent_group is not parallel to respondents";
    for (uint32_t g : s.respondent_group) {
      if (g >= s.groups.size()) return "a respondent in a group that does not exist";
    }
    for (const AnswerRow& row : s.rows) {
      if (row.respondent >= s.respondents.size() || row.statement >= Meter20().statements().size())
        return "an answer row that points outside the sheet or the instrument";
    }
    (void)Score(Meter20(), s);
  }
  // Issue 14: a year of the UN E-Government Survey (ParseEgdiCsv): rows of member states with
  // figures in [0, 1] and positive ranks, or placed problems.
  auto survey = ParseEgdiCsv(input, "fuzz.csv", 2018, Countries());
  if (!survey) {
    if (std::string p = BadErrorProblem(survey.error(), "fuzz.csv", input); !p.empty()) return p;
  } else {
    for (const EgdiRow& row : survey.value()) {
      if (!Countries().Find(row.iso3)) return "a survey row of a country that is not listed";
      if (row.rank && *row.rank < 1) return "a survey rank below 1";
      for (const auto& figure : {row.egdi, row.osi, row.hci, row.tii, row.epi}) {
        if (figure && !(*figure >= 0 && *figure <= 1)) return "a survey figure outside [0, 1]";
      }
    }
  }
  auto groups = ParseGroupsCsv(input, "fuzz.csv");
  if (!groups) return BadErrorProblem(groups.error(), "fuzz.csv", input);
  for (const Group& g : groups.value()) {
    if (g.name.empty() || !(g.weight > 0)) return "a group without a name or a positive weight";
  }
  return "";
}

std::string CheckForm(std::string_view input) {
  auto form = ParseForm(input);
  if (!form) {
    if (std::string p = BadErrorProblem(form.error(), "", input); !p.empty()) return p;
  } else {
    for (const auto& [name, value] : form.value()) {
      if (FindInvalidUtf8(name) != std::string_view::npos ||
          FindInvalidUtf8(value) != std::string_view::npos)
        return "a decoded form field that is not UTF-8";
      auto again = ParseForm(UrlEncode(name) + "=" + UrlEncode(value));
      if (!again || again.value().size() != 1 || again.value().begin()->first != name ||
          again.value().begin()->second != value)
        return "a form field that does not survive UrlEncode -> ParseForm";
      if (FormValues(form.value(), name).size() != form.value().count(name))
        return "FormValues misses a value";
    }
  }
  const std::string text(input);
  for (const char* cookie : {"meter_session", "meter_csrf", ""}) {
    const std::string value = CookieValue(text, cookie);
    if (!value.empty() && text.find(value) == std::string::npos)
      return "a cookie value that is not part of the header";
  }
  if (IsLocalPath(text)) {
    if (text[0] != '/' || text.starts_with("//")) return "a local path that leaves the site";
    for (unsigned char c : text) {
      if (c < 0x20 || c == 0x7F || c == '\\') return "a local path with a control character";
    }
  }
  if (HtmlEscape(text).find_first_of("<>\"'") != std::string::npos)
    return "HtmlEscape leaves markup characters";
  return "";
}

std::string CheckKnowledge(std::string_view input) {
  if (std::string p = HtmlSafetyProblem(MarkdownToHtml(input)); !p.empty())
    return "Markdown of the input: " + p;
  // The UTF-8 decoder (core/utf8.h): walked over the input and written back, it gives the input
  // with every byte that is not well-formed UTF-8 as U+FFFD, as ToValidUtf8 does.
  std::string rewritten;
  for (size_t at = 0; at < input.size();) {
    const CodePoint c = DecodeUtf8At(input, at);
    if (c.length == 0 || at + c.length > input.size()) return "DecodeUtf8At read past the input";
    rewritten += c.value == 0xFFFD && c.length == 1 ? std::string("\xEF\xBF\xBD")
                                                    : std::string(input.substr(at, c.length));
    at += c.length;
  }
  if (rewritten != ToValidUtf8(input)) return "DecodeUtf8At disagrees with ToValidUtf8";
  // Search text (core/search_text.h): valid UTF-8 words of letters and digits, whatever comes in.
  const std::string document = SearchDocument(input);
  if (FindInvalidUtf8(document) != std::string_view::npos)
    return "SearchDocument wrote invalid UTF-8";
  if (document.find("  ") != std::string::npos || document.starts_with(" ") ||
      document.ends_with(" "))
    return "SearchDocument left an empty word";
  for (const std::string& word : SearchQueryWords(input)) {
    if (word.empty() || word.find_first_of(" \"*()-:^") != std::string::npos ||
        FindInvalidUtf8(word) != std::string_view::npos)
      return "SearchQueryWords gave a word that is not letters and digits: " + word;
  }
  auto entry =
      ParseKnowledgeEntry(input, "content/knowledge/fuzz-entry.md", Meter30Draft(), Countries());
  if (!entry) return BadErrorProblem(entry.error(), "content/knowledge/fuzz-entry.md", input);
  const KnowledgeEntry& e = entry.value();
  if (std::string p = HtmlSafetyProblem(MarkdownToHtml(e.body_markdown)); !p.empty())
    return "Markdown of the body: " + p;
  auto again =
      ParseKnowledgeEntry(FormatKnowledgeEntry(e), e.slug + ".md", Meter30Draft(), Countries());
  if (!again)
    return "a valid entry is refused after FormatKnowledgeEntry: " + again.error().ToString();
  if (!(again.value() == e)) return "an entry changes through FormatKnowledgeEntry";
  return "";
}

std::string CheckXlsx(std::string_view input) {
  auto book = ReadXlsxSheets(input);
  if (!book) {
    if (book.error().code != ErrorCode::kInvalidInput) return "an error that is not kInvalidInput";
    if (book.error().problems.empty()) return "an error without any problem";
    for (const Problem& p : book.error().problems) {
      if (p.where.empty()) return "a problem without a place: " + Render(p);
    }
    return "";
  }
  for (const WorkbookSheet& sheet : book.value().sheets) {
    for (size_t i = 0; i < sheet.rows.size(); ++i) {
      const WorkbookRow& row = sheet.rows[i];
      if (row.number == 0 || (i > 0 && sheet.rows[i - 1].number > row.number))
        return "rows out of order";
      for (size_t c = 0; c < row.cells.size(); ++c) {
        if (row.cells[c].column == 0 || (c > 0 && row.cells[c - 1].column > row.cells[c].column))
          return "cells out of order";
        if (row.cells[c].text.empty()) return "an empty cell kept";
      }
    }
  }
  Respondent respondent;
  respondent.id = 9;
  respondent.round_id = 5;
  const OfflineKey expected{5, 9, "meter", "2.0", ""};
  auto read = ReadOfflineAnswers(book.value(), expected, Meter20(), respondent);
  if (!read) {
    for (const Problem& p : read.error().problems) {
      if (p.where.empty()) return "an offline-answer problem without a place: " + Render(p);
    }
    return "";
  }
  if (read.value().answers.size() != Meter20().statements().size())
    return "offline answers that do not cover every statement once";
  return "";
}

}  // namespace meter::fuzz
