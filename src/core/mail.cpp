#include "core/mail.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace meter {

Seconds RetryDelay(int attempts) {
  constexpr Seconds kFirst = 60, kMost = 6 * 3600;
  Seconds delay = kFirst;
  for (int i = 1; i < attempts && delay < kMost; ++i) delay *= 2;
  return std::min(delay, kMost);
}

Result<bool> CheckMailAddress(const std::string& address, const std::string& field) {
  const size_t at = address.find('@');
  const bool shaped = at != std::string::npos && at > 0 && at + 1 < address.size() &&
                      address.find('@', at + 1) == std::string::npos && address.size() <= 254;
  const bool clean = std::none_of(address.begin(), address.end(), [](unsigned char c) {
    return c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == '"' || c == '\'';
  });
  if (shaped && clean) return true;
  return Error::Of(ErrorCode::kInvalidInput, field,
                   METER_N("'{1}' is not an e-mail address such as name@example.org"), {address});
}

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[v >> 18 & 63];
    out += kBase64[v >> 12 & 63];
    out += i + 1 < bytes.size() ? kBase64[v >> 6 & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64[v & 63] : '=';
  }
  return out;
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

std::string EncodeHeaderText(const std::string& text) {
  const bool plain =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
  if (plain) return text;
  // 39 bytes of text are 52 in base64, so each encoded word is 64 characters: with "Subject: "
  // before the first, every line stays within the 76 that RFC 2047 allows.
  constexpr size_t kChunk = 39;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      const size_t next = end + SequenceLength(static_cast<unsigned char>(text[end]));
      if (next - i > kChunk) break;
      end = next;
    }
    if (end == i) end = std::min(text.size(), i + SequenceLength(text[i]));
    if (!out.empty()) out += "\r\n ";
    std::string piece = text.substr(i, end - i);
    // Control characters (a line break) never reach a header.
    std::replace_if(
        piece.begin(), piece.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    out += "=?UTF-8?B?" + Base64(piece) + "?=";
    i = end;
  }
  return out;
}

std::string QuotedPrintable(const std::string& body) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out, line;
  auto flush = [&](bool soft) {
    out += line + (soft ? "=\r\n" : "\r\n");
    line.clear();
  };
  for (size_t i = 0; i < body.size(); ++i) {
    const unsigned char c = body[i];
    if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') continue;
    if (c == '\n') {
      // Trailing white space is encoded, as transports may strip it.
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        const char last = line.back();
        line.pop_back();
        line += std::string("=") + kHex[last >> 4] + kHex[last & 15];
      }
      flush(false);
      continue;
    }
    std::string piece;
    const bool literal = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
    if (literal && !(c == '.' && line.empty())) {
      piece = std::string(1, static_cast<char>(c));
    } else {
      piece = std::string("=") + kHex[c >> 4] + kHex[c & 15];
    }
    if (line.size() + piece.size() > 73) flush(true);  // room for an encoded last space
    if (piece == "." && line.empty()) piece = "=2E";   // after a soft break, too
    line += piece;
  }
  if (!line.empty()) flush(false);
  return out;
}

