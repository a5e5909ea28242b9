// What the web layer tells about its work as it serves (issue 15), for the node's metrics: a narrow
// interface that the app implements over its metrics registry (metrics/), so that web, store and
// core know nothing of Prometheus. The web application calls it for every request it answers and
// for signing in, out and saving; the server (server.h) for connections opened and closed.
//
// Thread-safe: called concurrently by the server's threads; implementations must not block (no
// I/O) and must not throw.
#pragma once

#include <cstddef>
#include <string_view>

namespace meter {

// One request as it was answered.
struct RequestRecord {
  std::string_view method;  // "GET"; a HEAD is counted as itself
  // The route's pattern ("/rounds/:id"), never the raw path: "/static/*" for static files, and
  // "unmatched" for a path no route knows, so that the number of series stays bounded.
  std::string_view route;
  int status = 0;
  double seconds = 0;  // from the request's arrival at the application to its response
  size_t bytes = 0;    // of the response's body as sent (compressed when it was)
};

enum class SignInOutcome { kSuccess, kFailure, kLockout };

class WebObserver {
 public:
  virtual ~WebObserver() = default;
  virtual void OnRequest(const RequestRecord& request) noexcept = 0;
  virtual void OnSignIn(SignInOutcome outcome) noexcept = 0;
  virtual void OnSignOut() noexcept = 0;
  // `answers` answers were stored by one save (a questionnaire page, an autosave, an upload).
  virtual void OnAnswersSaved(size_t answers) noexcept = 0;
  virtual void OnConnectionOpened() noexcept = 0;
  virtual void OnConnectionClosed() noexcept = 0;
};

}  // namespace meter
