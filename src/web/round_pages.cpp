// The coordinator's pages: the list of rounds, a new round, one round with its respondents and
// progress, opening and closing, publishing, the group weights, and the answers export. A refused
// form comes back with what was typed and each problem beside its field; what a round's state does
// not allow (core/round_rules.h) is said on the page instead of the form. Inviting and the other
// respondent actions are in respondent_pages.cpp.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/questionnaire.h"
#include "core/round_results.h"
#include "core/round_rules.h"
#include "core/text.h"
#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string Percent(size_t part, size_t whole) {
  return whole == 0 ? "0" : std::to_string(static_cast<int>(std::lround(100.0 * part / whole)));
}

// The translated message of `change` refused for `round`, or "" when the round allows it.
std::string RefusalText(const Call& call, const Round& round, RoundChange change) {
  auto accepts = CheckRoundAccepts(round, change);
  if (accepts) return "";
  Problem shown = accepts.error().problems.at(0);
  shown.where.clear();  // said in the place of the form, not of a field
  return Render(shown, TranslatorFor(call.locale));
}

// The rows of the new-round form's groups: the defaults, or the rows as typed (all but the last,
// the spare row, whose name the coordinator types).
TemplateList GroupRows(const Call& call, const WebApp::Impl::FormEcho& echo, TemplateData& data) {
  std::vector<std::string> names = FormValues(echo.typed, "group_name");
  std::vector<std::string> weights = FormValues(echo.typed, "group_weight");
  weights.resize(names.size());
  if (names.empty()) {
    for (const RespondentGroup& g : DefaultGroups()) {
      names.push_back(g.name);
      weights.push_back(PlainNumber(g.weight));
    }
    names.push_back("");
    weights.push_back("1");
  }
  data.set("extra_name", names.back());
  data.set("extra_weight", weights.back());
  TemplateList rows;
  for (size_t i = 0; i + 1 < names.size(); ++i) {
    TemplateData item;
    item.set("index", std::to_string(i));
    item.set("name", names[i]);  // stored as the catalog key, shown translated
    item.set("label", call.Tr(names[i].c_str()));
    item.set("weight", weights[i]);
    rows.push_back(std::move(item));
  }
  return rows;
}

// A change of state the round refused, for the message at the top of the round page.
WebApp::Impl::FormEcho StateRefusal(const Call& call, const Error& error) {
  std::vector<Problem> problems = error.problems;
  for (Problem& p : problems) p.where = "status";
  return {{}, WebApp::Impl::FieldErrors(call, problems)};
}

// Each field's problems as "<field>_error", for the templates' error pattern.
void SetErrors(TemplateData& data, const std::map<std::string, std::string>& errors) {
  for (const auto& [field, text] : errors) data.set(field + "_error", text);
  data.set("has_errors", !errors.empty());
}

}  // namespace

Response WebApp::Impl::Rounds(Call& call) { return RenderRounds(call, {}, 200); }

std::vector<const Instrument*> WebApp::Impl::OfferedInstruments() {
  // The database's released versions first: a release made on another node is fetched then.
  if (auto stored = deps_.store.ListInstrumentVersions()) {
    for (const StoredInstrumentVersion& v : stored.value()) {
      if (v.status == "released") deps_.instruments.Find(v.instrument_id, v.version);
    }
  }
  std::vector<const Instrument*> out;
  for (const Instrument* in : deps_.instruments.All()) {
    if (!in->IsDraft() && !deps_.instruments.IsRetired(in->id, in->version)) out.push_back(in);
  }
  return out;
}

