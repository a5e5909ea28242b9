#include "core/mail.h"

#include <algorithm>
#include <array>
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

std::string FormatMail(const std::string& from, const std::string& to, const std::string& subject,
                       const std::string& body, Seconds date, const std::string& message_id) {
  std::string out;
  out += "Date: " + MailDate(date) + "\r\n";
  out += "Message-ID: <" + message_id + ">\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + EncodeHeaderText(subject) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += QuotedPrintable(body);
  return out;
}

}  // namespace meter
