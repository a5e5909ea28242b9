#include "web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/compression.h"
#include "web/security.h"

namespace meter {
namespace {

constexpr size_t kHashDigits = 16;
constexpr const char* kImmutable = "public, max-age=31536000, immutable";
// A plain URL may change meaning with the next release: a short life, then revalidation.
constexpr const char* kRevalidate = "public, max-age=300";

const char* ContentTypeOf(const std::string& path) {
  static const std::map<std::string, const char*> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".ico", "image/x-icon"}};
  const size_t dot = path.rfind('.');
  if (dot != std::string::npos) {
    if (auto it = kTypes.find(path.substr(dot)); it != kTypes.end()) return it->second;
  }
  return "application/octet-stream";
}

// "name.HASH.ext" for "name.ext" (or "name.HASH" for "name").
std::string WithHash(const std::string& name, const std::string& hash) {
  const size_t slash = name.rfind('/');
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return name + "." + hash;
  return name.substr(0, dot) + "." + hash + name.substr(dot);
}

bool IsHash(const std::string& s) {
  return s.size() == kHashDigits && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// True when an If-None-Match value names this file's ETag ("HASH" or "HASH-gz", weak or not), or
// is "*".
bool Matches(const std::string& if_none_match, const std::string& hash) {
  if (if_none_match.find('*') != std::string::npos) return true;
  for (const char* suffix : {"\"", "-gz\""}) {
    if (if_none_match.find("\"" + hash + suffix) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& static_dir, const std::string& uswds_dir) {
  LoadFolder(static_dir, "");
  LoadFolder(uswds_dir, "uswds/");
}

void StaticFiles::LoadFolder(const std::string& folder, const std::string& prefix) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (folder.empty() || !fs::is_directory(folder, ec)) return;
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) continue;
    File file;
    const std::string name = prefix + fs::relative(it->path(), folder, ec).generic_string();
    file.content_type = ContentTypeOf(name);
    file.body = bytes.str();
    file.hash = Sha256Hex(file.body).substr(0, kHashDigits);
    if (Compressible(file.content_type) && file.body.size() >= kMinCompressedBytes) {
      file.gzip = Gzip(file.body, 9);
      if (file.gzip.size() >= file.body.size()) file.gzip.clear();
    }
    files_[name] = std::move(file);
  }
}

std::string StaticFiles::Url(const std::string& name) const {
  auto it = files_.find(name);
  return "/static/" + (it == files_.end() ? name : WithHash(name, it->second.hash));
}

const StaticFiles::File* StaticFiles::Find(const std::string& rest, bool& hashed) const {
  hashed = false;
  if (auto it = files_.find(rest); it != files_.end()) return &it->second;
  // "name.HASH.ext" or "name.HASH": the file "name.ext" or "name".
  const size_t last_dot = rest.rfind('.');
  if (last_dot == std::string::npos) return nullptr;
  const size_t hash_dot =
      IsHash(rest.substr(last_dot + 1)) ? last_dot : rest.rfind('.', last_dot - 1);
  if (hash_dot == std::string::npos || last_dot == 0) return nullptr;
  const size_t hash_end = hash_dot == last_dot ? rest.size() : last_dot;
  const std::string hash = rest.substr(hash_dot + 1, hash_end - hash_dot - 1);
  if (!IsHash(hash)) return nullptr;
  auto it = files_.find(rest.substr(0, hash_dot) + rest.substr(hash_end));
  if (it == files_.end()) return nullptr;
  // An older hash (a page rendered by the previous release) gets today's file, briefly cached.
  hashed = it->second.hash == hash;
  return &it->second;
}

Response StaticFiles::Serve(const std::string& rest, const Request& request) const {
  bool hashed = false;
  const File* file = Find(rest, hashed);
  if (!file) return Response::Text("not found\n", "text/plain; charset=utf-8", 404);
  const bool gzip = !file->gzip.empty() && AcceptsGzip(request.Header("accept-encoding"));
  Response r;
  r.content_type = file->content_type;
  r.headers.emplace_back("ETag", "\"" + file->hash + (gzip ? "-gz" : "") + "\"");
  r.headers.emplace_back("Cache-Control", hashed ? kImmutable : kRevalidate);
  if (!file->gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (Matches(request.Header("if-none-match"), file->hash)) {
    r.status = 304;
    return r;
  }
  if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
  r.body = gzip ? file->gzip : file->body;
  return r;
}

}  // namespace meter
