// The review of knowledge contributions (issue 13): an entry an expert makes in the web is a draft;
// its author submits it; another expert or the secretariat (never the author) comments, asks for
// changes or approves it; only approved entries are public. Entries the secretariat ships in
// content/knowledge/ are approved. Each entry carries a licence (CC BY 4.0 unless it says
// otherwise).
//
//   draft ──submit──▶ in review ──approve──▶ approved
//                       │   ▲
//        ask for changes▼   │submit
//                  changes requested
//
// Editing: an approved entry is the public text. The secretariat (admin) may edit it and it stays
// approved (the secretariat publishes); an expert may not (kConflict, saying so), so that no
// unreviewed text replaces a public one. An expert edits drafts, entries in review and entries
// with requested changes; the status stays as it is.
//
// Everything here is a pure function of its arguments; thread-safe. The store applies these rules
// inside its transactions (core/store.h, KnowledgeRepository::SubmitKnowledge and ReviewKnowledge).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/domain.h"
#include "core/knowledge.h"
#include "core/problem.h"

namespace meter {

enum class KnowledgeStatus { kDraft, kInReview, kChangesRequested, kApproved };

// "draft", "review", "changes", "approved": the names the database and the export use.
const char* KnowledgeStatusName(KnowledgeStatus status);
// nullopt for any other text.
std::optional<KnowledgeStatus> KnowledgeStatusNamed(std::string_view name);
// "Draft", "In review", "Changes requested", "Approved": English, marked for translation with the
// context "knowledge status".
const char* KnowledgeStatusLabel(KnowledgeStatus status);

enum class KnowledgeVerdict { kComment, kChanges, kApprove };

// "comment", "changes", "approve" (the form's values, the database's and the audit's detail).
const char* KnowledgeVerdictName(KnowledgeVerdict verdict);
std::optional<KnowledgeVerdict> KnowledgeVerdictNamed(std::string_view name);

// One message of an entry's review thread.
struct KnowledgeReview {
  long long id = 0;  // grows with each review of any entry
  std::string slug;
  Seconds at = 0;
  std::string actor;  // the reviewer's (or author's) label: an e-mail address
  KnowledgeVerdict verdict = KnowledgeVerdict::kComment;
  std::string text;  // Markdown; required when asking for changes
};

// How a licence is shown: its short name and the address of its text. For an identifier METER
// does not know, the name is the identifier and the address is empty.
struct LicenceName {
  std::string name;  // "CC BY 4.0"
  std::string url;   // "https://creativecommons.org/licenses/by/4.0/"
};
LicenceName LicenceNameOf(std::string_view licence);

// True when `licence` looks like an SPDX identifier: 1 to 64 letters, digits, '.', '-' and '+'.
bool ValidLicence(std::string_view licence);

// Who is doing something to an entry, as the rules need to know: the label the store records
// (Principal::label) and whether they are the secretariat.
struct KnowledgeActor {
  std::string label;
  bool admin = false;
};

// The state of an entry the rules look at.
struct KnowledgeState {
  KnowledgeStatus status = KnowledgeStatus::kApproved;
  std::string author;  // who created it in the web; "" for the secretariat's files
};

// nullopt when `actor` may submit the entry for review: its author (or the secretariat), from
// draft or changes requested. Otherwise kConflict with the reason, or kForbidden for somebody else.
std::optional<Error> CheckSubmit(const KnowledgeState& entry, const KnowledgeActor& actor);

// nullopt when `actor` may give `verdict` with `text`: a comment by anyone who may review (the
// author included, to answer) on an entry that is not approved; changes (with a text) and
// approval by someone other than the author on an entry in review. Otherwise kConflict or
// kInvalidInput (changes without a text) or kForbidden (the author judging their own entry).
std::optional<Error> CheckReview(const KnowledgeState& entry, const KnowledgeActor& actor,
                                 KnowledgeVerdict verdict, std::string_view text);

// nullopt when `actor` may edit the entry: anyone who may edit knowledge unless it is approved,
// which only the secretariat edits (kConflict, saying so).
std::optional<Error> CheckEdit(const KnowledgeState& entry, const KnowledgeActor& actor);

// The status after a verdict: in review → approved or changes requested; a comment leaves it.
KnowledgeStatus StatusAfter(KnowledgeStatus status, KnowledgeVerdict verdict);

}  // namespace meter
