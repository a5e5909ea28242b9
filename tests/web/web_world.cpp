#include "web_world.h"

namespace meter::testing {

std::string FormWithCsrf(const HttpClient& client, const std::string& fields) {
  return "csrf=" + FormEncode(client.csrf) + (fields.empty() ? "" : "&" + fields);
}

std::string CsrfHeader(const HttpClient& client) { return "X-CSRF-Token: " + client.csrf + "\r\n"; }

std::string MultipartBody(const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::string& filename, const std::string& content) {
  std::string out;
  for (const auto& [name, value] : fields) {
    out += "--meter-test-boundary\r\nContent-Disposition: form-data; name=\"" + name +
           "\"\r\n\r\n" + value + "\r\n";
  }
  out += "--meter-test-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
         filename + "\"\r\nContent-Type: text/csv\r\n\r\n" + content +
         "\r\n--meter-test-boundary--\r\n";
  return out;
}

std::pair<std::string, long long> World::Invite(HttpClient& coordinator, long long round_id,
                                                const std::string& name, const std::string& group) {
  const HttpResponse r =
      coordinator.Send("POST", "/api/rounds/" + std::to_string(round_id) + "/respondents",
                       nlohmann::json({{"name", name}, {"group", group}}).dump(),
                       "application/json", CsrfHeader(coordinator));
  EXPECT_EQ(r.status, 201) << r.body;
  const auto json = nlohmann::json::parse(r.body, nullptr, false);
  if (!json.is_object()) return {"", 0};
  const std::string link = json["link"];
  return {link.substr(link.find("/r/")), json["id"].get<long long>()};
}

std::string LinkShownOn(const std::string& page) {
  const size_t input = page.find("class=\"usa-input meter-link\"");
  if (input == std::string::npos) return "";
  const size_t at = page.find("/r/", input);
  return at == std::string::npos ? "" : page.substr(at, page.find('"', at) - at);
}

std::string World::InviteByForm(HttpClient& coordinator, long long round_id,
                                const std::string& name, const std::string& group) {
  const std::string round_path = "/rounds/" + std::to_string(round_id);
  const HttpResponse posted = coordinator.PostForm(
      round_path + "/respondents",
      FormWithCsrf(coordinator, "name=" + FormEncode(name) + "&group=" + FormEncode(group)));
  EXPECT_EQ(posted.status, 303) << posted.body.substr(0, 2000);
  EXPECT_EQ(posted.Header("location"), round_path);
  const std::string link = LinkShownOn(coordinator.Get(round_path).body);
  EXPECT_FALSE(link.empty()) << "the round page shows the new link";
  return link;
}

std::string World::ResetLink(long long user_id) {
  const std::string page = "/admin/users/" + std::to_string(user_id);
  admin->Get(page);
  const HttpResponse made = admin->PostForm(page + "/reset-link", FormWithCsrf(*admin));
  EXPECT_EQ(made.status, 303) << made.body.substr(0, 300);
  const std::string shown = admin->Get(page).body;  // the link, shown this once
  const size_t at = shown.find("/password/");
  EXPECT_NE(at, std::string::npos) << "no password link shown";
  if (at == std::string::npos) return "";
  return shown.substr(at, shown.find('"', at) - at);
}

std::string VersionOn(const std::string& page) {
  const std::string mark = "name=\"version\" value=\"";
  const size_t at = page.find(mark);
  if (at == std::string::npos) return "";
  return page.substr(at + mark.size(), page.find('"', at + mark.size()) - at - mark.size());
}

void World::PublishKnowledge(HttpClient& author, const std::string& path) {
  const HttpResponse submitted = author.PostForm(
      path + "/submit", FormWithCsrf(author, "version=" + VersionOn(author.Get(path).body)));
  EXPECT_EQ(submitted.status, 303) << submitted.body.substr(0, 2000);
  const HttpResponse approved = admin->PostForm(
      path + "/review",
      FormWithCsrf(*admin, "verdict=approve&text=&version=" + VersionOn(admin->Get(path).body)));
  EXPECT_EQ(approved.status, 303) << approved.body.substr(0, 2000);
}

void World::Build() {
  server.AddUser("admin@test.example", "admin", kPassword);
  server.AddUser("arm@test.example", "coordinator", kPassword, {"ARM"});
  server.AddUser("ken@test.example", "coordinator", kPassword, {"KEN"});
  server.AddUser("expert@test.example", "expert", kPassword);
  server.AddUser("spare@test.example", "expert", kPassword);
  ASSERT_TRUE(server.Start()) << server.log();
  anonymous = Client();
  admin = Client();
  coordinator = Client();
  other_coordinator = Client();
  expert = Client();
  ASSERT_EQ(SignIn(*admin, "admin@test.example", kPassword), 303);
  ASSERT_EQ(SignIn(*coordinator, "arm@test.example", kPassword), 303);
  ASSERT_EQ(SignIn(*other_coordinator, "ken@test.example", kPassword), 303);
  ASSERT_EQ(SignIn(*expert, "expert@test.example", kPassword), 303);
  anonymous->Get("/login");

  auto create = [&](HttpClient& c, const std::string& country) -> long long {
    const HttpResponse r =
        c.Send("POST", "/api/rounds",
               nlohmann::json({{"country", country},
                               {"title", "Round of " + country},
                               {"year", 2026},
                               {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                   .dump(),
               "application/json", CsrfHeader(c));
    EXPECT_EQ(r.status, 201) << r.body;
    const long long id = nlohmann::json::parse(r.body)["id"];
    EXPECT_EQ(
        c.PostForm("/rounds/" + std::to_string(id) + "/status", FormWithCsrf(c, "to=open")).status,
        303);
    return id;
  };
  round = create(*coordinator, "ARM");
  other_round = create(*other_coordinator, "KEN");
  auto [link, id] = Invite(*coordinator, round, "ana@gov.example", "Central government");
  respondent_link = link;
  respondent = Client();
  ASSERT_EQ(respondent->Get(link).status, 303);
  respondent->Get("/q/1");
  auto [other_link, other_id] =
      Invite(*other_coordinator, other_round, "kip@gov.example", "Agencies");
  other_respondent = Client();
  ASSERT_EQ(other_respondent->Get(other_link).status, 303);
  other_respondent->Get("/q/1");
  const std::string page = admin->Get("/admin/users").body;
  const size_t at = page.find("spare@test.example");
  const size_t form = page.find("/admin/users/", at);
  spare_user = std::stoll(page.substr(form + 13, page.find('/', form + 13) - form - 13));
}

long long World::PublishRound(const std::string& country, int year, const std::string& value) {
  HttpClient& a = *admin;
  const HttpResponse made =
      a.Send("POST", "/api/rounds",
             nlohmann::json({{"country", country},
                             {"title", "Published " + country + " " + std::to_string(year)},
                             {"year", year},
                             {"instrument", {{"id", "meter"}, {"version", "2.0"}}}})
                 .dump(),
             "application/json", CsrfHeader(a));
  EXPECT_EQ(made.status, 201) << made.body;
  if (made.status != 201) return 0;
  const long long id = nlohmann::json::parse(made.body)["id"];
  const std::string path = "/rounds/" + std::to_string(id);
  EXPECT_EQ(a.PostForm(path + "/status", FormWithCsrf(a, "to=open")).status, 303);
  auto [link, rid] = Invite(a, id, "published-" + std::to_string(id), "Central government");
  HttpClient r(server.port());
  EXPECT_EQ(r.Get(link).status, 303);
  r.Get("/q/1");
  const auto instrument = nlohmann::json::parse(a.Get("/api/instruments/meter/2.0").body);
  for (const auto& pillar : instrument["pillars"]) {
    for (const auto& subarea : pillar["subareas"]) {
      for (const auto& statement : subarea["statements"]) {
        const std::string sid = statement["id"];
        const HttpResponse saved = r.Send("PUT", "/api/answers/" + sid,
                                          nlohmann::json({{"value", value}, {"version", 0}}).dump(),
                                          "application/json", CsrfHeader(r));
        EXPECT_EQ(saved.status, 200) << sid << ": " << saved.body;
      }
    }
  }
  EXPECT_EQ(a.PostForm(path + "/status", FormWithCsrf(a, "to=closed")).status, 303);
  EXPECT_EQ(a.PostForm(path + "/publish", FormWithCsrf(a)).status, 303);
  return id;
}

}  // namespace meter::testing
