#include "web/feed_xml.h"

#include <algorithm>
#include <tuple>

#include "core/changes.h"
#include "core/text.h"

namespace meter {
namespace {

// <name>text</name> on a line of its own.
std::string Element(const char* name, std::string_view text, const std::string& attrs = "") {
  return std::string("<") + name + attrs + ">" + XmlEscaped(text) + "</" + name + ">\n";
}

std::string Attr(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + XmlEscaped(value) + "\"";
}

}  // namespace

std::string XmlEscaped(std::string_view text) {
  std::string allowed;
  allowed.reserve(text.size());
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') allowed += c;
  }
  return EscapeMarkup(allowed);  // the one escaping of HTML and XML text (core/text.h)
}

std::string Rfc3339(Seconds at) { return FormatUtcTime(at, "%Y-%m-%dT%H:%M:%SZ"); }

std::string AtomFeed(const FeedHead& head, std::vector<FeedItem> items) {
  std::sort(items.begin(), items.end(), [](const FeedItem& a, const FeedItem& b) {
    return std::tie(b.updated, a.id) < std::tie(a.updated, b.id);
  });
  const Seconds updated = items.empty() ? head.updated : items.front().updated;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\"" + Attr("xml:lang", head.lang) + ">\n";
  out += Element("id", head.id);
  out += Element("title", head.title);
  out += Element("updated", Rfc3339(updated));
  out +=
      "<author>\n" + Element("name", head.author) + Element("uri", head.site_url) + "</author>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\"" + Attr("href", head.self_url) + "/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\"" + Attr("href", head.site_url) + "/>\n";
  for (const FeedItem& item : items) {
    const std::string lang = item.lang.empty() ? "" : Attr("xml:lang", item.lang);
    out += "<entry>\n";
    out += Element("id", item.id);
    out += Element("title", item.title, lang);
    out += Element("updated", Rfc3339(item.updated));
    out += "<link rel=\"alternate\" type=\"text/html\"" + Attr("href", item.url) + "/>\n";
    out += "<category" + Attr("term", item.kind) + "/>\n";
    out += Element("summary", item.summary, lang);
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string SitemapXml(const std::vector<SitemapUrl>& urls) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const SitemapUrl& u : urls) {
    out += "<url>" + Element("loc", u.loc);
    if (u.lastmod > 0) out += Element("lastmod", Rfc3339(u.lastmod));
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

}  // namespace meter
