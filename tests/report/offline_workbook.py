#!/usr/bin/python3
"""Makes the workbooks of the offline-answer tests (tests/report/offline_workbook_test.cpp,
tests/web/offline_web_test.cpp), with Debian's python3-openpyxl and the standard zipfile.

  offline_workbook.py fill IN.xlsx OUT.xlsx EDITS.json
      Opens IN with openpyxl as a respondent's spreadsheet program would, applies the edits and
      saves OUT. EDITS is a list of {"sheet": a name, or "#0" for the first sheet, "cell": "C2",
      "value": text, a number or null}; a text starting with "=" becomes a formula.
  offline_workbook.py bomb OUT.xlsx      a valid-looking XLSX whose sheet inflates to 48 MiB
  offline_workbook.py no-parts OUT.xlsx  a ZIP archive without any workbook part
Exits 2 with a message on standard error on failure.
"""
import json
import sys
import zipfile

import openpyxl


def fill(src, out, edits_path):
    with open(edits_path, encoding="utf-8") as f:
        edits = json.load(f)
    book = openpyxl.load_workbook(src)
    for e in edits:
        name = e["sheet"]
        sheet = book.worksheets[int(name[1:])] if name.startswith("#") else book[name]
        sheet[e["cell"]] = e["value"]
    book.save(out)


def bomb(out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                   'org/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (48 << 20))


def no_parts(out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "not a workbook")


def main():
    try:
        if sys.argv[1] == "fill" and len(sys.argv) == 5:
            fill(sys.argv[2], sys.argv[3], sys.argv[4])
        elif sys.argv[1] == "bomb" and len(sys.argv) == 3:
            bomb(sys.argv[2])
        elif sys.argv[1] == "no-parts" and len(sys.argv) == 3:
            no_parts(sys.argv[2])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Exception as e:  # noqa: BLE001 - any failure is the test's failure
        print(f"offline_workbook.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
