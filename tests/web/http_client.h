// A small blocking HTTP/1.1 client for the integration tests: one connection per request
// (Connection: close), Content-Length bodies, and a cookie jar per client.
#pragma once

#include <map>
#include <string>

namespace meter::testing {

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string Header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}

  HttpResponse Get(const std::string& path) { return Send("GET", path, "", ""); }
  HttpResponse PostForm(const std::string& path, const std::string& body) {
    return Send("POST", path, body, "application/x-www-form-urlencoded");
  }
  HttpResponse SendJson(const std::string& method, const std::string& path,
                        const std::string& body) {
    return Send(method, path, body, "application/json");
  }
  // Sends a request; `extra_headers` are raw "Name: value\r\n" lines. Cookies in the jar are sent
  // and Set-Cookie answers stored. A connection failure gives status 0.
  HttpResponse Send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& content_type, const std::string& extra_headers = "");

  std::map<std::string, std::string>& cookies() { return cookies_; }
  // The CSRF token of the session, from the last page's <meta name="csrf-token">.
  std::string csrf;

 private:
  int port_;
  std::map<std::string, std::string> cookies_;
};

// Percent-encodes a form value.
std::string FormEncode(const std::string& text);

}  // namespace meter::testing
