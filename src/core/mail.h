// E-mail as METER writes it: a multipart/alternative message (the plain text, and the same text as
// HTML) in UTF-8 with the headers RFC 5322 and MIME ask for, and the outbox's retry rule. Pure
// functions of their arguments; thread-safe. Sending is the app's (app/smtp_client.h); keeping
// messages until they are sent is the store's (OutboxRepository).
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

// One party of a message: an address (CheckMailAddress) and an optional display name, which may
// be any UTF-8 text (it is quoted or RFC 2047-encoded by FormatAddress).
struct MailAddress {
  std::string address;
  std::string name = "";
};

// `a` as a header value: "addr" without a name, "Name <addr>" for a name of letters, digits and
// spaces, "\"Dr. Name\" <addr>" for other printable ASCII, and encoded words (EncodeHeaderText)
// for anything else. Control characters in the name become spaces.
std::string FormatAddress(const MailAddress& a);

// What a message says: its subject, its plain text (lines end with '\n'; a line that is a URL
// alone becomes a link in the HTML) and the language it is written in (for the HTML's lang and
// dir).
struct MailContent {
  std::string subject;
  std::string text;
  std::string language = "en";
};

// The HTML part of `content`: a whole document in `content.language` (dir="rtl" for Arabic) with
// the subject as its title, each paragraph (text between blank lines) a <p>, line breaks <br>,
// and every http(s) URL a link. Everything else is escaped: no text can become markup.
std::string MailHtml(const MailContent& content);

// The Message-ID of outbox message `id` queued at `created_at`, for a sender `from`: unique among
// an installation's messages and the same on every retry (so that a receiver may tell a resend),
// "meter-ID-CREATED@DOMAIN" with the sender's domain ("meter.invalid" when it has none).
std::string OutboxMessageId(long long id, Seconds created_at, const std::string& from);

// The whole message, ready for SMTP's DATA, CRLF throughout, every line at most 78 characters:
// Date (MailDate), Message-ID (between angle brackets), From and To (FormatAddress), Subject
// (EncodeHeaderText), MIME-Version 1.0, and a multipart/alternative body of the text (text/plain)
// and MailHtml (text/html), each "charset=UTF-8" and quoted-printable. The boundary holds "=_",
// which quoted-printable never leaves in a body, so it cannot occur in either part. The addresses
// are checked by the caller.
std::string FormatMail(const MailAddress& from, const MailAddress& to, const MailContent& content,
                       Seconds date, const std::string& message_id);

}  // namespace meter
