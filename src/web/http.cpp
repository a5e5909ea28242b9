#include "web/http.h"

#include <cctype>

#include "core/limits.h"
#include "core/text.h"
#include "core/text_rules.h"
#include "core/utf8.h"

namespace meter {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one urlencoded component; false on a malformed escape.
bool Decode(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%') {
      const int hi = i + 1 < in.size() ? HexDigit(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? HexDigit(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return true;
}

}  // namespace

const std::string& Request::Header(const std::string& lower_name) const {
  static const std::string kEmpty;
  auto it = headers.find(lower_name);
  return it == headers.end() ? kEmpty : it->second;
}

Response Response::Html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::Json(std::string body, int status) {
  return Text(std::move(body), "application/json; charset=utf-8", status);
}

Response Response::Text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::Redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", location);
  return r;
}

Result<Form> ParseForm(std::string_view text, bool (*multi_line)(std::string_view name)) {
  Form form;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view pair = text.substr(start, end - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      std::string name, value;
      const std::string_view raw_name = pair.substr(0, eq);
      if (!Decode(raw_name, name)) {
        return Error::Of(ErrorCode::kInvalidInput, "",
                         METER_N("malformed form encoding near '{1}'"),
                         {ToValidUtf8(raw_name.substr(0, 40))});
      }
      // The field is named only when its name is text: the message goes into pages and JSON.
      const bool name_ok = !TextProblem("", name, TextShape::kLine);
      if (eq != std::string_view::npos && !Decode(pair.substr(eq + 1), value)) {
        return Error::Of(ErrorCode::kInvalidInput, name_ok ? name : "",
                         METER_N("malformed form encoding in this field"));
      }
      if (!name_ok) {
        return Error::Of(ErrorCode::kInvalidInput, "",
                         METER_N("a field name is not valid UTF-8 or holds a control character"));
      }
      // A multi-line field (a comment, a knowledge body) has a rule of its own that refuses a
      // control character beside the field and keeps the rest of the form; here only its
      // encoding is checked, so that one pasted control character does not lose a whole page.
      const bool lines = multi_line && multi_line(name);
      if (!lines || FindInvalidUtf8(value) != std::string::npos) {
        if (auto problem = TextProblem(name, value, lines ? TextShape::kLines : TextShape::kLine))
          return Error{ErrorCode::kInvalidInput, {std::move(*problem)}};
      }
      if (form.size() == kMaxFormFields) {
        return Error::Of(
            ErrorCode::kInvalidInput, "",
            METER_NP("the form has more than {1} field", "the form has more than {1} fields"),
            kMaxFormFields, {std::to_string(kMaxFormFields)});
      }
      form.emplace(std::move(name), std::move(value));
    }
    start = end + 1;
  }
  return form;
}

bool IsMultiLineField(std::string_view name) {
  // "sent-c:" is a questionnaire comment carried back after a conflict (questionnaire_problems).
  // The expert channel's proposal form: texts, overviews and actions (one per line) by language,
  // its rationale and sources; its comments.
  return name.starts_with("c:") || name.starts_with("sent-c:") || name == "summary" ||
         name == "body" || name == "sources" || name == "rationale" || name == "comment" ||
         name.starts_with("text_") || name.starts_with("overview_") || name.starts_with("actions_");
}

std::string FormValue(const Form& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

std::vector<std::string> FormValues(const Form& form, const std::string& name) {
  std::vector<std::string> out;
  auto [from, to] = form.equal_range(name);
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

std::optional<int64_t> FormVersion(const Form& form, const std::string& name) {
  const std::string text = FormValue(form, name);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

Problem VersionProblem(const std::string& name) {
  return {name,
          METER_N("the form does not say which version it changes; open the page again, "
                  "then make the change"),
          {}};
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const size_t end = header.find(';', pos);
    const std::string item =
        header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    const size_t eq = item.find('=');
    if (eq != std::string::npos && item.substr(0, eq) == name) return item.substr(eq + 1);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "";
}

std::string UrlEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) { return EscapeMarkup(text); }

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kStorageFull:
      // 507 Insufficient Storage (RFC 4918): "unable to store the representation needed to
      // complete the request", which is exactly a full disk. Not 503: that says "overloaded or in
      // maintenance, retry shortly", while this needs an operator to free space; a distinct status
      // lets the access log and monitoring tell a full disk from a database that is away.
      return 507;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

bool IsLocalPath(const std::string& path) {
  if (path.empty() || path[0] != '/' || (path.size() > 1 && path[1] == '/')) return false;
  // Browsers drop tabs and line breaks from URLs and read a backslash as '/', so
  // "/<tab>/evil.example" would leave the site: refuse every control character and backslash.
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7F || c == '\\') return false;
  }
  return true;
}

}  // namespace meter
