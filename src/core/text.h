// LocalizedText: one piece of instrument text in several languages.
// Keys are language codes ("en", "fr", "ar"…). English is always present in a validated instrument.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace meter {

class LocalizedText {
 public:
  void Set(std::string lang, std::string text) { texts_[std::move(lang)] = std::move(text); }
  bool Has(std::string_view lang) const { return texts_.find(lang) != texts_.end(); }
  // The text in `lang`, else English, else empty. Never throws.
  const std::string& Get(std::string_view lang = "en") const;
  const std::map<std::string, std::string, std::less<>>& all() const { return texts_; }

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

// Escapes text for HTML and XML (SVG) content and attribute values: & < > " and '.
std::string EscapeMarkup(std::string_view text);
// The same, appended to `out` (no temporary string: the template renderer's hot path).
void AppendEscapedMarkup(std::string& out, std::string_view text);

// A score or ratio as METER displays it: one decimal ("57.3"), and a ratio as a percentage with one
// decimal ("12.5%"); "" for nullopt.
std::string OneDecimal(const std::optional<double>& value);
std::string PercentOf(const std::optional<double>& ratio);
// A number such as a group weight, as written by a person: the shortest plain decimal that reads
// back as the same value ("5", "0.5", "0.25", "0.00001"), never "5.000000" or "1e-05".
std::string PlainNumber(double value);

// A finite decimal number written plainly ("72", "72.5", "-1"), or nullopt for anything else
// (empty, trailing text, "nan", "1e999").
std::optional<double> ParseDecimal(std::string_view text);

}  // namespace meter
