// The questionnaire workbook (questionnaire_workbook.h), written with libxlsxwriter.
#include "report/questionnaire_workbook.h"

#include <xlsxwriter.h>

#include <map>

#include "i18n/i18n.h"
#include "report/svg_parts.h"
#include "report/xlsx_sheet.h"

namespace meter {
namespace {

struct Styles {
  lxw_format* header;  // bold, locked
  lxw_format* locked;  // wrapped text the respondent cannot change
  lxw_format* open;    // wrapped, unlocked: what the respondent fills in
};

Styles StylesOf(lxw_workbook* book) {
  Styles s{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book)};
  format_set_bold(s.header);
  format_set_text_wrap(s.header);
  format_set_text_wrap(s.locked);
  format_set_align(s.locked, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap(s.open);
  format_set_unlocked(s.open);
  format_set_align(s.open, LXW_ALIGN_VERTICAL_TOP);
  return s;
}

// Writes through libxlsxwriter, keeping its first error.
class Writer {
 public:
  explicit Writer(lxw_error& error) : error_(error) {}
  void Check(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }
  // A string cell (never a formula), or a formatted blank for an empty one.
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
            lxw_format* format) {
    if (text.empty()) {
      Check(worksheet_write_blank(ws, row, col, format));
    } else {
      Check(worksheet_write_string(ws, row, col, text.substr(0, xlsx::kMaxCellChars).c_str(),
                                   format));
    }
  }

 private:
  lxw_error& error_;
};

// "=meter!$D$2:$D$8": the choices of answer set `set` on the hidden sheet.
std::string ChoicesRange(size_t set, size_t count) {
  const std::string col = ColumnLetters(static_cast<uint32_t>(kChoicesColumn + set));
  return std::string("=") + kOfflineSheet + "!$" + col + "$2:$" + col + "$" +
         std::to_string(count + 1);
}

void WriteKeySheet(lxw_workbook* book, const OfflineQuestionnaire& q, const Styles& s, Writer& w) {
  lxw_worksheet* ws = workbook_add_worksheet(book, kOfflineSheet);
  if (!ws) return w.Check(LXW_ERROR_MEMORY_MALLOC_FAILED);
  const std::pair<OfflineKeyRow, std::pair<const char*, std::string>> keys[] = {
      {kFormatRow, {"METER offline questionnaire", kOfflineFormat}},
      {kRoundRow, {"round", std::to_string(q.key.round)}},
      {kRespondentRow, {"respondent", std::to_string(q.key.respondent)}},
      {kInstrumentRow, {"instrument", q.key.instrument}},
      {kVersionRow, {"version", q.key.version}},
      {kLanguageRow, {"language", q.key.language}},
  };
  for (const auto& [row, kv] : keys) {
    w.Text(ws, row - 1, 0, kv.first, nullptr);
    w.Text(ws, row - 1, 1, kv.second, nullptr);
  }
  w.Text(ws, kOfflineVersionsRow - 2, 0, "statement", s.header);
  w.Text(ws, kOfflineVersionsRow - 2, 1, "answer version", s.header);
  lxw_row_t row = kOfflineVersionsRow - 1;
  for (const StoredAnswer& a : q.answers) {
    w.Text(ws, row, 0, a.statement, nullptr);
    w.Text(ws, row++, 1, std::to_string(a.version), nullptr);
  }
  const Instrument& in = *q.instrument;
  for (size_t set = 0; set < in.answer_sets.size(); ++set) {
    const lxw_col_t col = static_cast<lxw_col_t>(kChoicesColumn - 1 + set);
    w.Text(ws, 0, col, in.answer_sets[set].id, s.header);
    lxw_row_t r = 1;
    for (const AnswerChoice& c : AnswerChoices(in.answer_sets[set], q.key.language)) {
      w.Text(ws, r++, col, c.label, nullptr);
    }
  }
  worksheet_hide(ws);
  worksheet_protect(ws, nullptr, nullptr);
}

void WritePillar(lxw_workbook* book, const OfflineQuestionnaire& q, const Pillar& pillar,
                 const std::map<std::string, const StoredAnswer*>& answers, const Styles& s,
                 const std::locale& locale, Writer& w) {
  const std::string name = OfflineSheetName(pillar, q.key.language);
  lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
  if (!ws) return w.Check(LXW_ERROR_MEMORY_MALLOC_FAILED);
  const std::pair<std::string, double> columns[] = {
      {Tr(locale, "ID"), 8},       {Tr(locale, "Statement"), 70},     {Tr(locale, "Answer"), 28},
      {Tr(locale, "Comment"), 40}, {Tr(locale, "Evidence link"), 30},
  };
  for (lxw_col_t c = 0; c < 5; ++c) {
    w.Check(worksheet_set_column(ws, c, c, columns[c].second, nullptr));
    w.Text(ws, 0, c, columns[c].first, s.header);
  }
  worksheet_freeze_panes(ws, 1, 0);
  // Excel refuses a validation's title over 32 characters and its message over 255 (libxlsxwriter
  // then fails the whole workbook): a translation may be longer than the English.
  const std::string error_title = svg::Shorten(Tr(locale, "Not one of the answers"), 32);
  const std::string error_text = svg::Shorten(Tr(locale, "Choose an answer from the list."), 255);
  lxw_row_t row = 1;
  for (const SubArea& sa : pillar.subareas) {
    for (const Statement& st : sa.statements) {
      const auto it = answers.find(st.id);
      const StoredAnswer* a = it == answers.end() ? nullptr : it->second;
      const std::vector<AnswerChoice> choices =
          AnswerChoices(q.instrument->AnswerSetOf(st), q.key.language);
      std::string label;
      for (const AnswerChoice& c : choices) {
        if (a && c.code == a->value) label = c.label;
      }
      w.Text(ws, row, kIdColumn - 1, st.id, s.locked);
      w.Text(ws, row, kTextColumn - 1, st.text.Get(q.key.language), s.locked);
      w.Text(ws, row, kAnswerColumn - 1, label, s.open);
      w.Text(ws, row, kCommentColumn - 1, a ? a->comment : "", s.open);
      w.Text(ws, row, kEvidenceColumn - 1, a ? a->evidence_url : "", s.open);
      std::string range = ChoicesRange(static_cast<size_t>(st.answer_set), choices.size());
      lxw_data_validation dv{};
      dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      dv.value_formula = range.data();
      dv.error_title = const_cast<char*>(error_title.c_str());
      dv.error_message = const_cast<char*>(error_text.c_str());
      w.Check(worksheet_data_validation_cell(ws, row, kAnswerColumn - 1, &dv));
      ++row;
    }
  }
  lxw_protection options{};
  options.format_columns = 1;
  options.format_rows = 1;
  worksheet_protect(ws, nullptr, &options);
}

}  // namespace

Result<std::string> QuestionnaireWorkbook(const OfflineQuestionnaire& q,
                                          const std::locale& locale) {
  std::map<std::string, const StoredAnswer*> by_statement;
  for (const StoredAnswer& a : q.answers) by_statement[a.statement] = &a;
  return xlsx::WriteWorkbook([&](lxw_workbook* book, lxw_error& error) {
    Writer w(error);
    const Styles styles = StylesOf(book);
    for (const Pillar* pillar : OfflinePillars(*q.instrument, q.respondent)) {
      WritePillar(book, q, *pillar, by_statement, styles, locale, w);
    }
    WriteKeySheet(book, q, styles, w);
  });
}

}  // namespace meter
