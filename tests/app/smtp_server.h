// A real SMTP server for the tests of the outbox (tests/app/smtp_server.py: Debian's aiosmtpd on
// loopback), started by the test and stopped with it. Each message it accepted is on disk before
// it answered 250, so that after the client's send returns, Received() holds it.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace meter::testing {

class SmtpServer {
 public:
  // kLogin: STARTTLS with a self-signed certificate (cert_file()) and AUTH as `login`.
  enum class Mode { kAccept, kRefuseFirst, kReject, kLogin };
  // A server in a fresh folder; `refusals`: how many messages kRefuseFirst answers with 451.
  explicit SmtpServer(Mode mode = Mode::kAccept, int refusals = 1, std::string login = "");
  ~SmtpServer();
  // Starts it (on `port`, or a free one when 0) and waits for it to listen; false on failure.
  bool Start(int port = 0);
  void Stop();
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message accepted so far, oldest first, as the server decoded it: mail_from, rcpt_tos,
  // subject, from, to, date, message_id, content_type, charset, body (see smtp_server.py).
  std::vector<nlohmann::json> Received() const;
  // The certificate a kLogin server presents, for the client to trust.
  std::string cert_file() const { return dir_ + "/cert.pem"; }
  // The raw bytes of message `n` (1-based).
  std::string Raw(int n) const;

 private:
  Mode mode_;
  int refusals_;
  std::string login_;
  std::string dir_;
  int port_ = 0;
  pid_t pid_ = 0;
};

}  // namespace meter::testing
