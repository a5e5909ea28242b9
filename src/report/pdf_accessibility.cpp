#include "report/pdf_accessibility.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>

#include "core/utf8.h"

namespace meter {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) { return IsWhite(c) || std::strchr("()<>[]{}/%", c) != nullptr; }

size_t SkipWhite(std::string_view s, size_t at) {
  while (at < s.size() && IsWhite(s[at])) ++at;
  return at;
}

// A non-negative decimal number at `at` (at most 10 digits); advances `at` past it.
std::optional<size_t> Number(std::string_view s, size_t& at) {
  size_t value = 0, digits = 0;
  while (at < s.size() && s[at] >= '0' && s[at] <= '9' && digits < 10) {
    value = value * 10 + static_cast<size_t>(s[at++] - '0');
    ++digits;
  }
  if (digits == 0 || (at < s.size() && s[at] >= '0' && s[at] <= '9')) return std::nullopt;
  return value;
}

// The offset just past the ">>" that closes the dictionary opening at `at`, skipping strings, hex
// strings and comments (cairo writes a comment in each Page dictionary); npos when there is none.
size_t DictEnd(std::string_view s, size_t at) {
  if (s.substr(at, 2) != "<<") return npos;
  int depth = 0;
  size_t i = at;
  while (i < s.size()) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == '<' && next == '<') {
      ++depth;
      i += 2;
    } else if (c == '>' && next == '>') {
      i += 2;
      if (--depth == 0) return i;
    } else if (c == '<') {  // a hex string
      i = s.find('>', i);
      if (i == npos) return npos;
      ++i;
    } else if (c == '(') {  // a literal string: balanced parentheses, backslash escapes
      int open = 1;
      for (++i; i < s.size() && open > 0; ++i) {
        if (s[i] == '\\')
          ++i;
        else if (s[i] == '(')
          ++open;
        else if (s[i] == ')')
          --open;
      }
      if (open > 0) return npos;
    } else if (c == '%') {
      i = s.find_first_of("\r\n", i);
      if (i == npos) return npos;
    } else {
      ++i;
    }
  }
  return npos;
}

// Where the name `key` ("/Lang") stands in `dict` as a whole name, or npos. It may find a key of
// a nested dictionary too: callers use it only where that errs on the safe side (not adding).
size_t FindName(std::string_view dict, std::string_view key) {
  for (size_t at = dict.find(key); at != npos; at = dict.find(key, at + 1)) {
    const size_t end = at + key.size();
    if (end == dict.size() || IsDelimiter(dict[end])) return at;
  }
  return npos;
}

// The object number of the reference "N 0 R" that is the value of `key`, if it is one.
std::optional<size_t> RefValue(std::string_view dict, std::string_view key) {
  size_t at = FindName(dict, key);
  if (at == npos) return std::nullopt;
  at = SkipWhite(dict, at + key.size());
  const auto id = Number(dict, at);
  at = SkipWhite(dict, at);
  if (!id || dict.substr(at, 1) != "0") return std::nullopt;
  at = SkipWhite(dict, at + 1);
  if (dict.substr(at, 1) != "R") return std::nullopt;
  return id;
}

// True when the value of `key` is the name `value` ("/S /Figure").
bool HasNameValue(std::string_view dict, std::string_view key, std::string_view value) {
  size_t at = FindName(dict, key);
  if (at == npos) return false;
  at = SkipWhite(dict, at + key.size());
  const size_t end = at + value.size();
  return dict.substr(at, value.size()) == value && (end == dict.size() || IsDelimiter(dict[end]));
}

// UTF-8 as a PDF text string: UTF-16BE with a byte order mark, written as a hex string, which
// needs no escapes and survives any byte.
std::string TextString(std::string_view utf8) {
  const std::string text = ToValidUtf8(utf8);
  std::string out = "<FEFF";
  auto unit = [&out](unsigned u) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", u & 0xFFFF);
    out += hex;
  };
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    unsigned cp = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += length;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

