// Disk faults under `meter serve` on SQLite, on a real small filesystem: a tmpfs with a size limit
// that the test mounts (so it needs root; without root it fails, it never skips).
//
// Disk full: once a filler file has taken the last free block, saves get 507 with a message a
// respondent understands (JSON {error, message} from the API, an HTML page for a form post), pages
// still read, and the log names the cause and the file. A save SQLite can still fit (into WAL space
// it reuses) is acknowledged, and then kept. Once the filler is deleted, saves work again without a
// restart; every answer stored before and every acknowledged save is there with its value and
// version, no refused save left a trace, and `PRAGMA integrity_check` says ok.
//
// Read-only: Linux refuses to remount a filesystem read-only while `meter serve` holds its database
// open for writing ("mount point is busy"), so a running server cannot be caught by that; it goes
// on saving. A server started on a database on a read-only filesystem stops at once (exit 3) with a
// message naming the file and the reason, instead of running with a database it cannot write;
// remounted read-write, it starts and every answer is there.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/exit_codes.h"
#include "web_world.h"

namespace meter::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr int kFilesystemMegabytes = 16;
constexpr int kRespondents = 4;
constexpr int kSavesBeforeTheFault = 6;  // per respondent: C1.1 … C1.6
// SQLite checkpoints its WAL once it holds 1000 pages, then writes the file again from its start.
constexpr int kSavesPastACheckpoint = 1200;
constexpr int kMaxSavesOnAFullDisk = 2000;
const std::string kComment(3000, 'c');  // nearly a page per answer: the disk fills sooner
const std::string kDiskFullMessage = "the server has run out of disk space";

// Runs a shell command; returns its exit status, with standard output and error in `output`.
int Shell(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A tmpfs of a few megabytes mounted on a fresh folder, unmounted (and the folder removed) when it
// goes out of scope, also when the test fails half-way.
class SmallFilesystem {
 public:
  explicit SmallFilesystem(int megabytes) {
    char pattern[] = "/tmp/meter-disk-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    if (::geteuid() != 0) {
      failure_ =
          "this test must run as root: it mounts a small tmpfs to fill it up and to remount "
          "it read-only (run the tests as root, as CI does)";
      return;
    }
    std::string output;
    const std::string size = "size=" + std::to_string(megabytes) + "m";
    mounted_ = Shell("mount -t tmpfs -o " + size + " tmpfs " + dir_, output) == 0;
    if (!mounted_) failure_ = "cannot mount a tmpfs on " + dir_ + ": " + output;
  }
  ~SmallFilesystem() {
    std::string output;
    if (mounted_ && Shell("umount " + dir_, output) != 0) Shell("umount -l " + dir_, output);
    ::rmdir(dir_.c_str());
  }
  SmallFilesystem(const SmallFilesystem&) = delete;
  SmallFilesystem& operator=(const SmallFilesystem&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& failure() const { return failure_; }
  const std::string& dir() const { return dir_; }
  std::string database() const { return dir_ + "/meter.db"; }

  // `mode` is "ro" or "rw"; false with mount's message in `output` when refused.
  bool Remount(const std::string& mode, std::string& output) {
    return Shell("LC_ALL=C mount -o remount," + mode + " " + dir_, output) == 0;
  }

 private:
  std::string dir_;
  std::string failure_;
  bool mounted_ = false;
};

// Writes `path` until the filesystem has no free block left; false if it never said ENOSPC.
bool FillUp(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return false;
  const std::string chunk(64 * 1024, 'x');
  bool full = false;
  // Big chunks first, then single bytes for the last partly free page.
  for (size_t size : {chunk.size(), size_t{4096}, size_t{1}}) {
    while (::write(fd, chunk.data(), size) == static_cast<ssize_t>(size)) {
    }
    full = errno == ENOSPC;
  }
  ::close(fd);
  return full;
}

unsigned long long FreeBlocks(const std::string& dir) {
  struct statvfs fs {};
  return ::statvfs(dir.c_str(), &fs) == 0 ? fs.f_bavail : ~0ULL;
}

// What the respondent was told is saved: each statement's value and version.
struct Saved {
  std::string value;
  long long version = 0;
  bool operator==(const Saved&) const = default;
};
using Answers = std::map<std::string, Saved>;

std::ostream& operator<<(std::ostream& out, const Saved& s) {
  return out << s.value << " (version " << s.version << ")";
}

struct Person {
  std::unique_ptr<HttpClient> client;
  Answers acknowledged;
};

std::vector<Person> InviteRespondents(World& w, int count) {
  std::vector<Person> people(count);
  for (int i = 0; i < count; ++i) {
    auto [link, id] = w.Invite(*w.coordinator, w.round, "r" + std::to_string(i), "Agencies");
    people[i].client = w.Client();
    EXPECT_EQ(people[i].client->Get(link).status, 303);
    people[i].client->Get("/q/1");  // picks up the session's CSRF token
  }
  return people;
}

// What the server has stored for `p`, read through the API.
Answers Stored(Person& p) {
  const HttpResponse r = p.client->Get("/api/answers");
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  Answers out;
  const json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) return out;
  for (const json& a : body["answers"]) {
    out[a["statement"]] = {a["value"].get<std::string>(), a["version"].get<long long>()};
  }
  return out;
}

