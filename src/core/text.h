// LocalizedText: one piece of instrument text in several languages.
// Keys are language codes ("en", "fr", "ar"…). English is always present in a validated instrument.
//
// A translation can be stale ("fuzzy" in gettext's words): made from an English text that has
// changed since. A stale translation is kept, so that a translator can revise it, but it is never
// shown: Get and Show fall back to English until it is reviewed (docs/instrument-format.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace meter {

class LocalizedText {
 public:
  // What a reader of `lang` is shown: the text and the language it is really in (English when the
  // translation is missing or stale), so that a page can mark the fragment with its own `lang`.
  struct Shown {
    const std::string& text;
    std::string_view lang;
  };

  void Set(std::string lang, std::string text) { texts_[std::move(lang)] = std::move(text); }
  bool Has(std::string_view lang) const { return texts_.find(lang) != texts_.end(); }
  // The text in `lang` when it is there and current, else English, else empty. Never throws.
  const std::string& Get(std::string_view lang = "en") const { return Show(lang).text; }
  Shown Show(std::string_view lang) const;
  const std::map<std::string, std::string, std::less<>>& all() const { return texts_; }

  // Stale translations, by language (never "en").
  void MarkStale(const std::string& lang) { stale_.insert(lang); }
  void MarkCurrent(const std::string& lang) { stale_.erase(lang); }
  bool IsStale(std::string_view lang) const { return stale_.find(lang) != stale_.end(); }
  const std::set<std::string, std::less<>>& stale() const { return stale_; }

 private:
  std::map<std::string, std::string, std::less<>> texts_;
  std::set<std::string, std::less<>> stale_;
};

// The fingerprint of an English text that an instrument file keeps beside its translations
// (`src:`): eight lower-case hex digits of its 32-bit FNV-1a hash. When the English changes and the
// fingerprint no longer matches, every translation of that text is stale.
std::string SourceFingerprint(std::string_view english);

// Appends `c` as it is written inside a double-quoted string of C, YAML and gettext PO files:
// " \ and the line break and tab escaped with a backslash, anything else as it is.
void AppendDoubleQuoted(std::string& out, char c);
// Escapes text for HTML and XML (SVG) content and attribute values: & < > " and '.
std::string EscapeMarkup(std::string_view text);
// The same, appended to `out` (no temporary string: the template renderer's hot path).
void AppendEscapedMarkup(std::string& out, std::string_view text);

// A score or ratio as METER displays it: one decimal ("57.3"), and a ratio as a percentage with one
// decimal ("12.5%"); "" for nullopt.
std::string OneDecimal(const std::optional<double>& value);
std::string PercentOf(const std::optional<double>& ratio);
// The same, written as `lang` writes numbers: a decimal comma in French, Russian and Spanish
// ("57,3"), and the percent sign after a no-break space where the language wants one ("12,5 %").
// These are for people; files and APIs keep the plain forms above.
std::string OneDecimal(const std::optional<double>& value, std::string_view lang);
// `value` with `decimals` decimals (a correlation with two, an α with three), written as `lang`
// writes numbers; "" for nullopt.
std::string Decimals(const std::optional<double>& value, int decimals, std::string_view lang);
std::string PercentOf(const std::optional<double>& ratio, std::string_view lang);
// A plain decimal number ("57.3", "-2") rewritten for `lang`; other text is returned unchanged but
// for its decimal points between digits.
std::string LocalizeNumber(std::string_view plain, std::string_view lang);
// A number such as a group weight, as written by a person: the shortest plain decimal that reads
// back as the same value ("5", "0.5", "0.25", "0.00001"), never "5.000000" or "1e-05".
std::string PlainNumber(double value);

// A finite decimal number written plainly ("72", "72.5", "-1"), or nullopt for anything else
// (empty, trailing text, "nan", "1e999").
std::optional<double> ParseDecimal(std::string_view text);

}  // namespace meter
