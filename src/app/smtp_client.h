// Sends one e-mail through an SMTP relay, with libcurl. The outbox worker (mail_worker.h) calls it
// for each message it claimed; nothing here knows the outbox.
//
// smtp://host:port speaks plain SMTP and switches to TLS with STARTTLS when the server offers it,
// verifying the server's certificate (a relay that offers STARTTLS with a certificate the system
// does not trust fails, rather than sending in the clear); smtps://host:port speaks TLS from the
// start. With credentials (SmtpCredentials: from a file or the environment, never the URL or the
// command line), METER logs in (AUTH) and smtp:// must switch to TLS first: a password is never
// sent in the clear. Without, METER hands its mail to a relay that trusts it (docs/operations.md).
// Thread-safe: each call uses its own connection.
#pragma once

#include <functional>
#include <string>

#include "core/problem.h"

namespace meter {

struct SmtpSettings {
  std::string url;   // smtp://host:port or smtps://host:port (CheckSmtpUrl)
  std::string from;  // the sender, on the envelope and in From:
  long timeout_seconds = 60;
  std::string from_name = "METER";       // the sender's display name in From:
  std::string user = "", password = "";  // empty: no login
  std::string ca_file = "";  // a CA bundle to trust instead of the system's (empty: system)
};

// The SMTP login, from `password_file` when it is given (its first line is the password when
// `user` is given, else "user:password"), else from the environment's METER_SMTP_USER and
// METER_SMTP_PASSWORD (read through `env`, as std::getenv). Both empty: no login. kInvalidInput
// (naming the option, never the file's content) for an unreadable or empty file, a password in
// both the file and the environment, or a password without a user name.
struct SmtpLogin {
  std::string user, password;
};
Result<SmtpLogin> SmtpCredentials(const std::string& user, const std::string& password_file,
                                  const std::function<const char*(const char*)>& env);

// What one attempt gave.
struct SmtpOutcome {
  bool sent = false;
  bool permanent = false;  // the server answered 5xx: trying again would get the same answer
  std::string error;       // when not sent: the server's last reply code and libcurl's reason
};

// kInvalidInput naming `field` unless `url` is smtp:// or smtps:// with a host, an optional port
// and nothing else (no path). A URL with a user name or password is refused with a message that
// says where they go instead, and that never repeats the URL (it would print the password).
Result<bool> CheckSmtpUrl(const std::string& url, const std::string& field);

// Sends `message` (a whole RFC 5322 message with CRLF line ends, core/mail.h FormatMail) to `to`.
// libcurl stuffs a leading '.' of a line as SMTP asks.
SmtpOutcome SendSmtp(const SmtpSettings& settings, const std::string& to,
                     const std::string& message);

}  // namespace meter