// A BCP 47 tag's shape: letters first, then letters, digits and hyphens, at most 35 characters.
bool IsLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 35 || !std::isalpha(static_cast<unsigned char>(tag[0]))) {
    return false;
  }
  for (char c : tag) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

// What the update needs of cairo's file: where each object is, and the trailer.
struct XrefTable {
  size_t at = 0;                    // the offset of the "xref" keyword: the update's /Prev
  std::map<size_t, size_t> object;  // object number → offset, for objects in use of generation 0
  std::string_view trailer;         // the trailer dictionary, "<< … >>"
};

// Reads the last xref table and its trailer; sets `why` and returns nothing when the file is not
// as cairo 1.16 writes it.
std::optional<XrefTable> ReadXref(std::string_view pdf, std::string& why) {
  const size_t start = pdf.rfind("startxref");
  size_t at = start == npos ? npos : SkipWhite(pdf, start + 9);
  const auto offset = at == npos ? std::nullopt : Number(pdf, at);
  if (!offset || pdf.find("%%EOF", at) == npos) {
    why = "no startxref and %%EOF at the end";
    return std::nullopt;
  }
  XrefTable xref;
  xref.at = *offset;
  if (xref.at >= pdf.size() || pdf.substr(xref.at, 4) != "xref") {
    why = "startxref does not point at an xref table (an xref stream?)";
    return std::nullopt;
  }
  at = xref.at + 4;
  while (true) {
    at = SkipWhite(pdf, at);
    if (pdf.substr(at, 7) == "trailer") break;
    const auto first = Number(pdf, at);
    at = SkipWhite(pdf, at);
    const auto count = Number(pdf, at);
    at = SkipWhite(pdf, at);
    if (!first || !count || *count > (pdf.size() - at) / 20) {
      why = "an xref subsection that cannot be read";
      return std::nullopt;
    }
    for (size_t i = 0; i < *count; ++i, at += 20) {
      size_t p = at;
      const auto where = Number(pdf, p);
      ++p;
      const auto generation = Number(pdf, p);
      if (!where || !generation || p + 1 >= pdf.size() || pdf[p] != ' ') {
        why = "an xref entry that cannot be read";
        return std::nullopt;
      }
      if (pdf[p + 1] == 'n' && *generation == 0) xref.object[*first + i] = *where;
    }
  }
  at = SkipWhite(pdf, at + 7);
  const size_t end = DictEnd(pdf, at);
  if (end == npos) {
    why = "the trailer cannot be read";
    return std::nullopt;
  }
  xref.trailer = pdf.substr(at, end - at);
  return xref;
}

// The dictionary of object `id` ("<< … >>"), read at the offset the xref table gives; empty when
// it is not there or not a dictionary.
std::string_view ObjectDict(std::string_view pdf, const XrefTable& xref, size_t id) {
  const auto found = xref.object.find(id);
  if (found == xref.object.end() || found->second >= pdf.size()) return {};
  const std::string header = std::to_string(id) + " 0 obj";
  size_t at = found->second;
  if (pdf.substr(at, header.size()) != header) return {};
  at = SkipWhite(pdf, at + header.size());
  const size_t end = DictEnd(pdf, at);
  return end == npos ? std::string_view() : pdf.substr(at, end - at);
}

// `dict` with `entries` (each " /Key value") added before its closing ">>".
std::string WithEntries(std::string_view dict, const std::string& entries) {
  size_t end = dict.size() - 2;
  while (end > 2 && IsWhite(dict[end - 1])) --end;
  return std::string(dict.substr(0, end)) + entries + "\n>>";
}

