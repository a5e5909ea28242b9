// Sends one e-mail through an SMTP relay, with libcurl. The outbox worker (mail_worker.h) calls it
// for each message it claimed; nothing here knows the outbox.
//
// smtp://host:port speaks plain SMTP and switches to TLS with STARTTLS when the server offers it,
// verifying the server's certificate (a relay that offers STARTTLS with a certificate the system
// does not trust fails, rather than sending in the clear); smtps://host:port speaks TLS from the
// start. No authentication: METER hands its mail to a relay that trusts it (docs/operations.md).
// Thread-safe: each call uses its own connection.
#pragma once

#include <string>

#include "core/problem.h"

namespace meter {

struct SmtpSettings {
  std::string url;   // smtp://host:port or smtps://host:port (CheckSmtpUrl)
  std::string from;  // the sender, on the envelope and in From:
  long timeout_seconds = 60;
};

// What one attempt gave.
struct SmtpOutcome {
  bool sent = false;
  bool permanent = false;  // the server answered 5xx: trying again would get the same answer
  std::string error;       // when not sent: the server's last reply code and libcurl's reason
};

// kInvalidInput naming `field` unless `url` is smtp:// or smtps:// with a host, an optional port
// and nothing else (no user name or password, no path).
Result<bool> CheckSmtpUrl(const std::string& url, const std::string& field);

// Sends `message` (a whole RFC 5322 message with CRLF line ends, core/mail.h FormatMail) to `to`.
// libcurl stuffs a leading '.' of a line as SMTP asks.
SmtpOutcome SendSmtp(const SmtpSettings& settings, const std::string& to,
                     const std::string& message);

}  // namespace meter
