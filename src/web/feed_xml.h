// The XML METER hands to other sites (issue 13): an Atom feed (RFC 4287) and a sitemap
// (sitemaps.org 0.9). The handlers (distribution_pages.cpp) gather what to list; this writes it,
// with every text escaped here and nowhere else.
//
// To add a kind of entry (the instrument releases, say), a handler appends FeedItems of its own
// kind: the writer needs nothing new. Pure functions; thread-safe; they cannot fail.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"

namespace meter {

// One entry of the feed. `id` is an absolute IRI that never changes for this item (the canonical
// URL of a knowledge entry, say); `url` is the page it links to (rel="alternate").
struct FeedItem {
  std::string kind;  // "knowledge", "round", …: becomes the entry's <category term>
  std::string id, title, url;
  Seconds updated = 0;
  std::string summary;  // plain text
  std::string lang;     // the language of title and summary, when not the feed's; "" otherwise
};

// The feed itself: `id` and `self_url` absolute, `site_url` its home page. `updated` is used when
// there are no items; otherwise the newest item's time is.
struct FeedHead {
  std::string id, title, self_url, site_url, author, lang;
  Seconds updated = 0;
};

// The Atom document: the head, then `items` newest first (ties by id, so the order is stable).
std::string AtomFeed(const FeedHead& head, std::vector<FeedItem> items);

// One URL of a sitemap; `lastmod` 0 when unknown (then left out).
struct SitemapUrl {
  std::string loc;
  Seconds lastmod = 0;
};
std::string SitemapXml(const std::vector<SitemapUrl>& urls);

// "2026-12-03T09:30:00Z" (RFC 3339, UTC).
std::string Rfc3339(Seconds at);
// `text` escaped for XML content and attribute values (EscapeMarkup); the control characters that
// XML 1.0 forbids (all but tab, newline and carriage return) are left out.
std::string XmlEscaped(std::string_view text);

}  // namespace meter
