#include "app/smtp_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>

namespace meter {

Result<bool> CheckSmtpUrl(const std::string& url, const std::string& field) {
  std::string rest;
  for (const char* scheme : {"smtp://", "smtps://"}) {
    if (url.rfind(scheme, 0) == 0) rest = url.substr(std::strlen(scheme));
  }
  const size_t at = rest.find('@');
  if (at != std::string::npos && at < rest.find_first_of("/?#")) {
    if (rest.substr(0, at).find(':') != std::string::npos) {
      return Error::Of(ErrorCode::kInvalidInput, field,
                       METER_N("the SMTP URL holds a password, which anyone who lists the "
                               "machine's processes could read: give the user name with "
                               "--smtp-user and the password in --smtp-password-file or the "
                               "environment variable METER_SMTP_PASSWORD"));
    }
    return Error::Of(ErrorCode::kInvalidInput, field,
                     METER_N("the SMTP URL holds a user name: give it with --smtp-user or the "
                             "environment variable METER_SMTP_USER instead"));
  }
  const bool plain_host =
      !rest.empty() && rest.find_first_of("@/?# ") == std::string::npos && rest.front() != ':';
  if (plain_host) return true;
  return Error::Of(ErrorCode::kInvalidInput, field,
                   METER_N("'{1}' is not smtp://HOST:PORT or smtps://HOST:PORT (without a user "
                           "name, a password or a path)"),
                   {url});
}

Result<SmtpLogin> SmtpCredentials(const std::string& user, const std::string& password_file,
                                  const std::function<const char*(const char*)>& env) {
  auto from_env = [&](const char* name) {
    const char* value = env(name);
    return std::string(value ? value : "");
  };
  SmtpLogin login{user.empty() ? from_env("METER_SMTP_USER") : user, ""};
  const std::string env_password = from_env("METER_SMTP_PASSWORD");
  if (!password_file.empty()) {
    if (!env_password.empty()) {
      return Error::Of(ErrorCode::kInvalidInput, "--smtp-password-file",
                       METER_N("the SMTP password is given twice, in --smtp-password-file and in "
                               "METER_SMTP_PASSWORD: give it once"));
    }
    std::ifstream in(password_file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) {
      return Error::Of(ErrorCode::kInvalidInput, "--smtp-password-file",
                       METER_N("cannot read the SMTP password from '{1}'"), {password_file});
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (user.empty()) {
      const size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        return Error::Of(ErrorCode::kInvalidInput, "--smtp-password-file",
                         METER_N("'{1}' must hold user:password on its first line, or the "
                                 "password alone with --smtp-user"),
                         {password_file});
      }
      login.user = line.substr(0, colon);
      line = line.substr(colon + 1);
    }
    login.password = line;
    if (login.password.empty()) {
      return Error::Of(ErrorCode::kInvalidInput, "--smtp-password-file",
                       METER_N("'{1}' holds no password"), {password_file});
    }
  } else {
    login.password = env_password;
  }
  if (!login.password.empty() && login.user.empty()) {
    return Error::Of(ErrorCode::kInvalidInput, "--smtp-user",
                     METER_N("an SMTP password needs a user name: give --smtp-user or "
                             "METER_SMTP_USER"));
  }
  return login;
}

namespace {

// The message, handed to libcurl in pieces.
struct Upload {
  const std::string& text;
  size_t sent = 0;
};

size_t ReadPiece(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t room = size * count;
  const size_t n = std::min(room, upload->text.size() - upload->sent);
  std::memcpy(buffer, upload->text.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SmtpOutcome SendSmtp(const SmtpSettings& settings, const std::string& to,
                     const std::string& message) {
  GlobalInit();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, false, "libcurl could not start"};
  const std::string from = "<" + settings.from + ">";
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned(recipients,
                                                                    curl_slist_free_all);
  Upload upload{message};
  char reason[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadPiece);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, reason);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // a worker thread: no SIGALRM for timeouts
  curl_easy_setopt(c, CURLOPT_TIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(settings.timeout_seconds, 30L));
  const bool login = !settings.user.empty();
  if (login) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
  }
  if (!settings.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (settings.url.rfind("smtp://", 0) == 0) {
    // A password goes only over TLS: with a login, a relay without STARTTLS is refused.
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     static_cast<long>(login ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  }
  const CURLcode done = curl_easy_perform(c);
  if (done == CURLE_OK) return {true, false, ""};
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  SmtpOutcome out;
  out.permanent = code >= 500 && code < 600;
  out.error = (code ? std::to_string(code) + " " : std::string()) +
              (reason[0] ? reason : curl_easy_strerror(done));
  return out;
}

}  // namespace meter
