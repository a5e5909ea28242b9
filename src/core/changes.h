// What changed for the experts: the audit actions that their "What changed" page (/changes) and
// their daily e-mail digest tell about, each in words, and where each target lives on the web.
//
// ChangeKinds() is the one table of those actions: to tell experts about another action, add a
// row (its message is an English template, translated by the caller). TargetPath() is the one
// mapping from an audit target ("proposal:12") to its page. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/problem.h"

namespace meter {

struct ChangeKind {
  const char* action;   // the audit action, "proposal.create"
  const char* message;  // METER_N template: {1} who did it, {2} the target's name, {3} the detail
};

// Every action the page and the digest show, in one table.
const std::vector<ChangeKind>& ChangeKinds();
// The actions of ChangeKinds(), for the store's query.
std::vector<std::string> ChangeActions();

// The page of an audit target: "proposal:12" → "/proposals/12", "instrument:meter/3.0" →
// "/instruments/meter/3.0", "knowledge:slug" → "/knowledge/slug"; "" for any other target, or one
// whose name is empty or holds characters a path must not (a space, '?', '#', '..').
std::string TargetPath(const std::string& target);

// The event in words: the message of its kind with {1} the actor, {2} the target's name (after
// its "kind:") and {3} the event's detail (the name when the detail is empty), for Render() in
// the reader's language. nullopt for an action
// that is not in ChangeKinds().
std::optional<Problem> DescribeChange(const AuditEvent& event);

// The events worth telling `email` about: those of ChangeKinds() that someone else did, in the
// order given.
std::vector<AuditEvent> NewsFor(const std::vector<AuditEvent>& events, const std::string& email);

// The greatest event ID of `events`, or `floor` when it is greater (none: `floor`).
long long LastEventId(const std::vector<AuditEvent>& events, long long floor);

// "2026-12-03 09:30 UTC": how METER writes a moment in every language (neutral and unambiguous).
std::string FormatUtc(Seconds at);
// `at` in UTC as strftime writes it with `format` (at most 31 bytes): FormatUtc, the feed's
// RFC 3339 times, a report's date.
std::string FormatUtcTime(Seconds at, const char* format);

// A digest e-mail: its subject and its plain-text body.
struct DigestText {
  std::string subject;
  std::string body;
};
// The daily digest of `news` (newest first, not empty) for a reader of `lang`, translated by
// `translate`: one paragraph per event, with its time and the link `base_url` + its page, and a
// closing line that says where to turn the digest off (`base_url`/changes).
DigestText ComposeDigest(const std::vector<AuditEvent>& news, const Translator& translate,
                         const std::string& lang, const std::string& base_url);

}  // namespace meter
