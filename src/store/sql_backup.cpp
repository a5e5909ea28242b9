// Backups and restores (store/backup.h): SQLite's online backup API, or pg_dump and pg_restore.
#include <soci/soci.h>
// SOCI includes <sqlite3.h> inside its namespace sqlite_api.
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string_view>
#include <vector>

#include "store/backup.h"
#include "store/pg_url.h"
#include "store/sql_base.h"
#include "store/sql_store.h"

namespace meter {
namespace {

namespace fs = std::filesystem;
using namespace sqlite_api;  // NOLINT: the SQLite C API, as SOCI declares it

Error Unavailable(const std::string& where, const std::string& reason) {
  return Error::Of(ErrorCode::kUnavailable, where, METER_N("cannot copy the database: {1}"),
                   {reason});
}

// Copies every page of `from`'s main database into `to`'s, in one step.
Result<bool> CopyPages(sqlite3* from, sqlite3* to, const std::string& where) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return Unavailable(where, sqlite3_errmsg(to));
  // -1: all pages in one step, so that the copy is one consistent state of the source.
  int rc = sqlite3_backup_step(backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    sqlite3_sleep(50);
    rc = sqlite3_backup_step(backup, -1);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Unavailable(where, sqlite3_errstr(rc));
  return true;
}

sqlite3* Native(soci::session& s) {
  return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}

// The schema version recorded in a database file, or an error when it is not METER's.
Result<int> SchemaVersionOf(const std::string& path) {
  if (!fs::exists(path)) {
    return Error::Of(ErrorCode::kUnavailable, path, METER_N("the file does not exist"));
  }
  try {
    soci::session s(soci::sqlite3, "db=" + path + " timeout=10");
    int version = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT MAX(version) FROM meter_schema", soci::into(version, ind);
    if (ind != soci::i_ok) throw soci::soci_error("empty");
    return version;
  } catch (const soci::soci_error&) {
    return Error::Of(ErrorCode::kInvalidInput, path, METER_N("this is not a METER database"));
  }
}

Result<bool> BackupSqlite(const std::string& url, const std::string& out_path) {
  const std::string db_path = url.substr(7);
  const std::string tmp = out_path + ".tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  try {
    soci::session live(soci::sqlite3, "db=" + db_path + " timeout=10");
    soci::session copy(soci::sqlite3, "db=" + tmp);
    auto copied = CopyPages(Native(live), Native(copy), out_path);
    if (!copied) {
      fs::remove(tmp, ec);
      return copied;
    }
    // The copy is a single file: no write-ahead log beside it.
    copy << "PRAGMA journal_mode=DELETE";
  } catch (const soci::soci_error& e) {
    fs::remove(tmp, ec);
    return Unavailable(out_path, e.what());
  }
  fs::rename(tmp, out_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Unavailable(out_path, ec.message());
  }
  return true;
}

Result<bool> RestoreSqlite(const std::string& url, const std::string& from_path) {
  auto version = SchemaVersionOf(from_path);
  if (!version) return version.error();
  if (version.value() > LatestSchemaVersion()) {
    return Error::Of(ErrorCode::kConflict, from_path,
                     METER_N("this backup comes from a newer METER (schema {1}); upgrade first"),
                     {std::to_string(version.value())});
  }
  try {
    soci::session backup(soci::sqlite3, "db=" + from_path + " timeout=10");
    soci::session live(soci::sqlite3, "db=" + url.substr(7) + " timeout=10");
    auto copied = CopyPages(Native(backup), Native(live), url);
    if (!copied) return copied;
  } catch (const soci::soci_error& e) {
    return Unavailable(url, e.what());
  }
  // Bring an older backup's schema up to date.
  auto migrated = MigrateDatabase(url);
  if (!migrated) return migrated.error();
  return true;
}

// A PostgreSQL program's view of the database: libpq's keyword/value string without the password,
// and the password apart, for the PGPASSWORD variable — so that it never shows in the process list.
struct PgTarget {
  std::string conninfo;
  std::string password;
};

Result<PgTarget> PgTargetOf(const std::string& url) {
  auto params = LibpqParams::Parse(url);
  if (!params) return params.error();
  PgTarget target;
  target.password = params.value().Take("password");
  target.conninfo = params.value().Conninfo();
  return target;
}

// Runs a PostgreSQL program without a shell, with PGPASSWORD set when there is a password; true
// when it exits 0. Its own messages go to standard error, where the operator sees them.
bool Run(const std::vector<std::string>& argv, const std::string& password) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env_text.emplace_back(*e);
  }
  if (!password.empty()) env_text.push_back("PGPASSWORD=" + password);
  std::vector<char*> env;
  for (std::string& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    execvpe(args[0], args.data(), env.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

Error ProgramFailed(const std::string& url, const char* message) {
  return Error::Of(ErrorCode::kUnavailable, RedactDatabaseUrl(url), message);
}

Result<bool> BackupPostgres(const std::string& url, const std::string& out_path) {
  auto target = PgTargetOf(url);
  if (!target) return target.error();
  const std::string tmp = out_path + ".tmp";
  std::error_code ec;
  if (!Run({"pg_dump", "--format=custom", "--no-owner", "--file=" + tmp,
            "--dbname=" + target.value().conninfo},
           target.value().password)) {
    fs::remove(tmp, ec);
    return ProgramFailed(url, METER_N("pg_dump failed; its reason is above"));
  }
  fs::rename(tmp, out_path, ec);
  if (ec) return Unavailable(out_path, ec.message());
  return true;
}

Result<bool> RestorePostgres(const std::string& url, const std::string& from_path) {
  if (!fs::exists(from_path)) {
    return Error::Of(ErrorCode::kUnavailable, from_path, METER_N("the file does not exist"));
  }
  auto target = PgTargetOf(url);
  if (!target) return target.error();
  if (!Run({"pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner",
            "--exit-on-error", "--dbname=" + target.value().conninfo, from_path},
           target.value().password)) {
    return ProgramFailed(url, METER_N("pg_restore failed; its reason is above"));
  }
  auto migrated = MigrateDatabase(url);
  if (!migrated) return migrated.error();
  return true;
}

Error UnknownUrl(const std::string& url) {
  return Error::Of(ErrorCode::kInvalidInput, RedactDatabaseUrl(url),
                   METER_N("unknown database URL; use sqlite:PATH or postgresql://…"));
}

}  // namespace

Result<bool> BackupDatabase(const std::string& url, const std::string& out_path) {
  if (sql::IsSqliteUrl(url)) return BackupSqlite(url, out_path);
  if (sql::IsPostgresUrl(url)) return BackupPostgres(url, out_path);
  return UnknownUrl(url);
}

Result<bool> RestoreDatabase(const std::string& url, const std::string& from_path) {
  if (sql::IsSqliteUrl(url)) return RestoreSqlite(url, from_path);
  if (sql::IsPostgresUrl(url)) return RestorePostgres(url, from_path);
  return UnknownUrl(url);
}

}  // namespace meter
