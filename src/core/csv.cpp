#include "core/csv.h"

#include <algorithm>
#include <array>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/text_rules.h"
#include "core/utf8.h"

namespace meter {
namespace {

// The bytes that end an unquoted field: a comma, a line break, or a quote (an error there).
constexpr auto kFieldEnds = [] {
  std::array<bool, 256> ends{};
  ends[','] = ends['\n'] = ends['\r'] = ends['"'] = true;
  return ends;
}();

}  // namespace

CsvReader::CsvReader(std::string_view text, bool final) : text_(text), final_(final) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a byte-order mark, as spreadsheets write
}

void CsvReader::Continue(std::string_view text, bool final) {
  text_ = text;
  pos_ = 0;
  final_ = final;
  need_more_ = false;
}

bool CsvReader::ReadQuoted(Span& span) {
  // pos_ is just past the opening quote.
  span.start = pos_;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '"') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        span.escaped = true;
        pos_ += 2;
        continue;
      }
      span.length = pos_ - span.start;
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        error_ =
            METER_N("text after a closing quote; a quote inside a field must be doubled (\"\")");
        return false;
      }
      return true;
    }
    if (c == '\n') ++line_;
    ++pos_;
  }
  if (!final_) return false;  // Next() asks for more text
  error_ = METER_N("a quoted field is not closed before the end of the file");
  return false;
}

// Most records hold no quote and end in a line feed: those are split here, in one pass, with no
// spans to collapse. Anything else (a quote, a carriage return, a record the text cuts short) is
// left to the general path of Next(), from the start of the record. With SSE2 (every x86-64), the
// field ends among sixteen bytes are found together, and each is taken in turn from that mask.
bool CsvReader::NextPlain(std::vector<std::string_view>& fields) {
  const char* const end = text_.data() + text_.size();
  const char* field = text_.data() + pos_;
  const char* p = field;
  const char* stop = nullptr;  // the first field end that is not a comma
#ifdef __SSE2__
  const __m128i comma = _mm_set1_epi8(','), line_feed = _mm_set1_epi8('\n'),
                carriage_return = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
  for (; stop == nullptr && p + 16 <= end; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i ends =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, line_feed)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, carriage_return), _mm_cmpeq_epi8(v, quote)));
    for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(ends)); mask != 0; mask &= mask - 1) {
      const char* const at = p + std::countr_zero(mask);
      if (*at != ',') {
        stop = at;
        break;
      }
      fields.emplace_back(field, static_cast<size_t>(at - field));
      field = at + 1;
    }
  }
#endif
  for (; stop == nullptr && p < end; ++p) {
    if (!kFieldEnds[static_cast<unsigned char>(*p)]) continue;
    if (*p != ',') {
      stop = p;
      break;
    }
    fields.emplace_back(field, static_cast<size_t>(p - field));
    field = p + 1;
  }
  if (stop == nullptr || *stop != '\n') {
    fields.clear();
    return false;
  }
  fields.emplace_back(field, static_cast<size_t>(stop - field));
  pos_ = static_cast<size_t>(stop + 1 - text_.data());
  ++line_;
  return true;
}

bool CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  spans_.clear();
  error_ = nullptr;
  need_more_ = false;
  const size_t record_start = pos_;
  record_line_ = line_;
  // Without the rest of the text, a record ends only at its line break.
  const auto want_more = [&] {
    pos_ = record_start;
    line_ = record_line_;
    need_more_ = true;
    return false;
  };
  if (pos_ >= text_.size()) return final_ ? false : want_more();
  if (NextPlain(fields)) return true;
  bool escaped_any = false;
  while (true) {
    Span span{pos_, 0, false};
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      if (!ReadQuoted(span)) return error_ ? false : want_more();
    } else {
      const char* const end = text_.data() + text_.size();
      const char* p = text_.data() + pos_;
      while (p < end && !kFieldEnds[static_cast<unsigned char>(*p)]) ++p;
      pos_ = static_cast<size_t>(p - text_.data());
      if (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c == '"') {
          error_ = METER_N(
              "a quote inside an unquoted field; quote the whole field and double the quote");
          return false;
        }
      }
      span.length = pos_ - span.start;
    }
    escaped_any = escaped_any || span.escaped;
    spans_.push_back(span);
    if (pos_ >= text_.size()) {
      if (!final_) return want_more();
      break;
    }
    const char sep = text_[pos_++];
    if (sep == ',') continue;
    if (sep == '\r' && pos_ >= text_.size() && !final_) return want_more();
    if (sep == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  if (escaped_any) {
    size_t total = 0;
    for (const Span& s : spans_) total += s.length;
    buffer_.clear();
    buffer_.reserve(total);  // no reallocation below, so the views stay valid
  }
  for (const Span& s : spans_) {
    std::string_view raw = text_.substr(s.start, s.length);
    if (!s.escaped) {
      fields.push_back(raw);
      continue;
    }
    const size_t begin = buffer_.size();
    for (size_t i = 0; i < raw.size(); ++i) {
      buffer_ += raw[i];
      if (raw[i] == '"') ++i;  // skip the second quote of a pair
    }
    fields.push_back(std::string_view(buffer_).substr(begin));
  }
  return true;
}

