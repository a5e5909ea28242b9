// The web form of a knowledge entry, as plain texts, and its conversion to and from an entry. The
// form is checked with the same rules as a file (CheckKnowledgeEntry); a problem's `where` is the
// name of the form field it concerns, so the page can show it beside that field.
//
// Field formats: a title and a summary per language, the body's language a code ("en"); pillars and
// sub-areas are IDs separated by commas or spaces, most relevant first
// ("T, P"); sources are one per line, "title | url-or-publication" or "title | url | publication"
// (a line without '|' is a title; a line starting with '|' has no title). Pure functions;
// thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/knowledge.h"

namespace meter {

struct KnowledgeForm {
  std::string kind, language, country, region, year, pillars, subareas, sources, body;
  // By language (kUnLanguages), as typed; a language left empty has no title or summary.
  std::map<std::string, std::string> titles, summaries;
};

// The form filled with `entry`, for editing it. KnowledgeEntryFromForm(KnowledgeFormOf(e), e.slug)
// gives `e` back for every valid entry whose source texts have no '|' and no line break, whose
// texts have no leading or trailing spaces, and whose body is empty or ends with a line break.
KnowledgeForm KnowledgeFormOf(const KnowledgeEntry& entry);

// The entry the form describes, with `slug`. Texts are trimmed, line breaks become "\n" and a
// non-empty body ends with one; an empty body language is English, as in a file.
// kInvalidInput with every problem, each at its field's name ("year", "sources"…); a title's or a
// summary's at "title_<lang>" or "summary_<lang>" ("title_fr").
Result<KnowledgeEntry> KnowledgeEntryFromForm(const KnowledgeForm& form, const std::string& slug,
                                              const Instrument& instrument,
                                              const CountryList& countries);

// A slug for a new entry: "<kind>-<title in lower-case ASCII letters and digits joined by '-'>",
// at most 60 characters of title; "<kind>-entry" when the title has no ASCII letter or digit.
// The caller makes it unique (adding "-2", "-3"…).
std::string KnowledgeSlugFor(std::string_view kind, std::string_view title);

}  // namespace meter
