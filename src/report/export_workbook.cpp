// The workbook export (exports.h), through the shared sheet writer of xlsx_sheet.h.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/round_results.h"
#include "report/export_rows.h"
#include "report/exports.h"
#include "report/score_formats.h"
#include "report/xlsx_sheet.h"

namespace meter {
namespace {

using export_rows::BandKeyOf;
using xlsx::Formats;
using xlsx::Sheet;

constexpr const char* kNote =
    "Exported by METER. Scores run from 0 to 100 and follow docs/methodology.md; a score whose "
    "coverage is below 50% is withheld and left empty. Coverage and DK rates are fractions "
    "shown as percentages. Respondents are named by number only.";

void WriteSummary(lxw_workbook* book, const Formats& f, lxw_error& error, const RoundDossier& d,
                  const Country* country) {
  Sheet s(book, "Summary", f, error);
  s.Header({{"Field", 22}, {"Value", 70}});
  lxw_row_t row = 1;
  auto text = [&](const char* field, const std::string& value) {
    s.Text(row, 0, field);
    s.Text(row++, 1, value);
  };
  auto number = [&](const char* field, double value, lxw_format* format = nullptr) {
    s.Text(row, 0, field);
    s.Number(row++, 1, value, format);
  };
  const UnitScore* overall = d.Unit("overall");
  number("Round ID", static_cast<double>(d.round.id));
  text("Country", d.round.country);
  if (country) text("Country name", country->name);
  text("Title", d.round.title);
  number("Year", d.round.year);
  text("Status", RoundStatusKey(d.round.status));
  text("Results", ResultsAreProvisional(d.round.status)
                      ? "provisional: the round is still open, so the scores may change"
                      : "final: the round is closed");
  text("Instrument ID", d.instrument->id);
  text("Instrument version", d.instrument->version);
  number("Respondents", static_cast<double>(d.respondents.size()));
  number("Answers", static_cast<double>(export_rows::ExportedAnswers(d).size()));
  if (overall && overall->score) {
    number("Overall index", *overall->score, f.score);
    text("Band", BandName(*overall->band));
  } else {
    text("Overall index", "insufficient data");
  }
  if (overall && overall->coverage) number("Coverage", *overall->coverage, f.percent);
  text("Format", std::string(kRoundExportFormat) + " " + std::to_string(kRoundExportFormatVersion));
  text("Note", kNote);
}

void WriteScores(lxw_workbook* book, const Formats& f, lxw_error& error, const RoundDossier& d) {
  Sheet s(book, "Scores", f, error);
  s.Header({{"unit", 10},
            {"kind", 10},
            {"name", 60},
            {"score", 9},
            {"coverage", 10},
            {"dk_rate", 9},
            {"band", 10},
            {"group_gap", 10}});
  lxw_col_t col = 8;
  for (const Group& g : d.report.groups) s.HeaderCell(col++, "group: " + g.name, 16);
  lxw_row_t row = 1;
  for (const UnitScore& u : d.report.units) {
    s.Text(row, 0, u.id);
    s.Text(row, 1, UnitKindKey(u.kind));
    s.Text(row, 2, export_rows::UnitName(*d.instrument, u));
    s.Number(row, 3, u.score, f.score);
    s.Number(row, 4, u.coverage, f.percent);
    s.Number(row, 5, u.dk_rate, f.percent);
    s.Text(row, 6, BandKeyOf(u.band));
    s.Number(row, 7, u.group_gap, f.score);
    for (size_t g = 0; g < u.group_scores.size(); ++g) {
      s.Number(row, static_cast<lxw_col_t>(8 + g), u.group_scores[g], f.score);
    }
    ++row;
  }
}

void WriteAnswers(lxw_workbook* book, const Formats& f, lxw_error& error, const RoundDossier& d) {
  Sheet s(book, "Answers", f, error);
  s.Header({{"respondent", 12},
            {"group", 22},
            {"statement", 10},
            {"answer", 8},
            {"comment", 60},
            {"evidence_url", 40}});
  lxw_row_t row = 1;
  for (const export_rows::AnswerOf& a : export_rows::ExportedAnswers(d)) {
    s.Text(row, 0, RespondentLabel(a.respondent->id));
    s.Text(row, 1, a.respondent->group);
    s.Text(row, 2, a.answer->statement);
    s.Text(row, 3, a.answer->value);  // a code of the answer set ("3", "DK"), not a quantity
    s.Text(row, 4, a.answer->comment);
    s.Text(row, 5, a.answer->evidence_url);
    ++row;
  }
}

void WriteWayForward(lxw_workbook* book, const Formats& f, lxw_error& error,
                     const RoundDossier& d) {
  Sheet s(book, "Way Forward", f, error);
  s.Header({{"section", 14},
            {"order", 7},
            {"subarea", 9},
            {"pillar", 7},
            {"name", 44},
            {"score", 9},
            {"dk_rate", 9},
            {"band", 10},
            {"target", 8},
            {"priority", 9},
            {"phase", 7},
            {"after", 14}});
  lxw_row_t row = 1;
  auto item = [&](const char* section, size_t order, const WayForwardItem& i, bool ranked) {
    s.Text(row, 0, section);
    s.Number(row, 1, static_cast<double>(order));
    s.Text(row, 2, i.subarea);
    s.Text(row, 3, i.pillar);
    s.Text(row, 4, export_rows::SubAreaName(*d.instrument, i.subarea));
    s.Number(row, 5, i.score, f.score);
    s.Number(row, 6, i.dk_rate, f.percent);
    s.Text(row, 7, BandKeyOf(i.band));
    if (ranked) {
      s.Number(row, 8, i.target, f.score);
      s.Number(row, 9, i.priority, f.score);
      s.Number(row, 10, i.phase);
      std::string after;
      for (const std::string& a : i.after) after += (after.empty() ? "" : " ") + a;
      s.Text(row, 11, after);
    }
    ++row;
  };
  for (size_t i = 0; i < d.plan.measure_first.size(); ++i) {
    item("measure first", i + 1, d.plan.measure_first[i], false);
  }
  for (size_t i = 0; i < d.plan.priorities.size(); ++i) {
    item("priority", i + 1, d.plan.priorities[i], true);
  }
}

void WriteRoadmap(lxw_workbook* book, const Formats& f, lxw_error& error, const RoundDossier& d) {
  Sheet s(book, "Roadmap", f, error);
  s.Header({{"subarea", 9},
            {"pillar", 7},
            {"name", 44},
            {"planned_phase", 14},
            {"phase", 7},
            {"owner", 30},
            {"due", 12},
            {"priority", 9}});
  lxw_row_t row = 1;
  for (const RoadmapItem& r : d.roadmap) {
    s.Text(row, 0, r.item.subarea);
    s.Text(row, 1, r.item.pillar);
    s.Text(row, 2, export_rows::SubAreaName(*d.instrument, r.item.subarea));
    s.Number(row, 3, r.item.phase);
    s.Number(row, 4, r.phase);
    s.Text(row, 5, r.owner);
    s.Date(row, 6, r.due);
    s.Number(row, 7, r.item.priority, f.score);
    ++row;
  }
}

}  // namespace

Result<std::string> ExportWorkbook(const RoundDossier& d, const Country* country) {
  const std::string title = "METER round " + std::to_string(d.round.id) + ": " + d.round.title +
                            (ResultsAreProvisional(d.round.status) ? " (provisional results)" : "");
  const std::string comments = "round_id " + std::to_string(d.round.id) + ", instrument " +
                               d.instrument->id + " " + d.instrument->version;
  return xlsx::WriteWorkbook([&](lxw_workbook* book, lxw_error& error) {
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(title.c_str());
    properties.comments = const_cast<char*>(comments.c_str());
    error = workbook_set_properties(book, &properties);
    const Formats f = xlsx::FormatsOf(book);
    WriteSummary(book, f, error, d, country);
    WriteScores(book, f, error, d);
    WriteAnswers(book, f, error, d);
    WriteWayForward(book, f, error, d);
    WriteRoadmap(book, f, error, d);
  });
}

}  // namespace meter
