#include "core/instrument_loader.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "core/utf8.h"
#include "core/yaml_reader.h"

namespace meter {
namespace {

// What is wrong with each kind of mapping in an instrument file, as whole sentences.
const MapMessages kInstrumentMap = {METER_N("the instrument must be a mapping of keys to values"),
                                    METER_N("the instrument has an unknown key '{1}'")};
const MapMessages kAnswerSetMap = {METER_N("an answer set must be a mapping of keys to values"),
                                   METER_N("an answer set has an unknown key '{1}'")};
const MapMessages kAnswerLevelMap = {METER_N("an answer level must be a mapping of keys to values"),
                                     METER_N("an answer level has an unknown key '{1}'")};
const MapMessages kPillarMap = {METER_N("a pillar must be a mapping of keys to values"),
                                METER_N("a pillar has an unknown key '{1}'")};
const MapMessages kSubAreaMap = {METER_N("a sub-area must be a mapping of keys to values"),
                                 METER_N("a sub-area has an unknown key '{1}'")};
const MapMessages kActionsMap = {METER_N("'actions' must be a mapping of keys to values"),
                                 METER_N("'actions' has an unknown key '{1}'")};
const MapMessages kStatementMap = {METER_N("a statement must be a mapping of keys to values"),
                                   METER_N("a statement has an unknown key '{1}'")};
const MapMessages kMappingMap = {METER_N("'mapping' must be a mapping of keys to values"),
                                 METER_N("'mapping' has an unknown key '{1}'")};

bool IsNumber(std::string_view s) {
  if (s.empty() || s[0] == '0') return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reads one instrument tree; every problem goes to `problems`.
class Loader {
 public:
  explicit Loader(ProblemList& problems) : problems_(problems) {}

  Instrument Read(const YamlNode& root);

 private:
  void ReadHeader(const YamlNode& root, Instrument& out);
  void ReadTranslations(const YamlNode& node, Instrument& out);
  void ReadAnswerSets(const YamlNode& node, Instrument& out);
  void ReadPillar(const YamlNode& node, const Instrument& in, Pillar& out);
  void ReadSubArea(const YamlNode& node, const Pillar& pillar, const Instrument& in, SubArea& out);
  void ReadStatement(const YamlNode& node, const SubArea& sub, const Instrument& in,
                     Statement& out);
  void ReadActions(const YamlNode& subarea, bool draft, SubArea& out);
  int AnswerSetRef(const YamlNode& map, const char* key, int fallback, const Instrument& in);
  void ClaimId(const YamlNode& node, const std::string& id);
  void CheckPrerequisites(const Instrument& in);
  void ReadMapping(const YamlNode& node, Instrument& out);

  ProblemList& problems_;
  std::vector<std::string> languages_{"en"};
  bool draft_ = false;                               // a draft may lack translations (ReadText)
  std::map<std::string, std::string> id_positions_;  // every ID → "line:column"
  std::map<std::string, std::vector<YamlNode>>
      prereq_nodes_;  // sub-area ID → its prerequisite items
  std::map<std::string, YamlNode> subarea_nodes_;
  int default_answer_set_ = -1;
};

Instrument Loader::Read(const YamlNode& root) {
  Instrument out;
  if (!CheckMap(root, kInstrumentMap,
                {"format", "id", "version", "status", "title", "languages", "translations",
                 "default_answer_set", "answer_sets", "pillars", "mapping"},
                problems_)) {
    return out;
  }
  ReadHeader(root, out);
  ReadAnswerSets(root["answer_sets"], out);
  if (root["default_answer_set"]) {
    default_answer_set_ = AnswerSetRef(root, "default_answer_set", -1, out);
  } else if (out.answer_sets.size() == 1) {
    default_answer_set_ = 0;
  } else {
    problems_.At(root, METER_N("missing 'default_answer_set'"));
  }
  out.default_answer_set = std::max(default_answer_set_, 0);
  const YamlNode pillars = root["pillars"];
  if (!pillars || !pillars.IsSequence() || pillars.size() == 0) {
    problems_.At(pillars ? pillars : root, METER_N("'pillars' must be a non-empty list"));
  } else {
    for (const YamlNode p : pillars.Items()) {
      out.pillars.emplace_back();
      ReadPillar(p, out, out.pillars.back());
    }
  }
  CheckPrerequisites(out);
  if (const YamlNode mapping = root["mapping"]) ReadMapping(mapping, out);
  return out;
}

void Loader::ReadHeader(const YamlNode& root, Instrument& out) {
  if (auto format = RequiredString(root, "format", problems_);
      format && *format != kInstrumentFormat) {
    problems_.At(root["format"], METER_N("unsupported format '{1}'; expected '{2}'"),
                 {*format, std::string(kInstrumentFormat)});
  }
  out.id = RequiredString(root, "id", problems_).value_or("");
  out.version = RequiredString(root, "version", problems_).value_or("");
  out.status = root["status"] ? RequiredString(root, "status", problems_).value_or("") : "draft";
  draft_ = out.IsDraft();
  if (root["status"] && out.status != "released" && out.status != "draft") {
    problems_.At(root["status"], METER_N("'status' must be 'released' or 'draft', not '{1}'"),
                 {out.status});
  }
  if (const YamlNode langs = root["languages"]) {
    languages_ = StringList(langs, "languages", problems_);
    std::set<std::string> seen;
    for (const std::string& l : languages_) {
      if (!seen.insert(l).second)
        problems_.At(langs, METER_N("language '{1}' is listed twice"), {l});
    }
    if (!seen.count("en")) {
      problems_.At(langs, METER_N("'languages' must include 'en': English text is required"));
      languages_.push_back("en");
    }
  }
  out.languages = languages_;
  out.title = ReadText(root, "title", languages_, problems_, !draft_);
  if (const YamlNode translations = root["translations"]) ReadTranslations(translations, out);
}

void Loader::ReadTranslations(const YamlNode& node, Instrument& out) {
  if (!node.IsMap()) {
    problems_.At(node, METER_N("'translations' must map languages to 'draft' or 'reviewed'"));
    return;
  }
  for (const YamlEntry& entry : node.Entries()) {
    const std::string lang = entry.first.Scalar();
    const std::string status = entry.second.IsScalar() ? entry.second.Scalar() : "";
    if (lang == "en" || std::find(languages_.begin(), languages_.end(), lang) == languages_.end()) {
      problems_.At(entry.first,
                   METER_N("'translations' names '{1}', which is not one of the instrument's "
                           "translated languages"),
                   {lang});
    } else if (status != "draft" && status != "reviewed") {
      problems_.At(entry.second,
                   METER_N("the translation status of '{1}' must be 'draft' or 'reviewed', not "
                           "'{2}'"),
                   {lang, status});
    } else {
      out.translation_status[lang] = status;
    }
  }
}

void Loader::ReadAnswerSets(const YamlNode& node, Instrument& out) {
  if (!node || !node.IsSequence() || node.size() == 0) {
    problems_.At(node ? node : YamlNode(), METER_N("'answer_sets' must be a non-empty list"));
    return;
  }
  for (const YamlNode item : node.Items()) {
    if (!CheckMap(item, kAnswerSetMap, {"id", "levels", "dont_know", "not_applicable"},
                  problems_)) {
      continue;
    }
    AnswerSet set;
    set.id = RequiredString(item, "id", problems_).value_or("");
    for (const AnswerSet& other : out.answer_sets) {
      if (!set.id.empty() && other.id == set.id) {
        problems_.At(item["id"], METER_N("duplicate answer set '{1}'"), {set.id});
      }
    }
    const YamlNode levels = item["levels"];
    if (!levels || !levels.IsSequence() || levels.size() < 2) {
      problems_.At(levels ? levels : item, METER_N("answer set '{1}' needs at least two levels"),
                   {set.id});
    } else {
      for (const YamlNode lv : levels.Items()) {
        if (!CheckMap(lv, kAnswerLevelMap, {"code", "value", "label"}, problems_)) continue;
        AnswerLevel level;
        level.code = RequiredString(lv, "code", problems_).value_or("");
        if (level.code == "DK" || level.code == "NA") {
          problems_.At(lv["code"], METER_N("level code '{1}' is reserved for the special answers"),
                       {level.code});
        } else if (!level.code.empty() && set.LevelIndex(level.code) >= 0) {
          problems_.At(lv["code"], METER_N("duplicate level code '{1}' in answer set '{2}'"),
                       {level.code, set.id});
        }
        const YamlNode value = lv["value"];
        if (!value || !value.IsScalar() || !YamlToDouble(value, level.value) ||
            !(level.value >= 0 && level.value <= 1)) {
          problems_.At(value ? value : lv,
                       METER_N("level value must be a number from 0 to 1, not '{1}'"),
                       {value && value.IsScalar() ? value.Scalar() : std::string("(missing)")});
        }
        level.label = ReadText(lv, "label", languages_, problems_, !draft_);
        set.levels.push_back(std::move(level));
      }
    }
    set.dont_know = ReadText(item, "dont_know", languages_, problems_, !draft_);
    set.not_applicable = ReadText(item, "not_applicable", languages_, problems_, !draft_);
    out.answer_sets.push_back(std::move(set));
  }
}

int Loader::AnswerSetRef(const YamlNode& map, const char* key, int fallback, const Instrument& in) {
  const YamlNode node = map[key];
  if (!node) return fallback;
  const std::string id = node.IsScalar() ? node.Scalar() : "";
  for (size_t i = 0; i < in.answer_sets.size(); ++i) {
    if (in.answer_sets[i].id == id) return static_cast<int>(i);
  }
  problems_.At(node, METER_N("unknown answer set '{1}'"), {id});
  return fallback;
}

void Loader::ClaimId(const YamlNode& node, const std::string& id) {
  auto [it, fresh] = id_positions_.emplace(id, Position(node));
  if (!fresh) {
    problems_.At(node, METER_N("duplicate ID '{1}' (first defined at {2})"), {id, it->second});
  }
}

void Loader::ReadPillar(const YamlNode& node, const Instrument& in, Pillar& out) {
  if (!CheckMap(node, kPillarMap, {"id", "name", "weight", "overview", "subareas"}, problems_)) {
    return;
  }
  out.id = RequiredString(node, "id", problems_).value_or("");
  if (!out.id.empty()) {
    if (out.id.size() != 1 || !std::isupper(static_cast<unsigned char>(out.id[0]))) {
      problems_.At(node["id"], METER_N("pillar ID '{1}' must be one capital letter"), {out.id});
    }
    ClaimId(node["id"], out.id);
  }
  out.name = ReadText(node, "name", languages_, problems_, !draft_);
  out.overview = ReadText(node, "overview", languages_, problems_, !draft_);
  out.weight = OptionalWeight(node, "weight", 1, problems_);
  const YamlNode subs = node["subareas"];
  if (!subs || !subs.IsSequence() || (subs.size() == 0 && !in.IsDraft())) {
    problems_.At(subs ? subs : node, METER_N("pillar '{1}' needs a non-empty list of 'subareas'"),
                 {out.id});
    return;
  }
  for (const YamlNode s : subs.Items()) {
    out.subareas.emplace_back();
    ReadSubArea(s, out, in, out.subareas.back());
  }
}

void Loader::ReadSubArea(const YamlNode& node, const Pillar& pillar, const Instrument& in,
                         SubArea& out) {
  if (!CheckMap(node, kSubAreaMap,
                {"id", "name", "weight", "answer_set", "prerequisites", "actions", "statements"},
                problems_)) {
    return;
  }
  out.id = RequiredString(node, "id", problems_).value_or("");
  if (!out.id.empty()) {
    if (out.id.rfind(pillar.id, 0) != 0 ||
        !IsNumber(std::string_view(out.id).substr(pillar.id.size()))) {
      problems_.At(node["id"],
                   METER_N("sub-area ID '{1}' does not belong to pillar '{2}': expected '{2}' "
                           "followed by a number"),
                   {out.id, pillar.id});
    }
    ClaimId(node["id"], out.id);
    subarea_nodes_[out.id] = node;
  }
  out.name = ReadText(node, "name", languages_, problems_, !draft_);
  out.weight = OptionalWeight(node, "weight", 1, problems_);
  const int answer_set = AnswerSetRef(node, "answer_set", default_answer_set_, in);
  if (const YamlNode pre = node["prerequisites"]) {
    out.prerequisites = StringList(pre, "prerequisites", problems_);
    if (pre.IsSequence()) {
      for (const YamlNode item : pre.Items()) prereq_nodes_[out.id].push_back(item);
    }
  }
  ReadActions(node, in.IsDraft(), out);
  const YamlNode statements = node["statements"];
  if (!statements || !statements.IsSequence() || (statements.size() == 0 && !in.IsDraft())) {
    problems_.At(statements ? statements : node,
                 METER_N("sub-area '{1}' needs a non-empty list of 'statements'"), {out.id});
    return;
  }
  for (const YamlNode s : statements.Items()) {
    Statement st;
    st.answer_set = answer_set;
    ReadStatement(s, out, in, st);
    out.statements.push_back(std::move(st));
  }
}

void Loader::ReadActions(const YamlNode& subarea, bool draft, SubArea& out) {
  const YamlNode node = subarea["actions"];
  if (!node) {
    problems_.At(subarea,
                 METER_N("sub-area '{1}' has no 'actions' (recommended actions for each band)"),
                 {out.id});
    return;
  }
  if (!CheckMap(node, kActionsMap, {"low", "middle", "high", "very_high"}, problems_)) return;
  for (int b = 0; b < kBandCount; ++b) {
    const std::string key(BandKey(static_cast<Band>(b)));
    const YamlNode list = node[key];
    if (!list || !list.IsSequence() || (list.size() == 0 && !draft)) {
      problems_.At(list ? list : node,
                   METER_N("sub-area '{1}' needs a non-empty list of actions for band '{2}'"),
                   {out.id, key});
      continue;
    }
    for (const YamlNode action : list.Items()) {
      out.actions[b].push_back(ReadText(action, nullptr, languages_, problems_, !draft_));
    }
  }
}

void Loader::ReadStatement(const YamlNode& node, const SubArea& sub, const Instrument& in,
                           Statement& out) {
  if (!CheckMap(node, kStatementMap, {"id", "text", "weight", "answer_set"}, problems_)) return;
  out.id = RequiredString(node, "id", problems_).value_or("");
  if (!out.id.empty()) {
    const std::string prefix = sub.id + ".";
    if (out.id.rfind(prefix, 0) != 0 || !IsNumber(std::string_view(out.id).substr(prefix.size()))) {
      problems_.At(node["id"],
                   METER_N("statement ID '{1}' does not belong to sub-area '{2}': expected '{2}.' "
                           "followed by a number"),
                   {out.id, sub.id});
    }
    ClaimId(node["id"], out.id);
  }
  out.text = ReadText(node, "text", languages_, problems_, !draft_);
  out.weight = OptionalWeight(node, "weight", 1, problems_);
  out.answer_set = AnswerSetRef(node, "answer_set", out.answer_set, in);
}

void Loader::CheckPrerequisites(const Instrument& in) {
  std::map<std::string, std::vector<std::string>> edges;
  for (const auto& [id, items] : prereq_nodes_) {
    for (const YamlNode& item : items) {
      const std::string target = item.Scalar();
      if (target == id) {
        problems_.At(item, METER_N("sub-area '{1}' lists itself as a prerequisite"), {id});
      } else if (!subarea_nodes_.count(target)) {
        problems_.At(item, METER_N("unknown prerequisite '{1}': no sub-area has that ID"),
                     {target});
      } else {
        edges[id].push_back(target);
      }
    }
  }
  // Depth-first search; a grey node met again closes a cycle, reported once, at the sub-area where
  // it was found, with the whole path.
  std::map<std::string, int> colour;  // 0 white, 1 grey, 2 black
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& id) {
    colour[id] = 1;
    path.push_back(id);
    for (const std::string& next : edges[id]) {
      if (colour[next] == 1) {
        std::string cycle;
        auto start = std::find(path.begin(), path.end(), next);
        for (auto it = start; it != path.end(); ++it) cycle += *it + " → ";
        problems_.At(subarea_nodes_[id]["prerequisites"],
                     METER_N("prerequisites form a cycle: {1}"), {cycle + next});
      } else if (colour[next] == 0) {
        visit(next);
      }
    }
    path.pop_back();
    colour[id] = 2;
  };
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      if (colour[s.id] == 0) visit(s.id);
    }
  }
}

