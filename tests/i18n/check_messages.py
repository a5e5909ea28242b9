#!/usr/bin/env python3
"""Guards the translatable messages against the faults a UN reviewer found (issue 12).

A translator sees one message at a time. A fragment ("Invitation link for", "after", "was") glued
to a value or to another translation cannot be put in the right order or case; a count written
"{1} statements" without plural forms reads "1 énoncés" or "3 результатов"; a short word shared by
different meanings ("Name" of a person and of a pillar) gets one translation for both.

    check_messages.py              extracts the catalog template as scripts/extract-messages does
                                   (into a temporary file) and checks it, the C++ sources and the
                                   templates; exit 1 with one line per fault
    check_messages.py --self-test  shows that every rule catches its fault (exit 1 if one does not)
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

# Words a message must not end with: it would be the first half of a sentence around a value.
DANGLING = {"for", "from", "to", "after", "before", "of", "by", "with", "than", "into", "at", "the",
            "a", "an", "and", "or", "per", "since", "until", "via"}
# Nouns that, after a number, need the plural forms of the reader's language.
COUNTED = ("statements", "respondents", "results", "entries", "pages", "days", "texts", "files",
           "problems", "invitations", "answers", "rounds", "countries", "minutes", "hours",
           "seconds", "items", "characters", "fields", "groups", "pillars", "sub-areas", "rows",
           "connections", "values", "arguments", "subcommands", "users", "links")
COUNT_RE = re.compile(r"\{\d+\}\s+(?:\w+\s+)?(?:%s)\b" % "|".join(map(re.escape, COUNTED)))
# Short words with several meanings in METER: always with a context (msgctxt).
AMBIGUOUS = {"name", "all", "on", "status", "open", "closed", "draft", "type", "date", "region",
             "change"}
# A translation call in C++, and what may stand before its name.
CALL_RE = re.compile(r"\b(?:Tr|TrN|TrC|Translate|TranslateN)\s*\(")
PREFIX_RE = re.compile(r"(?:\b(?:call|context|c|meter)\s*(?:\.|::)\s*)$")
# In a template: a translated text and a value side by side, with only a space or a colon between
# (section tags may stand between them).
SECTIONS = r"(?:\{\{[#^](?!t[}:])[\w]+\}\})*"
TEMPLATE_RULES = [
    re.compile(r"\{\{/t\}\}[ \t:]*" + SECTIONS + r"\{\{\{?[a-z_][\w]*\}\}"),
    re.compile(r"\{\{\{?[a-z_][\w]*\}\}\}?[ \t]*" + SECTIONS + r"\{\{#t[}:]"),
]


def parse_pot(text):
    """The catalog's entries as dicts with 'msgctxt', 'msgid' and 'msgid_plural' (when present)."""
    entries, entry, key = [], {}, None
    for line in text.splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry:
                entries.append(entry)
            entry, key = {}, None
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if m:
            key = m.group(1)
            entry[key] = json.loads(m.group(2))
        elif line.startswith('"') and key:
            entry[key] += json.loads(line)
    return [e for e in entries if e.get("msgid")]


def check_catalog(entries):
    faults = []
    lone = {}  # lower-case lone word -> set of contexts (None for none)
    for e in entries:
        msgid, ctx = e["msgid"], e.get("msgctxt")
        shown = (ctx + " | " if ctx else "") + msgid
        if msgid != msgid.strip():
            faults.append("starts or ends with a space (a glued fragment): %r" % shown)
        words = re.findall(r"[A-Za-z-]+$", msgid)
        if words and words[0].lower() in DANGLING:
            faults.append("ends with '%s' (the first half of a sentence around a value): %r"
                          % (words[0], shown))
        if "(s)" in msgid:
            faults.append("a count written with '(s)': %r" % shown)
        if "msgid_plural" not in e and COUNT_RE.search(msgid):
            faults.append("shows a count without plural forms (TrN, METER_NP): %r" % shown)
        if re.fullmatch(r"[A-Za-z-]+", msgid):
            lone.setdefault(msgid.lower(), set()).add(ctx)
    for word, contexts in sorted(lone.items()):
        if None in contexts and word in AMBIGUOUS:
            faults.append("'%s' has several meanings: give it a context (TrC, {{#t:…}})" % word)
        elif None in contexts and len(contexts) > 1:
            faults.append("'%s' has a context in one place and none in another" % word)
    return faults


