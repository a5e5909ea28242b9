"""Measures METER's web pages against nginx static files, in one run on one machine.

1. Starts `meter serve` (2 threads) on a fresh SQLite file, signs a coordinator in, creates an open
   round of METER 2.0 and 50 respondents who answer every statement (through the JSON API).
2. Saves the bytes of a respondent's questionnaire page and of the round's results and Way Forward
   pages (issue 14), and has nginx (2 workers, the same 2 cores) serve them as static files.
3. Runs wrk against each of the six, at 64 and at 256 connections, and reads the server's peak RSS.
   For each page and connection count, METER and nginx take turns ROUNDS times (SECONDS each), and
   the table gives the median of each side: other work on a shared machine then slows both alike,
   rather than whichever ran during a busy moment.
Prints a Markdown table with req/s, p99 latency and the ratio to nginx, and every round's figures.
The helpers shared with bench/load are in bench/lib/meterbench.py.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import meterbench as mb  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def prepare(port):
    """Sets up the round with 50 respondents who answered everything; returns, for the questionnaire
    and the results page, (path, cookies, page bytes as text)."""
    coord = mb.sign_in_coordinator(port)
    round_id = mb.open_round(coord)
    statements = [s for page in mb.instrument_pages(coord) for s in page]
    first = None
    for i in range(50):
        r = mb.enter(port, mb.invite(coord, round_id, i))
        for k, s in enumerate(statements):
            status, body = r.json("PUT", f"/api/answers/{s}", {"value": mb.VALUES[(i + k) % 10], "version": 0})
            assert status == 200, body
        first = first or r
    q_status, q_page = first.request("GET", "/q/1")
    r_status, r_page = coord.request("GET", f"/rounds/{round_id}/results")
    w_status, w_page = coord.request("GET", f"/rounds/{round_id}/way-forward")
    assert q_status == 200 and r_status == 200 and w_status == 200
    return {
        "questionnaire": ("/q/1", first.cookie_header(), q_page),
        "results": (f"/rounds/{round_id}/results", coord.cookie_header(), r_page),
        "way-forward": (f"/rounds/{round_id}/way-forward", coord.cookie_header(), w_page),
    }


def wrk(url, cookies, connections):
    """One wrk measurement: (req/s, p99 in ms, non-2xx/3xx responses, socket errors as text)."""
    m = mb.wrk(url, SECONDS, connections, headers=["Cookie: " + cookies] if cookies else ())
    socket_errors = ", ".join(f"{k} {v}" for k, v in m["socket"].items()) if any(m["socket"].values()) else ""
    return m["rps"], m["p99_ms"], m["non_2xx_3xx"], socket_errors


def median_run(runs):
    """The run with the median req/s (of an odd number of runs; its p99 goes with it)."""
    return sorted(runs, key=lambda m: m[0])[len(runs) // 2]


def main():
    tmp = tempfile.mkdtemp(prefix="meter-bench-http-")
    db = f"sqlite:{tmp}/meter.db"
    mb.add_coordinator(db)
    port = mb.free_port()
    server = nginx = None
    nginx_errors = []
    try:
        server = mb.start_meter(db, port, f"{tmp}/meter.log", f"http://127.0.0.1:{port}")
        pages = prepare(port)
        rss_after_setup = mb.peak_rss_mib(server.pid)
        www = mb.static_site(tmp, {name + ".html": body for name, (_, _, body) in pages.items()})
        nginx_port = mb.free_port()
        nginx = mb.start_nginx(tmp, f"server {{ listen 127.0.0.1:{nginx_port}; root {www}; }}")
        rows = []
        rss_by_run = []
        rounds_text = []
        for name, (path, cookies, body) in pages.items():
            for c in (64, 256):
                meter_runs, nginx_runs = [], []
                for _ in range(ROUNDS):
                    meter_runs.append(wrk(f"http://127.0.0.1:{port}{path}", cookies, c))
                    nginx_runs.append(wrk(f"http://127.0.0.1:{nginx_port}/{name}.html", "", c))
                rss_by_run.append(f"{name}@{c}: {mb.peak_rss_mib(server.pid):.1f}")
                rounds_text.append(f"{name}@{c}: " + ", ".join(
                    f"{m[0]:.0f}/{n[0]:.0f} ({m[0] / n[0]:.2f})" for m, n in zip(meter_runs, nginx_runs)))
                rows.append((name, len(body.encode()), c, meter_runs, nginx_runs))
        rss = mb.peak_rss_mib(server.pid)
        print(f"pages: questionnaire {rows[0][1]} bytes, results {rows[2][1]} bytes, "
              f"Way Forward {rows[4][1]} bytes; {SECONDS} s per run; "
              f"median of {ROUNDS} alternating rounds; 50 respondents × 124 statements")
        print("| page | connections | METER req/s | nginx static req/s | ratio | METER p99 (ms) | nginx p99 (ms) | METER errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, size, c, meter_runs, nginx_runs in rows:
            m, n = median_run(meter_runs), median_run(nginx_runs)
            failed = sum(r[2] for r in meter_runs)
            sockets = "; ".join(r[3] for r in meter_runs if r[3])
            print(f"| {name} | {c} | {m[0]:.0f} | {n[0]:.0f} | {m[0] / n[0]:.2f} | {m[1]:.2f} | {n[1]:.2f} | "
                  f"{failed}{' ' + sockets if sockets else ''} |")
        print("\nEach round, METER/nginx req/s (ratio): " + "; ".join(rounds_text))
        nginx_errors = [f"{name}@{c}: {r[2]} non-2xx/3xx {r[3]}" for name, _, c, _, nginx_runs in rows
                        for r in nginx_runs if r[2] or r[3]]
        if nginx_errors:
            print("\nnginx failed requests, its figures are not a baseline: " + "; ".join(nginx_errors))
        print(f"\nMETER server peak RSS: {rss:.1f} MiB (after setting up the round: {rss_after_setup:.1f} MiB; "
              f"after each run: {', '.join(rss_by_run)})")
    finally:
        mb.stop(server)
        mb.stop(nginx)
        shutil.rmtree(tmp, ignore_errors=True)
    if nginx_errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
