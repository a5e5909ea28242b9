#include "core/search_text.h"

#include <algorithm>

#include "core/utf8.h"

namespace meter {
namespace {

// The plain letters of the Latin letters U+00C0–U+024F and U+1E00–U+1EFF, one character per code
// point: a letter is the code point's base letter in lower case, '*' a letter spelled with two
// (MultiLetter), '.' a letter kept as it is, ' ' a sign that separates words (× and ÷).
constexpr std::string_view kLatin =
    "aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll"
    "lllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
    "bb.....cc.d......ffg....kkl...n.oo..pp.....ttttuu..yyzz........."
    "....*********aaiioouuuuuuuuuu.aaaa..ggggkkoooo..j***gg..nnaa...."
    "aaaaeeeeiiiioooorrrruuuusstt..hhnd..zzaaeeooooooooyylntj**.ccl.s"
    "z..b..eejj..rryy";
constexpr std::string_view kLatinAdditional =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy....*.aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";
constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz";

std::string_view MultiLetter(char32_t c) {
  switch (c) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
    case 0x1E9E:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    case 0x1C4:
    case 0x1C5:
    case 0x1C6:
    case 0x1F1:
    case 0x1F2:
    case 0x1F3:
      return "dz";
    case 0x1C7:
    case 0x1C8:
    case 0x1C9:
      return "lj";
    case 0x1CA:
    case 0x1CB:
    case 0x1CC:
      return "nj";
    case 0x238:
      return "db";
    default:
      return "qp";  // U+0239
  }
}

// What one code point is for search.
struct Folded {
  enum Kind { kSeparator, kDropped, kLetter, kIdeograph } kind;
  char32_t c = 0;          // the folded code point of a letter or an ideograph
  std::string_view ascii;  // or a Latin letter's plain spelling ("e", "ss")
};

Folded Separator() { return {Folded::kSeparator, 0, {}}; }
Folded Dropped() { return {Folded::kDropped, 0, {}}; }
Folded Letter(char32_t c) { return {Folded::kLetter, c, {}}; }
Folded Ideograph(char32_t c) { return {Folded::kIdeograph, c, {}}; }

bool In(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

// A letter of a table above, at `index`.
Folded FromTable(std::string_view table, size_t index, char32_t c) {
  const char x = table[index];
  if (x == ' ') return Separator();
  if (x == '.') return Letter(c);
  if (x == '*') return {Folded::kLetter, 0, MultiLetter(c)};
  return {Folded::kLetter, 0, kAlphabet.substr(static_cast<size_t>(x - 'a'), 1)};
}

Folded Arabic(char32_t c) {
  if (In(c, 0x600, 0x605) || In(c, 0x610, 0x61A) || c == 0x61C || c == 0x640 ||
      In(c, 0x64B, 0x65F) || c == 0x670 || In(c, 0x6D6, 0x6DD) || In(c, 0x6DF, 0x6E4) ||
      In(c, 0x6E7, 0x6E8) || In(c, 0x6EA, 0x6ED)) {
    return Dropped();  // diacritics, Quranic marks, tatweel, format characters
  }
  if (c == 0x622 || c == 0x623 || c == 0x625 || In(c, 0x671, 0x673)) return Letter(0x627);
  if (In(c, 0x660, 0x669)) return Letter('0' + (c - 0x660));
  if (In(c, 0x6F0, 0x6F9)) return Letter('0' + (c - 0x6F0));
  if (In(c, 0x606, 0x60F) || In(c, 0x61B, 0x61F) || In(c, 0x66A, 0x66D) || c == 0x6D4 ||
      c == 0x6DE || c == 0x6E9 || In(c, 0x6FD, 0x6FE)) {
    return Separator();
  }
  return Letter(c);
}

Folded Greek(char32_t c) {
  static constexpr char32_t kPlain[][2] = {
      {0x386, 0x3B1}, {0x388, 0x3B5}, {0x389, 0x3B7}, {0x38A, 0x3B9}, {0x38C, 0x3BF},
      {0x38E, 0x3C5}, {0x38F, 0x3C9}, {0x390, 0x3B9}, {0x3AA, 0x3B9}, {0x3AB, 0x3C5},
      {0x3AC, 0x3B1}, {0x3AD, 0x3B5}, {0x3AE, 0x3B7}, {0x3AF, 0x3B9}, {0x3B0, 0x3C5},
      {0x3C2, 0x3C3}, {0x3CA, 0x3B9}, {0x3CB, 0x3C5}, {0x3CC, 0x3BF}, {0x3CD, 0x3C5},
      {0x3CE, 0x3C9}};
  for (const auto& [from, to] : kPlain) {
    if (c == from) return Letter(to);
  }
  if (In(c, 0x391, 0x3A9)) return Letter(c + 0x20);
  if (In(c, 0x374, 0x375) || c == 0x37E || In(c, 0x384, 0x385) || c == 0x387) return Separator();
  return Letter(c);
}

Folded Cyrillic(char32_t c) {
  if (c == 0x482) return Separator();
  if (In(c, 0x483, 0x489)) return Dropped();
  if (In(c, 0x400, 0x40F)) c += 0x50;
  if (In(c, 0x410, 0x42F)) c += 0x20;
  if (c == 0x451) return Letter(0x435);  // ё is written е as often as not
  if ((In(c, 0x460, 0x481) || In(c, 0x48A, 0x4BF) || In(c, 0x4D0, 0x52F)) && c % 2 == 0) ++c;
  if (In(c, 0x4C1, 0x4CE) && c % 2 == 1) ++c;
  if (c == 0x4C0) c = 0x4CF;
  return Letter(c);
}

bool IsIdeograph(char32_t c) {
  return c == 0x3005 || c == 0x3007 || In(c, 0x3021, 0x3029) || In(c, 0x3040, 0x309F) ||
         In(c, 0x30A1, 0x30FA) || In(c, 0x30FC, 0x30FF) || In(c, 0x3100, 0x312F) ||
         In(c, 0x31A0, 0x31BF) || In(c, 0x31F0, 0x31FF) || In(c, 0x3400, 0x4DBF) ||
         In(c, 0x4E00, 0x9FFF) || In(c, 0xF900, 0xFAFF) || In(c, 0xFF66, 0xFF9F) ||
         In(c, 0x20000, 0x323AF);
}

Folded Fold(char32_t c) {
  if (c < 0x80) {
    if (In(c, 'A', 'Z')) return {Folded::kLetter, 0, kAlphabet.substr(c - 'A', 1)};
    if (In(c, 'a', 'z') || In(c, '0', '9')) return Letter(c);
    return Separator();
  }
  if (In(c, 0xFF01, 0xFF5E)) return Fold(c - 0xFEE0);  // full-width ASCII
  if (c == 0xAD || In(c, 0x200B, 0x200F) || In(c, 0x202A, 0x202E) || In(c, 0x2060, 0x2064) ||
      In(c, 0x2066, 0x206F) || c == 0xFEFF || In(c, 0x300, 0x36F) || In(c, 0x1AB0, 0x1AFF) ||
      In(c, 0x1DC0, 0x1DFF) || In(c, 0x20D0, 0x20FF) || In(c, 0xFE20, 0xFE2F) ||
      In(c, 0x3099, 0x309A)) {
    return Dropped();  // format characters and combining marks
  }
  if (c < 0xC0) return Separator();  // Latin-1 signs and spaces
  if (c < 0x250) return FromTable(kLatin, c - 0xC0, c);
  if (In(c, 0x1E00, 0x1EFF)) return FromTable(kLatinAdditional, c - 0x1E00, c);
  if (In(c, 0x370, 0x3FF)) return Greek(c);
  if (In(c, 0x400, 0x52F)) return Cyrillic(c);
  if (In(c, 0x600, 0x6FF)) return Arabic(c);
  if (In(c, 0x8D3, 0x8FF)) return Dropped();  // more Arabic marks
  if (IsIdeograph(c)) return Ideograph(c);
  if (In(c, 0x2000, 0x2BFF) || In(c, 0x2E00, 0x303F) || c == 0x30A0 || c == 0x30FB ||
      In(c, 0xE000, 0xF8FF) || In(c, 0xFE10, 0xFE1F) || In(c, 0xFE30, 0xFE6F) ||
      In(c, 0xFF5F, 0xFF65) || In(c, 0xFFE0, 0xFFFF) || In(c, 0x1F000, 0x1FAFF)) {
    return Separator();  // punctuation and symbols, private use, U+FFFD
  }
  return Letter(c);
}

// The code point at `at`, moving past it; U+FFFD for a byte that does not start well-formed UTF-8.
char32_t Decode(std::string_view s, size_t& at) {
  const CodePoint c = DecodeUtf8At(s, at);
  at += c.length;
  return c.value;
}

void Encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Calls `emit` with each normalised word of `text`: its words of letters and digits, and for each
// run of ideographs its bigrams (its one character when it has one) and, with `characters`, each
// of its characters alone too.
template <typename Emit>
void Words(std::string_view text, bool characters, const Emit& emit) {
  std::string word;
  std::vector<std::string> run;  // the current run of ideographs, one UTF-8 character each
  const auto end_word = [&] {
    if (!word.empty()) emit(word);
    word.clear();
  };
  const auto end_run = [&] {
    if (run.size() == 1) emit(run[0]);
    for (size_t i = 0; i + 1 < run.size(); ++i) emit(run[i] + run[i + 1]);
    if (characters && run.size() > 1) {
      for (const std::string& one : run) emit(one);
    }
    run.clear();
  };
  for (size_t at = 0; at < text.size();) {
    const Folded f = Fold(Decode(text, at));
    if (f.kind == Folded::kSeparator) {
      end_word();
      end_run();
    } else if (f.kind == Folded::kLetter) {
      end_run();
      if (f.ascii.empty()) {
        Encode(f.c, word);
      } else {
        word += f.ascii;
      }
    } else if (f.kind == Folded::kIdeograph) {
      end_word();
      run.emplace_back();
      Encode(f.c, run.back());
    }
  }
  end_word();
  end_run();
}

bool Space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string SearchDocument(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  Words(text, true, [&](const std::string& word) {
    if (!out.empty()) out += ' ';
    out += word;
  });
  return out;
}

std::vector<std::string> SearchQueryWords(std::string_view query) {
  constexpr size_t kMaxTyped = 16, kMaxTypedBytes = 100, kMaxWords = 32;
  std::vector<std::string> out;
  size_t typed = 0;
  for (size_t at = 0; at < query.size() && typed < kMaxTyped;) {
    while (at < query.size() && Space(query[at])) ++at;
    size_t end = at;
    while (end < query.size() && !Space(query[end])) ++end;
    const std::string_view one = query.substr(at, end - at);
    at = end;
    if (one.empty() || one.size() > kMaxTypedBytes) continue;
    const size_t before = out.size();
    Words(one, false, [&](const std::string& word) {
      if (out.size() < kMaxWords && std::find(out.begin(), out.end(), word) == out.end())
        out.push_back(word);
    });
    typed += out.size() > before;
  }
  return out;
}

}  // namespace meter