def call_end(text, open_paren):
    """The index after the ')' closing the call whose '(' is at `open_paren`."""
    depth, i = 0, open_paren
    while i < len(text):
        ch = text[i]
        if ch == '"' or ch == "'":
            i += 1
            while i < len(text) and text[i] != ch:
                i += 2 if text[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def strip_comments(text):
    out, i = [], 0
    while i < len(text):
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
        elif text[i] in "\"'":
            quote, j = text[i], i + 1
            while j < len(text) and text[j] != quote:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def check_source(path, text):
    """A translation joined to something else with '+': a value or another translation."""
    faults = []
    text = strip_comments(text)
    for m in CALL_RE.finditer(text):
        end = call_end(text, m.end() - 1)
        after = text[end:].lstrip()
        before = PREFIX_RE.sub("", text[:m.start()]).rstrip()
        glued_after = after.startswith("+") and not after.startswith("+=")
        glued_before = before.endswith("+") and not before.endswith("++")
        if glued_after or glued_before:
            line = text.count("\n", 0, m.start()) + 1
            faults.append("%s:%d: a translation joined with '+'; make it one message with {1}: %s"
                          % (path, line, " ".join(text[m.start():end].split())[:90]))
    return faults


def check_template(path, text):
    faults = []
    for rule in TEMPLATE_RULES:
        for m in rule.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            faults.append("%s:%d: a translated text beside a value; put the value inside the "
                          "text, {{#t}}… {{name}}…{{/t}}: %s" % (path, line, m.group(0)))
    return faults


def check_tree():
    with tempfile.TemporaryDirectory() as work:
        pot = os.path.join(work, "meter.pot")
        subprocess.run(["scripts/extract-messages", "--pot", pot], check=True)
        with open(pot, encoding="utf-8") as f:
            faults = check_catalog(parse_pot(f.read()))
    sources = subprocess.run(["git", "ls-files", "src/*.cpp", "src/*.h"], check=True,
                             capture_output=True, text=True).stdout.split()
    for path in sources:
        with open(path, encoding="utf-8") as f:
            faults += check_source(path, f.read())
    for path in sorted(glob.glob("web/templates/*.mustache")):
        with open(path, encoding="utf-8") as f:
            faults += check_template(path, f.read())
    return faults


def self_test():
    """Each rule, on the kind of fault it is for; and none on the right way to write it."""
    pot = r'''
msgid "Invitation link for"
msgstr ""

msgid " (draft)"
msgstr ""

msgid "{1} of {2} statements answered"
msgstr ""

msgid "{1} file(s) copied"
msgstr ""

msgid "Name"
msgstr ""

msgctxt "person"
msgid "Title"
msgstr ""

msgid "Title"
msgstr ""

msgid "{1} of {2} statement answered"
msgid_plural "{1} of {2} statements answered"
msgstr[0] ""
msgstr[1] ""

msgctxt "a person's name"
msgid "Name"
msgstr ""

msgid "Invitation link for {1}"
msgstr ""
'''
    faults = check_catalog(parse_pot(pot))
    expected = ["'Invitation link for'", "' (draft)'", "count without plural forms",
                "'(s)'", "'name' has several meanings", "'title' has a context in one place"]
    ok = len(faults) == len(expected) and all(
        any(e in f for f in faults) for e in expected)
    source = '''
  data.set("a", call.Tr("Results") + " — " + round.title);
  data.set("b", name + call.Tr("after"));
  out += "\\n" + Tr(locale, "Groups") + ":";
  text += Substitute(call.Tr("Results — {1}"), {round.title});  // call.Tr("x") + y in a comment
  x = Substitute(context.Translate("{1} and {2}"), {a, b}) + "\\n";
'''
    source_faults = check_source("x.cpp", source)
    ok = ok and len(source_faults) == 3
    template = ('<h2>{{#t}}Invitation link for{{/t}} {{new_name}}</h2>\n'
                '<p>{{count}} {{#searched}}{{#t}}results{{/t}}{{/searched}}</p>\n'
                '<p>{{#t}}Owner{{/t}}: {{owner}}</p>\n'
                '<p>{{#t}}Owner: {{owner}}{{/t}} · {{#t:a filter}}All{{/t}}</p>\n'
                '<li>{{name}} — {{#t}}gap {{gap}}{{/t}}</li>\n'
                '<dd>{{#value}}{{value}}{{/value}}{{^value}}{{#t}}(none){{/t}}{{/value}}</dd>\n')
    template_faults = check_template("x.mustache", template)
    ok = ok and len(template_faults) == 3
    for f in faults + source_faults + template_faults:
        print("self-test found: " + f)
    print("self-test: " + ("ok" if ok else "a rule did not catch its fault, or caught a right one"))
    return ok


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    if sys.argv[1:] == ["--self-test"]:
        return 0 if self_test() else 1
    faults = check_tree()
    for f in faults:
        print(f)
    print("check_messages: %d fault(s)" % len(faults))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
