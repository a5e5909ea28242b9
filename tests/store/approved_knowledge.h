// For tests that need public knowledge entries: only approved entries are listed, searched and
// exported (core/knowledge_review.h), so an entry saved as its author's draft is submitted and
// approved by another reviewer, as the review would.
#pragma once

#include <string>

#include "core/store.h"

namespace meter::testing {

// Submits the stored entry `slug` as its author and approves it as `reviewer`. Returns the
// approved entry, or the first error.
inline Result<StoredKnowledge> ApproveKnowledge(Store& store, const std::string& slug,
                                                const std::string& reviewer = "reviewer@x.org") {
  auto stored = store.GetKnowledge(slug);
  if (!stored) return stored.error();
  auto submitted =
      store.SubmitKnowledge(slug, stored.value().version, {stored.value().author, false});
  if (!submitted) return submitted.error();
  return store.ReviewKnowledge(slug, KnowledgeVerdict::kApprove, "", submitted.value().version,
                               {reviewer, false});
}

// Saves a new entry as `author`'s draft and approves it.
inline Result<StoredKnowledge> SaveApprovedKnowledge(Store& store, const KnowledgeEntry& entry,
                                                     const std::string& author = "e@x.org") {
  auto saved = store.SaveKnowledge(entry, KnowledgeWrite::kCreate, std::nullopt, author);
  if (!saved) return saved.error();
  return ApproveKnowledge(store, entry.slug);
}

}  // namespace meter::testing