void Loader::ReadMapping(const YamlNode& node, Instrument& out) {
  if (!CheckMap(node, kMappingMap, {"from", "renamed", "retired"}, problems_)) return;
  VersionMapping mapping;
  mapping.from = RequiredString(node, "from", problems_).value_or("");
  if (const YamlNode renamed = node["renamed"]) {
    if (!renamed.IsMap()) {
      problems_.At(renamed, METER_N("'renamed' must map previous statement IDs to this version's"));
    } else {
      for (const YamlEntry& entry : renamed.Entries()) {
        const std::string target = entry.second.Scalar();
        if (!id_positions_.count(target) || target.find('.') == std::string::npos) {
          problems_.At(
              entry.second,
              METER_N("'{1}' is renamed to '{2}', which is not a statement of this version"),
              {entry.first.Scalar(), target});
        }
        mapping.renamed[entry.first.Scalar()] = target;
      }
    }
  }
  if (const YamlNode retired = node["retired"]) {
    mapping.retired = StringList(retired, "retired", problems_);
  }
  out.mapping = std::move(mapping);
}

}  // namespace

Result<Instrument> LoadInstrument(std::string_view yaml_text, std::string_view file_name) {
  ProblemList problems{std::string(file_name)};
  const size_t bad = FindInvalidUtf8(yaml_text);
  const size_t control = bad == std::string_view::npos ? FindControlCharacter(yaml_text) : bad;
  if (control != std::string_view::npos) {
    const std::string_view before = yaml_text.substr(0, control);
    const size_t line_start = before.rfind('\n') + 1;  // npos + 1 == 0 on the first line
    const YamlMark mark{1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
                        1 + static_cast<int>(control - line_start)};
    if (bad != std::string_view::npos) {
      problems.AtMark(mark, METER_N("the file is not valid UTF-8; save it as UTF-8 and try again"));
    } else {
      problems.AtMark(mark,
                      METER_N("the file contains a control character (byte {1}), which YAML "
                              "does not allow; remove it"),
                      {std::to_string(static_cast<int>(yaml_text[control]))});
    }
    return Error{ErrorCode::kInvalidInput, problems.Take()};
  }
  Instrument instrument;
  YamlDocument document;
  if (const auto error = ReadYaml(yaml_text, document)) {
    problems.AtMark(error->mark, error->message, error->args);
  } else {
    Loader loader(problems);
    instrument = loader.Read(document.root());
  }
  if (!problems.empty()) return Error{ErrorCode::kInvalidInput, problems.Take()};
  instrument.Seal();
  return instrument;
}

}  // namespace meter
