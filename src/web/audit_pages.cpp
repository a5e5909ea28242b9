// The audit log for the secretariat: pages of events, newest first, filtered by who did it, the
// action, the round and a date range. The filters are the query string, so that every page and
// filter has a stable URL to bookmark or send.
#include <ctime>

#include "web/feed_xml.h"
#include "web/web_app_impl.h"

namespace meter {

TemplateList AuditEventRows(const std::vector<AuditEvent>& events) {
  TemplateList rows;
  for (const AuditEvent& e : events) {
    TemplateData row;
    row.set("at", FormatUtc(e.at));
    row.set("actor", e.actor);
    row.set("action", e.action);
    row.set("target", e.target);
    row.set("detail", e.detail);
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

constexpr size_t kAuditPageSize = 100;
constexpr long long kMaxAuditPage = 100000;

// Midnight UTC that starts the day "YYYY-MM-DD"; nullopt for anything else.
std::optional<Seconds> DayStart(const std::string& text) {
  std::tm tm{};
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const char* end = strptime(text.c_str(), "%Y-%m-%d", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return static_cast<Seconds>(timegm(&tm));
}

// A positive whole number of at most 18 digits; nullopt for anything else.
std::optional<long long> PositiveNumber(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const long long n = std::stoll(text);
  return n > 0 ? std::optional<long long>(n) : std::nullopt;
}

// The filter fields as they were typed, in the order of the form.
const std::vector<std::string>& FilterFields() {
  static const std::vector<std::string> kFields = {"user", "action", "round", "from", "to"};
  return kFields;
}

// "/admin/audit?…" with the filters that are set and `page` (left out when it is 1).
std::string AuditUrl(const Form& query, long long page) {
  std::string out;
  for (const std::string& f : FilterFields()) {
    const std::string v = FormValue(query, f);
    if (!v.empty()) out += (out.empty() ? "?" : "&") + f + "=" + UrlEncode(v);
  }
  if (page > 1) out += (out.empty() ? "?" : "&") + std::string("page=") + std::to_string(page);
  return "/admin/audit" + out;
}

// The filter the query asks for; problems name the field they are about.
AuditFilter ReadFilter(const Form& query, long long& page, std::vector<Problem>& problems) {
  AuditFilter f;
  f.actor = FormValue(query, "user");
  f.action = FormValue(query, "action");
  if (const std::string round = FormValue(query, "round"); !round.empty()) {
    if (auto n = PositiveNumber(round)) {
      f.round = *n;
    } else {
      problems.push_back({"round", METER_N("enter a round number, such as 12"), {}});
    }
  }
  for (const char* field : {"from", "to"}) {
    const std::string text = FormValue(query, field);
    if (text.empty()) continue;
    auto day = DayStart(text);
    if (!day) {
      problems.push_back({field, METER_N("enter a date as YYYY-MM-DD, such as 2026-03-31"), {}});
    } else if (std::string(field) == "from") {
      f.from = *day;
    } else {
      f.to = *day + 24 * 3600;  // the whole last day
    }
  }
  if (f.from && f.to && f.to <= f.from) {
    problems.push_back({"to", METER_N("the last day must not be before the first"), {}});
  }
  page = 1;
  if (const std::string p = FormValue(query, "page"); !p.empty()) {
    auto n = PositiveNumber(p);
    page = n && *n <= kMaxAuditPage ? *n : 1;
  }
  f.offset = static_cast<size_t>(page - 1) * kAuditPageSize;
  f.limit = kAuditPageSize + 1;  // one more, to know whether an older page exists
  return f;
}

}  // namespace

Response WebApp::Impl::AuditLog(Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return NeedLogin(call);
  if (!Allowed(call.principal, Action::kViewAudit)) return Forbidden(call);
  long long page = 1;
  std::vector<Problem> problems;
  const AuditFilter filter = ReadFilter(call.query, page, problems);
  TemplateData data;
  for (const std::string& f : FilterFields()) data.set(f, FormValue(call.query, f));
  AddProblems(call, problems, data);
  auto actions = deps_.store.AuditActions();
  auto users = deps_.store.ListUsers();
  if (!actions || !users) return Fail(call, actions ? users.error() : actions.error());
  TemplateList action_choices, user_choices;
  for (const std::string& a : actions.value()) {
    TemplateData o;
    o.set("value", a);
    o.set("selected", a == filter.action);
    action_choices.push_back(std::move(o));
  }
  for (const User& u : users.value()) {
    TemplateData o;
    o.set("value", u.email);
    user_choices.push_back(std::move(o));
  }
  data.set("actions", std::move(action_choices));
  data.set("known_users", std::move(user_choices));
  if (!problems.empty()) return Page(call, "audit", call.Tr("Audit log"), data, 400);

  auto events = deps_.store.FindAudit(filter);
  if (!events) return Fail(call, events.error());
  const bool older = events.value().size() > kAuditPageSize;
  if (older) events.value().pop_back();
  data.set("events", AuditEventRows(events.value()));
  data.set("none", events.value().empty());
  data.set("filtered", AuditUrl(call.query, 1) != "/admin/audit");
  data.set("page_label", Substitute(call.Tr("Page {1}"), {std::to_string(page)}));
  if (page > 1) data.set("newer_url", AuditUrl(call.query, page - 1));
  if (older) data.set("older_url", AuditUrl(call.query, page + 1));
  return Page(call, "audit", call.Tr("Audit log"), data);
}

}  // namespace meter
