// Backups and restores (store/backup.h): SQLite's online backup API, or pg_dump and pg_restore.
#include <soci/soci.h>
// SOCI includes <sqlite3.h> inside its namespace sqlite_api.
#include <fcntl.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "store/backup.h"
#include "store/backup_impl.h"
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
  if (auto engine = sql::CheckBackupEngine(path, "sqlite"); !engine) return engine.error();
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
  // SQLite opens the empty private file as a new database, and gives its journal the same mode.
  auto created = sql::CreatePrivateFile(tmp);
  if (!created) return created.error();
  ::close(created.value());
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

// The first bytes of a SQLite database file and of pg_dump's custom-format archive.
constexpr std::string_view kSqliteHeader("SQLite format 3\0", 16);
constexpr std::string_view kPgDumpHeader("PGDMP", 5);

Error UnknownUrl(const std::string& url) {
  return Error::Of(ErrorCode::kInvalidInput, RedactDatabaseUrl(url),
                   METER_N("unknown database URL; use sqlite:PATH or postgresql://…"));
}

}  // namespace

Result<int> sql::CreatePrivateFile(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  // O_EXCL: a file someone else placed there meanwhile is refused, not written into.
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return Unavailable(path, std::strerror(errno));
  // The umask can only take bits away from 0600; fchmod restores those it took (a umask of 0177
  // would leave the file unwritable).
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
    const int why = errno;
    ::close(fd);
    fs::remove(path, ec);
    return Unavailable(path, std::strerror(why));
  }
  return fd;
}

Result<bool> sql::CheckBackupEngine(const std::string& path, const std::string& engine) {
  if (!fs::exists(path)) {
    return Error::Of(ErrorCode::kUnavailable, path, METER_N("the file does not exist"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable(path, std::strerror(errno));
  std::string head(kSqliteHeader.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  std::string made_on;
  if (head == kSqliteHeader) made_on = "SQLite";
  if (head.rfind(kPgDumpHeader, 0) == 0) made_on = "PostgreSQL";
  const std::string here = engine == "sqlite" ? "SQLite" : "PostgreSQL";
  if (made_on.empty() || made_on == here) return true;
  return Error::Of(ErrorCode::kInvalidInput, path,
                   METER_N("this is a backup of a {1} database, and a backup restores only to the "
                           "engine it was made on, not to {2}: restore it to a {1} database, then "
                           "move the data across with meter copy"),
                   {made_on, here});
}

Error sql::ProgramFailed(const std::string& url, const std::string& program, int status,
                         const char* message) {
  if (status == 127) {
    return Error::Of(ErrorCode::kUnavailable, RedactDatabaseUrl(url),
                     METER_N("cannot run {1}: install PostgreSQL's client programs (on Debian, "
                             "the postgresql-client package)"),
                     {program});
  }
  return Error::Of(ErrorCode::kUnavailable, RedactDatabaseUrl(url), message);
}

Result<bool> BackupDatabase(const std::string& url, const std::string& out_path) {
  if (sql::IsSqliteUrl(url)) return BackupSqlite(url, out_path);
  if (sql::IsPostgresUrl(url)) return sql::BackupPostgres(url, out_path);
  return UnknownUrl(url);
}

Result<bool> RestoreDatabase(const std::string& url, const std::string& from_path) {
  if (sql::IsSqliteUrl(url)) return RestoreSqlite(url, from_path);
  if (sql::IsPostgresUrl(url)) return sql::RestorePostgres(url, from_path);
  return UnknownUrl(url);
}

}  // namespace meter
