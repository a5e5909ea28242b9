// Helpers for the tests that walk the whole route table (injection, CSRF, security headers): a
// concrete path for a route pattern, the caller a route is meant for, and a valid request body for
// every route that writes. A route of RouteTable() without a body here makes those tests fail, so
// a new route cannot escape them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "web_world.h"

namespace meter::testing {

// Who a route is meant for, so that a sweep reaches its handler rather than a 403.
enum class Caller { kAnonymous, kAdmin, kRespondent };

// One field of a request body: a form field, or a JSON member (`json_number` when the member is a
// number in a valid request).
struct Field {
  std::string name;
  std::string value;
  bool json_number = false;
};

// A valid request to one route of the table, before its parameters are filled in.
struct RouteCall {
  std::string method, pattern;
  Caller caller = Caller::kAdmin;
  bool json = false;  // a JSON body (the API) instead of a form
  std::vector<Field> fields;
};

// The values a sweep gives the route parameters (":id" → "12").
using RouteParams = std::map<std::string, std::string>;

// `pattern` with each ":name" segment replaced by the percent-encoded value of `params` (or of
// `override_value` for the parameter named `override_name`).
std::string ConcretePath(const std::string& pattern, const RouteParams& params,
                         const std::string& override_name = "",
                         const std::string& override_value = "");

// The names of the ":name" segments of `pattern`, in order.
std::vector<std::string> ParamNames(const std::string& pattern);

// A valid call for every route of RouteTable(): GET routes with no fields, writes with the
// fields their handlers read.
std::vector<RouteCall> EveryRoute();
// The call of EveryRoute() for one route; fails the test (and returns an empty call) when absent.
RouteCall CallFor(const std::string& method, const std::string& pattern);

// The request body of `call` with `fields` (form encoding, or a JSON object), and the CSRF token
// of `client` when `with_csrf`.
std::string BodyOf(const RouteCall& call, const std::vector<Field>& fields,
                   const HttpClient& client, bool with_csrf);

// Sends `call` with `fields` to `path` as `client`; with the CSRF token (form field or header)
// when `with_csrf`.
HttpResponse SendCall(HttpClient& client, const RouteCall& call, const std::string& path,
                      const std::vector<Field>& fields, bool with_csrf);

}  // namespace meter::testing
