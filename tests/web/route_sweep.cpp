#include "route_sweep.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace meter::testing {

std::vector<std::string> ParamNames(const std::string& pattern) {
  std::vector<std::string> out;
  std::stringstream in(pattern);
  for (std::string s; std::getline(in, s, '/');) {
    if (!s.empty() && s[0] == ':') out.push_back(s.substr(1));
  }
  return out;
}

std::string ConcretePath(const std::string& pattern, const RouteParams& params,
                         const std::string& override_name, const std::string& override_value) {
  std::string out;
  std::stringstream in(pattern);
  for (std::string s; std::getline(in, s, '/');) {
    if (s.empty()) continue;
    out += '/';
    if (s[0] != ':') {
      out += s;
      continue;
    }
    const std::string name = s.substr(1);
    auto it = params.find(name);
    out += FormEncode(name == override_name ? override_value
                      : it == params.end()  ? "missing-" + name
                                            : it->second);
  }
  return out.empty() ? "/" : out;
}

std::vector<RouteCall> EveryRoute() {
  using C = Caller;
  const std::vector<Field> knowledge = {{"kind", "lesson"},
                                        {"language", "en"},
                                        {"title_en", "Swept entry"},
                                        {"title_zh", "扫过的条目"},
                                        {"country", ""},
                                        {"region", ""},
                                        {"year", "2024"},
                                        {"pillars", "T"},
                                        {"subareas", "T1"},
                                        {"sources", "A source | https://example.org/"},
                                        {"summary_en", "A summary."},
                                        {"summary_zh", "摘要。"},
                                        {"body", "Some text."}};
  std::vector<Field> knowledge_edit = knowledge;
  knowledge_edit.push_back({"version", "1"});
  return {
      {"GET", "/", C::kAdmin, false, {}},
      {"GET", "/login", C::kAnonymous, false, {}},
      {"POST",
       "/login",
       C::kAnonymous,
       false,
       {{"email", "nobody@test.example"}, {"password", "not-the-password"}, {"next", "/rounds"}}},
      {"POST", "/logout", C::kAdmin, false, {}},
      {"GET", "/lang/:code", C::kAnonymous, false, {}},
      {"GET", "/admin/users", C::kAdmin, false, {}},
      {"POST",
       "/admin/users",
       C::kAdmin,
       false,
       {{"email", "swept@test.example"},
        {"name", "Swept"},
        {"role", "coordinator"},
        {"countries", "ARM"},
        {"password", "a-swept-passphrase"}}},
      {"POST", "/admin/users/:id/disable", C::kAdmin, false, {}},
      {"POST", "/admin/users/:id/enable", C::kAdmin, false, {}},
      {"GET", "/admin/audit", C::kAdmin, false, {}},
      // Issue 14: swept as a form, which lacks the file: refused with its problems (400).
      {"GET", "/admin/egdi", C::kAdmin, false, {}},
      {"POST", "/admin/egdi", C::kAdmin, false, {{"year", "2030"}}},
      {"GET", "/admin/countries", C::kAdmin, false, {}},
      {"GET", "/admin/countries/:iso3", C::kAdmin, false, {}},
      {"POST",
       "/admin/countries/:iso3/coordinators",
       C::kAdmin,
       false,
       {{"email", "arm@test.example"}}},
      {"POST", "/admin/countries/:iso3/coordinators/:uid/remove", C::kAdmin, false, {}},
      {"GET", "/campaign", C::kAdmin, false, {}},
      {"GET", "/campaign.csv", C::kAdmin, false, {}},
      {"GET", "/campaign.xlsx", C::kAdmin, false, {}},
      {"GET", "/compare", C::kAdmin, false, {}},
      {"GET", "/compare/chart/:file", C::kAdmin, false, {}},
      {"GET", "/rounds", C::kAdmin, false, {}},
      {"POST",
       "/rounds",
       C::kAdmin,
       false,
       {{"country", "ARM"},
        {"title", "Swept round"},
        {"year", "2026"},
        {"instrument", "meter 2.0"},
        {"group_name", "Agencies"},
        {"group_weight", "1"}}},
      {"GET", "/rounds/:id", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/status", C::kAdmin, false, {{"to", "open"}}},
      {"POST", "/rounds/:id/weights", C::kAdmin, false, {{"weight:Agencies", "2"}}},
      {"POST", "/rounds/:id/deadline", C::kAdmin, false, {{"deadline", "2099-12-31"}}},
      {"POST", "/rounds/:id/invitations", C::kAdmin, false, {}},
      {"POST",
       "/rounds/:id/respondents",
       C::kAdmin,
       false,
       {{"name", "swept respondent"}, {"group", "Agencies"}, {"pillars", "C"}}},
      {"POST", "/rounds/:id/respondents/:rid/revoke", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/respondents/:rid/remind", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/close", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/respondents/:rid/revoke", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/respondents/:rid/remind", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/respondents/:rid/restore", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/results", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/answers.csv", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/download/:kind", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/way-forward", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/targets", C::kAdmin, false, {{"target:C", "60"}}},
      {"GET", "/rounds/:id/progress", C::kAdmin, false, {}},
      {"POST",
       "/rounds/:id/roadmap/:subarea",
       C::kAdmin,
       false,
       {{"phase", "2"}, {"owner", "Ministry"}, {"due", "2027-06-30"}}},
      {"POST", "/rounds/:id/publish", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/unpublish", C::kAdmin, false, {}},
      {"GET", "/knowledge", C::kAnonymous, false, {}},
      {"GET", "/instruments", C::kAdmin, false, {}},
      {"GET", "/instruments/:id/:version", C::kAdmin, false, {}},
      {"GET", "/instruments/diff", C::kAdmin, false, {}},
      {"POST", "/instruments", C::kAdmin, false, {{"from", "meter/3.0"}, {"version", "not valid"}}},
      {"GET", "/instruments/:id/:version/export", C::kAdmin, false, {}},
      {"POST", "/instruments/:id/:version/release", C::kAdmin, false, {{"revision", "1"}}},
      {"POST", "/instruments/:id/:version/retire", C::kAdmin, false, {}},
      {"GET", "/instruments/:id/:version/proposals", C::kAdmin, false, {}},
      {"GET", "/instruments/:id/:version/proposals/new", C::kAdmin, false, {}},
      {"POST",
       "/instruments/:id/:version/proposals",
       C::kAdmin,
       false,
       {{"kind", "reword-statement"}, {"target", "C1.1"}, {"text_en", "x"}, {"rationale", "y"}}},
      {"GET", "/proposals/:pid", C::kAdmin, false, {}},
      {"POST", "/proposals/:pid/comments", C::kAdmin, false, {{"comment", "a comment"}}},
      {"POST", "/proposals/:pid/vote", C::kAdmin, false, {{"choice", "support"}}},
      {"POST",
       "/proposals/:pid/decision",
       C::kAdmin,
       false,
       {{"verdict", "rejected"}, {"reason", "no"}, {"stamp", "1"}}},
      // Issue 13: knowledge contributions under review.
      {"GET", "/knowledge/review", C::kAdmin, false, {}},
      {"POST", "/knowledge/:slug/submit", C::kAdmin, false, {{"version", "1"}}},
      {"POST",
       "/knowledge/:slug/review",
       C::kAdmin,
       false,
       {{"verdict", "comment"}, {"text", "A swept comment."}, {"version", "1"}}},
      // Issue 13: what changed, and the digest.
      {"GET", "/changes", C::kAdmin, false, {}},
      {"POST", "/changes/digest", C::kAdmin, false, {{"digest", "daily"}}},
      {"GET", "/knowledge/new", C::kAdmin, false, {}},
      {"POST", "/knowledge/new", C::kAdmin, false, knowledge},
      {"GET", "/knowledge/:slug", C::kAnonymous, false, {}},
      {"GET", "/knowledge/:slug/edit", C::kAdmin, false, {}},
      {"POST", "/knowledge/:slug/edit", C::kAdmin, false, knowledge_edit},
      {"GET", "/r/:token", C::kAnonymous, false, {}},
      {"GET", "/q/:page", C::kRespondent, false, {}},
      {"POST",
       "/q/:page",
       C::kRespondent,
       false,
       {{"v:C1.1", "2"},
        {"c:C1.1", "a comment"},
        {"e:C1.1", "https://example.org/law"},
        {"ver:C1.1", "0"},
        {"go", "stay"}}},
      // Issue 14: answering offline; swept as forms, which lack the file: refused (400).
      {"GET", "/offline", C::kRespondent, false, {}},
      {"GET", "/offline/download", C::kRespondent, false, {}},
      {"POST", "/offline", C::kRespondent, false, {}},
      {"POST", "/offline/keep", C::kRespondent, false, {}},
      {"GET", "/rounds/:id/respondents/:rid/offline", C::kAdmin, false, {}},
      {"GET", "/rounds/:id/respondents/:rid/offline/download", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/respondents/:rid/offline", C::kAdmin, false, {}},
      {"POST", "/rounds/:id/respondents/:rid/offline/keep", C::kAdmin, false, {}},
      {"GET", "/done", C::kRespondent, false, {}},
      {"GET", "/review", C::kRespondent, false, {}},
      {"GET", "/api/instruments", C::kAnonymous, true, {}},
      {"GET", "/api/instruments/:id/:version", C::kAnonymous, true, {}},
      {"GET", "/api/rounds", C::kAdmin, true, {}},
      {"POST",
       "/api/rounds",
       C::kAdmin,
       true,
       {{"country", "ARM"},
        {"title", "Swept API round"},
        {"year", "2026", true},
        {"instrument.id", "meter"},
        {"instrument.version", "2.0"}}},
      {"GET", "/api/rounds/:id", C::kAdmin, true, {}},
      {"GET", "/api/rounds/:id/respondents", C::kAdmin, true, {}},
      {"POST",
       "/api/rounds/:id/respondents",
       C::kAdmin,
       true,
       {{"name", "swept API respondent"}, {"group", "Agencies"}}},
      {"GET", "/api/rounds/:id/results", C::kAdmin, true, {}},
      {"GET", "/api/rounds/:id/answers.csv", C::kAdmin, true, {}},
      {"GET", "/api/rounds/:id/download/:kind", C::kAdmin, true, {}},
      {"GET", "/api/answers", C::kRespondent, true, {}},
      {"PUT",
       "/api/answers/:statement",
       C::kRespondent,
       true,
       {{"value", "3"},
        {"comment", "a comment"},
        {"evidence_url", "https://example.org/"},
        {"version", "0", true}}},
      // Issue 11: an invitation confirmed over a session (item 5); the secretariat's user
      // editing and password links (item 20).
      {"POST", "/r/:token", C::kAnonymous, false, {}},
      {"GET", "/admin/users/:id", C::kAdmin, false, {}},
      {"POST", "/admin/users/:id", C::kAdmin, false, {{"role", "expert"}}},
      {"POST", "/admin/users/:id/reset-link", C::kAdmin, false, {}},
      {"GET", "/password/:token", C::kAnonymous, false, {}},
      {"POST",
       "/password/:token",
       C::kAnonymous,
       false,
       {{"password", "a-swept-passphrase"}, {"repeat", "a-swept-passphrase"}}},
      // Issue 13: the public pages, the feed, the sitemap and robots.txt.
      {"GET", "/countries", C::kAnonymous, false, {}},
      {"GET", "/countries/:iso3", C::kAnonymous, false, {}},
      {"GET", "/regions/:m49", C::kAnonymous, false, {}},
      {"GET", "/feed.atom", C::kAnonymous, false, {}},
      {"GET", "/sitemap.xml", C::kAnonymous, false, {}},
      {"GET", "/robots.txt", C::kAnonymous, false, {}},
  };
}

RouteCall CallFor(const std::string& method, const std::string& pattern) {
  for (const RouteCall& c : EveryRoute()) {
    if (c.method == method && c.pattern == pattern) return c;
  }
  ADD_FAILURE() << "no call for " << method << " " << pattern;
  return {};
}

std::string BodyOf(const RouteCall& call, const std::vector<Field>& fields,
                   const HttpClient& client, bool with_csrf) {
  if (call.json) {
    nlohmann::json body = nlohmann::json::object();
    for (const Field& f : fields) {
      // "a.b" is member b of object a.
      const size_t dot = f.name.find('.');
      nlohmann::json& slot = dot == std::string::npos
                                 ? body[f.name]
                                 : body[f.name.substr(0, dot)][f.name.substr(dot + 1)];
      if (f.json_number) {
        const bool numeric =
            !f.value.empty() && f.value.find_first_not_of("0123456789") == std::string::npos;
        slot = numeric ? nlohmann::json(std::stoll(f.value)) : nlohmann::json(f.value);
      } else {
        slot = f.value;
      }
    }
    return fields.empty() && call.method == "GET" ? "" : body.dump();
  }
  std::string out = with_csrf ? "csrf=" + FormEncode(client.csrf) : "";
  for (const Field& f : fields)
    out += (out.empty() ? "" : "&") + FormEncode(f.name) + "=" + FormEncode(f.value);
  return out;
}

HttpResponse SendCall(HttpClient& client, const RouteCall& call, const std::string& path,
                      const std::vector<Field>& fields, bool with_csrf) {
  if (call.method == "GET") return client.Get(path);
  const std::string body = BodyOf(call, fields, client, with_csrf);
  if (call.json) {
    return client.Send(call.method, path, body, "application/json",
                       with_csrf ? CsrfHeader(client) : "");
  }
  return client.Send(call.method, path, body, "application/x-www-form-urlencoded");
}

}  // namespace meter::testing
