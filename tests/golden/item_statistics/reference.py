#!/usr/bin/env python3
"""Item statistics computed independently of METER's C++ (docs/methodology.md §13).

    reference.py generate   writes round-1.csv and round-2.csv (seeded, so always the same answers)
                            and expected.json, the statistics this script computes from them
    reference.py check      exits 1 unless expected.json is what this script computes now

It reads the golden instrument (tests/golden/scoring/instrument.yaml) with PyYAML and the answer files
with the csv module, and uses Python's statistics module for means, variances and correlations, so
that it shares no code with src/core/item_statistics.cpp. tests/core/item_statistics_test.cpp holds
the C++ to expected.json within 1e-9.
"""
import csv
import json
import random
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSTRUMENT = HERE.parent / "scoring" / "instrument.yaml"
ROUNDS = [HERE / "round-1.csv", HERE / "round-2.csv"]
EXPECTED = HERE / "expected.json"


def load_instrument():
    import yaml

    doc = yaml.safe_load(INSTRUMENT.read_text(encoding="utf-8"))
    sets = {s["id"]: {lv["code"]: float(lv["value"]) for lv in s["levels"]} for s in doc["answer_sets"]}
    order = {s["id"]: [lv["code"] for lv in s["levels"]] for s in doc["answer_sets"]}
    statements = []  # (id, pillar, values by code, lowest code, highest code)
    for pillar in doc["pillars"]:
        for sub in pillar["subareas"]:
            for st in sub["statements"]:
                set_id = st.get("answer_set", doc["default_answer_set"])
                codes = order[set_id]
                statements.append((st["id"], pillar["id"], sets[set_id], codes[0], codes[-1]))
    return [p["id"] for p in doc["pillars"]], statements


def read_rounds():
    """One dict per respondent (keyed by round and name): statement → answer code."""
    people = {}
    for number, path in enumerate(ROUNDS):
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                people.setdefault((number, row["respondent"]), {})[row["statement"]] = row["answer"]
    return people


def cronbach(columns):
    k = len(columns)
    if k < 2 or len(columns[0]) < 2:
        return None
    totals = [sum(values) for values in zip(*columns)]
    total_variance = statistics.variance(totals)
    if total_variance <= 0:
        return None
    return k / (k - 1) * (1 - sum(statistics.variance(c) for c in columns) / total_variance)


def compute():
    pillars, statements = load_instrument()
    people = read_rounds()
    out = {"rounds": len(ROUNDS), "respondents": sum(1 for p in people.values() if p),
           "pillars": [], "statements": []}
    by_id = {}
    for sid, pillar, values, lowest, highest in statements:
        answers = [p[sid] for p in people.values() if sid in p]
        xs = [100 * values[a] for a in answers if a in values]
        n = len(answers)
        entry = {
            "id": sid, "pillar": pillar, "answers": n, "levels": len(xs),
            "mean": statistics.mean(xs) if xs else None,
            "sd": statistics.stdev(xs) if len(xs) >= 2 else None,
            "dk_rate": answers.count("DK") / n if n else None,
            "na_rate": answers.count("NA") / n if n else None,
            "floor_share": sum(1 for a in answers if a == lowest) / len(xs) if xs else None,
            "ceiling_share": sum(1 for a in answers if a == highest) / len(xs) if xs else None,
            "item_rest": None, "alpha_if_removed": None, "flags": [],
        }
        by_id[sid] = entry
        out["statements"].append(entry)
    for pillar in pillars:
        members = [(sid, values) for sid, p, values, _, _ in statements if p == pillar]
        complete = [p for p in people.values() if all(p.get(sid) in values for sid, values in members)]
        columns = [[100 * values[p[sid]] for p in complete] for sid, values in members]
        alpha = cronbach(columns)
        out["pillars"].append({"id": pillar, "statements": len(members), "complete": len(complete),
                               "alpha": alpha})
        for j, (sid, _) in enumerate(members):
            entry = by_id[sid]
            rest = [sum(c[r] for o, c in enumerate(columns) if o != j) for r in range(len(complete))]
            if len(members) >= 2 and len(complete) >= 2:
                try:
                    entry["item_rest"] = statistics.correlation(columns[j], rest)
                except statistics.StatisticsError:  # a constant column
                    entry["item_rest"] = None
            entry["alpha_if_removed"] = cronbach([c for o, c in enumerate(columns) if o != j])
            flags = entry["flags"]
            if entry["dk_rate"] is not None and entry["dk_rate"] > 0.30:
                flags.append("dk_rate")
            if entry["item_rest"] is not None and entry["item_rest"] < 0.2:
                flags.append("item_rest")
            if alpha is not None and entry["alpha_if_removed"] is not None and entry["alpha_if_removed"] > alpha:
                flags.append("alpha_if_removed")
            if entry["floor_share"] is not None and entry["floor_share"] > 0.80:
                flags.append("floor")
            if entry["ceiling_share"] is not None and entry["ceiling_share"] > 0.80:
                flags.append("ceiling")
    return out


def generate():
    """Answers built so that every statistic and every flag has a case: a latent readiness per
    respondent drives most statements; A2.2 is noise (low item-rest, α rises without it); B1.1 is
    mostly "don't know"; B1.2 sits at the floor and B1.3 at the ceiling; some answers are NA or
    missing, so that respondents drop out of the complete cases."""
    rng = random.Random(20261203)
    for number, path in enumerate(ROUNDS):
        rows = []
        for r in range(30 if number == 0 else 24):
            name = f"r{number + 1}-{r + 1:02d}"
            group = "Central" if r % 3 else "Agencies"
            level = rng.random()

            def graded():
                return str(max(0, min(4, round(level * 4 + rng.gauss(0, 0.7)))))

            answers = {
                "A1.1": graded(), "A1.2": graded(), "A1.3": graded(), "A2.1": graded(),
                "A2.2": str(rng.randint(0, 4)),
                "B1.1": "DK" if rng.random() < 0.45 else graded(),
                "B1.2": "0" if rng.random() < 0.85 else graded(),
                "B1.3": "4" if rng.random() < 0.85 else graded(),
                "B1.4": "Y" if level + rng.gauss(0, 0.2) > 0.5 else "N",
            }
            if rng.random() < 0.1:
                answers["A1.2"] = "NA"
            if rng.random() < 0.1:
                del answers["A2.1"]
            if r == 5:
                answers = {}  # invited, never answered
            for sid, a in answers.items():
                rows.append([name, group, sid, a, ""])
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["respondent", "group", "statement", "answer", "comment"])
            writer.writerows(rows)
    write_expected()


def write_expected():
    EXPECTED.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def check():
    want = json.dumps(compute(), indent=1, sort_keys=True) + "\n"
    if EXPECTED.read_text(encoding="utf-8") != want:
        print("expected.json is not what reference.py computes: run reference.py generate", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "generate":
        generate()
    elif command == "check":
        sys.exit(check())
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
