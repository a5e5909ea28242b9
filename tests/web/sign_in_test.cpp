// Signing in under attack, over real HTTP (issue 11): parallel wrong passwords cannot get more real
// password checks than the limit (item 4), and an invitation link opened while a session exists
// replaces that session only after a confirmation that carries the session's CSRF token (item 5:
// sign-in CSRF), and the address the limits count is the one --trusted-proxy vouches for (issue 15:
// docs/security.md's threat model).
#include <gmock/gmock.h>

#include <atomic>
#include <thread>

#include "web_world.h"

namespace meter::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Sends `count` wrong-password sign-ins at once, each from its own client (a fresh connection and
// CSRF cookie), for the e-mail that `email_of(i)` gives; returns how many answered each status.
std::map<int, int> ParallelWrongPasswords(int port, int count,
                                          const std::function<std::string(int)>& email_of) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  std::vector<std::string> bodies;
  for (int i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<HttpClient>(port));
    clients.back()->Get("/login");  // the sign-in form's double-submit token
    bodies.push_back(FormWithCsrf(
        *clients.back(),
        "email=" + FormEncode(email_of(i)) + "&password=wrong-password-" + std::to_string(i)));
  }
  std::atomic<int> ready{0};
  std::vector<int> statuses(count);
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < count) std::this_thread::yield();
      statuses[i] = clients[i]->PostForm("/login", bodies[i]).status;
    });
  }
  for (std::thread& t : threads) t.join();
  std::map<int, int> by_status;
  for (int s : statuses) ++by_status[s];
  return by_status;
}

class SignInLimit : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddUser("victim@test.example", "expert", kPassword);
    // Many workers, so that many password checks can run at once, as on a large server.
    server_.serve_args = {"--threads", "8"};
    ASSERT_TRUE(server_.Start()) << server_.log();
  }
  MeterServer server_;
};

// 401 is "wrong password" (a real check ran); 429 is "too many attempts" (no check ran).
TEST_F(SignInLimit, FortyParallelWrongPasswordsForOneAccountGetAtMostFiveChecks) {
  const auto by_status =
      ParallelWrongPasswords(server_.port(), 40, [](int) { return "victim@test.example"; });
  const int checked = by_status.count(401) ? by_status.at(401) : 0;
  const int refused = by_status.count(429) ? by_status.at(429) : 0;
  EXPECT_LE(checked, 5) << "real password checks where the limit is 5";
  EXPECT_EQ(checked + refused, 40) << "every answer is one of the two";
  // The account stays locked from this address for the right password too, and it did not lock
  // the address: the limit per address is 20, and only 5 attempts were recorded.
  HttpClient c(server_.port());
  c.Get("/login");
  EXPECT_EQ(c.PostForm("/login", FormWithCsrf(c, "email=victim%40test.example&password=" +
                                                     FormEncode(kPassword)))
                .status,
            429);
}

TEST_F(SignInLimit, FortyParallelWrongPasswordsFromOneAddressGetAtMostTwentyChecks) {
  const auto by_status = ParallelWrongPasswords(server_.port(), 40, [](int i) {
    return "nobody" + std::to_string(i) + "@test.example";  // 40 accounts, one address
  });
  const int checked = by_status.count(401) ? by_status.at(401) : 0;
  EXPECT_LE(checked, 20) << "real password checks where the limit per address is 20";
  EXPECT_EQ(checked + (by_status.count(429) ? by_status.at(429) : 0), 40);
}

TEST_F(SignInLimit, ASuccessClearsTheAccountAndDoesNotCountAgainstTheAddress) {
  HttpClient c(server_.port());
  c.Get("/login");
  const std::string wrong = "email=victim%40test.example&password=wrong-password-1";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.PostForm("/login", FormWithCsrf(c, wrong)).status, 401);
  EXPECT_EQ(SignIn(c, "victim@test.example", kPassword), 303);
  HttpClient d(server_.port());
  d.Get("/login");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(d.PostForm("/login", FormWithCsrf(d, wrong)).status, 401);
  // The account started afresh after the success, so the sixth is refused; the address (9
  // failures and a success that took back its own attempt) is still under its 20.
  EXPECT_EQ(d.PostForm("/login", FormWithCsrf(d, wrong)).status, 429);
  HttpClient e(server_.port());
  e.Get("/login");
  EXPECT_EQ(e.PostForm("/login", FormWithCsrf(e, "email=other%40test.example&password=x")).status,
            401);
}

