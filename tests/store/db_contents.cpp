#include "store/db_contents.h"

#include <algorithm>
#include <cstdio>

#include "store/copy.h"
#include "store/pg_server.h"

namespace meter::testing {
namespace {

// One value as text: numbers in full precision, so that a rounded double shows as a difference.
std::string Text(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_double: {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.17g", row.get<double>(i));
      return buffer;
    }
    case soci::dt_integer:
      return std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(row.get<unsigned long long>(i));
    default:
      return row.get<std::string>(i);
  }
}

// Every row of `table` as "column=value|…", sorted; PostgreSQL's computed search column left out.
std::vector<std::string> Rows(soci::session& sql, const std::string& table) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = sql.prepare << "SELECT * FROM " + table;
  for (const soci::row& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (row.get_properties(i).get_name() == "search") continue;
      line += row.get_properties(i).get_name() + "=" + Text(row, i) + "|";
    }
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string OnPg(const std::string& database) { return "pg:" + database; }

std::unique_ptr<soci::session> Open(const std::string& where) {
  if (where.rfind("sqlite:", 0) == 0) {
    return std::make_unique<soci::session>("sqlite3", "db=" + where.substr(7));
  }
  PgServer& pg = PgServer::Get();
  const std::string name = where.substr(3);
  return std::make_unique<soci::session>("postgresql", "host=" + pg.socket_dir() +
                                                           " port=" + std::to_string(pg.port()) +
                                                           " dbname=" + name + " user=meter");
}

DatabaseContents ContentsOf(const std::string& url) {
  auto sql = Open(url);
  DatabaseContents all;
  for (const std::string& table : InstallationTables()) all[table] = Rows(*sql, table);
  return all;
}

long long Count(const std::string& url, const std::string& query) {
  auto sql = Open(url);
  long long n = -1;
  *sql << query, soci::into(n);
  return n;
}

}  // namespace meter::testing
