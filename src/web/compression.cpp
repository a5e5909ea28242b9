#include "web/compression.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <restinio/transforms/zlib.hpp>

namespace meter {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// True unless the parameters of one Accept-Encoding item say q=0 (or 0.0…).
bool QualityAboveZero(std::string_view params) {
  const size_t q = params.find("q=");
  if (q == std::string_view::npos) return true;
  const std::string_view value = Trim(params.substr(q + 2));
  return value.find_first_not_of("0.") != std::string_view::npos;
}

bool HasHeader(const Response& r, const char* name) {
  return std::any_of(r.headers.begin(), r.headers.end(),
                     [name](const auto& h) { return EqualsNoCase(h.first, name); });
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    const std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const size_t semicolon = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semicolon));
    if (EqualsNoCase(coding, "gzip") || EqualsNoCase(coding, "x-gzip") || coding == "*") {
      return semicolon == std::string_view::npos || QualityAboveZero(item.substr(semicolon + 1));
    }
  }
  return false;
}

bool Compressible(std::string_view type) {
  static constexpr std::array<std::string_view, 8> kTypes = {
      "text/",           "application/json",    "application/javascript",
      "image/svg+xml",   "application/xml",     "application/vnd.sdmx",
      "application/csv", "application/atom+xml"};  // issue 13: the feed
  return std::any_of(kTypes.begin(), kTypes.end(),
                     [type](std::string_view t) { return type.rfind(t, 0) == 0; });
}

std::string Gzip(std::string_view body, int level) {
  return restinio::transforms::zlib::gzip_compress(body, level);
}

void CompressForClient(const Request& request, Response& response) {
  // A response with an ETag (a static file) chose its encoding already.
  if (!Compressible(response.content_type) || HasHeader(response, "ETag")) return;
  if (!HasHeader(response, "Vary")) response.headers.emplace_back("Vary", "Accept-Encoding");
  if (response.body.size() < kMinCompressedBytes || HasHeader(response, "Content-Encoding") ||
      !AcceptsGzip(request.Header("accept-encoding")))
    return;
  response.body = Gzip(response.body, 1);
  response.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace meter
