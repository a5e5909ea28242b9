// Keeps the knowledge base in the database in step with the files of content/knowledge/.
//
// Sync() looks at the folder's *.md files. The first call always syncs. A file whose modification
// time and size are as at the last call is not read again; one that changed is read and hashed
// (SHA-256), and only a new hash counts as a change. When anything was added, changed or removed,
// every valid entry is handed to KnowledgeRepository::SyncKnowledgeFiles, which applies the sync
// rule (core/store.h, docs/knowledge-format.md): new entries are added, changed ones replaced,
// those whose file is gone removed, and an entry edited in the web is never overwritten.
//
// A file that cannot be read or does not validate is left out (its entry, if any, stays as it was)
// and its problems, at "file:line:column", are in the outcome; it does not stop the others. Sync
// fails (kUnavailable) only when the folder cannot be listed or the database cannot be written;
// then nothing is remembered, and the next call tries again.
//
// Not thread-safe: one owner calls Sync (`meter serve` at start, then its watcher thread). Borrows
// the instrument, the countries and the store, which must outlive it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/countries.h"
#include "core/instrument.h"
#include "core/store.h"

namespace meter {

class KnowledgeFiles {
 public:
  KnowledgeFiles(std::string dir, const Instrument& instrument, const CountryList& countries,
                 KnowledgeRepository& store)
      : dir_(std::move(dir)), instrument_(instrument), countries_(countries), store_(store) {}

  struct Outcome {
    bool synced = false;  // something changed on disk, so the store was synced
    KnowledgeSyncReport report;
    struct LeftOut {
      std::string path;
      Error error;
    };
    std::vector<LeftOut> left_out;  // the files read by this call that were left out, and why
  };
  Result<Outcome> Sync();

  const std::string& dir() const { return dir_; }

 private:
  struct Seen {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    std::string hash;
    std::optional<KnowledgeEntry> entry;  // nullopt when the file was left out
  };

  std::string dir_;
  const Instrument& instrument_;
  const CountryList& countries_;
  KnowledgeRepository& store_;
  std::map<std::string, Seen> seen_;  // by path
  bool synced_once_ = false;
};

// Calls `files.Sync()` every `interval` on a thread of its own and hands each result to `report`
// (on that thread), until it is destroyed; the destructor wakes the thread and joins it. Borrows
// `files`, which must outlive it and must not be synced by anyone else meanwhile.
class KnowledgeWatcher {
 public:
  using Report = std::function<void(const Result<KnowledgeFiles::Outcome>&)>;
  KnowledgeWatcher(KnowledgeFiles& files, std::chrono::seconds interval, Report report);
  ~KnowledgeWatcher();

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: it starts once the members it uses exist
};

// The *.md files of `dir`, sorted. kUnavailable when the folder cannot be listed.
Result<std::vector<std::string>> KnowledgeFilesIn(const std::string& dir);

// The slug of a knowledge file: its name without the folder and ".md".
std::string KnowledgeSlugOf(const std::string& path);

}  // namespace meter
