// gzip for HTTP responses (RESTinio's zlib transform): which clients accept it, which media types
// are worth it, and the compression itself. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "web/http.h"

namespace meter {

// Bodies shorter than this go out as they are: gzip's header and the CPU cost outweigh the gain.
inline constexpr size_t kMinCompressedBytes = 1024;

// True when an Accept-Encoding header value accepts gzip ("gzip", "x-gzip" or "*" without q=0).
bool AcceptsGzip(std::string_view accept_encoding);

// True for text that compresses (HTML, CSS, JavaScript, JSON, CSV, SVG, plain text); false for
// formats that are compressed already (PDF, XLSX, PNG, fonts) and anything unknown.
bool Compressible(std::string_view content_type);

// `body` as gzip at `level` (1 fastest … 9 smallest).
std::string Gzip(std::string_view body, int level);

// For a response built by the web application: adds "Vary: Accept-Encoding" to every compressible
// response, and gzips the body (level 1: it is done per request) with "Content-Encoding: gzip" when
// `request` accepts it, the body has at least kMinCompressedBytes and it is not encoded already.
void CompressForClient(const Request& request, Response& response);

}  // namespace meter