// A wrong-password sign-in for an account of its own (so that only the address counts), sent
// with `forwarded` as X-Forwarded-For; returns the status (401 checked, 429 refused unchecked).
int WrongSignInForwardedFor(int port, int i, const std::string& forwarded) {
  HttpClient c(port);
  c.Get("/login");
  const std::string body = FormWithCsrf(
      c, "email=someone" + std::to_string(i) + "%40test.example&password=wrong-password");
  return c
      .Send("POST", "/login", body, "application/x-www-form-urlencoded",
            "X-Forwarded-For: " + forwarded + "\r\n")
      .status;
}

// X-Forwarded-For names the client only on a request from --trusted-proxy, and then only its last
// entry (the address the proxy saw; earlier ones are the client's own claims): behind the proxy
// each client has its own 20 attempts, and nobody spreads guesses over made-up addresses.
TEST(TrustedProxy, OnlyTheTrustedProxysLastForwardedAddressCountsAsTheClient) {
  MeterServer behind_proxy;
  behind_proxy.serve_args = {"--trusted-proxy", "127.0.0.1"};
  ASSERT_TRUE(behind_proxy.Start()) << behind_proxy.log();
  const int port = behind_proxy.port();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(WrongSignInForwardedFor(port, i, "203.0.113." + std::to_string(i) + ", 198.51.100.7"),
              401);
  }
  EXPECT_EQ(WrongSignInForwardedFor(port, 20, "198.51.100.7"), 429);
  EXPECT_EQ(WrongSignInForwardedFor(port, 21, "198.51.100.7, 198.51.100.8"), 401);

  MeterServer direct;  // no --trusted-proxy: the header is the client's word and is ignored
  ASSERT_TRUE(direct.Start()) << direct.log();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(WrongSignInForwardedFor(direct.port(), i, "198.51.100." + std::to_string(i)), 401);
  }
  EXPECT_EQ(WrongSignInForwardedFor(direct.port(), 20, "198.51.100.99"), 429);
}

// Someone who knows an e-mail address cannot lock its owner out: five wrong passwords from one
// address stop that address for that account (the sixth is refused unchecked, even with the right
// password), while the owner, from their own address, signs in.
TEST(SignInLimitPerAddress, FiveFailuresFromOneAddressDoNotLockTheOwnerOutElsewhere) {
  MeterServer server;
  server.AddUser("victim@test.example", "admin", kPassword);
  server.serve_args = {"--trusted-proxy", "127.0.0.1"};
  ASSERT_TRUE(server.Start()) << server.log();
  const auto sign_in = [&](const std::string& password, const std::string& from) {
    HttpClient c(server.port());
    c.Get("/login");
    return c
        .Send("POST", "/login",
              FormWithCsrf(c, "email=victim%40test.example&password=" + FormEncode(password)),
              "application/x-www-form-urlencoded", "X-Forwarded-For: " + from + "\r\n")
        .status;
  };
  for (int i = 0; i < 5; ++i) ASSERT_EQ(sign_in("wrong-password", "203.0.113.66"), 401);
  EXPECT_EQ(sign_in(kPassword, "203.0.113.66"), 429) << "the attacker's address is stopped";
  EXPECT_EQ(sign_in(kPassword, "198.51.100.20"), 303) << "the owner was locked out";
  // An IPv6 client counts as its /64: a new address of the same network is stopped too, so that
  // nobody holding a /64 spreads guesses over its addresses (up to the account's own limit).
  for (int i = 1; i <= 5; ++i) {
    ASSERT_EQ(sign_in("wrong-password", "2001:db8:1:2::" + std::to_string(i)), 401);
  }
  EXPECT_EQ(sign_in("wrong-password", "2001:db8:1:2:abcd::99"), 429);
  EXPECT_EQ(sign_in(kPassword, "2001:db8:1:3::1"), 303) << "another /64 is another client";
}

// Item 5: invitation links over an existing session.
class InvitationOverASession : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    world_->Build();
  }
  static void TearDownTestSuite() { delete world_; }
  // Who the client answers as, by the name the page header shows.
  static std::string Who(HttpClient& c) { return c.Get("/q/1").body; }
  static World* world_;
};
World* InvitationOverASession::world_ = nullptr;

