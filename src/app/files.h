// Whole-file reads and writes for the CLI. Failures are kUnavailable with the path and the system's
// reason. WriteFileAtomically writes a temporary file beside the target and renames it, so a reader
// never sees half a file and a failed write leaves the old file as it was.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/byte_source.h"
#include "core/problem.h"

namespace meter {

Result<std::string> ReadFile(const std::string& path);

// A file read a chunk at a time (core/byte_source.h), for readers whose memory must not grow with
// the file. Owns the descriptor; closes it when destroyed.
class FileSource : public ByteSource {
 public:
  static Result<std::unique_ptr<FileSource>> Open(const std::string& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Result<size_t> Read(char* buffer, size_t capacity) override;
  Result<bool> Rewind() override;
  // The size when the file is a regular file, 0 otherwise (a pipe).
  size_t size() const { return size_; }

 private:
  FileSource(std::string path, int fd, size_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  std::string path_;
  int fd_;
  size_t size_;
};
Result<bool> WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace meter