Response WebApp::Impl::RenderRounds(const Call& call, const FormEcho& echo, int status) {
  const Principal& p = call.principal;
  if (p.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (p.kind != Principal::Kind::kUser || p.role == Role::kExpert) return Forbidden(call);
  std::optional<std::vector<std::string>> countries;
  if (p.role != Role::kAdmin) countries = p.countries;
  auto rounds = deps_.store.ListRounds(countries);
  if (!rounds) return Fail(call, rounds.error());
  TemplateList rows;
  for (const Round& r : rounds.value()) {
    TemplateData row;
    row.set("id", std::to_string(r.id));
    row.set("title", r.title);
    row.set("year", std::to_string(r.year));
    const Country* c = deps_.countries.Find(r.country);
    row.set("country", c ? c->names.Get(call.lang) : r.country);
    row.set("instrument", r.instrument_id + " " + r.instrument_version);
    row.set("status", call.TrC(kRoundStatusContext, RoundStatusKey(r.status)));
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("rounds", std::move(rows));
  data.set("has_rounds", !rounds.value().empty());
  const std::string country = FormValue(echo.typed, "country");
  TemplateList country_options;
  for (const Country* c : CountriesByName(call)) {
    if (p.role != Role::kAdmin && !Allowed(p, Action::kCreateRound, c->iso3)) continue;
    TemplateData item;
    item.set("iso3", c->iso3);
    item.set("name", CountryList::NameOf(*c, call.lang));
    item.set("selected", c->iso3 == country);
    country_options.push_back(std::move(item));
  }
  data.set("countries", std::move(country_options));
  const std::string instrument = FormValue(echo.typed, "instrument");
  TemplateList instruments;
  for (const Instrument* in : OfferedInstruments()) {
    TemplateData item;
    item.set("value", in->id + " " + in->version);
    item.set("label", in->title.Get(call.lang));
    item.set("selected", in->id + " " + in->version == instrument);
    instruments.push_back(std::move(item));
  }
  data.set("instruments", std::move(instruments));
  data.set("groups", GroupRows(call, echo, data));
  data.set("typed_title", FormValue(echo.typed, "title"));
  data.set("year", echo.typed.count("year") ? FormValue(echo.typed, "year")
                                            : std::to_string(1970 + Now() / 31556952));
  SetErrors(data, echo.errors);
  return Page(call, "rounds", call.Tr("Assessment rounds"), data, status);
}

Response WebApp::Impl::CreateRound(Call& call) {
  NewRound round;
  round.country = FormValue(call.form, "country");
  round.title = FormValue(call.form, "title");
  const std::string instrument = FormValue(call.form, "instrument");
  const size_t space = instrument.find(' ');
  round.instrument_id = instrument.substr(0, space);
  round.instrument_version = space == std::string::npos ? "" : instrument.substr(space + 1);
  if (!Allowed(call.principal, Action::kCreateRound, round.country)) return Forbidden(call);
  const std::string year = FormValue(call.form, "year");
  std::from_chars(year.data(), year.data() + year.size(), round.year);  // 0 when not a number
  const auto names = FormValues(call.form, "group_name");
  const auto weights = FormValues(call.form, "group_weight");
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;  // the spare row left blank
    const std::string text = i < weights.size() ? weights[i] : "";
    round.groups.push_back({names[i], ParseWeight(text).value_or(std::nan(""))});
  }
  if (names.empty()) round.groups = DefaultGroups();
  auto valid = CheckNewRound(round, deps_.countries, deps_.instruments);
  if (!valid)
    return RenderRounds(call, {call.form, FieldErrors(call, valid.error().problems)}, 400);
  auto created = deps_.store.CreateRound(round, call.principal.label);
  if (!created) return Fail(call, created.error());
  return Response::Redirect("/rounds/" + std::to_string(created.value().id));
}

// The round page shows, once, what the POST that led here left (RedirectWithFlash): a new
// invitation link, or a notice that an action was done.
Response WebApp::Impl::RoundPage(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Form flash = TakeFlash(call);
  TemplateData data;
  const std::string name = FormValue(flash, "name");
  const std::string link = FormValue(flash, "link");
  if (!link.empty()) {
    data.set("new_link", link);
    data.set("new_name", name);
  }
  const std::string notice = FormValue(flash, "notice");
  if (notice == "restored") {
    data.set("notice", Substitute(call.Tr("{1} can use their link again."), {name}));
  } else if (notice == "withdrawn") {
    data.set("notice",
             Substitute(call.Tr("{1}'s link no longer works. You can restore it below."), {name}));
  } else if (notice == "weights") {
    data.set("notice", call.Tr("The group weights are saved."));
  } else if (notice == "deadline") {
    data.set("notice", call.Tr("The deadline is saved."));
  } else if (notice == "bulk") {
    const std::string count = FormValue(flash, "count");
    data.set("notice", Substitute(call.TrN("{1} respondent is invited; the invitation is on its "
                                           "way by e-mail.",
                                           "{1} respondents are invited; their invitations are on "
                                           "their way by e-mail.",
                                           std::atol(count.c_str())),
                                  {count}));
  }
  const std::string mailed = FormValue(flash, "mailed");
  if (!mailed.empty()) {
    data.set("mailed", Substitute(call.Tr("The invitation is on its way to {1}."), {mailed}));
  }
  return RenderRound(call, std::get<Round>(loaded), std::move(data), {}, 200);
}

Response WebApp::Impl::RenderRound(const Call& call, const Round& round, TemplateData data,
                                   const FormEcho& echo, int status) {
  const Instrument* instrument = InstrumentOf(round);
  auto respondents = deps_.store.ListRespondents(round.id);
  auto answers = deps_.store.AnswersOfRound(round.id);
  if (!respondents) return Fail(call, respondents.error());
  if (!answers) return Fail(call, answers.error());
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  data.set("year", std::to_string(round.year));
  const Country* country = deps_.countries.Find(round.country);
  data.set("country", country ? country->names.Get(call.lang) : round.country);
  data.set("instrument", instrument ? instrument->title.Get(call.lang) : round.instrument_id);
  data.set("status", call.TrC(kRoundStatusContext, RoundStatusKey(round.status)));
  data.set("draft", round.status == RoundStatus::kDraft);
  data.set("open", round.status == RoundStatus::kOpen);
  data.set("closed", round.status == RoundStatus::kClosed);
  data.set("published", round.published);
  const std::string no_invitations = RefusalText(call, round, RoundChange::kInvitations);
  const std::string no_weights = RefusalText(call, round, RoundChange::kWeights);
  data.set("no_invitations", no_invitations);
  data.set("no_weights", no_weights);
  data.set("invitations", no_invitations.empty());
  data.set("weights", no_weights.empty());
  TemplateList groups;
  const std::string group = FormValue(echo.typed, "group");
  for (size_t i = 0; i < round.groups.size(); ++i) {
    const RespondentGroup& g = round.groups[i];
    TemplateData item;
    item.set("index", std::to_string(i));
    item.set("name", g.name);
    item.set("label", call.Tr(g.name.c_str()));
    const std::string field = "weight:" + g.name;
    item.set("weight",
             echo.typed.count(field) ? FormValue(echo.typed, field) : PlainNumber(g.weight));
    auto error = echo.errors.find(field);
    item.set("error", error == echo.errors.end() ? "" : error->second);
    item.set("selected", g.name == group);
    groups.push_back(std::move(item));
  }
  data.set("groups", std::move(groups));
  TemplateList pillars;
  const std::vector<std::string> ticked = FormValues(echo.typed, "pillars");
  if (instrument) {
    for (const Pillar& p : instrument->pillars) {
      TemplateData item;
      item.set("id", p.id);
      item.set("name", p.name.Get(call.lang));
      item.set("checked", std::find(ticked.begin(), ticked.end(), p.id) != ticked.end());
      pillars.push_back(std::move(item));
    }
  }
  data.set("pillars", std::move(pillars));
  TemplateList languages;
  const std::string chosen_language = FormValue(echo.typed, "language");
  if (instrument) {
    for (const std::string& code : instrument->languages) {
      TemplateData item = LanguageItem(code);
      item.set("selected", code == chosen_language);
      languages.push_back(std::move(item));
    }
  }
  data.set("languages", std::move(languages));
  data.set("typed_name", FormValue(echo.typed, "name"));
  data.set("typed_email", FormValue(echo.typed, "email"));
  std::map<Id, std::vector<std::string>> mail_lines;
  AddMailStatus(call, round, data, mail_lines);
  if (echo.typed.count("deadline")) data.set("deadline_day", FormValue(echo.typed, "deadline"));
  SetErrors(data, echo.errors);
  TemplateList rows;
  for (const Respondent& r : respondents.value()) {
    std::vector<StoredAnswer> mine;
    for (const StoredAnswer& a : answers.value()) {
      if (a.respondent_id == r.id) mine.push_back(a);
    }
    TemplateData row;
    row.set("rid", std::to_string(r.id));
    row.set("name", r.name);
    row.set("group", call.Tr(r.group.c_str()));
    row.set("revoked", r.revoked);
    row.set("email", r.email);
    TemplateList lines;
    for (const std::string& line : mail_lines[r.id]) {
      TemplateData item;
      item.set("text", line);
      lines.push_back(std::move(item));
    }
    row.set("has_mail", !lines.empty());
    row.set("mail", std::move(lines));
    if (instrument) {
      const Progress total = ProgressOf(*instrument, r, mine);
      row.set("progress", Percent(total.answered, total.total));
      std::string by_pillar;
      for (const auto& [pillar, p] : ProgressByPillar(*instrument, r, mine)) {
        by_pillar +=
            (by_pillar.empty() ? "" : " · ") + pillar + " " + Percent(p.answered, p.total) + "%";
      }
      row.set("by_pillar", by_pillar);
    }
    rows.push_back(std::move(row));
  }
  data.set("respondents", std::move(rows));
  data.set("has_respondents", !respondents.value().empty());
  return Page(call, "round", round.title, data, status);
}

// A change of state that the round no longer allows (two tabs, a page left open) comes back to the
// round page with the reason, not to the error page.
Response WebApp::Impl::SetStatus(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto status = RoundStatusFromKey(FormValue(call.form, "to"));
  if (!status) {
    return Fail(call, Error::Of(ErrorCode::kInvalidInput, "to", METER_N("unknown round status")));
  }
  auto changed = deps_.store.SetRoundStatus(round.id, *status, call.principal.label);
  if (!changed && changed.error().code == ErrorCode::kConflict) {
    return RenderRound(call, round, {}, StateRefusal(call, changed.error()), 409);
  }
  if (!changed) return Fail(call, changed.error());
  return Response::Redirect("/rounds/" + std::to_string(changed.value().id));
}

Response WebApp::Impl::Publish(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto dossier = DossierOf(round);
  if (!dossier) return DataUnavailable(call);
  auto changed =
      deps_.store.Publish(round.id, ProfileOf(round, dossier->report).scores, call.principal.label);
  if (!changed && changed.error().code == ErrorCode::kConflict) {
    return RenderRound(call, round, {}, StateRefusal(call, changed.error()), 409);
  }
  if (!changed) return Fail(call, changed.error());
  return Response::Redirect("/rounds/" + std::to_string(changed.value().id));
}

Response WebApp::Impl::Unpublish(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  auto changed = deps_.store.Unpublish(std::get<Round>(loaded).id, call.principal.label);
  if (!changed) return Fail(call, changed.error());
  return Response::Redirect("/rounds/" + std::to_string(changed.value().id));
}

// Weights are one decision about how the groups count: a form with one bad weight saves none, and
// comes back as typed with the message beside that weight.
Response WebApp::Impl::SetWeights(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  std::vector<RespondentGroup> groups;
  std::vector<Problem> problems;
  for (const RespondentGroup& g : round.groups) {
    const std::string field = "weight:" + g.name;
    const std::string text = FormValue(call.form, field);
    if (text.empty()) continue;
    const auto weight = ParseWeight(text);
    if (!weight) {
      problems.push_back(
          {field,
           METER_N("the weight of group '{1}' must be a number above 0 and at most 1000"),
           {g.name}});
      continue;
    }
    groups.push_back({g.name, *weight});
  }
  if (problems.empty()) {
    auto changed = deps_.store.SetGroupWeights(round.id, groups, call.principal.label);
    if (changed)
      return RedirectWithFlash(call, "/rounds/" + std::to_string(round.id),
                               {{"notice", "weights"}});
    if (changed.error().code != ErrorCode::kConflict) return Fail(call, changed.error());
    problems = changed.error().problems;  // the round was closed meanwhile
  }
  return RenderRound(call, round, {}, {call.form, FieldErrors(call, problems)},
                     problems[0].where == "status" ? 409 : 400);
}

Response WebApp::Impl::AnswersExport(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto data = DossierOf(round);
  if (!data) return DataUnavailable(call);
  Response r =
      Response::Text(AnswersCsvOf(*data->instrument, round, data->respondents, data->answers),
                     "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"meter-round-" +
                                                    std::to_string(round.id) + "-answers.csv\"");
  return r;
}

}  // namespace meter
