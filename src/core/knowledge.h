// Knowledge entries: the lessons learned and case studies behind the Way Forward, one Markdown file
// each with YAML front matter (content/knowledge/, format in docs/knowledge-format.md).
//
// ParseKnowledgeEntry reads the text the caller gives it and checks the front matter: kind (lesson
// or case), title, summary, pillars and sub-areas that the instrument has, a country that is a UN
// member state (required for a case), at least one source with a title or publication, a plausible
// year. It returns kInvalidInput with every problem at "file:line" (the body is not checked; it is
// rendered later with cmark in safe mode, so raw HTML in it is never emitted). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/instrument.h"
#include "core/problem.h"

namespace meter {

struct KnowledgeSource {
  std::string title;
  std::string url;          // may be empty
  std::string publication;  // may be empty
};

struct KnowledgeEntry {
  std::string slug;  // the file name without ".md"
  std::string kind;  // "lesson" or "case"
  std::string title;
  std::string country;  // ISO3; empty for a general lesson
  std::string region;
  std::optional<int> year;
  std::vector<std::string> pillars;
  std::vector<std::string> subareas;
  std::vector<KnowledgeSource> sources;
  std::string summary;
  std::string body_markdown;
};

Result<KnowledgeEntry> ParseKnowledgeEntry(std::string_view text, std::string_view file_name,
                                           const Instrument& instrument,
                                           const CountryList& countries);

// "Case study" or "Lesson learned": the English name of an entry's kind, marked for translation.
const char* KnowledgeKindName(const KnowledgeEntry& entry);

// The loaded entries, immutable after the Add()s at start; safe to share between threads.
class KnowledgeBase {
 public:
  // kConflict when an entry with that slug is there already.
  Result<bool> Add(KnowledgeEntry entry);
  // nullptr when there is none.
  const KnowledgeEntry* Find(const std::string& slug) const;
  // Entries for a sub-area, cases before lessons, then by title.
  std::vector<const KnowledgeEntry*> ForSubArea(const std::string& subarea) const;
  // Entries matching every filter that is not empty, by title.
  std::vector<const KnowledgeEntry*> Filter(const std::string& kind, const std::string& pillar,
                                            const std::string& subarea,
                                            const std::string& country) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<KnowledgeEntry> entries_;
};

}  // namespace meter
