// The instrument: one version of the METER questionnaire, as loaded from its YAML file
// (docs/instrument-format.md). Pillar → sub-area → statement, answer sets, recommended actions per
// band, prerequisites between sub-areas and the mapping from the previous version.
//
// An Instrument is built by LoadInstrument (instrument_loader.h) and is immutable afterwards; it is
// safe to share between threads. References and indexes handed out stay valid for its lifetime.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/band.h"
#include "core/text.h"

namespace meter {

struct AnswerLevel {
  std::string code;  // what a respondent answers ("0"…"4")
  double value = 0;  // in [0, 1]
  LocalizedText label;
};

struct AnswerSet {
  std::string id;
  std::vector<AnswerLevel> levels;  // from least to most
  LocalizedText dont_know;
  LocalizedText not_applicable;

  // The index of the level with this code, or -1.
  int LevelIndex(std::string_view code) const;
};

struct Statement {
  std::string id;  // "C1.1"
  LocalizedText text;
  double weight = 1;
  int answer_set = 0;  // index into Instrument::answer_sets
};

struct SubArea {
  std::string id;  // "C1"
  LocalizedText name;
  double weight = 1;
  std::vector<std::string> prerequisites;  // sub-area IDs that should be in place first
  std::array<std::vector<LocalizedText>, kBandCount> actions;  // recommended actions, by Band
  std::vector<Statement> statements;
};

struct Pillar {
  std::string id;  // "C"
  LocalizedText name;
  LocalizedText overview;
  double weight = 1;
  std::vector<SubArea> subareas;
};

// How the previous version's statement IDs map to this one. IDs present in both and not renamed map
// to themselves.
struct VersionMapping {
  std::string from;                            // the previous version ("2.0")
  std::map<std::string, std::string> renamed;  // previous ID → this version's ID
  std::vector<std::string> retired;            // previous IDs with no successor
};

// Where a statement sits, for code that walks the flat list of statements.
struct StatementPlace {
  const Statement* statement;
  int pillar;
  int subarea;  // index within its pillar
};

class Instrument {
 public:
  Instrument() = default;
  // Moving keeps every element's address, so the indexes stay valid; a copy would not.
  Instrument(Instrument&&) = default;
  Instrument& operator=(Instrument&&) = default;
  Instrument(const Instrument&) = delete;
  Instrument& operator=(const Instrument&) = delete;

  std::string id;
  std::string version;
  // "released" or "draft". A draft is what experts change through proposals: it may hold a pillar
  // without sub-areas, a sub-area without statements or without actions for a band, which a
  // release refuses (core/instrument_release.h); it is never used by a round.
  std::string status;
  LocalizedText title;
  std::vector<std::string> languages;
  // The state of each translation, by language (not "en"): "draft" (machine or first human draft,
  // awaiting review by the UN's translation services) or "reviewed". A language not listed is
  // treated as a draft.
  std::map<std::string, std::string> translation_status;
  std::vector<AnswerSet> answer_sets;
  int default_answer_set = 0;  // index into answer_sets
  std::vector<Pillar> pillars;
  std::optional<VersionMapping> mapping;

  // Builds the flat statement list and the ID indexes; called once by the loader after the tree is
  // complete. The tree must not change afterwards.
  void Seal();

  // Statements in document order; their index is the statement's number in scoring.
  const std::vector<StatementPlace>& statements() const { return flat_; }
  // The index of a statement ID in statements(), or -1.
  int StatementIndex(std::string_view id) const;
  // The sub-area with this ID, or nullptr.
  const SubArea* FindSubArea(std::string_view id) const;
  // The pillar with this ID, or nullptr.
  const Pillar* FindPillar(std::string_view id) const;
  // The name of the pillar or sub-area, or the text of the statement, with this ID (IDs are unique
  // across the three kinds); nullptr for an unknown ID.
  const LocalizedText* UnitText(std::string_view id) const;
  size_t SubAreaCount() const;
  const AnswerSet& AnswerSetOf(const Statement& s) const { return answer_sets[s.answer_set]; }
  // True when `lang` is one of the instrument's languages other than English and its translation
  // is not marked "reviewed": pages say so beside the text.
  bool IsDraftTranslation(std::string_view lang) const;
  bool IsDraft() const { return status == "draft"; }
  // True when this instrument declares that it follows `older`: the same instrument ID, and a
  // mapping from `older`'s version. Its mapping then pairs `older`'s statements with its own.
  bool Follows(const Instrument& older) const;

 private:
  std::vector<StatementPlace> flat_;
  std::unordered_map<std::string, int> statement_index_;
  std::unordered_map<std::string, const SubArea*> subarea_index_;
};

}  // namespace meter
