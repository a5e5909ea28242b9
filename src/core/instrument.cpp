#include "core/instrument.h"

#include <algorithm>

namespace meter {

int AnswerSet::LevelIndex(std::string_view code) const {
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

void Instrument::Seal() {
  flat_.clear();
  statement_index_.clear();
  subarea_index_.clear();
  for (size_t p = 0; p < pillars.size(); ++p) {
    for (size_t a = 0; a < pillars[p].subareas.size(); ++a) {
      const SubArea& sub = pillars[p].subareas[a];
      subarea_index_.emplace(sub.id, &sub);
      for (const Statement& s : sub.statements) {
        statement_index_.emplace(s.id, static_cast<int>(flat_.size()));
        flat_.push_back({&s, static_cast<int>(p), static_cast<int>(a)});
      }
    }
  }
}

bool Instrument::IsDraftTranslation(std::string_view lang) const {
  if (lang == "en" || std::find(languages.begin(), languages.end(), lang) == languages.end()) {
    return false;
  }
  auto it = translation_status.find(std::string(lang));
  return it == translation_status.end() || it->second != "reviewed";
}

bool Instrument::Follows(const Instrument& older) const {
  return mapping && id == older.id && mapping->from == older.version;
}

int Instrument::StatementIndex(std::string_view id) const {
  auto it = statement_index_.find(std::string(id));
  return it == statement_index_.end() ? -1 : it->second;
}

const SubArea* Instrument::FindSubArea(std::string_view id) const {
  auto it = subarea_index_.find(std::string(id));
  return it == subarea_index_.end() ? nullptr : it->second;
}

const Pillar* Instrument::FindPillar(std::string_view id) const {
  for (const Pillar& p : pillars) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const LocalizedText* Instrument::UnitText(std::string_view id) const {
  if (const Pillar* p = FindPillar(id)) return &p->name;
  if (const SubArea* s = FindSubArea(id)) return &s->name;
  const int i = StatementIndex(id);
  return i >= 0 ? &flat_[static_cast<size_t>(i)].statement->text : nullptr;
}

size_t Instrument::SubAreaCount() const { return subarea_index_.size(); }

}  // namespace meter
