// The HTTP vocabulary of the web layer, independent of the server library: a request as handlers
// see it, a response as they build it, form and cookie decoding, and the one mapping from ErrorCode
// to an HTTP status. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/problem.h"

namespace meter {

inline constexpr size_t kMaxBodyBytes = 1024 * 1024;
// Issue 14: a form that uploads a file (multipart/form-data) may carry up to this much, so that
// the file itself can reach its reader, which refuses more than 10 MiB with a message of its own
// (report/xlsx_reader.h) rather than the request being cut off.
inline constexpr size_t kMaxUploadBodyBytes = 11 * 1024 * 1024;

struct Request {
  std::string method;  // "GET", "POST"…
  std::string path;    // the path as sent (percent-encoded), without the query
  std::string query;   // the raw query string, without '?'
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;

  // A header's value, or "".
  const std::string& Header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Html(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, std::string content_type, int status = 200);
  static Response Redirect(const std::string& location);  // 303 See Other
};

// Name → value pairs from a form body or a query string; a name may repeat.
using Form = std::multimap<std::string, std::string>;

// Decodes application/x-www-form-urlencoded text. kInvalidInput, naming the field, for a malformed
// percent escape, a value that is not UTF-8, a control character (core/text_rules.h: a field for
// which `multi_line` says true may hold line breaks and tabs, every other field is one line), or
// more than kMaxFormFields fields. Nothing of a refused form reaches a handler.
Result<Form> ParseForm(std::string_view text, bool (*multi_line)(std::string_view name) = nullptr);
// The site's fields of several lines (a questionnaire comment "c:<statement>", a knowledge entry's
// summary, body and sources): the one table of them, for ParseForm on form bodies.
bool IsMultiLineField(std::string_view name);
// The first value of `name`, or "".
std::string FormValue(const Form& form, const std::string& name);
// Every value of `name`, in order.
std::vector<std::string> FormValues(const Form& form, const std::string& name);

// The version a form's edit started from (a hidden field, for optimistic concurrency): the value
// of `name` as a whole number from 0, or nullopt when it is missing or anything else (then the
// handler refuses the form: without it the conflict check could not be made).
std::optional<int64_t> FormVersion(const Form& form, const std::string& name);
// The problem of a form without a usable version, at field `name`.
Problem VersionProblem(const std::string& name);

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& cookie_header, const std::string& name);

// "%XX"-escapes everything but unreserved characters, for query strings and paths.
std::string UrlEncode(std::string_view text);
// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

// 400 invalid input, 404 not found, 409 conflict, 503 unavailable, 507 storage full, 500 internal.
int HttpStatusFor(ErrorCode code);

// True for a path on this site ("/rounds/3"), false for anything that could leave it
// ("//evil.example", "https://…", "/\\evil"): used for redirects after login.
bool IsLocalPath(const std::string& path);

}  // namespace meter
