#!/usr/bin/env python3
"""The reference: the sub-area, pillar and overall scores of docs/methodology.md computed with
pandas from the same answers CSV. Prints CSV lines `id,score,coverage` (score empty when withheld).
Usage: pandas_score.py INSTRUMENT.yaml ANSWERS.csv"""
import sys

import pandas as pd
import yaml


def main():
    doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    sets = {s["id"]: {str(l["code"]): float(l["value"]) for l in s["levels"]} for s in doc["answer_sets"]}
    default = doc["default_answer_set"]
    rows = []  # statement, sub-area, pillar, statement weight, sub-area weight, pillar weight
    values = {}
    for p in doc["pillars"]:
        for a in p["subareas"]:
            for s in a["statements"]:
                rows.append((s["id"], a["id"], p["id"], s.get("weight", 1), a.get("weight", 1), p.get("weight", 1)))
                values[s["id"]] = sets[s.get("answer_set", a.get("answer_set", default))]
    tree = pd.DataFrame(rows, columns=["statement", "subarea", "pillar", "ws", "wa", "wp"])

    answers = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False,
                          usecols=["respondent", "group", "statement", "answer"])
    answers = answers[answers["answer"] != ""]
    counts = answers.assign(
        level=~answers["answer"].isin(["DK", "NA"]),
        dk=answers["answer"] == "DK",
        na=answers["answer"] == "NA").groupby("statement")[["level", "dk", "na"]].sum()
    levels = answers[~answers["answer"].isin(["DK", "NA"])].copy()
    value_of = {(sid, code): 100.0 * v for sid, table in values.items() for code, v in table.items()}
    levels["x"] = [value_of[k] for k in zip(levels["statement"], levels["answer"])]
    by_group = levels.groupby(["statement", "group"])["x"].mean().reset_index()
    by_group["w"] = 1.0  # group weights: all 1 in this benchmark
    by_group["wx"] = by_group["w"] * by_group["x"]
    stmt = by_group.groupby("statement")[["wx", "w"]].sum()
    stmt["S"] = stmt["wx"] / stmt["w"]

    t = tree.set_index("statement").join(counts).join(stmt["S"]).fillna({"level": 0, "dk": 0, "na": 0})
    t["applicable"] = t["na"] <= t["level"] + t["dk"]
    t = t[t["applicable"]].copy()
    t["scored"] = t["S"].notna()

    out = []
    def finish(frame, key, weight, score_col):
        g = frame.assign(wv=frame[weight] * frame[score_col], wn=frame[weight] * frame[score_col].notna())
        agg = g.groupby(key).agg(n=("scored", "size"), k=("scored", "sum"), wv=("wv", "sum"), wn=("wn", "sum"))
        agg["coverage"] = agg["k"] / agg["n"]
        agg["score"] = (agg["wv"] / agg["wn"]).where(agg["coverage"] >= 0.5)
        return agg

    sub = finish(t, "subarea", "ws", "S")
    t2 = t.join(sub["score"].rename("A"), on="subarea")
    per_sub = t2.groupby("subarea").agg(pillar=("pillar", "first"), wa=("wa", "first"), A=("A", "first"),
                                         n=("scored", "size"), k=("scored", "sum"))
    pil = per_sub.assign(wv=per_sub["wa"] * per_sub["A"], wn=per_sub["wa"] * per_sub["A"].notna()) \
        .groupby("pillar").agg(n=("n", "sum"), k=("k", "sum"), wv=("wv", "sum"), wn=("wn", "sum"))
    pil["coverage"] = pil["k"] / pil["n"]
    pil["score"] = (pil["wv"] / pil["wn"]).where(pil["coverage"] >= 0.5)
    wp = tree.groupby("pillar")["wp"].first()
    pil = pil.join(wp)
    n, k = pil["n"].sum(), pil["k"].sum()
    valid = pil["score"].notna()
    overall = (pil.loc[valid, "wp"] * pil.loc[valid, "score"]).sum() / pil.loc[valid, "wp"].sum()
    if k / n < 0.5:
        overall = float("nan")

    for frame in (sub, pil):
        for unit, r in frame.iterrows():
            out.append(f"{unit},{'' if pd.isna(r['score']) else repr(float(r['score']))},{float(r['coverage'])!r}")
    out.append(f"overall,{'' if pd.isna(overall) else repr(float(overall))},{float(k / n)!r}")
    print("\n".join(sorted(out)))


if __name__ == "__main__":
    main()
