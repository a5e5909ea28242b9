#include "core/yaml_reader.h"

#include <cctype>
#include <cmath>

#include "core/text_rules.h"

namespace meter {
namespace {

// False, with a problem at the node, when a scalar holds a control character: the file itself
// has none (the loaders check), but an escape in a double-quoted scalar ("\0", "\x07") makes one.
bool ScalarTextOk(const YamlNode& node, ProblemList& problems) {
  const std::string& text = node.Scalar();
  const size_t bad = FindForbiddenControl(text, TextShape::kLines);
  if (bad == std::string::npos) return true;
  problems.At(node,
              METER_N("the text contains a control character (code {1}), which is not allowed; "
                      "remove it"),
              {std::to_string(static_cast<unsigned char>(text[bad]))});
  return false;
}

}  // namespace

std::string Position(const YamlNode& node) {
  const YamlMark mark = node.Mark();
  if (!mark.known()) return "";
  return std::to_string(mark.line) + ":" + std::to_string(mark.column);
}

void ProblemList::AtMark(YamlMark mark, std::string message, std::vector<std::string> args) {
  std::string where = file_;
  if (mark.known()) where += ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
  problems_.push_back({std::move(where), std::move(message), std::move(args)});
}

void ProblemList::At(const YamlNode& node, std::string message, std::vector<std::string> args) {
  AtMark(node.Mark(), std::move(message), std::move(args));
}

bool CheckMap(const YamlNode& map, const MapMessages& what,
              std::initializer_list<std::string_view> allowed, ProblemList& problems) {
  if (!map.IsMap()) {
    problems.At(map, what.not_a_map);
    return false;
  }
  for (const YamlEntry& entry : map.Entries()) {
    const std::string key = entry.first.Scalar();
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      problems.At(entry.first, what.unknown_key, {key});
    }
  }
  return true;
}

std::optional<std::string> RequiredString(const YamlNode& map, const char* key,
                                          ProblemList& problems) {
  const YamlNode node = map[key];
  if (!node) {
    problems.At(map, METER_N("missing '{1}'"), {key});
    return std::nullopt;
  }
  if (!node.IsScalar() || node.Scalar().empty()) {
    problems.At(node, METER_N("'{1}' must be a non-empty text"), {key});
    return std::nullopt;
  }
  if (!ScalarTextOk(node, problems)) return std::nullopt;
  return node.Scalar();
}

double OptionalWeight(const YamlNode& map, const char* key, double fallback,
                      ProblemList& problems) {
  const YamlNode node = map[key];
  if (!node) return fallback;
  double value = 0;
  if (!node.IsScalar() || !YamlToDouble(node, value) || !std::isfinite(value) || value <= 0) {
    problems.At(node, METER_N("'{1}' must be a positive number, not '{2}'"),
                {key, node.IsScalar() ? node.Scalar() : std::string("…")});
    return fallback;
  }
  return value;
}

namespace {

bool IsFingerprint(const std::string& s) {
  if (s.size() != 8) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

// The `source` fingerprint and the `fuzzy` list of a text map: which translations are stale.
void ReadTranslationState(const YamlNode& node, const std::string& name,
                          const std::vector<std::string>& languages, LocalizedText& text,
                          ProblemList& problems) {
  if (const YamlNode fuzzy = node[kFuzzyKey]) {
    for (const std::string& lang : StringList(fuzzy, kFuzzyKey, problems)) {
      if (lang == "en" || !text.Has(lang)) {
        problems.At(fuzzy,
                    METER_N("'{1}' lists '{2}' as fuzzy, but has no translation in that language"),
                    {name, lang});
      } else {
        text.MarkStale(lang);
      }
    }
  }
  if (const YamlNode source = node[kSourceKey]) {
    const std::string value = source.IsScalar() ? source.Scalar() : "";
    if (!IsFingerprint(value)) {
      problems.At(source,
                  METER_N("'{1}' has a 'source' that is not eight hexadecimal digits: '{2}'"),
                  {name, value});
    } else if (text.Has("en") && value != SourceFingerprint(text.Get("en"))) {
      // The English changed after these translations were made.
      for (const std::string& lang : languages) {
        if (lang != "en" && text.Has(lang)) text.MarkStale(lang);
      }
    }
  }
}

}  // namespace

LocalizedText ReadText(const YamlNode& map, const char* key,
                       const std::vector<std::string>& languages, ProblemList& problems,
                       bool all_languages) {
  LocalizedText text;
  const YamlNode node = key ? map[key] : map;
  const std::string name = key ? key : "text";
  if (!node) {
    problems.At(map, METER_N("missing '{1}' (English text is required)"), {name});
    return text;
  }
  if (!node.IsMap()) {
    problems.At(node, METER_N("'{1}' must map language codes to texts, as in { en: … }"), {name});
    return text;
  }
  for (const YamlEntry& entry : node.Entries()) {
    const std::string lang = entry.first.Scalar();
    if (lang == kSourceKey || lang == kFuzzyKey) continue;
    bool declared = false;
    for (const std::string& l : languages) declared = declared || l == lang;
    if (!declared) {
      problems.At(
          entry.first,
          METER_N("'{1}' has text in '{2}', which the instrument does not declare in 'languages'"),
          {name, lang});
      continue;
    }
    if (!entry.second.IsScalar() || entry.second.Scalar().empty()) {
      problems.At(entry.second, METER_N("'{1}' has an empty '{2}' text"), {name, lang});
      continue;
    }
    if (!ScalarTextOk(entry.second, problems)) continue;
    text.Set(lang, entry.second.Scalar());
  }
  ReadTranslationState(node, name, languages, text, problems);
  for (const std::string& lang : languages) {
    if (node[lang] || (!all_languages && lang != "en")) continue;
    if (lang == "en") {
      problems.At(node, METER_N("'{1}' has no English text"), {name});
    } else {
      problems.At(node,
                  METER_N("'{1}' has no '{2}' text, but the instrument declares that language"),
                  {name, lang});
    }
  }
  return text;
}

std::vector<std::string> StringList(const YamlNode& node, const char* what, ProblemList& problems) {
  std::vector<std::string> out;
  if (!node.IsSequence()) {
    problems.At(node, METER_N("'{1}' must be a list"), {what});
    return out;
  }
  for (const YamlNode item : node.Items()) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      problems.At(item, METER_N("'{1}' must list non-empty texts"), {what});
      continue;
    }
    if (!ScalarTextOk(item, problems)) continue;
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace meter
