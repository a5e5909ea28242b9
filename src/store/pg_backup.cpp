// PostgreSQL backups and restores (store/backup.h): pg_dump into a private file, and a restore that
// checks the archive before it touches anything, then replaces METER's tables in one transaction.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <utility>
#include <vector>

#include "store/backup_impl.h"
#include "store/pg_url.h"
#include "store/programs.h"
#include "store/sql_base.h"
#include "store/sql_store.h"

namespace meter::sql {
namespace {

namespace fs = std::filesystem;

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

Error NotAMeterBackup(const std::string& path, const char* message,
                      std::vector<std::string> args = {}) {
  return Error::Of(ErrorCode::kInvalidInput, path, message, std::move(args));
}

// The first line of a program's output, for a message.
std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  const std::string prefix = "pg_restore: error: ";
  if (line.rfind(prefix, 0) == 0) line.erase(0, prefix.size());
  return line;
}

// The METER schema version that the archive at `path` holds, read from the archive alone (the
// rows of its table public.meter_schema, as pg_restore prints them). kInvalidInput when it is
// not a pg_dump archive or holds no METER schema version: the archive of another database.
Result<int> ArchiveSchemaVersion(const std::string& url, const std::string& path) {
  std::string output;
  const int status = CaptureProgram(
      {"pg_restore", "--data-only", "--schema=public", "--table=meter_schema", "--file=-", path},
      "", output);
  if (status == 127) {
    return ProgramFailed(url, "pg_restore", status,
                         METER_N("pg_restore failed; its reason is above"));
  }
  if (status != 0) {
    return NotAMeterBackup(path,
                           METER_N("this is not a METER backup: pg_restore cannot read it as an "
                                   "archive ({1})"),
                           {FirstLine(output)});
  }
  // COPY public.meter_schema (version, applied_at) FROM stdin;  then one row a line, then \.
  std::istringstream lines(output);
  std::string line;
  bool rows = false, found = false;
  int version = 0;
  while (std::getline(lines, line)) {
    if (!rows) {
      rows = line.rfind("COPY public.meter_schema (version", 0) == 0;
      continue;
    }
    if (line == "\\.") break;
    try {
      version = std::max(version, std::stoi(line.substr(0, line.find('\t'))));
      found = true;
    } catch (const std::exception&) {
      found = false;
      break;
    }
  }
  if (!found) {
    return NotAMeterBackup(path, METER_N("this is not a METER backup: the archive holds no METER "
                                         "schema version (table meter_schema), so it is the "
                                         "backup of another database"));
  }
  return version;
}

// What psql runs before the archive's own statements, in the same transaction: wait for the
// nodes' write transactions and any migration to end (they hold this advisory lock shared, and a
// migration holds it alone), then move every table, view and free sequence of the schema public
// aside into a schema of their own, so that the archive is restored into an empty public schema
// whatever it holds. The public schema itself stays, with its owner and grants.
std::string RestoreHead() {
  return R"sql(
BEGIN;
SELECT pg_advisory_xact_lock(4242001);
CREATE SCHEMA meter_restore_previous;
DO $meter$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                      AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
      AND NOT (c.relkind = 'r' AND c.relispartition)
  LOOP
    EXECUTE format('ALTER %s public.%I SET SCHEMA meter_restore_previous',
                   CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                     WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                     ELSE 'TABLE' END, r.relname);
  END LOOP;
END
$meter$;
)sql";
}

// What psql runs after the archive's statements, only when pg_restore wrote them all: check that
// the restored data holds the schema version the archive was read to hold, drop what was moved
// aside, and commit. Any failure before the COMMIT rolls everything back.
std::string RestoreTail(int version) {
  const std::string v = std::to_string(version);
  return "\nDO $meter$ BEGIN IF (SELECT MAX(version) FROM public.meter_schema) IS DISTINCT FROM " +
         v + " THEN RAISE EXCEPTION 'meter: the restored schema version is not " + v +
         "'; END IF; END $meter$;\n"
         "DROP SCHEMA meter_restore_previous CASCADE;\n"
         "COMMIT;\n";
}

}  // namespace

Result<bool> BackupPostgres(const std::string& url, const std::string& out_path) {
  auto target = PgTargetOf(url);
  if (!target) return target.error();
  const std::string tmp = out_path + ".tmp";
  std::error_code ec;
  // pg_dump writes to its standard output, the private file: with --file it would create the file
  // itself, readable by everyone under the usual umask.
  auto file = CreatePrivateFile(tmp);
  if (!file) return file.error();
  const int status = RunProgram(
      {"pg_dump", "--format=custom", "--no-owner", "--dbname=" + target.value().conninfo},
      target.value().password, file.value());
  const bool synced = ::fsync(file.value()) == 0;
  ::close(file.value());
  if (status != 0 || !synced) {
    fs::remove(tmp, ec);
    return ProgramFailed(url, "pg_dump", status, METER_N("pg_dump failed; its reason is above"));
  }
  fs::rename(tmp, out_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::Of(ErrorCode::kUnavailable, out_path, METER_N("cannot copy the database: {1}"),
                     {ec.message()});
  }
  return true;
}

Result<bool> RestorePostgres(const std::string& url, const std::string& from_path) {
  if (auto engine = CheckBackupEngine(from_path, "postgresql"); !engine) return engine.error();
  auto target = PgTargetOf(url);
  if (!target) return target.error();
  // Everything is checked on the archive alone, before the database is touched.
  auto version = ArchiveSchemaVersion(url, from_path);
  if (!version) return version.error();
  if (version.value() > LatestSchemaVersion()) {
    return Error::Of(ErrorCode::kConflict, from_path,
                     METER_N("this backup comes from a newer METER (schema {1}); upgrade first"),
                     {std::to_string(version.value())});
  }
  // pg_restore writes the archive as SQL; psql runs it between RestoreHead and RestoreTail, in
  // one transaction: a failure anywhere, or a pg_restore that stops half way, commits nothing.
  const int status =
      RunThrough({"pg_restore", "--no-owner", "--file=-", from_path},
                 {"psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--output=/dev/null",
                  "--file=-", "--dbname=" + target.value().conninfo},
                 target.value().password, RestoreHead(), RestoreTail(version.value()));
  if (status != 0) {
    return ProgramFailed(url, status == 127 ? "psql" : "pg_restore", status,
                         METER_N("the restore failed and was undone, so the database is as it "
                                 "was; the reason is above"));
  }
  // Bring an older backup's schema up to date.
  auto migrated = MigrateDatabase(url);
  if (!migrated) return migrated.error();
  return true;
}

}  // namespace meter::sql