// An autosave of one answer through the API, as web/static/meter.js sends it; a 2xx is recorded.
HttpResponse Autosave(Person& p, const std::string& statement, const std::string& value) {
  const long long version = p.acknowledged.count(statement) ? p.acknowledged[statement].version : 0;
  const HttpResponse r =
      p.client->Send("PUT", "/api/answers/" + statement,
                     json({{"value", value}, {"version", version}, {"comment", kComment}}).dump(),
                     "application/json", CsrfHeader(*p.client));
  const json body = json::parse(r.body, nullptr, false);
  if (r.status / 100 == 2 && body.is_object() && body.contains("version")) {
    p.acknowledged[statement] = {value, body["version"].get<long long>()};
  }
  return r;
}

// A plain form post of page 1 (C1) that changes `statement` to `value` and keeps the others as
// acknowledged. A 303 is recorded by reading the answers back (the redirect carries no version).
HttpResponse PostPage(Person& p, const std::string& statement, const std::string& value) {
  std::string fields;
  for (int i = 1; i <= 12; ++i) {
    const std::string id = "C1." + std::to_string(i);
    auto it = p.acknowledged.find(id);
    if (it == p.acknowledged.end() && id != statement) continue;
    const std::string v = id == statement ? value : it->second.value;
    const long long version = it == p.acknowledged.end() ? 0 : it->second.version;
    fields += "&v%3A" + id + "=" + FormEncode(v) + "&c%3A" + id + "=" + FormEncode(kComment) +
              "&ver%3A" + id + "=" + std::to_string(version);
  }
  const HttpResponse r = p.client->PostForm("/q/1", FormWithCsrf(*p.client, fields.substr(1)));
  if (r.status == 303) p.acknowledged = Stored(p);
  return r;
}

std::string ValueFor(int i) { return std::to_string(i % 5); }

void SaveSomeAnswers(std::vector<Person>& people) {
  for (Person& p : people) {
    for (int i = 1; i <= kSavesBeforeTheFault; ++i) {
      ASSERT_EQ(Autosave(p, "C1." + std::to_string(i), ValueFor(i)).status, 200);
    }
  }
}

// Changes answers already given until the WAL has been checkpointed and started again from the
// beginning of its file: the next saves go into space that is already allocated, so that some are
// still acknowledged once the disk is full.
void SavePastACheckpoint(std::vector<Person>& people) {
  for (int i = 0; i < kSavesPastACheckpoint; ++i) {
    const std::string statement = "C1." + std::to_string(1 + i % kSavesBeforeTheFault);
    ASSERT_EQ(Autosave(people[i % people.size()], statement, ValueFor(i)).status, 200);
  }
}

// Every statement of the instrument the rounds use, in order.
std::vector<std::string> StatementsOf(HttpClient& client) {
  const json in = json::parse(client.Get("/api/instruments/meter/2.0").body, nullptr, false);
  std::vector<std::string> out;
  if (!in.is_object()) return out;
  for (const json& pillar : in["pillars"])
    for (const json& subarea : pillar["subareas"])
      for (const json& statement : subarea["statements"]) out.push_back(statement["id"]);
  return out;
}

