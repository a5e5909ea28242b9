// Issue 14, country management for the secretariat: the 193 member states with their M49 region
// and sub-region, who coordinates each and how many rounds it has (/admin/countries), and one
// country's page (/admin/countries/:iso3) with its coordinators (add by e-mail, remove) and its
// history: its rounds and the audit log's events on the country and on each of its rounds,
// newest first. Every change is a POST that redirects (Post/Redirect/Get); a refused addition comes
// back with the typed e-mail and the problem beside the field. Admins only (kManageUsers).
#include <algorithm>

#include "core/authorization.h"
#include "core/changes.h"
#include "core/text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

// How many events of the log the history shows: the newest ones across the country and its
// rounds (the audit log itself, filtered by round, shows the rest).
constexpr size_t kHistoryEvents = 60;

// The notice a country page's redirect hands over ("done", "who").
std::string CountryNotice(const Call& call, const Form& flash) {
  static const std::map<std::string, const char*> kNotices = {
      {"added", METER_N("{1} now coordinates this country.")},
      {"removed", METER_N("{1} no longer coordinates this country.")}};
  auto it = kNotices.find(FormValue(flash, "done"));
  return it == kNotices.end() ? "" : Substitute(call.Tr(it->second), {FormValue(flash, "who")});
}

Error NoSuchCountry() {
  return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no such page"));
}

// Whether `u` is a coordinator of country `iso3`, disabled or not: a disabled coordinator opens
// nothing while disabled, but stays listed so that an admin sees the assignment and can remove it.
bool AssignedTo(const User& u, const std::string& iso3) {
  return u.role == Role::kCoordinator &&
         std::find(u.countries.begin(), u.countries.end(), iso3) != u.countries.end();
}

// The history's events: those on "country:ISO3" and on each of `rounds`, newest first, at most
// kHistoryEvents.
Result<std::vector<AuditEvent>> CountryEvents(Store& store, const std::string& iso3,
                                              const std::vector<Round>& rounds) {
  std::vector<AuditEvent> out;
  AuditFilter filter;
  filter.limit = kHistoryEvents;
  filter.target = "country:" + iso3;
  auto on_country = store.FindAudit(filter);
  if (!on_country) return on_country.error();
  out = std::move(on_country).value();
  for (const Round& r : rounds) {
    filter.round = r.id;
    auto on_round = store.FindAudit(filter);
    if (!on_round) return on_round.error();
    out.insert(out.end(), on_round.value().begin(), on_round.value().end());
  }
  std::sort(out.begin(), out.end(),
            [](const AuditEvent& a, const AuditEvent& b) { return a.id > b.id; });
  if (out.size() > kHistoryEvents) out.resize(kHistoryEvents);
  return out;
}

