// Knowledge entries: the lessons learned and case studies behind the Way Forward. Their home is the
// database (core/store.h, KnowledgeRepository); the files of content/knowledge/ (one Markdown file
// each with YAML front matter, format in docs/knowledge-format.md) are synced into it, and
// `meter knowledge export` writes the database back in the same format.
//
// One set of rules, CheckKnowledgeEntry, decides what a valid entry is, wherever it comes from: a
// file (ParseKnowledgeEntry) or the web form (core/knowledge_form.h). Only the way a problem is
// placed differs: "file:line:column" for a file, the field's name for a form.
//
// Everything here is a pure function of its arguments; thread-safe. The body is never checked: it
// is rendered with cmark in safe mode, so raw HTML in it is never emitted.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/instrument.h"
#include "core/instrument_catalog.h"
#include "core/problem.h"

namespace meter {

struct KnowledgeSource {
  std::string title;
  std::string url;          // may be empty
  std::string publication;  // may be empty

  bool operator==(const KnowledgeSource&) const = default;
};

struct KnowledgeEntry {
  std::string slug;  // the file name without ".md"; the entry's key and URL
  std::string kind;  // "lesson" or "case"
  std::string title;
  std::string country;  // ISO3; empty for a general lesson
  std::string region;
  std::optional<int> year;
  std::vector<std::string> pillars;   // most relevant first
  std::vector<std::string> subareas;  // most relevant first
  std::vector<KnowledgeSource> sources;
  std::string summary;
  std::string body_markdown;

  bool operator==(const KnowledgeEntry&) const = default;
};

// Where a problem with one field of an entry is reported. `field` is one of "slug", "kind",
// "title", "country", "region", "year", "pillars", "subareas", "sources", "summary", or "source"
// and "source url" with `index` the source's position (0-based).
using KnowledgePlace = std::function<std::string(std::string_view field, size_t index)>;

// The rules of an entry: a slug of lower-case letters, digits and '-' (not "new", which is a page);
// kind "lesson" or "case"; a title and a summary; a country that is a UN member state (required for
// a case); a year from 1950 to 2100; pillars and sub-areas that `instrument` has; at least one
// source, each with a title or a publication and, if it has a URL, an http(s) one. Returns every
// problem found (empty when the entry is valid), each placed by `place`.
std::vector<Problem> CheckKnowledgeEntry(const KnowledgeEntry& entry, const Instrument& instrument,
                                         const CountryList& countries, const KnowledgePlace& place);

// Reads one file's text. The slug is the file name without its folder and ".md". Returns
// kInvalidInput with every problem at "file:line:column": the checks above plus the file's shape
// (front matter between two '---' lines, valid YAML and UTF-8, no unknown keys).
Result<KnowledgeEntry> ParseKnowledgeEntry(std::string_view text, std::string_view file_name,
                                           const Instrument& instrument,
                                           const CountryList& countries);

// The file text of an entry, in the format ParseKnowledgeEntry reads: for every valid entry,
// ParseKnowledgeEntry(FormatKnowledgeEntry(e), e.slug + ".md") == e. Texts are written as quoted
// YAML strings, so any character survives.
std::string FormatKnowledgeEntry(const KnowledgeEntry& entry);

// The instrument entries are checked against: the one with the most pillars, so that entries on a
// draft pillar such as Marketing are accepted. nullptr when the catalog is empty.
const Instrument* KnowledgeInstrument(const InstrumentCatalog& instruments);

// "Case study" or "Lesson learned": the English name of a kind, marked for translation.
const char* KnowledgeKindName(std::string_view kind);
inline const char* KnowledgeKindName(const KnowledgeEntry& entry) {
  return KnowledgeKindName(entry.kind);
}

// The words of a search box's text, for a full-text query: split at white space, keeping only the
// words with at least one letter or digit (any non-ASCII character counts as one), and at most 16
// words of at most 100 bytes (longer ones are dropped). Never fails; empty means "search for
// nothing". The words are plain text: the store quotes them for its engine's query syntax.
std::vector<std::string> KnowledgeSearchTerms(std::string_view query);

}  // namespace meter
