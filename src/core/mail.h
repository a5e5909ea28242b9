// E-mail as METER writes it: plain text in UTF-8 with the headers RFC 5322 asks for, and the
// outbox's retry rule. Pure functions of their arguments; thread-safe. Sending is the app's
// (app/smtp_client.h); keeping messages until they are sent is the store's (OutboxRepository).
#pragma once

#include <optional>
#include <string>

#include "core/domain.h"
#include "core/problem.h"

namespace meter {

// How many times the outbox tries a message before it gives up and marks it failed.
inline constexpr int kMaxMailAttempts = 8;

// The wait before attempt `attempts` + 1 after `attempts` failed ones (1 or more): one minute,
// doubled after each failure, at most six hours.
Seconds RetryDelay(int attempts);

// kInvalidInput naming `field` unless `address` is one plain address ("name@example.org"): one
// '@' with text on both sides, at most 254 bytes, no space, control character, '<', '>', ',' or
// quote (which would let it reach other recipients or headers).
Result<bool> CheckMailAddress(const std::string& address, const std::string& field);

// `text` as an RFC 2047 header value: as it is when it is printable ASCII, else as UTF-8 "B"
// encoded words of 64 characters at most (never splitting a character), folded onto
// continuation lines.
std::string EncodeHeaderText(const std::string& text);

// `body` in quoted-printable (RFC 2045), with CRLF line ends and lines of at most 76 characters;
// a '.' that starts a line is encoded too, so that no SMTP line is a lone '.'.
std::string QuotedPrintable(const std::string& body);

// "Thu, 03 Dec 2026 17:53:43 +0000" (RFC 5322 §3.3), in English whatever the locale.
std::string MailDate(Seconds at);

// The whole message, ready for SMTP's DATA: Date, Message-ID, From, To, Subject (EncodeHeaderText),
// MIME-Version, Content-Type text/plain; charset=utf-8 and quoted-printable body, CRLF throughout.
// `message_id` is written between angle brackets. The addresses are checked by the caller.
std::string FormatMail(const std::string& from, const std::string& to, const std::string& subject,
                       const std::string& body, Seconds date, const std::string& message_id);

}  // namespace meter
