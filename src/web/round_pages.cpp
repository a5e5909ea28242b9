// The coordinator's pages: the list of rounds, a new round, one round with its respondents and
// progress, inviting, revoking, reminding, opening and closing, and the answers export.
#include <charconv>
#include <cmath>

#include "core/questionnaire.h"
#include "core/round_results.h"
#include "core/round_rules.h"
#include "web/security.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

std::string Percent(size_t part, size_t whole) {
  return whole == 0 ? "0" : std::to_string(static_cast<int>(std::lround(100.0 * part / whole)));
}

std::optional<double> ParseWeight(const std::string& text) {
  const auto value = ParseDecimal(text);
  if (!value || *value <= 0 || *value > 1000) return std::nullopt;
  return value;
}

}  // namespace

Response WebApp::Impl::Rounds(Call& call) {
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
    row.set("country", c ? c->name : r.country);
    row.set("instrument", r.instrument_id + " " + r.instrument_version);
    row.set("status", call.Tr(RoundStatusKey(r.status)));
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("rounds", std::move(rows));
  data.set("has_rounds", !rounds.value().empty());
  TemplateList country_options;
  for (const Country& c : deps_.countries.all()) {
    if (p.role != Role::kAdmin && !Allowed(p, Action::kCreateRound, c.iso3)) continue;
    TemplateData item;
    item.set("iso3", c.iso3);
    item.set("name", c.name);
    country_options.push_back(std::move(item));
  }
  data.set("countries", std::move(country_options));
  TemplateList instruments;
  for (const Instrument* in : deps_.instruments.All()) {
    TemplateData item;
    item.set("value", in->id + " " + in->version);
    item.set("label", in->title.Get(call.lang) +
                          (in->status == "draft" ? " (" + call.Tr("draft") + ")" : ""));
    instruments.push_back(std::move(item));
  }
  data.set("instruments", std::move(instruments));
  TemplateList groups;
  int i = 0;
  for (const RespondentGroup& g : DefaultGroups()) {
    TemplateData item;
    item.set("index", std::to_string(i++));
    item.set("name", g.name);  // stored as the catalog key, shown translated
    item.set("label", call.Tr(g.name.c_str()));
    item.set("weight", "1");
    groups.push_back(std::move(item));
  }
  data.set("groups", std::move(groups));
  data.set("year", std::to_string(1970 + Now() / 31556952));
  return Page(call, "rounds", call.Tr("Assessment rounds"), data);
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
  if (!valid) return Fail(call, valid.error());
  auto created = deps_.store.CreateRound(round, call.principal.label);
  if (!created) return Fail(call, created.error());
  return Response::Redirect("/rounds/" + std::to_string(created.value().id));
}

Response WebApp::Impl::RoundPage(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  return RenderRound(call, std::get<Round>(loaded), {}, 200);
}

