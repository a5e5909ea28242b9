#include "core/offline_answers.h"

#include <algorithm>
#include <set>

#include "core/questionnaire.h"

namespace meter {
namespace {

std::string_view Trimmed(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

bool IsNumber(std::string_view s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Checks kOfflineSheet against `expected`; the file's key (with its language) when it matches.
std::optional<OfflineKey> CheckKey(const WorkbookSheet& meta, const OfflineKey& expected,
                                   const Instrument& instrument, std::vector<Problem>& problems) {
  auto value = [&](uint32_t row) -> std::string {
    const WorkbookRow* r = meta.Row(row);
    return r ? std::string(Trimmed(r->Text(2))) : "";
  };
  auto where = [&](uint32_t row) { return meta.Where(row, 2); };
  const size_t before = problems.size();
  if (value(kFormatRow) != kOfflineFormat) {
    problems.push_back({where(kFormatRow),
                        METER_N("this is not a questionnaire workbook METER can read (format {1})"),
                        {value(kFormatRow)}});
    return std::nullopt;
  }
  if (value(kRoundRow) != std::to_string(expected.round)) {
    problems.push_back({where(kRoundRow),
                        METER_N("this workbook belongs to another round ({1}); download the "
                                "workbook of this round"),
                        {value(kRoundRow)}});
  }
  if (value(kRespondentRow) != std::to_string(expected.respondent)) {
    problems.push_back({where(kRespondentRow),
                        METER_N("this workbook belongs to another respondent ({1}); download "
                                "your own workbook"),
                        {value(kRespondentRow)}});
  }
  if (value(kInstrumentRow) != expected.instrument || value(kVersionRow) != expected.version) {
    problems.push_back(
        {where(kVersionRow),
         METER_N("this workbook is for instrument {1} {2}, but the round uses {3} {4}"),
         {value(kInstrumentRow), value(kVersionRow), expected.instrument, expected.version}});
  }
  const std::string lang = value(kLanguageRow);
  const bool known =
      lang == "en" || std::find(instrument.languages.begin(), instrument.languages.end(), lang) !=
                          instrument.languages.end();
  if (!known) {
    problems.push_back(
        {where(kLanguageRow), METER_N("'{1}' is not a language of this questionnaire"), {lang}});
  }
  if (problems.size() != before) return std::nullopt;
  OfflineKey key = expected;
  key.language = lang;
  return key;
}

// The answer versions the workbook was downloaded with, by statement.
std::map<std::string, int64_t> VersionsOf(const WorkbookSheet& meta,
                                          std::vector<Problem>& problems) {
  std::map<std::string, int64_t> out;
  for (const WorkbookRow& row : meta.rows) {
    if (row.number < kOfflineVersionsRow) continue;
    const std::string id(Trimmed(row.Text(1)));
    const std::string_view version = Trimmed(row.Text(2));
    if (id.empty()) continue;
    if (!IsNumber(version)) {
      problems.push_back(
          {meta.Where(row.number, 2), METER_N("the answer version must be a whole number"), {}});
      continue;
    }
    out[id] = std::stoll(std::string(version));
  }
  return out;
}

// The code of the answer `text` among `choices` (a label, or a code as typed), or nullopt.
std::optional<std::string> CodeOf(std::string_view text, const std::vector<AnswerChoice>& choices) {
  for (const AnswerChoice& c : choices) {
    if (c.label == text || c.code == text) return c.code;
  }
  return std::nullopt;
}

// Reads one pillar's sheet into `out`.
void ReadPillar(const WorkbookSheet& sheet, const Pillar& pillar, const Instrument& instrument,
                const OfflineKey& key, const std::map<std::string, int64_t>& versions,
                std::vector<OfflineAnswer>& out, std::vector<Problem>& problems) {
  std::map<std::string, uint32_t> expected_row;  // statement → its row as downloaded
  uint32_t next = 2;
  for (const SubArea& sa : pillar.subareas) {
    for (const Statement& st : sa.statements) expected_row[st.id] = next++;
  }
  std::map<std::string, uint32_t> seen;
  for (const WorkbookRow& row : sheet.rows) {
    if (row.number < 2) continue;
    const std::string id(Trimmed(row.Text(kIdColumn)));
    if (id.empty()) {
      if (!row.Text(kAnswerColumn).empty() || !row.Text(kCommentColumn).empty() ||
          !row.Text(kEvidenceColumn).empty()) {
        problems.push_back({sheet.Where(row.number, kIdColumn),
                            METER_N("this row has an answer but no statement ID"),
                            {}});
      }
      continue;
    }
    if (!expected_row.count(id)) {
      problems.push_back({sheet.Where(row.number, kIdColumn),
                          METER_N("'{1}' is not a statement of this sheet; keep the IDs as "
                                  "downloaded"),
                          {id}});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(id, row.number); !fresh) {
      problems.push_back({sheet.Where(row.number, kIdColumn),
                          METER_N("statement {1} appears twice (also in row {2})"),
                          {id, std::to_string(it->second)}});
      continue;
    }
    const Statement& st = *instrument.statements()[instrument.StatementIndex(id)].statement;
    const std::string_view answer = Trimmed(row.Text(kAnswerColumn));
    std::optional<std::string> code = std::string();
    if (!answer.empty())
      code = CodeOf(answer, AnswerChoices(instrument.AnswerSetOf(st), key.language));
    if (!code) {
      problems.push_back({sheet.Where(row.number, kAnswerColumn),
                          METER_N("'{1}' is not an answer to {2}; choose one from the list"),
                          {std::string(answer), id}});
      continue;
    }
    OfflineAnswer a;
    a.write.statement = id;
    a.write.value = *code;
    a.write.comment = row.Text(kCommentColumn);
    a.write.evidence_url = std::string(Trimmed(row.Text(kEvidenceColumn)));
    const auto version = versions.find(id);
    a.write.expected_version = version == versions.end() ? 0 : version->second;
    a.sheet = sheet.name;
    a.row = row.number;
    out.push_back(std::move(a));
  }
  for (const auto& [id, row] : expected_row) {
    if (!seen.count(id)) {
      problems.push_back({sheet.Where(row, kIdColumn),
                          METER_N("statement {1} is missing; keep every row as downloaded"),
                          {id}});
    }
  }
}

}  // namespace

std::vector<AnswerChoice> AnswerChoices(const AnswerSet& set, std::string_view lang) {
  std::vector<AnswerChoice> out;
  for (const AnswerLevel& level : set.levels) out.push_back({level.label.Get(lang), level.code});
  out.push_back({set.dont_know.Get(lang), "DK"});
  out.push_back({set.not_applicable.Get(lang), "NA"});
  return out;
}

std::string OfflineSheetName(const Pillar& pillar, std::string_view lang) {
  const std::string full = pillar.id + " " + pillar.name.Get(lang);
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < full.size() && chars < 31; ++chars) {
    size_t len = 1;
    const auto lead = static_cast<unsigned char>(full[i]);
    if (lead >= 0xF0)
      len = 4;
    else if (lead >= 0xE0)
      len = 3;
    else if (lead >= 0xC0)
      len = 2;
    const std::string ch = full.substr(i, len);
    out += ch.find_first_of("[]:*?/\\'") == std::string::npos ? ch : " ";
    i += len;
  }
  return std::string(Trimmed(out));
}

std::vector<const Pillar*> OfflinePillars(const Instrument& instrument,
                                          const Respondent& respondent) {
  std::vector<const Pillar*> out;
  for (const QuestionnairePage& page : PagesFor(instrument, respondent)) {
    if (out.empty() || out.back() != page.pillar) out.push_back(page.pillar);
  }
  return out;
}

Result<OfflineUpload> ReadOfflineAnswers(const Workbook& book, const OfflineKey& expected,
                                         const Instrument& instrument,
                                         const Respondent& respondent) {
  std::vector<Problem> problems;
  const WorkbookSheet* meta = book.Sheet(kOfflineSheet);
  if (!meta) {
    return Error::Of(ErrorCode::kInvalidInput, "workbook",
                     METER_N("this is not a METER questionnaire workbook: its sheet '{1}' is "
                             "missing"),
                     {kOfflineSheet});
  }
  const auto key = CheckKey(*meta, expected, instrument, problems);
  if (!key) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  OfflineUpload upload;
  upload.key = *key;
  const auto versions = VersionsOf(*meta, problems);
  for (const Pillar* pillar : OfflinePillars(instrument, respondent)) {
    const std::string name = OfflineSheetName(*pillar, key->language);
    const WorkbookSheet* sheet = book.Sheet(name);
    if (!sheet) {
      problems.push_back({"workbook", METER_N("the sheet '{1}' is missing"), {name}});
      continue;
    }
    ReadPillar(*sheet, *pillar, instrument, *key, versions, upload.answers, problems);
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  return upload;
}

std::vector<Problem> OfflineRefusals(const OfflineUpload& upload,
                                     const std::map<std::string, AnswerRefusal>& refused) {
  std::vector<Problem> out;
  for (const OfflineAnswer& a : upload.answers) {
    const auto it = refused.find(a.write.statement);
    if (it == refused.end()) continue;
    auto place = [&](const std::vector<Problem>& problems, uint32_t column) {
      for (Problem p : problems) {
        p.where = a.sheet + "!" + ColumnLetters(column) + std::to_string(a.row);
        out.push_back(std::move(p));
      }
    };
    place(it->second.value, kAnswerColumn);
    place(it->second.comment, kCommentColumn);
    place(it->second.evidence, kEvidenceColumn);
  }
  return out;
}

}  // namespace meter