TEST_F(InvitationOverASession, ARespondentStaysThemselvesUntilTheyConfirmWithTheirCsrfToken) {
  World& w = *world_;
  auto [mine, my_id] = w.Invite(*w.coordinator, w.round, "me@gov.example", "Agencies");
  auto [theirs, their_id] = w.Invite(*w.coordinator, w.round, "attacker@gov.example", "Agencies");
  HttpClient me(w.server.port());
  ASSERT_EQ(me.Get(mine).status, 303);
  ASSERT_THAT(Who(me), HasSubstr("me@gov.example"));
  const std::string my_csrf = me.csrf;

  // A cross-site link to someone else's invitation: a confirmation page, nothing replaced.
  const HttpResponse asked = me.Get(theirs);
  EXPECT_EQ(asked.status, 200);
  EXPECT_THAT(asked.body, HasSubstr("Open this invitation?"));
  EXPECT_THAT(asked.body, HasSubstr("You are answering as the respondent me@gov.example"));
  EXPECT_THAT(asked.body, HasSubstr("attacker@gov.example"));
  EXPECT_THAT(asked.body, HasSubstr("method=\"post\" action=\"" + theirs + "\""));
  EXPECT_TRUE(asked.Header("set-cookie").empty()) << "no session cookie was set by the GET";
  EXPECT_THAT(Who(me), HasSubstr("me@gov.example"));
  EXPECT_THAT(Who(me), Not(HasSubstr("attacker@gov.example")));

  // A forged POST (another site cannot know the CSRF token): refused, still themselves.
  EXPECT_EQ(me.PostForm(theirs, "").status, 403);
  EXPECT_EQ(me.PostForm(theirs, "csrf=not-the-token").status, 403);
  EXPECT_THAT(Who(me), HasSubstr("me@gov.example"));

  // Their own link again: they just carry on, with the same session.
  const HttpResponse again = me.Get(mine);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.Header("location"), "/q/1");
  me.Get("/q/1");
  EXPECT_EQ(me.csrf, my_csrf) << "the session was not replaced";

  // Confirmed with the session's token: now they are the other respondent, in a new session.
  const HttpResponse confirmed = me.PostForm(theirs, "csrf=" + FormEncode(my_csrf));
  EXPECT_EQ(confirmed.status, 303);
  EXPECT_EQ(confirmed.Header("location"), "/q/1");
  EXPECT_THAT(Who(me), HasSubstr("attacker@gov.example"));
  EXPECT_NE(me.csrf, my_csrf) << "a new session, with a new token";
}

TEST_F(InvitationOverASession, ASignedInUserIsAskedToo) {
  World& w = *world_;
  auto [link, id] = w.Invite(*w.coordinator, w.round, "asked@gov.example", "Agencies");
  HttpClient coordinator(w.server.port());
  ASSERT_EQ(SignIn(coordinator, "arm@test.example", kPassword), 303);
  const HttpResponse asked = coordinator.Get(link);
  EXPECT_EQ(asked.status, 200);
  EXPECT_THAT(asked.body, HasSubstr("You are signed in as arm@test.example"));
  EXPECT_EQ(coordinator.Get("/rounds").status, 200) << "still the coordinator";
  EXPECT_EQ(coordinator.PostForm(link, "").status, 403);
  EXPECT_EQ(coordinator.Get("/rounds").status, 200);
}

TEST_F(InvitationOverASession, WithoutASessionTheLinkWorksAsBefore) {
  World& w = *world_;
  auto [link, id] = w.Invite(*w.coordinator, w.round, "fresh@gov.example", "Agencies");
  HttpClient fresh(w.server.port());
  const HttpResponse r = fresh.Get(link);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/q/1");
  EXPECT_THAT(Who(fresh), HasSubstr("fresh@gov.example"));
  // An invalid link is refused whoever opens it.
  EXPECT_EQ(fresh.Get("/r/not-a-real-token").status, 404);
  EXPECT_EQ(HttpClient(w.server.port()).PostForm("/r/not-a-real-token", "").status, 403);
}

}  // namespace
}  // namespace meter::testing
