#!/usr/bin/env python3
"""Writes an instrument's tree and answer values as two CSV files for bench/score/duckdb_score.mjs
(Node.js has no YAML reader): OUT_DIR/tree.csv (statement, subarea, pillar, ws, wa, wp: the
statement's, sub-area's and pillar's weights) and OUT_DIR/levels.csv (statement, code, x: 100 × the
level's value). Usage: instrument_tables.py INSTRUMENT.yaml OUT_DIR"""
import csv
import sys

import yaml


def main():
    doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    sets = {s["id"]: s["levels"] for s in doc["answer_sets"]}
    default = doc["default_answer_set"]
    with open(f"{sys.argv[2]}/tree.csv", "w", newline="", encoding="utf-8") as t, \
            open(f"{sys.argv[2]}/levels.csv", "w", newline="", encoding="utf-8") as l:
        tree, levels = csv.writer(t), csv.writer(l)
        tree.writerow(["statement", "subarea", "pillar", "ws", "wa", "wp"])
        levels.writerow(["statement", "code", "x"])
        for p in doc["pillars"]:
            for a in p["subareas"]:
                for s in a["statements"]:
                    tree.writerow([s["id"], a["id"], p["id"], s.get("weight", 1), a.get("weight", 1),
                                   p.get("weight", 1)])
                    for level in sets[s.get("answer_set", a.get("answer_set", default))]:
                        levels.writerow([s["id"], str(level["code"]), 100.0 * float(level["value"])])


if __name__ == "__main__":
    main()
