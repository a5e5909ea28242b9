// Issue 14: what the tests of cached scores read and write (score_cache_test.cpp,
// two_nodes_test.cpp): a unit's score on the results page and in the JSON results, and a
// respondent's answers to every statement of C1.
#pragma once

#include <map>
#include <memory>
#include <regex>
#include <string>

#include "web_world.h"

namespace meter::testing {

// The score the results page's table shows for `unit` ("C1"), or "" when it has no such row.
inline std::string ScoreOnPage(const std::string& page, const std::string& unit) {
  const std::regex row("<td>" + unit +
                       R"(</td><td[^>]*>[^<]*</td><td class="meter-num[^"]*">([^<]*)</td>)");
  std::smatch m;
  return std::regex_search(page, m, row) ? m[1].str() : "";
}

// The score of `unit` in the JSON results, or null.
inline nlohmann::json ScoreInJson(const std::string& body, const std::string& unit) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return nullptr;
  for (const nlohmann::json& u : doc["units"]) {
    if (u["id"] == unit) return u["score"];
  }
  return nullptr;
}

// Gives every statement of C1 the level `value` as `respondent`, each save with the version the
// last one returned; `versions` keeps them between calls.
inline void AnswerC1(HttpClient& respondent, const std::string& value,
                     std::map<std::string, long long>& versions) {
  for (int i = 1; i <= 12; ++i) {
    const std::string statement = "C1." + std::to_string(i);
    const HttpResponse saved =
        respondent.Send("PUT", "/api/answers/" + statement,
                        nlohmann::json({{"value", value}, {"version", versions[statement]}}).dump(),
                        "application/json", CsrfHeader(respondent));
    ASSERT_EQ(saved.status, 200) << saved.body;
    versions[statement] = nlohmann::json::parse(saved.body)["version"].get<long long>();
  }
}

// A respondent of `world`'s Armenian round, signed in through their link on `port`.
inline std::unique_ptr<HttpClient> Respondent(World& world, int port, const std::string& name) {
  auto [link, id] = world.Invite(*world.coordinator, world.round, name, "Central government");
  auto client = std::make_unique<HttpClient>(port);
  EXPECT_EQ(client->Get(link).status, 303);
  client->Get("/q/1");  // the page gives the client its security token
  return client;
}

}  // namespace meter::testing
