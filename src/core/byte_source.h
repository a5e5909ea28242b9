// Where a reader that streams its input gets the bytes: a file (app/files.h) or text in memory.
// Core does no I/O of its own; the owner of the file implements this. Not thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "core/problem.h"

namespace meter {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes into `buffer`: the count, 0 at the end, or the error (with the
  // source's name and the system's reason) when the bytes cannot be read.
  virtual Result<size_t> Read(char* buffer, size_t capacity) = 0;
  // Starts again from the first byte, for a reader that needs a second look; fails like Read().
  virtual Result<bool> Rewind() = 0;
};

// Text the caller owns and keeps alive while the source is used.
class TextSource : public ByteSource {
 public:
  explicit TextSource(std::string_view text) : text_(text) {}
  Result<size_t> Read(char* buffer, size_t capacity) override {
    const size_t n = std::min(capacity, text_.size() - pos_);
    std::memcpy(buffer, text_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  Result<bool> Rewind() override {
    pos_ = 0;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace meter