// New answers, round-robin over the people and the statements not answered yet, so that the data
// grows (changing the same answers over and over could go on forever: the checkpoint would
// overwrite pages the database file already has). Returns the first refusal, or the last reply
// if none came; `acknowledged` counts the saves that went through before it.
HttpResponse SaveUntilRefused(std::vector<Person>& people, const std::vector<std::string>& all,
                              int& acknowledged) {
  HttpResponse last;
  acknowledged = 0;
  for (int i = 0; i < kMaxSavesOnAFullDisk; ++i) {
    const size_t fresh = all.size() - kSavesBeforeTheFault;
    const std::string& statement = all[kSavesBeforeTheFault + (i / people.size()) % fresh];
    last = Autosave(people[i % people.size()], statement, i % 2 ? "DK" : "NA");
    if (last.status / 100 != 2) return last;
    ++acknowledged;
  }
  return last;
}

// Plain form posts of page 1 with ever other values until one is not a redirect (a save that
// did not fit), at most kMaxSavesOnAFullDisk; returns that answer.
HttpResponse PostUntilRefused(Person& p) {
  HttpResponse last;
  for (int i = 0; i < kMaxSavesOnAFullDisk; ++i) {
    last = PostPage(p, "C1." + std::to_string(1 + i % 12), i % 2 ? "DK" : "NA");
    if (last.status != 303) return last;
  }
  return last;
}

void ExpectDiskFullReply(const HttpResponse& r, bool api) {
  EXPECT_EQ(r.status, 507) << r.body.substr(0, 300);
  if (api) {
    const json body = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body.substr(0, 300);
    EXPECT_EQ(body.value("error", ""), "insufficient_storage");
    EXPECT_THAT(body.value("message", ""), HasSubstr(kDiskFullMessage));
  } else {
    EXPECT_THAT(r.Header("content-type"), HasSubstr("text/html"));
    EXPECT_THAT(r.body, HasSubstr(kDiskFullMessage));
  }
}

void ExpectEverythingAcknowledgedIsStored(std::vector<Person>& people) {
  for (Person& p : people) {
    EXPECT_EQ(Stored(p), p.acknowledged) << "stored answers differ from the acknowledged saves";
  }
}

void ExpectIntact(const std::string& database) {
  std::string output;
  EXPECT_EQ(Shell("sqlite3 " + database + " 'PRAGMA integrity_check'", output), 0) << output;
  EXPECT_EQ(output, "ok\n");
}

// The same person in a new client for a restarted server (another port): same session cookies.
void MoveTo(Person& p, int port) {
  auto client = std::make_unique<HttpClient>(port);
  client->cookies() = p.client->cookies();
  client->csrf = p.client->csrf;
  p.client = std::move(client);
}

TEST(DiskFaults, AFullDiskRefusesSavesWith507AndLosesNothing) {
  SmallFilesystem fs(kFilesystemMegabytes);
  ASSERT_TRUE(fs.mounted()) << fs.failure();
  World w("sqlite:" + fs.database());
  ASSERT_NO_FATAL_FAILURE(w.Build());
  std::vector<Person> people = InviteRespondents(w, kRespondents);
  ASSERT_NO_FATAL_FAILURE(SaveSomeAnswers(people));
  ASSERT_NO_FATAL_FAILURE(SavePastACheckpoint(people));
  const std::vector<std::string> statements = StatementsOf(*w.anonymous);
  ASSERT_GT(statements.size(), 100u);
  ASSERT_TRUE(FillUp(fs.dir() + "/filler"));
  ASSERT_EQ(FreeBlocks(fs.dir()), 0u);

  int acknowledged_on_a_full_disk = 0;
  ExpectDiskFullReply(SaveUntilRefused(people, statements, acknowledged_on_a_full_disk), true);
  EXPECT_GT(acknowledged_on_a_full_disk, 0) << "no save went into reused WAL space";
  // A small save may still fit into space that a refused one left allocated (SQLite reuses the
  // WAL frames of a rolled-back transaction), and is then stored and acknowledged like any other;
  // one that needs new space is refused. So each path is tried until it is refused.
  int more = 0;
  ExpectDiskFullReply(SaveUntilRefused(people, statements, more), true);
  for (Person& p : people) {
    ExpectDiskFullReply(PostUntilRefused(p), false);
    EXPECT_EQ(p.client->Get("/q/1").status, 200) << "pages still read";
  }
  const std::string log = w.server.log();
  EXPECT_THAT(log, HasSubstr("database or disk is full"));
  EXPECT_THAT(log, HasSubstr("event=database file=" + fs.database() + " msg=\"the disk is full"));

  std::filesystem::remove(fs.dir() + "/filler");
  for (Person& p : people) {
    EXPECT_EQ(Autosave(p, "C1.7", "4").status, 200) << "saves work again without a restart";
    EXPECT_EQ(PostPage(p, "C1.8", "DK").status, 303);
  }
  ExpectEverythingAcknowledgedIsStored(people);
  w.server.Stop();
  ExpectIntact(fs.database());
}

