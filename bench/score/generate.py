#!/usr/bin/env python3
"""Writes a deterministic answers CSV: N respondents in three groups, each answering every statement
of an instrument, with about 6 % DK, 2 % NA and an occasional comment. Usage:
    generate.py INSTRUMENT.yaml RESPONDENTS OUT.csv"""
import sys

import yaml


def statement_ids(path):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    return [s["id"] for p in doc["pillars"] for a in p["subareas"] for s in a["statements"]]


def main():
    instrument, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ids = statement_ids(instrument)
    groups = ["Central government", "Agencies", "Civil society"]
    state = 2463534242  # xorshift32: the same file on every machine
    def rand():
        nonlocal state
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        return state
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("respondent,group,statement,answer,comment\n")
        for r in range(count):
            who = f"r{r:05d}"
            group = groups[r % 3]
            lines = []
            for i, sid in enumerate(ids):
                x = rand() % 100
                if x < 6:
                    answer = "DK"
                elif x < 8:
                    answer = "NA"
                else:
                    answer = str((x + i + r % 3) % 5)
                comment = '"Seen in practice, see the annual report"' if x == 99 else ""
                lines.append(f"{who},{group},{sid},{answer},{comment}\n")
            f.writelines(lines)


if __name__ == "__main__":
    main()
