#include "core/text_rules.h"

#include <bit>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/limits.h"
#include "core/utf8.h"

namespace meter {
namespace {

constexpr uint64_t kHigh = 0x8080808080808080ULL;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
constexpr uint64_t kEach = 0x0101010101010101ULL;

// The high bit of each byte of `w` that is zero, exactly (no carry crosses a byte).
constexpr uint64_t ZeroBytes(uint64_t w) { return ~(((w & kLow7) + kLow7) | w | kLow7); }
constexpr uint64_t BytesEqual(uint64_t w, unsigned char c) { return ZeroBytes(w ^ (kEach * c)); }

// Whether none of the eight bytes of `w` can be a forbidden control character of a text of
// several lines: no byte below 0x20 but tab and line feed, and no DEL. (A carriage return is
// looked at byte by byte, since only the one of a CRLF is allowed.)
constexpr bool CleanLinesWord(uint64_t w) {
  const uint64_t below_space = ~(((w & kLow7) + kEach * 0x60) | w) & kHigh;
  const uint64_t allowed = BytesEqual(w, '\t') | BytesEqual(w, '\n');
  return ((below_space & ~allowed) | BytesEqual(w, 0x7F)) == 0;
}

}  // namespace

size_t FindForbiddenControl(std::string_view text, TextShape shape) {
  for (size_t i = 0; i < text.size(); ++i) {
    // Fast path: eight bytes at a time while none is a control character of concern.
    if (shape == TextShape::kLines && i % 8 == 0) {
      uint64_t word;
      while (i + 8 <= text.size() && (std::memcpy(&word, text.data() + i, 8), CleanLinesWord(word)))
        i += 8;
      if (i == text.size()) break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7F) continue;
    if (shape == TextShape::kLines) {
      if (c == '\t' || c == '\n') continue;
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    }
    return i;
  }
  return std::string_view::npos;
}

size_t PlainAsciiPrefix(std::string_view text) {
  size_t i = 0;
#ifdef __SSE2__
  // Sixteen bytes at a time: a byte stops the run when it is below 0x20 as a signed byte (a control
  // character, or any byte from 0x80) but not a tab or a line feed, or when it is DEL.
  const __m128i space = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t'),
                line_feed = _mm_set1_epi8('\n'), del = _mm_set1_epi8(0x7F);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, line_feed));
    const __m128i stop =
        _mm_or_si128(_mm_andnot_si128(allowed, _mm_cmplt_epi8(v, space)), _mm_cmpeq_epi8(v, del));
    if (const int mask = _mm_movemask_epi8(stop); mask != 0)
      return i + std::countr_zero(static_cast<unsigned>(mask));
  }
#endif
  for (uint64_t word; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    if ((word & kHigh) != 0 || !CleanLinesWord(word)) break;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n')) break;
  }
  return i;
}

size_t CountCharacters(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::optional<Problem> TextProblem(std::string_view field, std::string_view text, TextShape shape,
                                   size_t max_length) {
  const std::string where(field);
  if (FindInvalidUtf8(text) != std::string_view::npos)
    return Problem{where, METER_N("the text is not valid UTF-8"), {}};
  const size_t control = FindForbiddenControl(text, shape);
  if (control != std::string_view::npos) {
    const auto c = static_cast<unsigned char>(text[control]);
    if (shape == TextShape::kLine && (c == '\n' || c == '\r'))
      return Problem{where, METER_N("this field must be a single line"), {}};
    return Problem{where,
                   METER_N("the text contains a control character (code {1}), which is not "
                           "allowed; remove it"),
                   {std::to_string(c)}};
  }
  if (max_length && CountCharacters(text) > max_length) {
    return CountProblem(
        where,
        METER_NP("the text is longer than {1} character", "the text is longer than {1} characters"),
        static_cast<long>(max_length), {std::to_string(max_length)});
  }
  return std::nullopt;
}

std::vector<Problem> UserFieldProblems(std::string_view email, std::string_view name) {
  std::vector<Problem> problems;
  if (auto problem = TextProblem("email", email, TextShape::kLine, kMaxEmailLength)) {
    problems.push_back(std::move(*problem));
  } else if (email.find('@') == std::string_view::npos) {
    problems.push_back({"email", METER_N("enter a valid e-mail address"), {}});
  }
  if (auto problem = TextProblem("name", name, TextShape::kLine, kMaxUserNameLength))
    problems.push_back(std::move(*problem));
  return problems;
}

}  // namespace meter