void CsvProblems::Add(size_t line, std::string message, std::vector<std::string> args) {
  Add(line, Problem{"", std::move(message), std::move(args)});
}

void CsvProblems::Add(size_t line, Problem problem) {
  if (list_.size() > limit_) return;
  std::string where = file_ + (line ? ":" + std::to_string(line) : std::string());
  lines_.push_back(line);
  if (list_.size() == limit_) {
    list_.push_back(
        {where, METER_N("too many problems; the rest of the file was not checked"), {}});
    return;
  }
  problem.where = std::move(where);
  list_.push_back(std::move(problem));
}

void CsvProblems::Clear() {
  list_.clear();
  lines_.clear();
}

// The problems with their lines, without the last "too many problems".
std::vector<CsvProblems::Found> CsvProblems::SortedFound() {
  std::vector<Found> found;
  for (size_t i = 0; i < list_.size() && i < limit_; ++i) {
    found.push_back({lines_[i], std::move(list_[i])});
  }
  return found;
}

void CsvProblems::Merge(CsvProblems&& other) {
  if (other.empty()) return;
  const bool overflowed = full() || other.full();
  std::vector<Found> all = SortedFound();
  std::vector<Found> more = other.SortedFound();
  all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  std::stable_sort(all.begin(), all.end(),
                   [](const Found& a, const Found& b) { return a.line < b.line; });
  Clear();
  for (Found& f : all) {
    f.problem.where.clear();
    Add(f.line, std::move(f.problem));
  }
  // A side that stopped at the limit left problems unread: say so even when the merged list fits.
  if (overflowed && !full()) {
    list_.push_back(
        {file_, METER_N("too many problems; the rest of the file was not checked"), {}});
    lines_.push_back(0);
  }
}

bool CheckUtf8(std::string_view text, CsvProblems& problems) {
  const size_t bad = FindInvalidUtf8(text);
  if (bad == std::string_view::npos) return true;
  const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  problems.Add(line,
               METER_N("the file is not valid UTF-8 (byte {1}); save it as UTF-8 and try again"),
               {std::to_string(bad + 1)});
  return false;
}

bool CheckControlCharacters(std::string_view text, CsvProblems& problems) {
  const size_t bad = FindForbiddenControl(text, TextShape::kLines);
  if (bad == std::string_view::npos) return true;
  const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  problems.Add(line, ControlCharacterProblem(static_cast<unsigned char>(text[bad]),
                                             text.find('\n') != std::string_view::npos));
  return false;
}

Problem ControlCharacterProblem(unsigned char c, bool line_feeds) {
  if (c == '\r' && !line_feeds) {  // carriage returns alone end the lines: an old Mac file
    return {"",
            METER_N("the lines of this file end in a carriage return alone (an old Mac format); "
                    "save it with Windows (CRLF) or Unix (LF) line ends"),
            {}};
  }
  return {"",
          METER_N("the file contains a control character (code {1}), which is not allowed; "
                  "remove it"),
          {std::to_string(c)}};
}

std::optional<std::vector<size_t>> ReadHeader(CsvReader& reader,
                                              std::initializer_list<const char*> required,
                                              CsvProblems& problems,
                                              std::vector<std::string>* all) {
  std::vector<std::string_view> header;
  if (!reader.Next(header)) {
    if (reader.error())
      problems.Add(reader.line(), reader.error());
    else
      problems.Add(1, METER_N("the file is empty; it needs a header line"));
    return std::nullopt;
  }
  if (all) all->assign(header.begin(), header.end());
  return HeaderColumns(header, reader.line(), required, problems);
}

bool IsSemicolonHeader(const std::vector<std::string_view>& header) {
  return header.size() == 1 && header[0].find(';') != std::string_view::npos;
}

Problem SemicolonHeaderProblem(const std::string& where) {
  return {where,
          METER_N("the header is one column holding ';': the file seems separated by "
                  "semicolons; save it as CSV with commas between the columns"),
          {}};
}

std::optional<std::vector<size_t>> HeaderColumns(const std::vector<std::string_view>& header,
                                                 size_t line,
                                                 std::initializer_list<const char*> required,
                                                 CsvProblems& problems) {
  if (IsSemicolonHeader(header)) {
    problems.Add(line, SemicolonHeaderProblem(""));
    return std::nullopt;
  }
  std::vector<size_t> positions;
  bool complete = true;
  for (const char* name : required) {
    auto it = std::find(header.begin(), header.end(), std::string_view(name));
    if (it == header.end()) {
      problems.Add(line, METER_N("missing column '{1}' in the header"), {name});
      complete = false;
    } else {
      positions.push_back(static_cast<size_t>(it - header.begin()));
    }
  }
  if (!complete) return std::nullopt;
  return positions;
}

std::string CsvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string CsvTextField(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    return CsvField("'" + std::string(text));
  }
  return CsvField(text);
}

}  // namespace meter
