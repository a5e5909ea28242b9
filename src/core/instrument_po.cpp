#include "core/instrument_po.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/band.h"
#include "core/text_rules.h"

namespace meter {
namespace {

// The placeholders of a text: "{1}"-style and printf-style ("%s", "%d", "%1$s"), as a sorted
// multiset, so that a translation must carry the same ones in any order.
std::multiset<std::string> Placeholders(const std::string& text) {
  static const std::regex kPattern(
      R"(\{[0-9A-Za-z_]+\}|%(?:[0-9]+\$)?[-+ #0]*[0-9]*(?:\.[0-9]+)?[sdifuxXeEgGcp%])");
  std::multiset<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPattern);
       it != std::sregex_iterator(); ++it) {
    if (it->str() != "%%") out.insert(it->str());
  }
  return out;
}

std::string Joined(const std::multiset<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " ") + s;
  return out.empty() ? "-" : out;
}

std::string Where(std::string_view file, size_t line) {
  return std::string(file) + ":" + std::to_string(line);
}

bool IsLanguageCode(const std::string& lang) {
  if (lang.size() < 2 || lang.size() > 3) return false;
  return std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Declares `lang` as a draft translation, keeping the UN's official languages in the UN's order
// (Arabic, Chinese, English, French, Russian, Spanish) and any other after them.
void AddLanguage(Instrument& in, const std::string& lang) {
  static const std::vector<std::string> kUnOrder = {"ar", "zh", "en", "fr", "ru", "es"};
  auto rank = [](const std::string& l) {
    return std::find(kUnOrder.begin(), kUnOrder.end(), l) - kUnOrder.begin();
  };
  in.languages.push_back(lang);
  std::stable_sort(in.languages.begin(), in.languages.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  in.translation_status[lang] = "draft";
}

}  // namespace

void ForEachInstrumentText(Instrument& in,
                           const std::function<void(const std::string&, LocalizedText&)>& visit) {
  visit("title", in.title);
  for (AnswerSet& set : in.answer_sets) {
    const std::string base = "answer_set/" + set.id + "/";
    for (AnswerLevel& level : set.levels) visit(base + "level/" + level.code, level.label);
    visit(base + "dont_know", set.dont_know);
    visit(base + "not_applicable", set.not_applicable);
  }
  for (Pillar& p : in.pillars) {
    visit(p.id + "/name", p.name);
    visit(p.id + "/overview", p.overview);
    for (SubArea& s : p.subareas) {
      visit(s.id + "/name", s.name);
      for (int b = 0; b < kBandCount; ++b) {
        const std::string base =
            s.id + "/actions/" + std::string(BandKey(static_cast<Band>(b))) + "/";
        for (size_t i = 0; i < s.actions[b].size(); ++i) {
          visit(base + std::to_string(i + 1), s.actions[b][i]);
        }
      }
      for (Statement& st : s.statements) visit(st.id + "/text", st.text);
    }
  }
}

std::string ExportInstrumentPo(Instrument& in, std::string_view lang) {
  std::vector<PoEntry> entries;
  ForEachInstrumentText(in, [&](const std::string& key, LocalizedText& text) {
    PoEntry e;
    e.context = key;
    e.id = text.Get("en");
    if (lang != "en" && text.Has(lang)) {
      e.text = text.all().find(lang)->second;
      e.fuzzy = text.IsStale(lang);
    }
    entries.push_back(std::move(e));
  });
  return WritePo({{"Project-Id-Version", "METER instrument " + in.id + " " + in.version},
                  {"Language", std::string(lang)},
                  {"MIME-Version", "1.0"},
                  {"Content-Type", "text/plain; charset=UTF-8"},
                  {"Content-Transfer-Encoding", "8bit"},
                  {"X-Meter-Instrument", in.id + " " + in.version}},
                 entries);
}

Result<size_t> ImportInstrumentPo(Instrument& in, const PoCatalog& catalog,
                                  std::string_view file_name) {
  std::vector<Problem> problems;
  auto problem = [&](size_t line, const char* message, std::vector<std::string> args = {}) {
    problems.push_back({Where(file_name, line), message, std::move(args)});
  };
  const auto language = catalog.header.find("Language");
  const std::string lang = language == catalog.header.end() ? "" : language->second;
  const auto language_line = catalog.header_lines.find("Language");
  const size_t header_line =
      language_line == catalog.header_lines.end() ? catalog.header_line : language_line->second;
  if (lang.empty()) {
    problem(header_line, METER_N("the catalog's header has no 'Language'"));
    return Error{ErrorCode::kInvalidInput, std::move(problems)};
  }
  if (lang == "en") {
    problem(header_line,
            METER_N("the catalog is in 'en', the instrument's source language; English is "
                    "edited in the instrument file itself"));
    return Error{ErrorCode::kInvalidInput, std::move(problems)};
  }
  if (!IsLanguageCode(lang)) {
    problem(header_line,
            METER_N("the catalog's 'Language' is '{1}', which is not a language code such as "
                    "'fr'"),
            {lang});
    return Error{ErrorCode::kInvalidInput, std::move(problems)};
  }
  const bool adds_language =
      std::find(in.languages.begin(), in.languages.end(), lang) == in.languages.end();
  std::map<std::string, LocalizedText*> slots;
  std::vector<std::string> keys;  // in document order
  ForEachInstrumentText(in, [&](const std::string& key, LocalizedText& t) {
    slots[key] = &t;
    keys.push_back(key);
  });
  if (adds_language) {
    // A new language must arrive whole: every declared language has every text.
    std::set<std::string> translated;
    for (const PoEntry& e : catalog.entries) {
      if (!e.text.empty()) translated.insert(e.context);
    }
    std::vector<std::string> missing;
    for (const std::string& key : keys) {
      if (!translated.count(key)) missing.push_back(key);
    }
    if (!missing.empty()) {
      problem(header_line,
              METER_N("the catalog adds the language '{1}' to the instrument, so it must translate "
                      "every text; the first untranslated one is '{2}'"),
              {lang, missing.front()});
      return Error{ErrorCode::kInvalidInput, std::move(problems)};
    }
  }

  struct Change {
    LocalizedText* text;
    std::string value;
    bool stale;
  };
  std::vector<Change> changes;
  for (const PoEntry& e : catalog.entries) {
    auto slot = slots.find(e.context);
    if (slot == slots.end()) {
      problem(e.line, METER_N("unknown ID '{1}': the instrument has no such text"), {e.context});
      continue;
    }
    if (e.text.empty()) continue;  // untranslated: leave what the instrument has
    const std::string& english = slot->second->Get("en");
    if (Placeholders(e.id) != Placeholders(e.text)) {
      problem(e.line,
              METER_N("the placeholders of '{1}' differ: the English has {2}, the translation {3}"),
              {e.context, Joined(Placeholders(e.id)), Joined(Placeholders(e.text))});
      continue;
    }
    if (const size_t bad = FindForbiddenControl(e.text, TextShape::kLines);
        bad != std::string::npos) {
      problem(e.line, METER_N("the translation of '{1}' contains a control character (code {2})"),
              {e.context, std::to_string(static_cast<unsigned char>(e.text[bad]))});
      continue;
    }
    changes.push_back({slot->second, e.text, e.fuzzy || e.id != english});
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems)};
  if (adds_language) AddLanguage(in, lang);
  size_t changed = 0;
  for (Change& c : changes) {
    const bool same = c.text->Has(lang) && c.text->all().find(lang)->second == c.value &&
                      c.text->IsStale(lang) == c.stale;
    if (same) continue;
    c.text->Set(lang, std::move(c.value));
    if (c.stale) {
      c.text->MarkStale(lang);
    } else {
      c.text->MarkCurrent(lang);
    }
    ++changed;
  }
  return changed;
}

}  // namespace meter
