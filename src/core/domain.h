// The assessment domain beyond the instrument: people, countries, rounds, respondents, answers,
// sessions and audit events, as plain values. Stores (store/) persist them; the web layer shows
// them. IDs are positive 64-bit integers given by the store; 0 means "not stored yet". Times are
// seconds since the Unix epoch (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace meter {

using Id = int64_t;
using Seconds = int64_t;

enum class Role { kAdmin, kCoordinator, kExpert };
// "admin", "coordinator", "expert"; RoleFromKey is its inverse (nullopt for anything else).
const char* RoleKey(Role role);
std::optional<Role> RoleFromKey(std::string_view key);

struct Country {
  std::string iso3;  // ISO 3166-1 alpha-3
  std::string name;  // English short name
  std::string region;
  std::string subregion;  // UN M49
  LocalizedText names{};  // the UN's short name in each language it is known in ("en" = name)
  LocalizedText region_names{}, subregion_names{};  // set by CountryList::ReadRegionNames
};

struct User {
  Id id = 0;
  std::string email;  // unique, stored lower-case
  std::string name;
  Role role = Role::kExpert;
  std::vector<std::string> countries;  // ISO3 codes a coordinator coordinates
  std::string password_hash;           // argon2id, as libsodium encodes it
  bool disabled = false;
  Seconds created_at = 0;
};

enum class RoundStatus { kDraft, kOpen, kClosed };
const char* RoundStatusKey(RoundStatus status);  // "draft", "open", "closed"
// The catalog context of the status words, shown translated as TrC(kRoundStatusContext, key):
// "draft" and "open" have other meanings elsewhere.
inline constexpr const char* kRoundStatusContext = "round status";
std::optional<RoundStatus> RoundStatusFromKey(std::string_view key);

struct RespondentGroup {
  std::string name;
  double weight = 1;
};

// The groups a new round starts with.
std::vector<RespondentGroup> DefaultGroups();

struct Round {
  Id id = 0;
  std::string country;  // ISO3
  std::string title;
  int year = 0;
  std::string instrument_id;       // "meter"
  std::string instrument_version;  // "2.0"
  RoundStatus status = RoundStatus::kDraft;
  std::vector<RespondentGroup> groups;
  Seconds created_at = 0;
  bool published = false;  // shared with other countries (closed rounds only)
  // When answering should be done (seconds since the epoch); 0: no deadline. Reminders go out
  // before it (core/round_mail.h); the round stays open until the coordinator closes it.
  Seconds deadline = 0;
};

struct Respondent {
  Id id = 0;
  Id round_id = 0;
  std::string name;                  // or an e-mail address: how the coordinator knows them
  std::string group;                 // one of the round's groups
  std::vector<std::string> pillars;  // empty: every pillar
  std::string token_hash;  // SHA-256 of the invitation token, hex; the token itself is never stored
  Seconds expires_at = 0;  // 0: never
  bool revoked = false;
  Seconds invited_at = 0;
  Seconds reminded_at = 0;  // 0: never reminded
  // Statements given a value (not only a comment or link); the store updates it with every save
  // of the respondent's answers, in the same transaction.
  size_t answered = 0;
  // The language the coordinator chose for them at invitation ("fr"); empty: the browser's. The
  // respondent may change it; answers are the same codes in every language.
  std::string language{};
  // Where the invitation and the reminders go (CheckMailAddress); empty: the coordinator hands
  // the link out.
  std::string email{};
};

// True while `r`'s invitation may be used at `now`: not withdrawn and not expired.
bool InvitationValid(const Respondent& r, Seconds now);

// One respondent's answer to one statement. `value` is a level code of the statement's answer set,
// "DK" or "NA". `version` starts at 1 and grows by one with every accepted change.
struct StoredAnswer {
  Id respondent_id = 0;
  std::string statement;
  std::string value;
  std::string comment;
  std::string evidence_url;
  int64_t version = 0;
  Seconds updated_at = 0;
};

// What a save stored: its answers, by statement ID, and the respondent's count of statements
// with a value once it is stored (Respondent::answered), for their progress.
struct SavedAnswers {
  std::vector<StoredAnswer> answers;
  size_t answered = 0;
};

// A change to one answer. `expected_version` is the version the writer last saw (0: none yet);
// a write whose expected version is not the stored one is a conflict. An empty value with an empty
// comment and evidence clears the answer.
struct AnswerWrite {
  std::string statement;
  std::string value;
  std::string comment;
  std::string evidence_url;
  int64_t expected_version = 0;
};

// Who is acting: a signed-in user or a respondent holding an invitation.
struct Principal {
  enum class Kind { kAnonymous, kUser, kRespondent } kind = Kind::kAnonymous;
  Id user_id = 0;
  Role role = Role::kExpert;
  std::vector<std::string> countries;  // of a coordinator
  Id respondent_id = 0;
  Id round_id = 0;    // of a respondent
  std::string label;  // e-mail or respondent name, for the audit log
};

struct Session {
  std::string id_hash;   // SHA-256 of the cookie value, hex
  Id user_id = 0;        // or
  Id respondent_id = 0;  // exactly one of the two is set
  std::string csrf_token;
  Seconds created_at = 0;
  Seconds last_seen = 0;
  Seconds expires_at = 0;
};

struct AuditEvent {
  Id id = 0;
  Seconds at = 0;
  std::string actor;   // who: an e-mail, "respondent:NAME" or "system"
  std::string action;  // "round.close", "user.create"…
  std::string target;  // "round:12", "user:3"…
  std::string detail;
};

}  // namespace meter