TEST(DiskFaults, AReadOnlyRemountIsRefusedWhileTheServerHoldsTheDatabase) {
  SmallFilesystem fs(kFilesystemMegabytes);
  ASSERT_TRUE(fs.mounted()) << fs.failure();
  World w("sqlite:" + fs.database());
  ASSERT_NO_FATAL_FAILURE(w.Build());
  std::vector<Person> people = InviteRespondents(w, 1);
  ASSERT_NO_FATAL_FAILURE(SaveSomeAnswers(people));

  std::string output;
  EXPECT_FALSE(fs.Remount("ro", output)) << "the kernel let the filesystem go read-only";
  EXPECT_THAT(output, HasSubstr("busy"));
  EXPECT_EQ(Autosave(people[0], "C1.1", "DK").status, 200) << "the server goes on saving";
  ExpectEverythingAcknowledgedIsStored(people);
}

// `meter serve` on the database while its filesystem is read-only: it must stop at start, saying
// which file and why, and change nothing.
void ExpectServeRefusesToStart(SmallFilesystem& fs) {
  std::string output;
  ASSERT_TRUE(fs.Remount("ro", output)) << output;
  // Time-limited: a server that does start would otherwise run for ever.
  const std::string serve = "cd " METER_SOURCE_DIR " && timeout 60 " METER_BINARY
                            " serve --listen 127.0.0.1:1 --db sqlite:" +
                            fs.database();
  EXPECT_EQ(Shell(serve, output), kExitUnavailable) << output;
  EXPECT_THAT(output, HasSubstr(fs.database()));
  EXPECT_THAT(output, HasSubstr("Read-only file system"));
  EXPECT_THAT(output, HasSubstr("remount a read-only filesystem read-write"));
  ASSERT_TRUE(fs.Remount("rw", output)) << output;
}

// Starts the server again (on another port) and checks that the people's answers are all there.
void RestartAndExpectEverythingStored(World& w, std::vector<Person>& people) {
  ASSERT_TRUE(w.server.Start()) << w.server.log();
  for (Person& p : people) MoveTo(p, w.server.port());
  ExpectEverythingAcknowledgedIsStored(people);
  EXPECT_EQ(Autosave(people[0], "C1.9", "3").status, 200) << "saving works again";
}

TEST(DiskFaults, ServeStopsAtStartOnAReadOnlyFilesystemAndRunsOnceItIsWritable) {
  SmallFilesystem fs(kFilesystemMegabytes);
  ASSERT_TRUE(fs.mounted()) << fs.failure();
  World w("sqlite:" + fs.database());
  ASSERT_NO_FATAL_FAILURE(w.Build());
  std::vector<Person> people = InviteRespondents(w, 2);
  ASSERT_NO_FATAL_FAILURE(SaveSomeAnswers(people));

  // After a crash the -wal and -shm files are still there, and SQLite would open the database
  // read-only without a word: the server used to start and then fail every save.
  w.server.Kill();
  ASSERT_NO_FATAL_FAILURE(ExpectServeRefusesToStart(fs));
  ASSERT_NO_FATAL_FAILURE(RestartAndExpectEverythingStored(w, people));
  // After a clean stop they are gone, and SQLite cannot open the database at all.
  w.server.Stop();
  ASSERT_NO_FATAL_FAILURE(ExpectServeRefusesToStart(fs));
  ASSERT_NO_FATAL_FAILURE(RestartAndExpectEverythingStored(w, people));
  w.server.Stop();
  ExpectIntact(fs.database());
}

}  // namespace
}  // namespace meter::testing
