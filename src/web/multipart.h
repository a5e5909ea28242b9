// Issue 14: a multipart/form-data body (RFC 7578), for forms that upload a file. The parts are
// split and their headers read with RESTinio's multipart helpers; this gives them to handlers in
// the web layer's own vocabulary. Plain values; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/problem.h"
#include "web/http.h"

namespace meter {

// One uploaded file: the name the browser gave it (only for messages; never a path to use) and
// its bytes.
struct UploadedFile {
  std::string filename;
  std::string content;
};

struct MultipartForm {
  Form fields;                                // the text fields, decoded as ParseForm does
  std::map<std::string, UploadedFile> files;  // by field name; the first file of a name
};

// Decodes `body` sent with `content_type` ("multipart/form-data; boundary=…"). kInvalidInput for
// a missing or bad boundary, a body that does not split into parts, a part without a form-data
// name, a text field that is not UTF-8 or holds a control character (as ParseForm, with
// `multi_line`), or more than kMaxFormFields parts. The caller bounds the body's size.
Result<MultipartForm> ParseMultipartForm(std::string_view content_type, std::string_view body,
                                         bool (*multi_line)(std::string_view name) = nullptr);

}  // namespace meter
