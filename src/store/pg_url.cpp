#include "store/pg_url.h"

#include <cctype>
#include <optional>

namespace meter {
namespace {

constexpr std::string_view kLongScheme = "postgresql://";
constexpr std::string_view kShortScheme = "postgres://";

// The length of the scheme `url` starts with, or 0.
size_t SchemeLength(std::string_view url) {
  if (url.substr(0, kLongScheme.size()) == kLongScheme) return kLongScheme.size();
  if (url.substr(0, kShortScheme.size()) == kShortScheme) return kShortScheme.size();
  return 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `text` with every %XX replaced by its byte; nullopt for a malformed escape or %00 (which libpq
// refuses too: it would cut the value short).
std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
    if (high < 0 || low < 0 || (high == 0 && low == 0)) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  size_t at = 0;
  for (size_t end; (end = text.find(separator, at)) != std::string_view::npos; at = end + 1) {
    out.push_back(text.substr(at, end - at));
  }
  out.push_back(text.substr(at));
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "," : "") + parts[i];
  return out;
}

bool AllEmpty(const std::vector<std::string>& parts) {
  for (const std::string& p : parts) {
    if (!p.empty()) return false;
  }
  return true;
}

Error Invalid(const std::string& where, const char* message, std::vector<std::string> args = {}) {
  return Error::Of(ErrorCode::kInvalidInput, where, message, std::move(args));
}

Error BadEscape(const std::string& where) {
  return Invalid(where,
                 METER_N("the database URL has a malformed percent-escape: a percent sign must be "
                         "followed by two hexadecimal digits, other than 00"));
}

// `host[:port],…` with `[IPv6]` hosts: `host` and `port` lists, comma-separated as libpq takes
// them, with an empty entry where an item leaves its part out.
Result<bool> ReadHosts(std::string_view authority, const std::string& where, LibpqParams& out) {
  std::vector<std::string> hosts, ports;
  for (std::string_view item : SplitOn(authority, ',')) {
    std::string_view host = item, port;
    if (!item.empty() && item.front() == '[') {
      const size_t close = item.find(']');
      if (close == std::string_view::npos) {
        return Invalid(where, METER_N("the database URL has a '[' without its ']'"));
      }
      host = item.substr(1, close - 1);
      const std::string_view after = item.substr(close + 1);
      if (!after.empty() && after.front() != ':') {
        return Invalid(where, METER_N("the database URL has text after an IPv6 address in []"));
      }
      if (!after.empty()) port = after.substr(1);
    } else if (const size_t colon = item.find(':'); colon != std::string_view::npos) {
      host = item.substr(0, colon);
      port = item.substr(colon + 1);
    }
    auto decoded_host = PercentDecode(host);
    auto decoded_port = PercentDecode(port);
    if (!decoded_host || !decoded_port) return BadEscape(where);
    if (decoded_port->find_first_not_of("0123456789") != std::string::npos) {
      return Invalid(where, METER_N("the port '{1}' in the database URL is not a number"),
                     {*decoded_port});
    }
    hosts.push_back(*decoded_host);
    ports.push_back(*decoded_port);
  }
  if (!AllEmpty(hosts)) out.Set("host", Join(hosts));
  if (!AllEmpty(ports)) out.Set("port", Join(ports));
  return true;
}

// `user[:password]`.
Result<bool> ReadUserInfo(std::string_view userinfo, const std::string& where, LibpqParams& out) {
  const size_t colon = userinfo.find(':');
  auto user = PercentDecode(userinfo.substr(0, colon));
  if (!user) return BadEscape(where);
  if (!user->empty()) out.Set("user", *user);
  if (colon == std::string_view::npos) return true;
  auto password = PercentDecode(userinfo.substr(colon + 1));
  if (!password) return BadEscape(where);
  out.Set("password", *password);
  return true;
}

// `keyword=value&…`; a keyword here replaces the same keyword from the rest of the URI.
Result<bool> ReadQuery(std::string_view query, const std::string& where, LibpqParams& out) {
  for (std::string_view pair : SplitOn(query, '&')) {
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return Invalid(where,
                     METER_N("each query parameter of the database URL must be keyword=value"));
    }
    auto keyword = PercentDecode(pair.substr(0, equals));
    auto value = PercentDecode(pair.substr(equals + 1));
    if (!keyword || !value) return BadEscape(where);
    if (*keyword == "ssl" && *value == "true") {
      out.Set("sslmode", "require");  // libpq's own alias
    } else {
      out.Set(*keyword, *value);
    }
  }
  return true;
}

}  // namespace