Response WebApp::Impl::RenderRound(const Call& call, const Round& round, TemplateData data,
                                   int status) {
  const Instrument* instrument = InstrumentOf(round);
  auto respondents = deps_.store.ListRespondents(round.id);
  auto answers = deps_.store.AnswersOfRound(round.id);
  if (!respondents) return Fail(call, respondents.error());
  if (!answers) return Fail(call, answers.error());
  data.set("id", std::to_string(round.id));
  data.set("title", round.title);
  data.set("year", std::to_string(round.year));
  const Country* country = deps_.countries.Find(round.country);
  data.set("country", country ? country->name : round.country);
  data.set("instrument", instrument ? instrument->title.Get(call.lang) : round.instrument_id);
  data.set("status", call.Tr(RoundStatusKey(round.status)));
  data.set("draft", round.status == RoundStatus::kDraft);
  data.set("open", round.status == RoundStatus::kOpen);
  data.set("closed", round.status == RoundStatus::kClosed);
  data.set("published", round.published);
  TemplateList groups;
  for (const RespondentGroup& g : round.groups) {
    TemplateData item;
    item.set("name", g.name);
    item.set("label", call.Tr(g.name.c_str()));
    char weight[32];
    std::snprintf(weight, sizeof weight, "%g", g.weight);
    item.set("weight", weight);
    groups.push_back(std::move(item));
  }
  data.set("groups", std::move(groups));
  TemplateList pillars;
  if (instrument) {
    for (const Pillar& p : instrument->pillars) {
      TemplateData item;
      item.set("id", p.id);
      item.set("name", p.name.Get(call.lang));
      pillars.push_back(std::move(item));
    }
  }
  data.set("pillars", std::move(pillars));
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

Response WebApp::Impl::SetStatus(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const auto status = RoundStatusFromKey(FormValue(call.form, "to"));
  if (!status) {
    return Fail(call, Error::Of(ErrorCode::kInvalidInput, "to", METER_N("unknown round status")));
  }
  auto changed =
      deps_.store.SetRoundStatus(std::get<Round>(loaded).id, *status, call.principal.label);
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

Response WebApp::Impl::SetWeights(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  std::vector<RespondentGroup> groups;
  for (const RespondentGroup& g : round.groups) {
    const std::string text = FormValue(call.form, "weight:" + g.name);
    if (text.empty()) continue;
    const auto weight = ParseWeight(text);
    if (!weight || !GroupProblems({{g.name, *weight}}).empty()) {
      return Fail(call, Error::Of(ErrorCode::kInvalidInput, g.name,
                                  METER_N("the weight of group '{1}' must be a positive number"),
                                  {g.name}));
    }
    groups.push_back({g.name, *weight});
  }
  auto changed = deps_.store.SetGroupWeights(round.id, groups, call.principal.label);
  if (!changed) return Fail(call, changed.error());
  return Response::Redirect("/rounds/" + std::to_string(round.id));
}

Result<std::pair<Respondent, std::string>> WebApp::Impl::InviteRespondent(
    const Call& call, const Round& round, const std::string& name, const std::string& group,
    const std::vector<std::string>& pillars) {
  const Instrument* instrument = InstrumentOf(round);
  std::vector<Problem> problems;
  if (name.empty() || name.size() > 200) {
    problems.push_back(
        {"name",
         METER_N("give the respondent's name or e-mail address (at most 200 characters)"),
         {}});
  }
  for (const std::string& p : pillars) {
    const bool known =
        instrument && std::any_of(instrument->pillars.begin(), instrument->pillars.end(),
                                  [&](const Pillar& x) { return x.id == p; });
    if (!known) problems.push_back({"pillars", METER_N("there is no pillar '{1}'"), {p}});
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems};
  Respondent r;
  r.round_id = round.id;
  r.name = name;
  r.group = group;
  r.pillars = pillars;
  const std::string token = RandomToken();
  r.token_hash = Sha256Hex(token);
  auto added = deps_.store.AddRespondent(r, call.principal.label);
  if (!added) return added.error();
  return std::make_pair(std::move(added).value(), token);
}

std::string WebApp::Impl::InvitationLink(const Call& call, const std::string& token) const {
  return PublicUrl(call, "/r/" + token);
}

Response WebApp::Impl::Invite(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  auto invited = InviteRespondent(call, round, FormValue(call.form, "name"),
                                  FormValue(call.form, "group"), FormValues(call.form, "pillars"));
  if (!invited) return Fail(call, invited.error());
  TemplateData data;
  data.set("new_link", InvitationLink(call, invited.value().second));
  data.set("new_name", invited.value().first.name);
  return RenderRound(call, round, data, 200);
}

Response WebApp::Impl::Revoke(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  auto r = deps_.store.GetRespondent(call.IdParam("rid"));
  if (!r || r.value().round_id != std::get<Round>(loaded).id) {
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent")));
  }
  auto done = deps_.store.RevokeRespondent(r.value().id, call.principal.label);
  if (!done) return Fail(call, done.error());
  return Response::Redirect("/rounds/" + std::to_string(r.value().round_id));
}

// A reminder gives the respondent a fresh link: the store keeps only a hash of the old one, so it
// cannot be shown again. The old link stops working; the answers stay.
Response WebApp::Impl::Remind(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  auto r = deps_.store.GetRespondent(call.IdParam("rid"));
  if (!r || r.value().round_id != round.id || r.value().revoked) {
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("no such respondent")));
  }
  const std::string token = RandomToken();
  auto done = deps_.store.ReissueToken(r.value().id, Sha256Hex(token), Now(), call.principal.label);
  if (!done) return Fail(call, done.error());
  TemplateData data;
  data.set("new_link", InvitationLink(call, token));
  data.set("new_name", r.value().name);
  return RenderRound(call, round, data, 200);
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
