#include "app/knowledge_sync.h"

#include <algorithm>

#include "app/files.h"
#include "core/knowledge.h"
#include "web/security.h"

namespace meter {

Result<std::vector<std::string>> KnowledgeFilesIn(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".md") files.push_back(e.path().string());
  }
  if (ec) {
    return Error::Of(ErrorCode::kUnavailable, dir, METER_N("cannot read the folder: {1}"),
                     {ec.message()});
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string KnowledgeSlugOf(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

Result<KnowledgeFiles::Outcome> KnowledgeFiles::Sync() {
  auto listed = KnowledgeFilesIn(dir_);
  if (!listed) return listed.error();
  Outcome outcome;
  std::map<std::string, Seen> now;
  // The first sync always runs, so that entries whose files went while METER was stopped go.
  bool changed = !synced_once_ || listed.value().size() != seen_.size();
  for (const std::string& path : listed.value()) {
    std::error_code ec;
    Seen s;
    s.mtime = std::filesystem::last_write_time(path, ec);
    s.size = std::filesystem::file_size(path, ec);
    const auto before = seen_.find(path);
    if (before != seen_.end() && !ec && before->second.mtime == s.mtime &&
        before->second.size == s.size) {
      now.emplace(path, before->second);
      continue;
    }
    auto text = ReadFile(path);
    if (!text) {
      outcome.left_out.push_back({path, text.error()});
      changed = true;
      now.emplace(path, std::move(s));
      continue;
    }
    s.hash = Sha256Hex(text.value());
    if (before != seen_.end() && before->second.hash == s.hash) {
      s.entry = before->second.entry;  // touched, not changed
    } else {
      changed = true;
      auto entry = ParseKnowledgeEntry(text.value(), path, instrument_, countries_);
      if (entry) {
        s.entry = std::move(entry).value();
      } else {
        outcome.left_out.push_back({path, entry.error()});
      }
    }
    now.emplace(path, std::move(s));
  }
  for (const auto& [path, s] : seen_) changed = changed || !now.count(path);
  if (!changed) return outcome;
  std::vector<KnowledgeFile> files;
  std::vector<std::string> unreadable;
  for (const auto& [path, s] : now) {
    if (s.entry) {
      files.push_back({*s.entry, s.hash, path});
    } else {
      unreadable.push_back(KnowledgeSlugOf(path));
    }
  }
  auto report = store_.SyncKnowledgeFiles(files, unreadable, "sync:" + dir_);
  if (!report) return report.error();
  outcome.synced = true;
  synced_once_ = true;
  outcome.report = std::move(report).value();
  seen_ = std::move(now);
  return outcome;
}

KnowledgeWatcher::KnowledgeWatcher(KnowledgeFiles& files, std::chrono::seconds interval,
                                   Report report)
    : thread_([this, &files, interval, report = std::move(report)](std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (true) {
          wake_.wait_for(lock, stop, interval, [] { return false; });
          if (stop.stop_requested()) return;
          lock.unlock();
          report(files.Sync());
          lock.lock();
        }
      }) {}

KnowledgeWatcher::~KnowledgeWatcher() {
  thread_.request_stop();
  thread_.join();
}

}  // namespace meter
