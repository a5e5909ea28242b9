"""Times the PDF country report against Chromium printing the results page, in one run.

1. Starts `meter serve` on a fresh SQLite file, signs a coordinator in, creates a METER 2.0 round,
   invites 50 respondents in three groups who answer all 124 statements (every tenth answer with a
   comment), and closes the round — all through the JSON API and the forms, as bench/http does.
2. Runs `meter report --round ID --out FILE` RUNS times under /usr/bin/time: wall time (median) and
   peak RSS. Each run is a whole process: start, loading the instruments, reading the round from
   SQLite, scoring, the Way Forward, laying out and writing the PDF.
3. Has Debian's Chromium (playwright-core, bench/report/print.mjs) sign in as the coordinator, open
   the round's results page once, then RUNS times: load the page and print it to A4 PDF. Browser
   start and sign-in are not timed; the print alone and load + print are reported separately.
Prints both, their ratios, and the sizes of the PDFs.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench", "lib"))
import meterbench as mb  # noqa: E402  (bench/lib/meterbench.py, shared with bench/http and bench/load)

METER = mb.METER
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def closed_round(port):
    """A closed METER 2.0 round whose 50 respondents answered every statement (every tenth answer
    with a comment), set up through the JSON API and the forms; returns its ID."""
    coord = mb.sign_in_coordinator(port)
    round_id = mb.open_round(coord)
    statements = [s for page in mb.instrument_pages(coord) for s in page]
    for i in range(50):
        r = mb.enter(port, mb.invite(coord, round_id, i))
        for k, s in enumerate(statements):
            answer = {"value": mb.VALUES[(i + k) % 10], "version": 0}
            if (i + k) % 10 == 0:
                answer["comment"] = f"Respondent {i} on {s}: partly in place, see the 2025 annual report."
            status, body = r.json("PUT", f"/api/answers/{s}", answer)
            assert status == 200, body
    status, _ = coord.form(f"/rounds/{round_id}/status", {"to": "closed"})
    assert status == 303, status
    return round_id


def time_meter_report(db, round_id, out):
    walls, rss = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", METER, "report", "--db", db, "--round", str(round_id),
                            "--out", out], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"))
        walls.append(time.perf_counter() - start)
        assert r.returncode == 0, r.stderr
        rss.append(int(r.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(walls), max(rss)


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def main():
    tmp = tempfile.mkdtemp(prefix="meter-bench-report-")
    db = f"sqlite:{tmp}/meter.db"
    mb.add_coordinator(db)
    port = mb.free_port()
    server = mb.start_meter(db, port, os.path.join(tmp, "meter.log"), f"http://127.0.0.1:{port}")
    try:
        round_id = closed_round(port)
        report_pdf = os.path.join(tmp, "report.pdf")
        meter_wall, meter_rss = time_meter_report(db, round_id, report_pdf)
        chromium_pdf = os.path.join(tmp, "results.pdf")
        printed = subprocess.run(
            ["node", os.path.join(ROOT, "bench/report/print.mjs"), f"http://127.0.0.1:{port}", str(round_id),
             mb.COORDINATOR, mb.PASSWORD, chromium_pdf, str(RUNS)], cwd=ROOT, capture_output=True, text=True)
        assert printed.returncode == 0, printed.stderr
        chromium = json.loads(printed.stdout)
        print_only = statistics.median(chromium["print"])
        load_print = statistics.median(chromium["load_and_print"])
        print(f"round: 50 respondents × 124 statements, {RUNS} runs each, median wall time")
        print("| what | median wall time (s) | PDF pages | PDF size (kB) |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| meter report (whole process) | {meter_wall:.3f} | {pages(report_pdf)} | "
              f"{os.path.getsize(report_pdf) / 1000:.0f} |")
        print(f"| Chromium: print the loaded results page | {print_only:.3f} | {pages(chromium_pdf)} | "
              f"{os.path.getsize(chromium_pdf) / 1000:.0f} |")
        print(f"| Chromium: load the results page and print it | {load_print:.3f} | {pages(chromium_pdf)} | "
              f"{os.path.getsize(chromium_pdf) / 1000:.0f} |")
        meter_pages, chromium_pages = pages(report_pdf), pages(chromium_pdf)
        print(f"\nmeter report / Chromium print: {meter_wall / print_only:.2f}; "
              f"meter report / Chromium load + print: {meter_wall / load_print:.2f}")
        print(f"per page: meter report {1000 * meter_wall / meter_pages:.1f} ms, Chromium load + print "
              f"{1000 * load_print / chromium_pages:.1f} ms (ratio {meter_wall / meter_pages / (load_print / chromium_pages):.2f})")
        print(f"meter report peak RSS: {meter_rss:.1f} MiB (largest of {RUNS} runs); target: full report <= 1 s: "
              f"{'met' if meter_wall <= 1 else 'MISSED'}")
    finally:
        mb.stop(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
