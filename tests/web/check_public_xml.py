#!/usr/bin/env python3
"""Checks what METER hands to other sites, with an XML parser (xml.etree):

  check_public_xml.py atom FILE [--title TEXT]... [--link TEXT]...
      an Atom feed against the elements RFC 4287 requires: the feed's id, title, updated, an
      author (or one in every entry) and a link rel="self"; each entry's id, title, updated, a
      link or content, and a summary when the content is not inline. Ids and links are absolute
      IRIs, timestamps RFC 3339 date-times; entries come newest first. --title asks for an entry
      whose title contains TEXT, --link for one whose link contains TEXT.
  check_public_xml.py sitemap FILE [--loc TEXT]...
      a sitemap (sitemaps.org 0.9): a urlset of url elements, each with an absolute http(s) loc
      and, when present, a W3C date-time lastmod. --loc asks for a loc ending with TEXT.

Exit 0 when the document is valid and has what was asked for; 1 with each problem on stderr.
"""
import datetime
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def absolute_iri(text):
    parts = urllib.parse.urlparse(text or "")
    if parts.scheme in ("tag", "urn"):
        return bool(parts.path)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def timestamp(text):
    if not text or not RFC3339.match(text):
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def one(parent, name, where, problems):
    found = parent.findall(ATOM + name)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} <{name}> elements, RFC 4287 wants exactly one")
        return None
    return found[0]


def check_atom(root, asked, problems):
    if root.tag != ATOM + "feed":
        problems.append(f"the root is {root.tag}, not an Atom feed")
        return
    for name in ("id", "title", "updated"):
        one(root, name, "feed", problems)
    feed_id = root.find(ATOM + "id")
    if feed_id is not None and not absolute_iri(feed_id.text):
        problems.append(f"feed: id {feed_id.text!r} is not an absolute IRI")
    updated = root.find(ATOM + "updated")
    if updated is not None and timestamp(updated.text) is None:
        problems.append(f"feed: updated {updated.text!r} is not an RFC 3339 date-time")
    selfs = [l for l in root.findall(ATOM + "link") if l.get("rel") == "self"]
    if len(selfs) != 1 or not absolute_iri(selfs[0].get("href")):
        problems.append("feed: no link rel=\"self\" with an absolute href")
    feed_author = any(a.find(ATOM + "name") is not None for a in root.findall(ATOM + "author"))
    entries = root.findall(ATOM + "entry")
    seen, times, titles, links = set(), [], [], []
    for i, entry in enumerate(entries, 1):
        where = f"entry {i}"
        entry_id = one(entry, "id", where, problems)
        if entry_id is not None:
            if not absolute_iri(entry_id.text):
                problems.append(f"{where}: id {entry_id.text!r} is not an absolute IRI")
            if entry_id.text in seen:
                problems.append(f"{where}: id {entry_id.text!r} is used twice")
            seen.add(entry_id.text)
        title = one(entry, "title", where, problems)
        titles.append(title.text or "" if title is not None else "")
        when = one(entry, "updated", where, problems)
        if when is not None:
            t = timestamp(when.text)
            if t is None:
                problems.append(f"{where}: updated {when.text!r} is not an RFC 3339 date-time")
            else:
                times.append(t)
        alternates = [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        content = entry.find(ATOM + "content")
        if not alternates and content is None:
            problems.append(f"{where}: neither a link rel=\"alternate\" nor content")
        for l in alternates:
            if not absolute_iri(l.get("href")):
                problems.append(f"{where}: link {l.get('href')!r} is not absolute")
            links.append(l.get("href") or "")
        inline = content is not None and content.get("src") is None
        if not inline and entry.find(ATOM + "summary") is None:
            problems.append(f"{where}: no summary, and its content is not inline")
        if not feed_author and not entry.findall(ATOM + "author"):
            problems.append(f"{where}: no author, and the feed has none")
    if any(later > earlier for earlier, later in zip(times, times[1:])):
        problems.append("entries are not newest first")
    for text in asked.get("--title", []):
        if not any(text in t for t in titles):
            problems.append(f"no entry's title contains {text!r}")
    for text in asked.get("--link", []):
        if not any(text in l for l in links):
            problems.append(f"no entry links to {text!r}")


def check_sitemap(root, asked, problems):
    if root.tag != SITEMAP + "urlset":
        problems.append(f"the root is {root.tag}, not a sitemap urlset")
        return
    urls = root.findall(SITEMAP + "url")
    if not urls or len(urls) > 50000:
        problems.append(f"{len(urls)} urls: a sitemap holds 1 to 50,000")
    locs = []
    for i, url in enumerate(urls, 1):
        loc = url.find(SITEMAP + "loc")
        if loc is None or not absolute_iri(loc.text):
            problems.append(f"url {i}: no absolute http(s) loc")
            continue
        locs.append(loc.text)
        lastmod = url.find(SITEMAP + "lastmod")
        if lastmod is not None and timestamp(lastmod.text) is None:
            problems.append(f"url {i}: lastmod {lastmod.text!r} is not a W3C date-time")
    if len(set(locs)) != len(locs):
        problems.append("a loc is listed twice")
    for text in asked.get("--loc", []):
        if not any(l.endswith(text) for l in locs):
            problems.append(f"no loc ends with {text!r}")


def main(argv):
    if len(argv) < 3 or argv[1] not in ("atom", "sitemap"):
        print(__doc__, file=sys.stderr)
        return 2
    asked = {}
    rest = argv[3:]
    for flag, value in zip(rest[::2], rest[1::2]):
        asked.setdefault(flag, []).append(value)
    problems = []
    try:
        root = ET.parse(argv[2]).getroot()
    except ET.ParseError as e:
        problems.append(f"not well-formed XML: {e}")
    else:
        (check_atom if argv[1] == "atom" else check_sitemap)(root, asked, problems)
    for p in problems:
        print(f"{argv[2]}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
