#include "core/changes.h"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace meter {

const std::vector<ChangeKind>& ChangeKinds() {
  // {1} is who did it, {2} the target's name ("12" of "proposal:12", "meter/3.0", a slug) and
  // {3} the event's detail as the store writes it (a proposal's change, a decision's verdict and
  // reason, a knowledge entry's title). Every action here is written by the store: the channel's
  // (sql_instruments.cpp) and the knowledge base's (sql_knowledge.cpp, sql_knowledge_review.cpp).
  static const std::vector<ChangeKind> kKinds = {
      {"proposal.create", METER_N("{1} proposed a change: {3}")},
      {"proposal.comment", METER_N("{1} commented on proposal {2}")},
      {"proposal.vote", METER_N("{1} voted on proposal {2}")},
      {"proposal.decide", METER_N("{1} decided on proposal {2}: {3}")},
      {"instrument.draft", METER_N("{1} started the draft of instrument version {2}")},
      {"instrument.release", METER_N("{1} released instrument version {2}")},
      {"instrument.retire", METER_N("{1} retired instrument version {2}")},
      {"knowledge.create", METER_N("{1} added a knowledge entry: {3}")},
      {"knowledge.edit", METER_N("{1} edited a knowledge entry: {3}")},
      {"knowledge.submit", METER_N("{1} submitted a knowledge entry for review: {3}")},
      {"knowledge.approve", METER_N("{1} approved a knowledge entry: {3}")},
  };
  return kKinds;
}

std::vector<std::string> ChangeActions() {
  std::vector<std::string> out;
  for (const ChangeKind& k : ChangeKinds()) out.emplace_back(k.action);
  return out;
}

namespace {

const ChangeKind* KindOf(const std::string& action) {
  for (const ChangeKind& k : ChangeKinds()) {
    if (action == k.action) return &k;
  }
  return nullptr;
}

// A target's name is safe in a path when it is made of letters, digits and - _ . / only, with no
// ".." (so that it stays under its prefix).
bool SafeInPath(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

}  // namespace

std::string TargetPath(const std::string& target) {
  static const std::vector<std::pair<std::string, std::string>> kPrefixes = {
      {"proposal:", "/proposals/"},
      {"instrument:", "/instruments/"},
      {"knowledge:", "/knowledge/"},
  };
  for (const auto& [prefix, path] : kPrefixes) {
    if (target.rfind(prefix, 0) != 0) continue;
    const std::string name = target.substr(prefix.size());
    return SafeInPath(name) ? path + name : "";
  }
  return "";
}

std::optional<Problem> DescribeChange(const AuditEvent& event) {
  const ChangeKind* kind = KindOf(event.action);
  if (!kind) return std::nullopt;
  const size_t colon = event.target.find(':');
  const std::string name =
      colon == std::string::npos ? event.target : event.target.substr(colon + 1);
  return Problem{
      "", kind->message, {event.actor, name, event.detail.empty() ? name : event.detail}};
}

std::vector<AuditEvent> NewsFor(const std::vector<AuditEvent>& events, const std::string& email) {
  std::vector<AuditEvent> out;
  for (const AuditEvent& e : events) {
    if (KindOf(e.action) && e.actor != email) out.push_back(e);
  }
  return out;
}

long long LastEventId(const std::vector<AuditEvent>& events, long long floor) {
  long long last = floor;
  for (const AuditEvent& e : events) last = std::max<long long>(last, e.id);
  return last;
}

std::string FormatUtcTime(Seconds at, const char* format) {
  const std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string FormatUtc(Seconds at) { return FormatUtcTime(at, "%Y-%m-%d %H:%M UTC"); }

DigestText ComposeDigest(const std::vector<AuditEvent>& news, const Translator& translate,
                         const std::string& lang, const std::string& base_url) {
  DigestText out;
  const long n = static_cast<long>(news.size());
  const PluralMessage subject = METER_NP("METER: {1} change since your last digest",
                                         "METER: {1} changes since your last digest");
  out.subject = Substitute(translate(subject.singular, subject.plural, n), {std::to_string(n)});
  out.body =
      translate(METER_N("What changed in METER since your last digest, newest first:")) + "\n\n";
  for (const AuditEvent& e : news) {
    const auto described = DescribeChange(e);
    if (!described) continue;
    out.body += FormatUtc(e.at) + "\n" + Render(*described, translate, lang) + "\n";
    if (const std::string path = TargetPath(e.target); !path.empty()) {
      out.body += base_url + path + "\n";
    }
    out.body += "\n";
  }
  out.body += Substitute(translate(METER_N("You receive this digest because you chose it on {1}, "
                                           "where you can also turn it off.")),
                         {base_url + "/changes"}) +
              "\n";
  return out;
}

}  // namespace meter
