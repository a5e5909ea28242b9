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
#include <map>
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

// The texts of an entry that exist in several languages: its title and summary are translated,
// its body is in one language, its original. Codes are those of kUnLanguages (core/languages.h).
struct KnowledgeTexts {
  std::string language = "en";                   // the body's language
  std::map<std::string, std::string> titles;     // language → title
  std::map<std::string, std::string> summaries;  // language → summary

  // The language a reader of `lang` sees the title and summary in: `lang` when the entry has a
  // title in it, else the body's language.
  std::string ShownLanguage(const std::string& lang) const;
  // The title and summary in ShownLanguage(lang); "" when there is none.
  const std::string& Title(const std::string& lang) const;
  const std::string& Summary(const std::string& lang) const;

  bool operator==(const KnowledgeTexts&) const = default;
};

// The licence of an entry unless its file says otherwise (`licence:`): an SPDX identifier.
inline constexpr const char* kDefaultKnowledgeLicence = "CC-BY-4.0";

struct KnowledgeEntry : KnowledgeTexts {
  std::string slug;     // the file name without ".md"; the entry's key and URL
  std::string kind;     // "lesson" or "case"
  std::string country;  // ISO3; empty for a general lesson
  std::string region;
  std::optional<int> year;
  std::vector<std::string> pillars;   // most relevant first
  std::vector<std::string> subareas;  // most relevant first
  std::vector<KnowledgeSource> sources;
  std::string body_markdown;                       // in `language`
  std::string licence = kDefaultKnowledgeLicence;  // SPDX (core/knowledge_review.h, ValidLicence)

  bool operator==(const KnowledgeEntry&) const = default;
};

// An entry as lists show it: no body and no sources.
struct KnowledgeSummary : KnowledgeTexts {
  std::string slug, kind, country, region;
  std::optional<int> year;
  std::vector<std::string> pillars, subareas;
};

// Orders `entries` by their title as a reader of `lang` sees it (Title(lang)), with case and
// accents left out as search leaves them out ("État" among the E), then by slug; with
// `cases_first`, case studies before lessons. Chinese titles come in the order of their
// characters' code points, not by pinyin or stroke count.
void SortKnowledgeByTitle(std::vector<KnowledgeSummary>& entries, const std::string& lang,
                          bool cases_first = false);

// The entries of `all` tagged with `subarea`, the most relevant first: those that list it earlier
// among their sub-areas, then case studies before lessons, then by title for a reader of `lang`.
std::vector<KnowledgeSummary> KnowledgeAbout(const std::vector<KnowledgeSummary>& all,
                                             const std::string& subarea, const std::string& lang);

// Where a problem with one field of an entry is reported. `field` is one of "slug", "kind",
// "language", "title", "summary", "country", "region", "year", "pillars", "subareas", "sources",
// "body", "licence", or "source" and "source url" with `index` the source's position (0-based). For
// "title" and "summary", `lang` is the language of the text concerned; otherwise it is empty.
using KnowledgePlace =
    std::function<std::string(std::string_view field, size_t index, std::string_view lang)>;

// The rules of an entry: a slug of lower-case letters, digits and '-' (not "new", which is a page);
// kind "lesson" or "case"; a body language and title and summary languages among the UN's six; a
// title and a summary in the body's language, and in every other language either both or neither;
// a country that is a UN member state (required for a case); a year from 1950 to 2100; pillars and
// sub-areas that `instrument` has; at least one source, each with a title or a publication and, if
// it has a URL, an http(s) one; a licence such as CC-BY-4.0 (ValidLicence); every text within its
// cap (per language for titles and summaries); a licence that is an SPDX-like identifier
// (ValidLicence). Returns every problem found (empty when the entry is valid), each placed by
// `place`.
std::vector<Problem> CheckKnowledgeEntry(const KnowledgeEntry& entry, const Instrument& instrument,
                                         const CountryList& countries, const KnowledgePlace& place);

// Reads one file's text. The slug is the file name without its folder and ".md". `title` and
// `summary` are maps by language ({en: "…", fr: "…"}), or a plain text, which is the text in the
// entry's `language` (files written before the translations). Returns kInvalidInput with every
// problem at "file:line:column": the checks above plus the file's shape (front matter between two
// '---' lines, valid YAML and UTF-8, no unknown keys).
Result<KnowledgeEntry> ParseKnowledgeEntry(std::string_view text, std::string_view file_name,
                                           const Instrument& instrument,
                                           const CountryList& countries);

// The file text of an entry, in the format ParseKnowledgeEntry reads: for every valid entry,
// ParseKnowledgeEntry(FormatKnowledgeEntry(e), e.slug + ".md") == e. Titles and summaries are
// block maps, the body's language first and then the others in the order of kUnLanguages. Texts
// are written as quoted YAML strings, so any character survives. `licence:` is written only when
// it is not kDefaultKnowledgeLicence, which a file without one has.
std::string FormatKnowledgeEntry(const KnowledgeEntry& entry);

// The instrument entries are checked against: the one with the most pillars, so that entries on a
// draft pillar such as Marketing are accepted. nullptr when the catalog is empty.
const Instrument* KnowledgeInstrument(const InstrumentCatalog& instruments);

// "Case study" or "Lesson learned": the English name of a kind, marked for translation.
const char* KnowledgeKindName(std::string_view kind);
inline const char* KnowledgeKindName(const KnowledgeEntry& entry) {
  return KnowledgeKindName(entry.kind);
}

// The words of a search box's text, for a full-text query: SearchQueryWords (core/search_text.h),
// which normalises them as the store's search documents (KnowledgeSearchTextOf) are. Never fails;
// empty means "search for nothing". The words are plain text: the store quotes them for its
// engine's query syntax.
std::vector<std::string> KnowledgeSearchTerms(std::string_view query);

// What the store indexes of an entry for search, each a search document (core/search_text.h):
// the titles and the summaries in every language, the body, and the tags (pillars, sub-areas,
// country code and region).
struct KnowledgeSearchText {
  std::string title, summary, body, tags;
};
KnowledgeSearchText KnowledgeSearchTextOf(const KnowledgeEntry& entry);

}  // namespace meter