Result<LibpqParams> LibpqParams::Parse(std::string_view uri) {
  const std::string where = RedactDatabaseUrl(uri);
  const size_t scheme = SchemeLength(uri);
  if (scheme == 0) {
    return Invalid(where, METER_N("a PostgreSQL URL starts with postgresql:// or postgres://"));
  }
  // scheme://[userinfo@]authority[/path][?query]
  std::string_view rest = uri.substr(scheme), query, path, userinfo;
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  if (const size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  // The last '@' ends the user part, so that a password with an unencoded '@' still works.
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
  }

  LibpqParams params;
  if (auto hosts = ReadHosts(authority, where, params); !hosts) return hosts.error();
  if (auto user = ReadUserInfo(userinfo, where, params); !user) return user.error();
  if (!path.empty()) {
    auto dbname = PercentDecode(path);
    if (!dbname) return BadEscape(where);
    params.Set("dbname", *dbname);
  }
  if (auto options = ReadQuery(query, where, params); !options) return options.error();
  return params;
}

std::string LibpqParams::Get(std::string_view keyword) const {
  for (const auto& [k, v] : values_) {
    if (k == keyword) return v;
  }
  return "";
}

bool LibpqParams::Has(std::string_view keyword) const {
  for (const auto& entry : values_) {
    if (entry.first == keyword) return true;
  }
  return false;
}

void LibpqParams::Set(const std::string& keyword, const std::string& value) {
  for (auto& entry : values_) {
    if (entry.first == keyword) {
      entry.second = value;
      return;
    }
  }
  values_.emplace_back(keyword, value);
}

std::string LibpqParams::Take(std::string_view keyword) {
  for (auto it = values_.begin(); it != values_.end(); ++it) {
    if (it->first == keyword) {
      std::string value = std::move(it->second);
      values_.erase(it);
      return value;
    }
  }
  return "";
}

std::string LibpqParams::Conninfo() const {
  std::string out;
  for (const auto& [keyword, value] : values_) {
    if (!out.empty()) out += ' ';
    out += keyword + "='";
    for (char c : value) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    out += '\'';
  }
  return out;
}

std::string LibpqParams::SociConnectString() const {
  std::string out = "postgresql://?";
  for (size_t i = 0; i < values_.size(); ++i) {
    out +=
        (i ? "&" : "") + PercentEncode(values_[i].first) + "=" + PercentEncode(values_[i].second);
  }
  return out;
}

std::string RedactDatabaseUrl(std::string_view url) {
  // Any scheme://, not only PostgreSQL's: a mistyped scheme must not print its password either.
  const size_t separator = url.find("://");
  if (separator == std::string_view::npos) return std::string(url);
  const size_t scheme = separator + 3;
  // Over-redacting is acceptable, leaking is not, and the URL may be malformed (a password with an
  // unencoded '/', '?' or '@'): when the text before the first ':' looks like a user name, all from
  // that ':' to the last '@' of the URL is taken for the password.
  std::string out(url);
  const size_t colon = out.find(':', scheme);
  const size_t at = out.rfind('@');
  if (colon != std::string::npos && at != std::string::npos && colon < at &&
      out.substr(scheme, colon - scheme).find_first_of("/?@") == std::string::npos) {
    out.erase(colon, at - colon);
  }
  const size_t q = out.find('?', scheme);
  if (q == std::string::npos) return out;
  std::string kept;
  for (std::string_view pair : SplitOn(std::string_view(out).substr(q + 1), '&')) {
    const size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;  // malformed: it might be a secret
    auto keyword = PercentDecode(pair.substr(0, equals));
    if (!keyword) continue;
    for (char& c : *keyword) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (keyword->find("password") != std::string::npos) continue;
    kept += (kept.empty() ? "" : "&") + std::string(pair);
  }
  out.erase(q);
  return kept.empty() ? out : out + "?" + kept;
}

}  // namespace meter
