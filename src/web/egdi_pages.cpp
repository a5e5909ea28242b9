// Issue 14: the UN E-Government Survey's figures on the web. The secretariat imports a year's
// file through a multipart upload (refused whole, with every problem listed, as `meter egdi
// import` refuses it); results and country pages show the country's EGDI over the years as a
// separate, external measure on its own 0–1 scale, never converted into METER's index.
#include <algorithm>
#include <cstdlib>

#include "core/egdi.h"
#include "core/text_rules.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// One figure of the survey's table: shown, or missing (the template writes a dash and says so to
// screen readers).
TemplateData Cell(const std::optional<std::string>& value) {
  TemplateData cell;
  cell.set("shown", value.has_value());
  cell.set("value", value.value_or(""));
  return cell;
}

TemplateData FigureCell(const Call& call, const std::optional<double>& value) {
  return Cell(value ? std::optional<std::string>(EgdiFigure(value, call.lang)) : std::nullopt);
}

}  // namespace

std::string WebApp::Impl::EgdiSection(const Call& call, const std::string& iso3) {
  auto rows = deps_.store.EgdiOf(iso3);
  if (!rows || rows.value().empty()) return "";
  TemplateList years;
  for (const EgdiRow& r : rows.value()) {
    TemplateList cells;
    cells.push_back(FigureCell(call, r.egdi));
    cells.push_back(
        Cell(r.rank ? std::optional<std::string>(std::to_string(*r.rank)) : std::nullopt));
    for (const auto& figure : {r.osi, r.hci, r.tii, r.epi})
      cells.push_back(FigureCell(call, figure));
    TemplateData row;
    row.set("year", std::to_string(r.year));
    row.set("cells", std::move(cells));
    years.push_back(std::move(row));
  }
  TemplateData data;
  data.set("rows", std::move(years));
  return deps_.templates.Render("egdi_section", data, call.lang);
}

Response WebApp::Impl::RenderEgdiAdmin(Call& call, const std::vector<Problem>& problems,
                                       int status) {
  auto years = deps_.store.EgdiYears();
  if (!years) return Fail(call, years.error());
  TemplateList held;
  for (int year : years.value()) {
    TemplateData item;
    item.set("year", std::to_string(year));
    held.push_back(std::move(item));
  }
  TemplateData data;
  data.set("years", std::move(held));
  data.set("has_years", !years.value().empty());
  data.set("year", FormValue(call.form, "year"));
  data.set("replace", FormValue(call.form, "replace") == "1");  // a refused form keeps the choice
  AddProblems(call, problems, data);
  if (status == 200) {
    const Form flash = TakeFlash(call);
    const std::string done = FormValue(flash, "imported");
    if (!done.empty()) {
      const std::string count = FormValue(flash, "count");
      data.set("notice", Substitute(call.TrN("The survey of {1} is imported: {2} country.",
                                             "The survey of {1} is imported: {2} countries.",
                                             std::atol(count.c_str())),
                                    {done, count}));
    }
  }
  return Page(call, "egdi", call.Tr("UN E-Government Survey"), data, status);
}

Response WebApp::Impl::EgdiAdmin(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kImportEgdi)) return Forbidden(call);
  return RenderEgdiAdmin(call, {}, 200);
}

Response WebApp::Impl::EgdiImport(Call& call) {
  if (!Allowed(call.principal, Action::kImportEgdi)) return Forbidden(call);
  const auto year = ParseEgdiYear(FormValue(call.form, "year"));
  std::vector<Problem> problems;
  if (!year) {
    problems.push_back({"year",
                        METER_N("give the survey year as a number from {1} to {2}"),
                        {std::to_string(kFirstEgdiYear), std::to_string(kLastEgdiYear)}});
  }
  auto file = call.files.find("file");
  if (file == call.files.end() || file->second.content.empty()) {
    problems.push_back({"file", METER_N("choose the survey's CSV file"), {}});
  }
  if (!problems.empty()) return RenderEgdiAdmin(call, problems, 400);
  std::string name = file->second.filename;
  if (name.empty() || TextProblem("", name, TextShape::kLine)) name = "file";
  auto held = deps_.store.EgdiYears();
  if (!held) return Fail(call, held.error());
  const bool is_held =
      std::find(held.value().begin(), held.value().end(), *year) != held.value().end();
  problems =
      EgdiImportRefusals(name, *year, is_held, FormValue(call.form, "replace") == "1", "year");
  if (!problems.empty()) return RenderEgdiAdmin(call, problems, 400);
  auto rows = ParseEgdiCsv(file->second.content, name, *year, deps_.countries);
  if (!rows) return RenderEgdiAdmin(call, rows.error().problems, 400);
  auto stored = deps_.store.ImportEgdi(*year, rows.value(), call.principal.label);
  if (!stored) return Fail(call, stored.error());
  return RedirectWithFlash(
      call, "/admin/egdi",
      {{"imported", std::to_string(*year)}, {"count", std::to_string(stored.value())}});
}

}  // namespace meter
