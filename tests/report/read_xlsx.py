#!/usr/bin/python3
"""Reads a workbook back for tests/report/exports_test.cpp, with Debian's python3-openpyxl.

Prints one JSON document: the sheet names in order, and per sheet the frozen-pane anchor, whether
every header cell is bold, and every cell as {"v": value, "t": openpyxl's data type} ("n" number,
"s" string, "f" formula, "d" date, "b" boolean), row by row. Dates are written in ISO form.
Exits 2 with a message on standard error when the file cannot be read.
"""
import datetime
import json
import sys

import openpyxl


def cell(c):
    value = c.value
    if isinstance(value, (datetime.datetime, datetime.date)):
        value = value.isoformat()
    return {"v": value, "t": c.data_type}


def main():
    if len(sys.argv) != 2:
        print("usage: read_xlsx.py FILE.xlsx", file=sys.stderr)
        return 2
    try:
        book = openpyxl.load_workbook(sys.argv[1])  # not data_only: formulas stay visible
    except Exception as e:  # noqa: BLE001 - any failure to open is the test's failure
        print(f"read_xlsx.py: {e}", file=sys.stderr)
        return 2
    out = {"sheets": book.sheetnames, "freeze": {}, "bold_header": {}, "cells": {}}
    for ws in book.worksheets:
        rows = [[cell(c) for c in row] for row in ws.iter_rows()]
        out["cells"][ws.title] = rows
        out["freeze"][ws.title] = ws.freeze_panes
        header = [c for c in next(ws.iter_rows(max_row=1), []) if c.value is not None]
        out["bold_header"][ws.title] = bool(header) and all(c.font.bold for c in header)
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
