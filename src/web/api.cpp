// The JSON API (docs/api.md). Same authorization and the same core code as the pages; errors are
// {"error": kind, "message": text} with the status of HttpStatusFor.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/limits.h"
#include "core/questionnaire.h"
#include "core/round_rules.h"
#include "web/json_body.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

using nlohmann::json;

json RoundJson(const Round& r) {
  json groups = json::array();
  for (const RespondentGroup& g : r.groups)
    groups.push_back({{"name", g.name}, {"weight", g.weight}});
  return {{"id", r.id},
          {"country", r.country},
          {"title", r.title},
          {"year", r.year},
          {"instrument", {{"id", r.instrument_id}, {"version", r.instrument_version}}},
          {"status", RoundStatusKey(r.status)},
          {"published", r.published},
          {"groups", groups}};
}

json AnswerJson(const StoredAnswer& a) {
  return {{"statement", a.statement},       {"value", a.value},     {"comment", a.comment},
          {"evidence_url", a.evidence_url}, {"version", a.version}, {"updated_at", a.updated_at}};
}

json ProgressJson(const Progress& p) { return {{"answered", p.answered}, {"total", p.total}}; }

json TextJson(const LocalizedText& t) {
  json out = json::object();
  for (const auto& [lang, text] : t.all()) out[lang] = text;
  return out;
}

json InstrumentJson(const Instrument& in) {
  json pillars = json::array();
  for (const Pillar& p : in.pillars) {
    json subareas = json::array();
    for (const SubArea& s : p.subareas) {
      json statements = json::array();
      for (const Statement& st : s.statements) {
        statements.push_back({{"id", st.id},
                              {"text", TextJson(st.text)},
                              {"weight", st.weight},
                              {"answer_set", in.answer_sets[st.answer_set].id}});
      }
      subareas.push_back({{"id", s.id},
                          {"name", TextJson(s.name)},
                          {"weight", s.weight},
                          {"prerequisites", s.prerequisites},
                          {"statements", statements}});
    }
    pillars.push_back({{"id", p.id},
                       {"name", TextJson(p.name)},
                       {"overview", TextJson(p.overview)},
                       {"weight", p.weight},
                       {"subareas", subareas}});
  }
  json sets = json::array();
  for (const AnswerSet& s : in.answer_sets) {
    json levels = json::array();
    for (const AnswerLevel& l : s.levels) {
      levels.push_back({{"code", l.code}, {"value", l.value}, {"label", TextJson(l.label)}});
    }
    sets.push_back({{"id", s.id},
                    {"levels", levels},
                    {"dont_know", TextJson(s.dont_know)},
                    {"not_applicable", TextJson(s.not_applicable)}});
  }
  return {{"id", in.id},
          {"version", in.version},
          {"status", in.status},
          {"title", TextJson(in.title)},
          {"languages", in.languages},
          {"answer_sets", sets},
          {"pillars", pillars}};
}

}  // namespace

Response WebApp::Impl::ApiInstruments(Call&) {
  json list = json::array();
  for (const Instrument* in : deps_.instruments.All()) {
    list.push_back({{"id", in->id},
                    {"version", in->version},
                    {"status", in->status},
                    {"title", TextJson(in->title)},
                    {"statements", in->statements().size()}});
  }
  return Response::Json(list.dump());
}

