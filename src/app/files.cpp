#include "app/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace meter {
namespace {

Error SystemError(const std::string& path, const char* what) {
  return Error::Of(ErrorCode::kUnavailable, path, what, {std::strerror(errno)});
}

}  // namespace

Result<std::unique_ptr<FileSource>> FileSource::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return SystemError(path, METER_N("cannot open the file: {1}"));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error::Of(ErrorCode::kUnavailable, path, METER_N("is a directory, not a file"));
  }
  const size_t size = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0;
  return std::unique_ptr<FileSource>(new FileSource(path, fd, size));
}

FileSource::~FileSource() { ::close(fd_); }

Result<size_t> FileSource::Read(char* buffer, size_t capacity) {
  size_t done = 0;  // fill the buffer, so that the caller sees whole chunks
  while (done < capacity) {
    const ssize_t n = ::read(fd_, buffer + done, capacity - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError(path_, METER_N("cannot read the file: {1}"));
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Result<bool> FileSource::Rewind() {
  if (::lseek(fd_, 0, SEEK_SET) != 0)
    return SystemError(path_, METER_N("cannot read the file: {1}"));
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  auto file = FileSource::Open(path);
  if (!file) return file.error();
  std::string data;
  data.reserve(file.value()->size());
  char buf[1 << 16];
  while (true) {
    auto n = file.value()->Read(buf, sizeof buf);
    if (!n) return n.error();
    if (n.value() == 0) break;
    data.append(buf, n.value());
  }
  return data;
}

Result<bool> WriteFileAtomically(const std::string& path, std::string_view content) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return SystemError(path, METER_N("cannot write the file: {1}"));
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error e = SystemError(path, METER_N("cannot write the file: {1}"));
      ::close(fd);
      ::unlink(temp.c_str());
      return e;
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed || ::rename(temp.c_str(), path.c_str()) != 0) {
    Error e = SystemError(path, METER_N("cannot write the file: {1}"));
    ::unlink(temp.c_str());
    return e;
  }
  return true;
}

}  // namespace meter
