// PostgreSQL database URLs: the libpq connection URI that `--db` takes,
// `postgresql://[user[:password]@][host][:port][,…][/dbname][?keyword=value&…]` (or `postgres://`),
// read into libpq's connection keywords, and written back out for the two readers that need it.
//
// Why METER parses the URI itself: SOCI 4.0's PostgreSQL backend re-tokenises its connection string
// as `key=value` pairs before libpq sees it, which breaks a plain URI (`…/meter` becomes a database
// named `meter=`) and any quoted keyword value with a space. SociConnectString() writes a form that
// passes through SOCI unchanged and that libpq reads back exactly.
//
// Every component is percent-decoded (`%40` is `@`, `%2F` is `/`), as libpq does; a host that is a
// path (`/run/postgresql`, or `%2Frun%2Fpostgresql` in the authority) is a unix-socket directory;
// `[::1]` is an IPv6 address; `ssl=true` means `sslmode=require`. A keyword given in the query
// string wins over the same keyword from the authority or path, as in libpq.
//
// Plain values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/problem.h"

namespace meter {

class LibpqParams {
 public:
  // The URI's keywords, decoded, in the order host, port, user, password, dbname, then the query
  // string's. kInvalidInput, naming the URL without its password, when the URI is malformed: not
  // `postgresql://` or `postgres://`, a bad percent-escape or `%00`, a port that is not a number,
  // an unclosed `[`, or a query parameter without `=`. Keywords libpq does not know are kept: libpq
  // refuses them when connecting.
  static Result<LibpqParams> Parse(std::string_view uri);

  const std::vector<std::pair<std::string, std::string>>& values() const { return values_; }
  // The value of `keyword`, or "" when the URI does not set it.
  std::string Get(std::string_view keyword) const;
  bool Has(std::string_view keyword) const;
  // Sets `keyword`, replacing an earlier value in place.
  void Set(const std::string& keyword, const std::string& value);
  // Removes `keyword` (and returns its value, "" when it was not set).
  std::string Take(std::string_view keyword);

  // libpq's keyword/value form, every value single-quoted with `\` and `'` escaped:
  // host='/tmp/pg' port='5433' dbname='meter'.
  std::string Conninfo() const;
  // `postgresql://?host=…&port=…&…` with every keyword and value percent-encoded: no spaces or
  // quotes for SOCI's tokeniser to split, and a URI that libpq decodes into exactly values().
  // Needs at least one keyword (OpenStore always sets some): SOCI mangles a string without `=`.
  std::string SociConnectString() const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// `url` for an error message: a `scheme://` URL without the password of its user part or of a
// `password=` query parameter, even when the rest is malformed (then perhaps without more than the
// password); `sqlite:PATH` as it is.
std::string RedactDatabaseUrl(std::string_view url);

}  // namespace meter