TemplateList RoundRows(const Call& call, const std::vector<Round>& rounds) {
  TemplateList out;
  for (const Round& r : rounds) {
    TemplateData row;
    row.set("id", std::to_string(r.id));
    row.set("title", r.title);
    row.set("year", std::to_string(r.year));
    row.set("version", r.instrument_id + " " + r.instrument_version);
    row.set("status", call.TrC(kRoundStatusContext, RoundStatusKey(r.status)));
    row.set("created", FormatUtc(r.created_at));
    row.set("published", r.published ? call.TrC("a round is published", "Yes")
                                     : call.TrC("a round is published", "No"));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Response WebApp::Impl::CountriesAdmin(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  auto users = deps_.store.ListUsers();
  if (!users) return Fail(call, users.error());
  auto rounds = deps_.store.ListRounds(std::nullopt);
  if (!rounds) return Fail(call, rounds.error());
  const std::string region = FormValue(call.query, "region");
  TemplateList rows, regions;
  for (const CountryList::Region& r : deps_.countries.Regions()) {
    TemplateData choice;
    choice.set("value", r.name);
    choice.set("name", deps_.countries.RegionName(r.name, call.lang));
    choice.set("selected", r.name == region);
    regions.push_back(std::move(choice));
  }
  // By name in the page's language (byte order, as the campaign page sorts), not by code.
  std::vector<const Country*> shown_countries;
  for (const Country& c : deps_.countries.all()) {
    if (region.empty() || c.region == region) shown_countries.push_back(&c);
  }
  std::stable_sort(shown_countries.begin(), shown_countries.end(),
                   [&](const Country* a, const Country* b) {
                     return CountryList::NameOf(*a, call.lang) < CountryList::NameOf(*b, call.lang);
                   });
  size_t shown = 0;
  for (const Country* country : shown_countries) {
    const Country& c = *country;
    std::string coordinators;
    for (const User& u : users.value()) {
      if (!AssignedTo(u, c.iso3)) continue;
      coordinators += (coordinators.empty() ? "" : ", ") +
                      (u.disabled ? Substitute(call.Tr("{1} (disabled)"), {u.email}) : u.email);
    }
    const auto n = std::count_if(rounds.value().begin(), rounds.value().end(),
                                 [&](const Round& r) { return r.country == c.iso3; });
    TemplateData row;
    row.set("iso3", c.iso3);
    row.set("name", CountryList::NameOf(c, call.lang));
    row.set("region", deps_.countries.RegionName(c.region, call.lang));
    row.set("subregion", deps_.countries.RegionName(c.subregion, call.lang));
    row.set("coordinators", coordinators);
    row.set("rounds", std::to_string(n));
    rows.push_back(std::move(row));
    ++shown;
  }
  TemplateData data;
  data.set("regions", std::move(regions));
  data.set("rows", std::move(rows));
  data.set("count", Substitute(call.TrN("{1} country", "{1} countries", static_cast<long>(shown)),
                               {std::to_string(shown)}));
  return Page(call, "countries_admin", call.Tr("Country management"), data);
}

Response WebApp::Impl::RenderCountryAdmin(Call& call, const Country& country, const Form& typed,
                                          const std::vector<Problem>& problems, int status) {
  auto users = deps_.store.ListUsers();
  if (!users) return Fail(call, users.error());
  auto rounds = deps_.store.ListRounds(std::vector<std::string>{country.iso3});
  if (!rounds) return Fail(call, rounds.error());
  auto events = CountryEvents(deps_.store, country.iso3, rounds.value());
  if (!events) return Fail(call, events.error());
  TemplateList coordinators, candidates;
  for (const User& u : users.value()) {
    TemplateData item;
    item.set("id", std::to_string(u.id));
    item.set("email", u.email);
    item.set("name", u.name);
    item.set("disabled", u.disabled);
    if (AssignedTo(u, country.iso3)) {
      coordinators.push_back(std::move(item));
    } else if (u.role == Role::kCoordinator && !u.disabled) {
      candidates.push_back(std::move(item));
    }
  }
  TemplateData data;
  data.set("iso3", country.iso3);
  data.set("name", CountryList::NameOf(country, call.lang));
  data.set("region", deps_.countries.RegionName(country.region, call.lang));
  data.set("subregion", deps_.countries.RegionName(country.subregion, call.lang));
  data.set("has_coordinators", !coordinators.empty());
  data.set("coordinators", std::move(coordinators));
  data.set("candidates", std::move(candidates));
  data.set("email", FormValue(typed, "email"));
  data.set("has_rounds", !rounds.value().empty());
  data.set("rounds", RoundRows(call, rounds.value()));
  data.set("has_events", !events.value().empty());
  data.set("events", AuditEventRows(events.value()));
  AddProblems(call, problems, data);
  if (status == 200) data.set("notice", CountryNotice(call, TakeFlash(call)));
  return Page(call, "country_admin", CountryList::NameOf(country, call.lang), data, status);
}

Response WebApp::Impl::CountryAdmin(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  const Country* country = deps_.countries.Find(call.params["iso3"]);
  if (!country) return Fail(call, NoSuchCountry());
  return RenderCountryAdmin(call, *country, {}, {}, 200);
}

Response WebApp::Impl::AddCoordinator(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  const Country* country = deps_.countries.Find(call.params["iso3"]);
  if (!country) return Fail(call, NoSuchCountry());
  const std::string email = FormValue(call.form, "email");
  auto user = deps_.store.FindUserByEmail(email);
  if (!user && user.error().code == ErrorCode::kNotFound) {
    return RenderCountryAdmin(
        call, *country, call.form,
        {{"email",
          METER_N("no user has the e-mail address '{1}': add them on the users page first"),
          {email}}},
        400);
  }
  if (!user) return Fail(call, user.error());
  auto done = deps_.store.AssignCountry(user.value().id, country->iso3, true, call.principal.label);
  if (!done && done.error().code == ErrorCode::kInvalidInput) {
    return RenderCountryAdmin(call, *country, call.form, done.error().problems, 400);
  }
  if (!done) return Fail(call, done.error());
  return RedirectWithFlash(call, "/admin/countries/" + country->iso3,
                           {{"done", "added"}, {"who", done.value().email}});
}

Response WebApp::Impl::RemoveCoordinator(Call& call) {
  if (!Allowed(call.principal, Action::kManageUsers)) return Forbidden(call);
  const Country* country = deps_.countries.Find(call.params["iso3"]);
  if (!country) return Fail(call, NoSuchCountry());
  auto done =
      deps_.store.AssignCountry(call.IdParam("uid"), country->iso3, false, call.principal.label);
  if (!done) return Fail(call, done.error());
  return RedirectWithFlash(call, "/admin/countries/" + country->iso3,
                           {{"done", "removed"}, {"who", done.value().email}});
}

}  // namespace meter
