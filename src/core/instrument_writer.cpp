#include "core/instrument_writer.h"

#include <algorithm>

#include "core/band.h"
#include "core/text.h"
#include "core/yaml_reader.h"

namespace meter {
namespace {

constexpr size_t kWidth = 100;  // where long texts are folded, in characters

size_t Characters(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A YAML double-quoted scalar, escaped, folded at single spaces so that no line is much longer
// than kWidth. YAML folds a line break inside double quotes into one space, and a break is only
// made where exactly one space separates two words, so the text reads back unchanged.
std::string Quoted(std::string_view text, size_t column, size_t indent) {
  std::string out = "\"";
  size_t line = column + 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool lone_space =
        c == ' ' && i > 0 && i + 1 < text.size() && text[i - 1] != ' ' && text[i + 1] != ' ';
    if (lone_space && line > indent + 20) {
      const size_t next = text.find(' ', i + 1);
      const std::string_view word =
          text.substr(i + 1, (next == std::string_view::npos ? text.size() : next) - i - 1);
      if (line + 1 + Characters(word) > kWidth) {
        out += "\n" + std::string(indent, ' ');
        line = indent;
        continue;
      }
    }
    AppendDoubleQuoted(out, c);
    if ((c & 0xC0) != 0x80) ++line;
  }
  return out + "\"";
}

class Writer {
 public:
  explicit Writer(const Instrument& in) : in_(in) {
    order_.push_back("en");
    for (const std::string& l : in.languages) {
      if (l != "en") order_.push_back(l);
    }
  }

  std::string Write();

 private:
  void Line(size_t indent, const std::string& text) {
    out_ += std::string(indent, ' ') + text + "\n";
  }
  // `key:` and the text map below it; with `key` empty, the map starts as a list item ("- en:").
  void Text(size_t indent, const std::string& key, const LocalizedText& text);
  void Header();
  void AnswerSets();
  void PillarBlock(const Pillar& p);
  void SubAreaBlock(const SubArea& s);
  void MappingBlock(const VersionMapping& m);
  std::string List(const std::vector<std::string>& items) const;

  const Instrument& in_;
  std::vector<std::string> order_;  // English first, then the declared languages
  std::string out_;
};

std::string Writer::List(const std::vector<std::string>& items) const {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

void Writer::Text(size_t indent, const std::string& key, const LocalizedText& text) {
  size_t inner = indent;
  std::string first_prefix;
  if (key.empty()) {
    first_prefix = "- ";
    inner = indent + 2;
  } else {
    Line(indent, key + ":");
    inner = indent + 2;
  }
  bool first = true;
  auto entry = [&](const std::string& k, const std::string& value_text) {
    const std::string prefix = first && !first_prefix.empty() ? first_prefix : "";
    const size_t pad = first && !first_prefix.empty() ? indent : inner;
    out_ += std::string(pad, ' ') + prefix + k + ": " + value_text + "\n";
    first = false;
  };
  bool translated = false;
  for (const std::string& lang : order_) {
    if (!text.Has(lang)) continue;
    translated = translated || lang != "en";
    entry(lang, Quoted(text.all().find(lang)->second, inner + lang.size() + 2, inner + 2));
  }
  if (!translated) return;
  entry(kSourceKey, SourceFingerprint(text.Get("en")));
  std::vector<std::string> stale;
  for (const std::string& lang : order_) {
    if (text.IsStale(lang)) stale.push_back(lang);
  }
  if (!stale.empty()) entry(kFuzzyKey, List(stale));
}

void Writer::Header() {
  const std::string title = in_.title.Get("en");
  Line(0, "# " + title + ": a METER instrument (format: docs/instrument-format.md).");
  Line(0, in_.status == "released"
              ? "# Released: its statements and scoring never change; translations may be revised."
              : "# A draft: it changes until it is released as a version of its own.");
  Line(0, "format: meter-instrument/1");
  Line(0, "id: " + in_.id);
  Line(0, "version: \"" + in_.version + "\"");
  Line(0, "status: " + in_.status);
  Text(0, "title", in_.title);
  Line(0, "languages: " + List(in_.languages));
  if (!in_.translation_status.empty()) {
    std::string map = "{ ";
    bool first = true;
    for (const std::string& lang : in_.languages) {
      auto it = in_.translation_status.find(lang);
      if (it == in_.translation_status.end()) continue;
      map += (first ? "" : ", ") + lang + ": " + it->second;
      first = false;
    }
    Line(0, "translations: " + map + " }");
  }
  Line(0, "default_answer_set: " + in_.answer_sets[in_.default_answer_set].id);
}

void Writer::AnswerSets() {
  out_ += "\n";
  Line(0, "answer_sets:");
  for (const AnswerSet& set : in_.answer_sets) {
    Line(2, "- id: " + set.id);
    Line(4, "levels:");
    for (const AnswerLevel& level : set.levels) {
      Line(6, "- code: \"" + level.code + "\"");
      Line(8, "value: " + PlainNumber(level.value));
      Text(8, "label", level.label);
    }
    Text(4, "dont_know", set.dont_know);
    Text(4, "not_applicable", set.not_applicable);
  }
}

void Writer::PillarBlock(const Pillar& p) {
  Line(2, "- id: " + p.id);
  Text(4, "name", p.name);
  if (p.weight != 1) Line(4, "weight: " + PlainNumber(p.weight));
  Text(4, "overview", p.overview);
  Line(4, p.subareas.empty() ? "subareas: []" : "subareas:");
  for (const SubArea& s : p.subareas) SubAreaBlock(s);
}

void Writer::SubAreaBlock(const SubArea& s) {
  Line(6, "- id: " + s.id);
  Text(8, "name", s.name);
  if (s.weight != 1) Line(8, "weight: " + PlainNumber(s.weight));
  if (!s.prerequisites.empty()) Line(8, "prerequisites: " + List(s.prerequisites));
  Line(8, "actions:");
  for (int b = 0; b < kBandCount; ++b) {
    Line(10, std::string(BandKey(static_cast<Band>(b))) + (s.actions[b].empty() ? ": []" : ":"));
    for (const LocalizedText& action : s.actions[b]) Text(12, "", action);
  }
  Line(8, s.statements.empty() ? "statements: []" : "statements:");
  for (const Statement& st : s.statements) {
    Line(10, "- id: " + st.id);
    Text(12, "text", st.text);
    if (st.weight != 1) Line(12, "weight: " + PlainNumber(st.weight));
    if (st.answer_set != in_.default_answer_set) {
      Line(12, "answer_set: " + in_.answer_sets[st.answer_set].id);
    }
  }
}

void Writer::MappingBlock(const VersionMapping& m) {
  out_ += "\n";
  Line(0, "mapping:");
  Line(2, "from: \"" + m.from + "\"");
  if (!m.renamed.empty()) {
    Line(2, "renamed:");
    for (const auto& [from, to] : m.renamed) Line(4, "\"" + from + "\": \"" + to + "\"");
  }
  if (!m.retired.empty()) Line(2, "retired: " + List(m.retired));
}

std::string Writer::Write() {
  Header();
  AnswerSets();
  out_ += "\n";
  Line(0, "pillars:");
  for (const Pillar& p : in_.pillars) PillarBlock(p);
  if (in_.mapping) MappingBlock(*in_.mapping);
  return std::move(out_);
}

}  // namespace

std::string WriteInstrumentYaml(const Instrument& instrument) { return Writer(instrument).Write(); }

}  // namespace meter