// The new versions of the objects to update (object number → dictionary), or nothing with `why`.
std::optional<std::map<size_t, std::string>> UpdatedObjects(std::string_view pdf,
                                                            const XrefTable& xref,
                                                            const PdfAccessibility& wanted,
                                                            std::string& why) {
  for (const char* key : {"/Prev", "/Encrypt", "/XRefStm"}) {
    if (FindName(xref.trailer, key) != npos) {
      why = std::string("the trailer has ") + key + " (not a file as cairo writes it)";
      return std::nullopt;
    }
  }
  const auto root = RefValue(xref.trailer, "/Root");
  const std::string_view catalog = root ? ObjectDict(pdf, xref, *root) : std::string_view();
  if (catalog.empty() || !HasNameValue(catalog, "/Type", "/Catalog")) {
    why = "the catalog cannot be found";
    return std::nullopt;
  }
  if (FindName(catalog, "/StructTreeRoot") == npos) {
    why = "the PDF is not tagged (no /StructTreeRoot)";
    return std::nullopt;
  }
  if (!wanted.lang.empty() && !IsLanguageTag(wanted.lang)) {
    why = "\"" + ToValidUtf8(wanted.lang) + "\" is not a BCP 47 language tag";
    return std::nullopt;
  }
  std::map<size_t, std::string> updated;
  std::string entries;
  if (!wanted.lang.empty() && FindName(catalog, "/Lang") == npos) {
    entries += "\n   /Lang (" + wanted.lang + ")";
  }
  if (FindName(catalog, "/MarkInfo") == npos) entries += "\n   /MarkInfo << /Marked true >>";
  if (FindName(catalog, "/ViewerPreferences") == npos) {
    entries += "\n   /ViewerPreferences << /DisplayDocTitle true >>";
  }
  if (!entries.empty()) updated[*root] = WithEntries(catalog, entries);
  // cairo numbers structure elements in the order their tags begin, that is in document order.
  size_t figures = 0;
  for (const auto& [id, offset] : xref.object) {
    const std::string_view dict = ObjectDict(pdf, xref, id);
    if (!HasNameValue(dict, "/Type", "/StructElem") || !HasNameValue(dict, "/S", "/Figure")) {
      continue;
    }
    if (figures < wanted.alts.size() && FindName(dict, "/Alt") == npos) {
      updated[id] = WithEntries(dict, "\n   /Alt " + TextString(wanted.alts[figures]));
    }
    ++figures;
  }
  if (figures != wanted.alts.size()) {
    why = "the PDF has " + std::to_string(figures) + " Figure elements for " +
          std::to_string(wanted.alts.size()) + " alternative texts";
    return std::nullopt;
  }
  return updated;
}

// The incremental update: the objects, an xref section of them, the trailer with /Prev.
std::string Update(size_t base, const XrefTable& xref,
                   const std::map<size_t, std::string>& objects) {
  std::string out;
  std::map<size_t, size_t> offsets;
  for (const auto& [id, dict] : objects) {
    offsets[id] = base + out.size();
    out += std::to_string(id) + " 0 obj\n" + dict + "\nendobj\n";
  }
  const size_t xref_at = base + out.size();
  out += "xref\n";
  for (auto run = offsets.begin(); run != offsets.end();) {
    auto end = run;
    size_t count = 0;
    while (end != offsets.end() && end->first == run->first + count) ++end, ++count;
    out += std::to_string(run->first) + " " + std::to_string(count) + "\n";
    for (; run != end; ++run) {
      char entry[24];
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", run->second);
      out += entry;
    }
  }
  out += "trailer\n" + WithEntries(xref.trailer, "\n   /Prev " + std::to_string(xref.at)) +
         "\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return out;
}

}  // namespace

PdfAccessibilityUpdate AddPdfAccessibility(std::string pdf, const PdfAccessibility& wanted) {
  std::string why;
  const auto xref = ReadXref(pdf, why);
  const auto objects = xref ? UpdatedObjects(pdf, *xref, wanted, why) : std::nullopt;
  if (!objects) return {std::move(pdf), why};
  if (objects->empty()) return {std::move(pdf), "nothing to add: every key is there"};
  // Built before `pdf` grows: the table's trailer is a view into it.
  const std::string separator = pdf.back() == '\n' ? "" : "\n";
  const std::string update = Update(pdf.size() + separator.size(), *xref, *objects);
  pdf += separator + update;
  return {std::move(pdf), ""};
}

}  // namespace meter