Response WebApp::Impl::ApiInstrument(Call& call) {
  const Instrument* in = deps_.instruments.Find(call.params["id"], call.params["version"]);
  if (!in)
    return Fail(call, Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such instrument")));
  return Response::Json(InstrumentJson(*in).dump());
}

Response WebApp::Impl::ApiRounds(Call& call) {
  const Principal& p = call.principal;
  if (p.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (p.kind != Principal::Kind::kUser || p.role == Role::kExpert) return Forbidden(call);
  std::optional<std::vector<std::string>> countries;
  if (p.role != Role::kAdmin) countries = p.countries;
  auto rounds = deps_.store.ListRounds(countries);
  if (!rounds) return Fail(call, rounds.error());
  json list = json::array();
  for (const Round& r : rounds.value()) list.push_back(RoundJson(r));
  return Response::Json(list.dump());
}

namespace {

// The body of POST /api/rounds as a NewRound; kInvalidInput naming every wrong field.
Result<NewRound> ReadNewRound(const Request& request) {
  auto body = ParseJsonObject(request.body);
  if (!body) return body.error();
  std::vector<Problem> problems;
  JsonReader b(body.value(), problems);
  NewRound round;
  round.country = b.Text("country", Need::kRequired).value_or("");
  round.title = b.Text("title", Need::kRequired).value_or("");
  // Checked against the rules as a 64-bit number before it is narrowed.
  const int64_t year = b.Integer("year", Need::kRequired).value_or(0);
  round.year = year >= 0 && year <= 9999 ? static_cast<int>(year) : 0;
  b.Object("instrument", Need::kRequired, [&](JsonReader& in) {
    round.instrument_id = in.Text("id", Need::kRequired).value_or("");
    round.instrument_version = in.Text("version", Need::kRequired).value_or("");
  });
  const bool listed =
      b.Objects("groups", Need::kOptional, kMaxFormFields, [&](JsonReader& g, size_t) {
        round.groups.push_back({g.Text("name", Need::kRequired).value_or(""),
                                g.Number("weight", Need::kRequired).value_or(std::nan(""))});
      });
  if (!listed && !body.value().contains("groups")) round.groups = DefaultGroups();
  b.RefuseUnknown();
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  return round;
}

}  // namespace

Response WebApp::Impl::ApiCreateRound(Call& call) {
  auto round = ReadNewRound(call.request);
  if (!round) return Fail(call, round.error());
  if (!Allowed(call.principal, Action::kCreateRound, round.value().country)) return Forbidden(call);
  auto valid = CheckNewRound(round.value(), deps_.countries, deps_.instruments);
  if (!valid) return Fail(call, valid.error());
  auto created = deps_.store.CreateRound(round.value(), call.principal.label);
  if (!created) return Fail(call, created.error());
  return Response::Json(RoundJson(created.value()).dump(), 201);
}

Response WebApp::Impl::ApiRound(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  return Response::Json(RoundJson(std::get<Round>(loaded)).dump());
}

Response WebApp::Impl::ApiRespondents(Call& call) {
  auto loaded = LoadRound(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const Round& round = std::get<Round>(loaded);
  const auto data = DossierOf(round);
  if (!data) return DataUnavailable(call);
  const Instrument* in = data->instrument;
  json list = json::array();
  for (const Respondent& r : data->respondents) {
    std::vector<StoredAnswer> mine;
    for (const StoredAnswer& a : data->answers) {
      if (a.respondent_id == r.id) mine.push_back(a);
    }
    json by_pillar = json::object();
    for (const auto& [pillar, p] : ProgressByPillar(*in, r, mine)) {
      by_pillar[pillar] = ProgressJson(p);
    }
    const Progress total = ProgressOf(*in, r, mine);
    list.push_back({{"id", r.id},
                    {"name", r.name},
                    {"group", r.group},
                    {"pillars", r.pillars},
                    {"revoked", r.revoked},
                    {"answered", total.answered},
                    {"total", total.total},
                    {"by_pillar", by_pillar}});
  }
  return Response::Json(list.dump());
}

Response WebApp::Impl::ApiInvite(Call& call) {
  auto loaded = LoadRound(call, Action::kManageRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  auto body = ParseJsonObject(call.request.body);
  if (!body) return Fail(call, body.error());
  std::vector<Problem> problems;
  JsonReader b(body.value(), problems);
  const std::string name = b.Text("name", Need::kRequired).value_or("");
  const std::string group = b.Text("group", Need::kRequired).value_or("");
  const auto pillars = b.Texts("pillars", Need::kOptional, kMaxFormFields);
  Respondent draft;
  draft.name = name;
  draft.group = group;
  draft.pillars = pillars.value_or(std::vector<std::string>{});
  draft.language = b.Text("language", Need::kOptional).value_or("");
  draft.email = b.Text("email", Need::kOptional).value_or("");
  b.RefuseUnknown();
  if (!problems.empty()) return Fail(call, Error{ErrorCode::kInvalidInput, std::move(problems)});
  auto invited = InviteRespondent(call, std::get<Round>(loaded), draft);
  if (!invited) return Fail(call, invited.error());
  const Respondent& r = invited.value().first;
  return Response::Json(json({{"id", r.id},
                              {"name", r.name},
                              {"group", r.group},
                              {"language", r.language},
                              {"email", r.email},
                              {"link", InvitationLink(call, invited.value().second)}})
                            .dump(),
                        201);
}

Response WebApp::Impl::ApiResults(Call& call) {
  auto loaded = LoadRoundWithVersions(call, Action::kViewRound);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RoundWithVersions& found = std::get<RoundWithVersions>(loaded);
  bool scored = false;
  const auto dossier = DossierAt(found.round.id, found.versions, &scored);
  if (!dossier) return DataUnavailable(call);
  Response r = Response::Json(deps_.renderers.scores_json(*dossier->instrument, dossier->report));
  return MarkScores(r, scored);
}

Response WebApp::Impl::ApiMyAnswers(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RespondentView& view = std::get<RespondentView>(loaded);
  auto stored = deps_.store.AnswersOf(view.respondent.id);
  if (!stored) return Fail(call, stored.error());
  // By statement ID as bytes, the same on every engine (a database's collation may differ).
  std::sort(stored.value().begin(), stored.value().end(),
            [](const StoredAnswer& a, const StoredAnswer& b) { return a.statement < b.statement; });
  json answers = json::array();
  for (const StoredAnswer& a : stored.value()) answers.push_back(AnswerJson(a));
  return Response::Json(json({{"round", view.round.id},
                              {"status", RoundStatusKey(view.round.status)},
                              {"answers", answers}})
                            .dump());
}

Response WebApp::Impl::ApiSaveAnswer(Call& call) {
  auto loaded = LoadRespondentView(call);
  if (auto* denied = std::get_if<Response>(&loaded)) return *denied;
  const RespondentView& view = std::get<RespondentView>(loaded);
  auto body = ParseJsonObject(call.request.body);
  if (!body) return Fail(call, body.error());
  std::vector<Problem> problems;
  JsonReader b(body.value(), problems);
  AnswerWrite w;
  w.statement = call.params["statement"];
  w.value = b.Text("value", Need::kRequired).value_or("");
  w.comment = b.Text("comment", Need::kOptional, TextShape::kLines).value_or("");
  w.evidence_url = b.Text("evidence_url", Need::kOptional).value_or("");
  w.expected_version = b.Integer("version", Need::kRequired).value_or(0);
  if (w.expected_version < 0)
    problems.push_back({"version", METER_N("this field must be a whole number of 0 or more"), {}});
  // What GET /api/answers gives for an answer may be sent back as it came.
  if (auto statement = b.Text("statement", Need::kOptional); statement && *statement != w.statement)
    problems.push_back(
        {"statement", METER_N("the statement differs from the one in the address"), {}});
  b.Ignore("updated_at");
  b.RefuseUnknown();
  if (!problems.empty()) return Fail(call, Error{ErrorCode::kInvalidInput, std::move(problems)});
  auto checked = CheckAnswer(*view.instrument, view.respondent, w);
  if (!checked) return Fail(call, checked.error());
  auto saved = deps_.store.SaveAnswers(view.respondent.id, {w}, Now());
  if (!saved) return Fail(call, saved.error());
  const SavedAnswers& stored = saved.value();
  CountSaved(call, stored.answers.size());
  json out = stored.answers.empty() ? json({{"statement", w.statement}, {"version", 0}})
                                    : AnswerJson(stored.answers.front());
  // The progress as the save left it, for the page's counter (the session's count is from before
  // the save).
  Respondent after = view.respondent;
  after.answered = stored.answered;
  const Progress progress = ProgressOf(*view.instrument, after);
  out["progress"] = ProgressJson(progress);
  out["progress"]["text"] = AnsweredText(call, progress);  // in the caller's language
  return Response::Json(out.dump());
}

}  // namespace meter