std::string MailDate(Seconds at) {
  static const std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

namespace {

bool IsAtext(unsigned char c) { return std::isalnum(c) || c == ' ' || c == '-'; }

// "Name: value" with `value` folded at spaces (or before an encoded word) so that no line passes
// 78 characters where a space allows; CRLF at the end.
std::string Header(const std::string& name, const std::string& value) {
  std::string out = name + ": ";
  size_t line = out.size();
  size_t i = 0;
  while (i < value.size()) {
    if (value.compare(i, 3, "\r\n ") == 0) {  // already folded (encoded words)
      out += "\r\n ";
      line = 1;
      i += 3;
      continue;
    }
    size_t end = value.find_first_of(" \r", i + 1);
    if (end == std::string::npos) end = value.size();
    const std::string word = value.substr(i, end - i);  // with its leading space, if any
    if (line + word.size() > 78 && line > 1 && word[0] == ' ') {
      out += "\r\n";
      line = 0;
    }
    out += word;
    line += word.size();
    i = end;
  }
  return out + "\r\n";
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One line of text as HTML: escaped, with each http(s) URL (up to the next space) a link.
std::string HtmlLine(const std::string& line) {
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    size_t url = std::min(line.find("https://", i), line.find("http://", i));
    if (url == std::string::npos) {
      out += EscapeHtml(line.substr(i));
      break;
    }
    size_t end = line.find_first_of(" \t", url);
    if (end == std::string::npos) end = line.size();
    // A sentence's last full stop or comma is not part of the link.
    while (end > url && (line[end - 1] == '.' || line[end - 1] == ',')) --end;
    const std::string href = EscapeHtml(line.substr(url, end - url));
    out += EscapeHtml(line.substr(i, url - i)) + "<a href=\"" + href + "\">" + href + "</a>";
    i = end;
  }
  return out;
}

}  // namespace

std::string FormatAddress(const MailAddress& a) {
  std::string name = a.name;
  std::replace_if(
      name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }, ' ');
  if (name.find_first_not_of(' ') == std::string::npos) return a.address;
  const bool atext = std::all_of(name.begin(), name.end(), [](char c) { return IsAtext(c); });
  const bool ascii =
      std::all_of(name.begin(), name.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
  std::string shown;
  if (atext) {
    shown = name;
  } else if (ascii) {
    shown = "\"";
    for (char c : name)
      shown += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    shown += "\"";
  } else {
    shown = EncodeHeaderText(name);
  }
  return shown + " <" + a.address + ">";
}

std::string MailHtml(const MailContent& content) {
  const std::string lang = content.language.empty() ? "en" : content.language;
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + EscapeHtml(lang) + "\"" +
                    (lang == "ar" ? " dir=\"rtl\"" : "") +
                    ">\n<head>\n<meta charset=\"utf-8\">\n<title>" + EscapeHtml(content.subject) +
                    "</title>\n</head>\n<body>\n";
  std::string paragraph;
  auto end_paragraph = [&] {
    if (!paragraph.empty()) out += "<p>" + paragraph + "</p>\n";
    paragraph.clear();
  };
  size_t start = 0;
  while (start <= content.text.size()) {
    size_t end = content.text.find('\n', start);
    if (end == std::string::npos) end = content.text.size();
    std::string line = content.text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      end_paragraph();
    } else {
      paragraph += (paragraph.empty() ? "" : "<br>\n") + HtmlLine(line);
    }
    start = end + 1;
  }
  end_paragraph();
  return out + "</body>\n</html>\n";
}

std::string OutboxMessageId(long long id, Seconds created_at, const std::string& from) {
  const size_t at = from.rfind('@');
  const std::string domain =
      at == std::string::npos || at + 1 == from.size() ? "meter.invalid" : from.substr(at + 1);
  return "meter-" + std::to_string(id) + "-" + std::to_string(created_at) + "@" + domain;
}

std::string FormatMail(const MailAddress& from, const MailAddress& to, const MailContent& content,
                       Seconds date, const std::string& message_id) {
  const std::string boundary = "=_meter_alternative_" + message_id.substr(0, message_id.find('@'));
  std::string out;
  out += Header("Date", MailDate(date));
  out += Header("Message-ID", "<" + message_id + ">");
  out += Header("From", FormatAddress(from));
  out += Header("To", FormatAddress(to));
  out += Header("Subject", EncodeHeaderText(content.subject));
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "This is a message in MIME format: a plain text part and an HTML part.\r\n";
  auto part = [&](const char* type, const std::string& body) {
    out += "\r\n--" + boundary + "\r\n";
    out += std::string("Content-Type: ") + type + "; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += QuotedPrintable(body);
  };
  part("text/plain", content.text);
  part("text/html", MailHtml(content));
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace meter
