#include "core/knowledge_review.h"

#include <algorithm>

#include "core/limits.h"
#include "core/text_rules.h"

namespace meter {
namespace {

struct StatusNames {
  KnowledgeStatus status;
  const char* name;
  const char* label;
};

constexpr StatusNames kStatuses[] = {
    {KnowledgeStatus::kDraft, "draft", METER_NC("knowledge status", "Draft")},
    {KnowledgeStatus::kInReview, "review", METER_NC("knowledge status", "In review")},
    {KnowledgeStatus::kChangesRequested, "changes",
     METER_NC("knowledge status", "Changes requested")},
    {KnowledgeStatus::kApproved, "approved", METER_NC("knowledge status", "Approved")},
};

constexpr std::pair<KnowledgeVerdict, const char*> kVerdicts[] = {
    {KnowledgeVerdict::kComment, "comment"},
    {KnowledgeVerdict::kChanges, "changes"},
    {KnowledgeVerdict::kApprove, "approve"},
};

Error Conflict(const char* message) { return Error::Of(ErrorCode::kConflict, "", message); }

bool IsAuthor(const KnowledgeState& entry, const KnowledgeActor& actor) {
  return !entry.author.empty() && entry.author == actor.label;
}

}  // namespace

const char* KnowledgeStatusName(KnowledgeStatus status) {
  for (const StatusNames& s : kStatuses) {
    if (s.status == status) return s.name;
  }
  return "draft";
}

std::optional<KnowledgeStatus> KnowledgeStatusNamed(std::string_view name) {
  for (const StatusNames& s : kStatuses) {
    if (name == s.name) return s.status;
  }
  return std::nullopt;
}

const char* KnowledgeStatusLabel(KnowledgeStatus status) {
  for (const StatusNames& s : kStatuses) {
    if (s.status == status) return s.label;
  }
  return kStatuses[0].label;
}

const char* KnowledgeVerdictName(KnowledgeVerdict verdict) {
  for (const auto& [v, name] : kVerdicts) {
    if (v == verdict) return name;
  }
  return "comment";
}

std::optional<KnowledgeVerdict> KnowledgeVerdictNamed(std::string_view name) {
  for (const auto& [v, n] : kVerdicts) {
    if (name == n) return v;
  }
  return std::nullopt;
}

LicenceName LicenceNameOf(std::string_view licence) {
  // The Creative Commons licences an entry is likely to carry; the others are shown by their id.
  static const std::pair<const char*, LicenceName> kKnown[] = {
      {"CC-BY-4.0", {"CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"}},
      {"CC-BY-SA-4.0", {"CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"}},
      {"CC0-1.0", {"CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"}},
  };
  for (const auto& [id, name] : kKnown) {
    if (licence == id) return name;
  }
  return {std::string(licence), ""};
}

bool ValidLicence(std::string_view licence) {
  return !licence.empty() && licence.size() <= 64 &&
         std::all_of(licence.begin(), licence.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '+';
         });
}

std::optional<Error> CheckSubmit(const KnowledgeState& entry, const KnowledgeActor& actor) {
  if (!IsAuthor(entry, actor) && !actor.admin) {
    return Conflict(METER_N("only the author of this entry can submit it for review"));
  }
  if (entry.status == KnowledgeStatus::kInReview) {
    return Conflict(METER_N("this entry is in review already"));
  }
  if (entry.status == KnowledgeStatus::kApproved) {
    return Conflict(METER_N("this entry is approved already"));
  }
  return std::nullopt;
}

std::optional<Error> CheckReview(const KnowledgeState& entry, const KnowledgeActor& actor,
                                 KnowledgeVerdict verdict, std::string_view text) {
  if (auto problem = TextProblem("text", text, TextShape::kLines, kMaxKnowledgeReviewLength)) {
    return Error{ErrorCode::kInvalidInput, {*problem}};
  }
  if (verdict == KnowledgeVerdict::kComment) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return Error::Of(ErrorCode::kInvalidInput, "text", METER_N("write a comment"));
    }
    if (entry.status == KnowledgeStatus::kApproved) {
      return Conflict(METER_N("this entry is approved already"));
    }
    return std::nullopt;
  }
  if (IsAuthor(entry, actor)) {
    return Conflict(
        METER_N("the author of an entry cannot review it; another expert or the "
                "secretariat does"));
  }
  if (entry.status != KnowledgeStatus::kInReview) {
    return Conflict(METER_N("this entry is not in review; its author submits it first"));
  }
  if (verdict == KnowledgeVerdict::kChanges &&
      text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::Of(ErrorCode::kInvalidInput, "text",
                     METER_N("say which changes the author should make"));
  }
  return std::nullopt;
}

std::optional<Error> CheckEdit(const KnowledgeState& entry, const KnowledgeActor& actor) {
  if (entry.status == KnowledgeStatus::kApproved && !actor.admin) {
    return Conflict(
        METER_N("this entry is approved and public: only the secretariat edits it "
                "now; leave your suggestion with the secretariat"));
  }
  return std::nullopt;
}

KnowledgeStatus StatusAfter(KnowledgeStatus status, KnowledgeVerdict verdict) {
  if (status != KnowledgeStatus::kInReview) return status;
  if (verdict == KnowledgeVerdict::kApprove) return KnowledgeStatus::kApproved;
  if (verdict == KnowledgeVerdict::kChanges) return KnowledgeStatus::kChangesRequested;
  return status;
}

}  // namespace meter
