// The caps on what a user controls: how many things a round, a form or a request may hold and how
// long each text may be. One list, so that the web forms, the JSON API and the CLI refuse the same
// input with the same limit, and docs/api.md states them (keep the two in step). Lengths are in
// characters (Unicode code points), not bytes, except where a name says bytes.
//
// Why these numbers: each is well above what a real assessment needs and low enough that the
// pages, the PDF and the workbook of a round at every cap stay quick and small.
#pragma once

#include <cstddef>

namespace meter {

// A round.
inline constexpr size_t kMaxGroupsPerRound = 20;
// A national round invites the focal points of ministries, agencies and civil society: tens to a
// couple of hundred people. 500 leaves room for the largest federal states, while a round's
// answers stay below 500 × the statements of an instrument (about 50,000 rows).
inline constexpr size_t kMaxRespondentsPerRound = 500;
inline constexpr size_t kMaxRoundTitleLength = 200;
inline constexpr size_t kMaxGroupNameLength = 100;
inline constexpr size_t kMaxRespondentNameLength = 200;
// Pillars chosen for one respondent (an instrument has six; repeats are refused too).
inline constexpr size_t kMaxPillarsPerRespondent = 12;

// An answer.
inline constexpr size_t kMaxCommentLength = 4000;
inline constexpr size_t kMaxEvidenceLinkLength = 2000;

// The Way Forward: one target per pillar of the instrument; a roadmap item's owner.
inline constexpr size_t kMaxOwnerLength = 200;

// A knowledge entry.
inline constexpr size_t kMaxKnowledgeTitleLength = 200;
inline constexpr size_t kMaxKnowledgeRegionLength = 100;
inline constexpr size_t kMaxKnowledgeSummaryLength = 2000;
inline constexpr size_t kMaxKnowledgeBodyLength = 100000;
inline constexpr size_t kMaxKnowledgeSources = 50;
inline constexpr size_t kMaxKnowledgeSourceLength = 1000;  // each of title, url, publication
inline constexpr size_t kMaxKnowledgeTags = 30;            // pillars, and sub-areas, each
// One message of a knowledge entry's review thread (issue 13).
inline constexpr size_t kMaxKnowledgeReviewLength = 4000;

// A user.
inline constexpr size_t kMaxEmailLength = 254;
inline constexpr size_t kMaxUserNameLength = 200;

// A request: the fields of one form or query string, and of one JSON body's arrays.
inline constexpr size_t kMaxFormFields = 1000;

}  // namespace meter
