#include "app/loading.h"

#include "app/files.h"
#include "core/answers_csv.h"
#include "core/groups_csv.h"
#include "core/instrument_loader.h"

namespace meter {

Result<Instrument> LoadInstrumentFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  return LoadInstrument(text.value(), path);
}

Result<ScoreReport> ScoreAnswersFile(const std::string& path, const Instrument& instrument,
                                     const std::optional<std::string>& groups_path) {
  std::optional<std::vector<Group>> groups;
  if (groups_path) {
    auto groups_text = ReadFile(*groups_path);
    if (!groups_text) return groups_text.error();
    auto parsed = ParseGroupsCsv(groups_text.value(), *groups_path);
    if (!parsed) return parsed.error();
    groups = std::move(parsed).value();
  }
  auto file = FileSource::Open(path);
  if (!file) return file.error();
  return ScoreAnswersCsv(*file.value(), path, instrument, groups ? &*groups : nullptr);
}

}  // namespace meter
