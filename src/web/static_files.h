// The static files: web/static (served as /static/NAME) and USWDS's dist folder (as
// /static/uswds/NAME), read once when the server starts and kept in memory with their gzip form
// (made once, at the highest level), a content hash and an ETag.
//
// Pages reference them by Url(), which puts the content hash in the file name
// ("/static/meter.1f2e3d4c5b6a7988.css"): such a URL never changes meaning, so it is cached for a
// year as immutable, and a new release changes the URL. The plain URL ("/static/meter.css", and
// what USWDS's CSS references relatively, its images) still works with a short max-age, and every
// answer carries an ETag, so a browser revalidates with If-None-Match and gets 304.
//
// Why at start rather than at build time: the files served are exactly those on disk when the
// server starts, whatever installed them (the setup script, a package, an operator editing
// meter.css), with no precompressed copies to keep in step; compressing ~1.4 MB once takes well
// under a second.
//
// Only files found at start are served: a directory, an empty name, "..", a percent-encoded name
// or a file added later is 404. Thread-safe after construction (read-only).
#pragma once

#include <map>
#include <string>

#include "web/http.h"

namespace meter {

class StaticFiles {
 public:
  // Reads every regular file under both folders (recursively). A missing or unreadable folder or
  // file is left out (the pages then miss their styles, which shows at once).
  StaticFiles(const std::string& static_dir, const std::string& uswds_dir);

  // The URL of `name` ("meter.css", "uswds/css/uswds.min.css") with its content hash, or the plain
  // "/static/NAME" when there is no such file.
  std::string Url(const std::string& name) const;

  // The answer to GET (or HEAD) of "/static/" + `rest`: the file (gzip when `request` accepts it
  // and it compresses), 304 when If-None-Match names its ETag, or 404.
  Response Serve(const std::string& rest, const Request& request) const;

  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip;  // empty when the type does not compress or gzip does not make it smaller
    std::string hash;  // 16 hex digits of the SHA-256 of body
  };
  void LoadFolder(const std::string& folder, const std::string& prefix);
  // The file named by `rest` and whether `rest` carried its current hash; nullptr when none.
  const File* Find(const std::string& rest, bool& hashed) const;

  std::map<std::string, File> files_;  // by name relative to /static/
};

}  // namespace meter
