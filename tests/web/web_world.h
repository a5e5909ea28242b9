// One running server shared by the integration tests of a suite, with the people of a small world:
// an admin, a coordinator of Armenia, a coordinator of Kenya, an expert, and two respondents in
// open rounds, one in each country. Each person has their own HTTP client (their own cookies).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "server_fixture.h"

namespace meter::testing {

inline const std::string kPassword = "a-long-test-password-1";

struct World {
  // On a fresh SQLite file, or on `db_url` (a file on a small filesystem, a PostgreSQL database).
  explicit World(const std::string& db_url = "") : server(db_url) {}

  MeterServer server;
  std::unique_ptr<HttpClient> anonymous, admin, coordinator, other_coordinator, expert, respondent,
      other_respondent;
  long long round = 0, other_round = 0;
  long long spare_user = 0;
  std::string respondent_link;

  // Builds everything; fails the current test on any step that does not work.
  void Build();
  // A new respondent of `round_id` invited by the Armenian (or Kenyan) coordinator; returns the
  // link path ("/r/…") and the respondent's id.
  std::pair<std::string, long long> Invite(HttpClient& coordinator, long long round_id,
                                           const std::string& name, const std::string& group);
  // The same through the round page's form, as a coordinator's browser does it: the POST redirects
  // (303) to the round page, which shows the link once. Returns the link path, or "" (and fails
  // the current test) when any step differs.
  std::string InviteByForm(HttpClient& coordinator, long long round_id, const std::string& name,
                           const std::string& group);
  // A one-time password link for the user, made by the admin; returns its path ("/password/…").
  std::string ResetLink(long long user_id);
  std::unique_ptr<HttpClient> Client() { return std::make_unique<HttpClient>(server.port()); }
  // Issue 13: a knowledge entry made in the web is its author's draft until reviewed. Submits the
  // entry at `path` ("/knowledge/…") as `author` and approves it as the admin, through the entry
  // page's forms; fails the current test on any step that does not work.
  void PublishKnowledge(HttpClient& author, const std::string& path);
  // Issue 13: a round of `country` in `year` (METER 2.0, made by the admin) where one respondent
  // gives every statement the level `value` ("2": 50 in every unit), then closed and published.
  // Returns its id; fails the current test on any step that does not work.
  long long PublishRound(const std::string& country, int year, const std::string& value);
};

// The version a page's form carries (name="version"), or "".
std::string VersionOn(const std::string& page);

// The invitation link path ("/r/…") a round page shows once after an invitation or a new link, or
// "" when it shows none.
std::string LinkShownOn(const std::string& page);
// A form body with the client's CSRF token and the given fields.
std::string FormWithCsrf(const HttpClient& client, const std::string& fields = "");
// The header line that carries the client's CSRF token for the JSON API.
std::string CsrfHeader(const HttpClient& client);

// Issue 14: a multipart/form-data body, as a browser sends a form with a file: the text `fields`
// (a "{csrf}" value is kept for the caller to fill in), then `content` as the file `filename` of
// the field "file". Sent with kMultipartType.
inline constexpr const char* kMultipartType = "multipart/form-data; boundary=meter-test-boundary";
std::string MultipartBody(const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::string& filename, const std::string& content);

}  // namespace meter::testing
