#!/usr/bin/python3
"""Makes the workbooks of the offline-answer tests (tests/report/offline_workbook_test.cpp,
tests/web/offline_web_test.cpp), with Debian's python3-openpyxl and the standard zipfile.

  offline_workbook.py fill IN.xlsx OUT.xlsx EDITS.json
      Opens IN with openpyxl as a respondent's spreadsheet program would, applies the edits and
      saves OUT. EDITS is a list of {"sheet": a name, or "#0" for the first sheet, "cell": "C2",
      "value": text, a number or null}; a text starting with "=" becomes a formula.
  offline_workbook.py new OUT.xlsx EDITS.json
      The same edits on a new, empty workbook (its first sheet is "Sheet"; a sheet named in an
      edit that the workbook lacks is added), as someone would type a table in a spreadsheet.
  offline_workbook.py answer-all IN.xlsx OUT.xlsx LEVEL
      Answers every statement of every pillar sheet with the LEVEL-th choice (0: the first) of
      its own drop-down (read from the data validation's list on the hidden sheet), the last
      choice when the list is shorter; prints how many it answered.
  offline_workbook.py raw OUT.xlsx SPEC.json
      A workbook of one sheet, "People", written by hand from SPEC {"rows": the XML inside
      <sheetData>, "shared": [shared strings]}: what no spreadsheet program writes, a file may.
  offline_workbook.py bomb OUT.xlsx      a valid-looking XLSX whose sheet inflates to 48 MiB
  offline_workbook.py no-parts OUT.xlsx  a ZIP archive without any workbook part
Exits 2 with a message on standard error on failure.
"""
import json
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl


def fill(src, out, edits_path):
    with open(edits_path, encoding="utf-8") as f:
        edits = json.load(f)
    book = openpyxl.load_workbook(src) if src else openpyxl.Workbook()
    for e in edits:
        name = e["sheet"]
        if not name.startswith("#") and name not in book.sheetnames:
            book.create_sheet(name)
        sheet = book.worksheets[int(name[1:])] if name.startswith("#") else book[name]
        sheet[e["cell"]] = e["value"]
    book.save(out)


def choices_of(book, formula):
    """The choices a validation list's formula (=meter!$D$2:$D$8) names, in order."""
    sheet_name, cells = formula.lstrip("=").split("!")
    first, last = cells.replace("$", "").split(":")
    sheet = book[sheet_name]
    return [c.value for row in sheet[first:last] for c in row if c.value is not None]


def answer_all(src, out, level):
    book = openpyxl.load_workbook(src)
    answered = 0
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        for dv in sheet.data_validations.dataValidation:
            choices = choices_of(book, dv.formula1)
            for cell_range in dv.sqref.ranges:
                for row in sheet[cell_range.coord] if ":" in cell_range.coord else [[sheet[cell_range.coord]]]:
                    for cell in row:
                        cell.value = choices[min(level, len(choices) - 1)]
                        answered += 1
    book.save(out)
    print(answered)


def bomb(out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                   'org/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (48 << 20))


def raw(out, spec_path):
    """A workbook of one sheet, "People", written by hand: {"rows": the XML inside <sheetData>,
    "shared": the shared strings}. For what no spreadsheet program writes but a file may hold."""
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    shared = "".join(f"<si><t>{escape(t)}</t></si>" for t in spec.get("shared", []))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels",
                   f'<Relationships xmlns="{pkg_ns}"><Relationship Id="rId1" '
                   f'Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   f'<workbook xmlns="{main_ns}" xmlns:r="{rel_ns}"><sheets>'
                   f'<sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="{pkg_ns}">'
                   f'<Relationship Id="rId1" Type="{rel_ns}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{rel_ns}/sharedStrings" Target="sharedStrings.xml"/>'
                   f'</Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main_ns}">{shared}</sst>')
        z.writestr("xl/worksheets/sheet1.xml",
                   f'<worksheet xmlns="{main_ns}"><sheetData>{spec["rows"]}</sheetData></worksheet>')


def no_parts(out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "not a workbook")


def main():
    try:
        if sys.argv[1] == "fill" and len(sys.argv) == 5:
            fill(sys.argv[2], sys.argv[3], sys.argv[4])
        elif sys.argv[1] == "new" and len(sys.argv) == 4:
            fill(None, sys.argv[2], sys.argv[3])
        elif sys.argv[1] == "answer-all" and len(sys.argv) == 5:
            answer_all(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        elif sys.argv[1] == "bomb" and len(sys.argv) == 3:
            bomb(sys.argv[2])
        elif sys.argv[1] == "raw" and len(sys.argv) == 4:
            raw(sys.argv[2], sys.argv[3])
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
