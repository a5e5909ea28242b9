#include "app/demo_published.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "core/benchmarks.h"
#include "core/round_results.h"
#include "core/scoring.h"
#include "web/security.h"

namespace meter {
namespace {

struct DemoCountry {
  const char* iso3;
  int level;  // the answer level (0–4) its statements lean to
};
constexpr DemoCountry kDemoPublished[] = {{"KEN", 2}, {"RWA", 3}, {"ARM", 2},
                                          {"MNG", 1}, {"EST", 4}, {"PRT", 3}};
constexpr const char* kDemoPublishedTitle = "Published round (demo data)";

uint32_t Fnv1a(std::string_view text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) h = (h ^ c) * 16777619u;
  return h;
}

// One answer per statement: the country's level, one step up or down for some statements.
std::vector<AnswerWrite> DemoAnswers(const Instrument& in, const DemoCountry& country) {
  std::vector<AnswerWrite> answers;
  for (const Pillar& p : in.pillars) {
    for (const SubArea& s : p.subareas) {
      for (const Statement& st : s.statements) {
        const int step = static_cast<int>(Fnv1a(std::string(country.iso3) + st.id) % 3) - 1;
        const int level = std::clamp(country.level + step, 0, 4);
        answers.push_back({st.id, std::to_string(level), "", "", 0});
      }
    }
  }
  return answers;
}

Result<bool> PublishDemoRound(Store& store, const Instrument& in, const DemoCountry& country) {
  auto round = store.CreateRound(
      {country.iso3, kDemoPublishedTitle, 2025, in.id, in.version, DefaultGroups()}, "demo");
  if (!round) return round.error();
  const Id id = round.value().id;
  if (auto opened = store.SetRoundStatus(id, RoundStatus::kOpen, "demo"); !opened) {
    return opened.error();
  }
  Respondent r;
  r.round_id = id;
  r.name = "demo-published";
  r.group = "Central government";
  r.token_hash = Sha256Hex(RandomToken());
  auto added = store.AddRespondent(r, "demo");
  if (!added) return added.error();
  if (auto saved = store.SaveAnswers(added.value().id, DemoAnswers(in, country), 0); !saved) {
    return saved.error();
  }
  auto closed = store.SetRoundStatus(id, RoundStatus::kClosed, "demo");
  if (!closed) return closed.error();
  auto respondents = store.ListRespondents(id);
  if (!respondents) return respondents.error();
  auto answers = store.AnswersOfRound(id);
  if (!answers) return answers.error();
  const ScoreReport report =
      Score(in, SheetOf(in, closed.value(), respondents.value(), answers.value()));
  auto published = store.Publish(id, ProfileOf(closed.value(), report).scores, "demo");
  if (!published) return published.error();
  return true;
}

}  // namespace

Result<bool> SeedDemoPublished(Installation& inst) {
  const Instrument* in = inst.instruments.Find("meter", "2.0");
  if (in == nullptr) {
    return Error::Of(ErrorCode::kNotFound, "meter 2.0", METER_N("the instrument is not installed"));
  }
  std::vector<std::string> codes;
  for (const DemoCountry& c : kDemoPublished) codes.push_back(c.iso3);
  auto rounds = inst.store->ListRounds(codes);
  if (!rounds) return rounds.error();
  for (const DemoCountry& c : kDemoPublished) {
    const bool seeded = std::any_of(
        rounds.value().begin(), rounds.value().end(),
        [&](const Round& r) { return r.country == c.iso3 && r.title == kDemoPublishedTitle; });
    if (seeded) continue;
    auto done = PublishDemoRound(*inst.store, *in, c);
    if (!done) return done.error();
  }
  return true;
}

}  // namespace meter
