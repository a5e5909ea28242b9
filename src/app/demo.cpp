#include "app/demo.h"

#include <map>
#include <ostream>

#include "app/demo_channel.h"
#include "app/demo_published.h"
#include "app/files.h"
#include "core/csv.h"
#include "web/security.h"

namespace meter {

Result<bool> EnsureDemoUser(Store& store, const std::string& email, const std::string& name,
                            Role role, std::vector<std::string> countries) {
  if (store.FindUserByEmail(email).ok()) return true;
  auto hash = HashPassword(kDemoPassword);
  if (!hash) return hash.error();
  auto created = store.CreateUser(
      {0, email, name, role, std::move(countries), hash.value(), false, 0}, "demo");
  if (!created) return created.error();
  return true;
}

namespace {

// Creates the demo round with the sample's respondents and answers; returns its id.
Result<Id> CreateDemoRound(Installation& inst) {
  auto round = inst.store->CreateRound(
      {kDemoCountry, "Aurelia 2026 self-assessment (demo)", 2026, "meter", "2.0", DefaultGroups()},
      "demo");
  if (!round) return round.error();
  const Id id = round.value().id;
  auto opened = inst.store->SetRoundStatus(id, RoundStatus::kOpen, "demo");
  if (!opened) return opened.error();
  auto text = ReadFile(inst.paths.content_dir + "/samples/aurelia-2026-answers.csv");
  if (!text) return text.error();
  // respondent → (group, answers), in file order.
  std::map<std::string, std::pair<std::string, std::vector<AnswerWrite>>> sheet;
  CsvReader reader(text.value());
  std::vector<std::string_view> f;
  reader.Next(f);  // the header: respondent,group,statement,answer,comment
  while (reader.Next(f)) {
    if (f.size() < 5) continue;
    auto& entry = sheet[std::string(f[0])];
    entry.first = std::string(f[1]);
    entry.second.push_back({std::string(f[2]), std::string(f[3]), std::string(f[4]), "", 0});
  }
  for (auto& [name, entry] : sheet) {
    Respondent r;
    r.round_id = id;
    r.name = name;
    r.group = entry.first;
    r.token_hash = Sha256Hex(RandomToken());
    auto added = inst.store->AddRespondent(r, "demo");
    if (!added) return added.error();
    auto saved = inst.store->SaveAnswers(added.value().id, entry.second, 0);
    if (!saved) return saved.error();
  }
  return id;
}

}  // namespace

Result<bool> SeedDemo(Installation& inst, const std::string& base_url, const Context& context) {
  Store& store = *inst.store;
  for (auto [email, name, role] :
       {std::tuple{kDemoAdmin, "Demo secretariat", Role::kAdmin},
        std::tuple{kDemoCoordinator, "Demo coordinator", Role::kCoordinator},
        std::tuple{kDemoExpert, "Demo expert", Role::kExpert},
        std::tuple{kDemoExpert2, "Demo expert (reviewer)", Role::kExpert}}) {
    auto ensured =
        EnsureDemoUser(store, email, name, role,
                       role == Role::kCoordinator ? std::vector<std::string>{kDemoCountry}
                                                  : std::vector<std::string>{});
    if (!ensured) return ensured.error();
  }
  auto rounds = store.ListRounds(std::vector<std::string>{kDemoCountry});
  if (!rounds) return rounds.error();
  // The 2026 round on METER 2.0 is the one respondents are shown; the channel's 3.0 round
  // comes after it.
  Id round_id = 0;
  bool closed = false;
  for (const Round& r : rounds.value()) {
    if (r.instrument_version != "2.0") continue;
    round_id = r.id;
    // A closed demo round gives no new link (core/round_rules.h): it is left as the coordinator
    // left it, and the server starts all the same.
    closed = r.status == RoundStatus::kClosed;
  }
  if (round_id == 0) {
    auto created = CreateDemoRound(inst);
    if (!created) return created.error();
    round_id = created.value();
  }
  auto channel = SeedDemoChannel(inst);
  if (!channel) return channel.error();
  auto published = SeedDemoPublished(inst);
  if (!published) return published.error();
  // A fresh link for one demo respondent, since only hashes of links are kept.
  Respondent guest;
  guest.round_id = round_id;
  guest.name = "demo-respondent";
  guest.group = "Civil society";
  const std::string token = RandomToken();
  guest.token_hash = Sha256Hex(token);
  auto respondents = store.ListRespondents(round_id);
  if (!respondents) return respondents.error();
  Id existing = 0;
  for (const Respondent& r : respondents.value()) {
    if (r.name == guest.name) existing = r.id;
  }
  if (existing && !closed) {
    auto reissued = store.ReissueToken(existing, guest.token_hash, 0, "demo");
    if (!reissued) return reissued.error();
  } else if (!closed) {
    auto added = store.AddRespondent(guest, "demo");
    if (!added) return added.error();
  }
  context.out << Substitute(context.Translate("Demo logins (password {1}):"), {kDemoPassword})
              << "\n"
              << "  " << context.Translate("admin") << "  " << kDemoAdmin << "\n"
              << "  " << context.Translate("coordinator") << "  " << kDemoCoordinator << "\n"
              << "  " << context.Translate("experts") << "  " << kDemoExpert << ", " << kDemoExpert2
              << "\n"
              << Substitute(context.Translate("Demo round: {1}"),
                            {base_url + "/rounds/" + std::to_string(round_id)})
              << "\n"
              << (closed ? context.Translate(
                               "The demo round is closed: reopen it to give a respondent a link.")
                         : Substitute(context.Translate("A respondent's invitation link: {1}"),
                                      {base_url + "/r/" + token}))
              << "\n";
  return true;
}

}  // namespace meter
