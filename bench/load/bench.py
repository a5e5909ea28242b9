"""Load test: 256 respondents viewing questionnaire pages and autosaving answers, in one run.

Measures, one after the other on the same machine, each with wrk (2 threads, 256 connections,
SECONDS seconds, --latency):
1. nginx static (the baseline): nginx (2 workers) serving the bytes of a respondent's first
   questionnaire page as a static file, all requests for that one file.
2. SQLite, one node: `meter serve --threads 2` on a fresh SQLite file.
3. PostgreSQL, two nodes: two `meter serve --threads 2` on one throwaway PostgreSQL 15 database
   (default settings, fsync on), behind nginx (2 workers, round robin, keep-alive to the nodes).
For 2 and 3 a coordinator opens a METER 2.0 round and invites 256 respondents, who each open their
invitation link; wrk (bench/load/mix.lua) then sends, as those respondents, 3 questionnaire page
views per autosave (PUT /api/answers/ID with the answer's current version). Each connection holds
back its first request for START_DELAY_MS, until all are open, and a warm-up of page views (WARM_UP
seconds, not measured) comes first, which also opens nginx's keep-alive connections to the nodes.

Then, on the same node(s) and round, the campaign mix: 256 clients at once, of whom 1 in 20 (13) are
coordinators reading the round's results, Way Forward, PDF report and XLSX workbook in turn
(bench/load/reports.lua, its own wrk, a response within REPORT_TIMEOUT seconds) while the other 243
answer as above; the questionnaire's p99 is the respondents' wrk's own.

Prints a Markdown table (req/s, p99, slowest response, errors, peak RSS, ratio to nginx) and exits 1
if any request failed: a status other than 200, or a socket error, wrk's time-outs (no response
within 2 s) included. Usage: bench.py [SECONDS]
"""
import contextlib
import os
import re
import resource
import shutil
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import meterbench as mb  # noqa: E402

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 60
CONNECTIONS = 256
# Worker threads of each `meter serve` (its --threads); NODE_THREADS=4 in the environment to try more.
NODE_THREADS = int(os.environ.get("NODE_THREADS", "2"))
RESPONDENTS = 256
WRK_THREADS = 2
# Page views between two saves; VIEWS_PER_SAVE=0 in the environment for saves only (what measures
# how saves of one round wait for each other).
VIEWS_PER_SAVE = int(os.environ.get("VIEWS_PER_SAVE", "3"))
START_DELAY_MS = 500
WARM_UP = 5
MIX = os.path.join(HERE, "mix.lua")
REPORTS = os.path.join(HERE, "reports.lua")
READERS = round(CONNECTIONS / 20)  # the campaign mix: 1 client in 20 reads results and reports
REPORT_TIMEOUT = 10


def fsync_rate(directory, seconds=2.0):
    """Synchronous 8 kB appends per second to a file in `directory` (write + fdatasync, as a commit
    does): what bounds the saves on this disk, measured in the same run."""
    path = os.path.join(directory, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        count, block, end = 0, b"\0" * 8192, time.monotonic() + seconds
        while time.monotonic() < end:
            os.write(fd, block)
            os.fdatasync(fd)
            count += 1
    finally:
        os.close(fd)
        os.remove(path)
    return count / seconds


def prepare_round(port, schedule_path, title="Benchmark"):
    """Opens a round through the server (or proxy) at `port`, invites RESPONDENTS respondents and signs
    each in through their link; writes the schedule file of mix.lua. Returns the HTML of the first
    respondent's first questionnaire page and the coordinator (their Cookie header, the round's ID)."""
    coord = mb.sign_in_coordinator(port)
    round_id = mb.open_round(coord, title)
    pages = mb.instrument_pages(coord)
    respondents = [mb.enter(port, mb.invite(coord, round_id, i)) for i in range(RESPONDENTS)]
    with open(schedule_path, "w") as f:
        for number, statements in enumerate(pages, 1):
            for s in statements:
                f.write(f"statement\t{s}\t{number}\n")
        for r in respondents:
            f.write(f"respondent\tmeter_session={r.cookies['meter_session']}\t{r.csrf}\n")
    status, page = respondents[0].request("GET", "/q/1")
    assert status == 200, status
    for r in respondents:
        r.conn.close()
    return page, (coord.cookie_header(), round_id)


def cpu_seconds(pids):
    """CPU time (user + system) that these processes and their children have used, in seconds."""
    ticks = 0
    for pid in pids:
        for p in (pid, *mb.children(pid)):
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
            except (OSError, IndexError):
                pass
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds():
    """CPU time all cores of the machine have spent busy so far (from /proc/stat), in seconds."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measured(processes, run):
    """Calls run() (a wrk run) and adds to its result `cpu`: the CPU seconds each group of
    `processes` ({"meter": [pid, …], …}), wrk, and everything else on the machine used meanwhile."""
    before = {name: cpu_seconds(pids) for name, pids in processes.items()}
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = machine_cpu_seconds()
    m = run()
    machine = machine_cpu_seconds() - machine_before
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    m["cpu"] = {name: cpu_seconds(pids) - before[name] for name, pids in processes.items()}
    m["cpu"]["wrk"] = (wrk_after.ru_utime + wrk_after.ru_stime) - (wrk_before.ru_utime + wrk_before.ru_stime)
    m["cpu"]["everything else"] = max(0.0, machine - sum(m["cpu"].values()))
    return m


def mixed_load(port, node_ports, processes, schedule_path, seconds=SECONDS, views_per_save=VIEWS_PER_SAVE,
               connections=CONNECTIONS):
    """Runs mix.lua against `port` (views_per_save < 0: page views only); returns mb.wrk's result plus
    `statuses` ({"200 html": n, …}), `threads` (what each wrk thread sent), `p999_ms`, `cpu` (see
    measured()) and `accept`: per node port, the most connections that waited to be accepted and for
    how long."""
    with mb.AcceptQueueWatch(node_ports) as watch:
        m = measured(processes, lambda: mb.wrk(
            f"http://127.0.0.1:{port}", seconds, connections, WRK_THREADS, script=MIX,
            script_args=[schedule_path, str(WRK_THREADS), str(views_per_save), str(connections),
                         str(START_DELAY_MS)]))
    m["accept"] = {p: (watch.peak[p], watch.waiting_s[p]) for p in node_ports}
    m["p999_ms"] = int(re.search(r"^latency p99.9 (\d+)$", m["output"], re.M).group(1)) / 1000
    m["statuses"] = {k: int(v) for k, v in re.findall(r"^status (\d+ \w+) (\d+)$", m["output"], re.M)}
    m["threads"] = re.findall(r"^thread \d+: .*$", m["output"], re.M)
    return m


def warm_up_and_measure(port, node_ports, processes, schedule_path):
    """WARM_UP seconds of page views, then the measured mixed load; returns the latter's result with
    `warm_up`, the former's. Failed requests in the warm-up count, but not its time-outs: slow
    responses there are what the warm-up is for."""
    warm = mixed_load(port, node_ports, processes, schedule_path, WARM_UP, -1)
    m = mixed_load(port, node_ports, processes, schedule_path)
    m["warm_up"] = warm
    return m


def campaign_mix(port, node_ports, processes, schedule_path):
    """The campaign mix at `port`, on a round of its own (prepared here, with its schedule at
    `schedule_path`: the first measurement's answers have versions mix.lua no longer knows):
    READERS coordinators on reports.lua beside CONNECTIONS - READERS respondents on mix.lua, both
    wrk runs started together for SECONDS. Returns the respondents' mixed_load result with
    `readers`: the coordinators' wrk result and its `statuses`."""
    _, (cookie, round_id) = prepare_round(port, schedule_path, "Campaign mix")
    readers = {}

    def read():
        readers.update(mb.wrk(f"http://127.0.0.1:{port}", SECONDS, READERS, 1, script=REPORTS,
                              script_args=[cookie, str(round_id)], timeout_s=REPORT_TIMEOUT))
        readers["statuses"] = {k: int(v) for k, v in
                               re.findall(r"^status (\d+ \w+) (\d+)$", readers["output"], re.M)}

    thread = threading.Thread(target=read)
    thread.start()
    m = mixed_load(port, node_ports, processes, schedule_path, connections=CONNECTIONS - READERS)
    thread.join()
    m["readers"] = readers
    return m


def errors(m):
    """Failed requests of one measurement: statuses other than 200 (wrk's non-2xx/3xx, plus any 3xx
    that mix.lua saw) and socket errors, time-outs included."""
    unexpected = sum(n for k, n in m.get("statuses", {}).items() if not k.startswith("200 "))
    failed = max(unexpected, m["non_2xx_3xx"]) + sum(m["socket"].values())
    if "warm_up" in m:
        failed += errors(m["warm_up"]) - m["warm_up"]["socket"]["timeout"]
    if "readers" in m:
        failed += errors(m["readers"])
    return failed


def error_details(m):
    """What went wrong in one measurement, in words (empty when nothing did)."""
    parts = [f"{n} × {k}" for k, n in sorted(m.get("statuses", {}).items()) if not k.startswith("200 ")]
    parts += [f"{n} socket {k}" for k, n in m["socket"].items() if n]
    if "warm_up" in m and errors(m["warm_up"]) > m["warm_up"]["socket"]["timeout"]:
        parts.append(f"in the warm-up: {error_details(m['warm_up'])}")
    if "readers" in m and errors(m["readers"]):
        parts.append(f"reading results: {error_details(m['readers'])}")
    return ", ".join(parts)


def nginx_rss(nginx):
    """Peak RSS of each nginx worker, in MiB."""
    return [mb.peak_rss_mib(pid) for pid in mb.children(nginx.pid)]


def static_baseline(stack, tmp, html):
    """Configuration 1: nginx serving `html` as a static file. Returns (result, RSS description)."""
    www = mb.static_site(tmp, {"q.html": html})
    port = mb.free_port()
    nginx = mb.start_nginx(tmp, f"server {{ listen 127.0.0.1:{port}; root {www}; }}")
    stack.callback(mb.stop, nginx)
    m = measured({"nginx": [nginx.pid]},
                 lambda: mb.wrk(f"http://127.0.0.1:{port}/q.html", SECONDS, CONNECTIONS, WRK_THREADS))
    rss = " + ".join(f"{x:.1f}" for x in nginx_rss(nginx))
    mb.stop(nginx)
    return m, f"nginx workers {rss}"


def sqlite_node(stack, tmp):
    """Configuration 2 (and the page for 1): one node on SQLite. Returns (result, RSS description,
    the questionnaire page's HTML, the node's log file)."""
    db = f"sqlite:{tmp}/meter.db"
    mb.add_coordinator(db)
    port = mb.free_port()
    log = os.path.join(tmp, "sqlite-node.log")
    server = mb.start_meter(db, port, log, f"http://127.0.0.1:{port}", threads=NODE_THREADS)
    stack.callback(mb.stop, server)
    html, _ = prepare_round(port, os.path.join(tmp, "sqlite.schedule"))
    m = warm_up_and_measure(port, [port], {"meter": [server.pid]}, os.path.join(tmp, "sqlite.schedule"))
    rss = mb.peak_rss_mib(server.pid)
    print("bench/load: the campaign mix on SQLite…", flush=True)
    mix = campaign_mix(port, [port], {"meter": [server.pid]}, os.path.join(tmp, "sqlite-mix.schedule"))
    mix_rss = mb.peak_rss_mib(server.pid)
    mb.stop(server)
    return m, f"meter {rss:.1f}", html, [log], (mix, f"meter {mix_rss:.1f}")


def postgres_nodes(stack, tmp):
    """Configuration 3: two nodes on one PostgreSQL database behind nginx, which also carries the
    set-up. Returns (result, RSS description, the nodes' and PostgreSQL's log files)."""
    pg = mb.Postgres()
    stack.callback(pg.close)
    pg.start()
    mb.add_coordinator(pg.url())
    proxy_port = mb.free_port()
    nodes, logs = [], []
    for i in (1, 2):
        port = mb.free_port()
        logs.append(os.path.join(tmp, f"pg-node-{i}.log"))
        node = mb.start_meter(pg.url(), port, logs[-1], f"http://127.0.0.1:{proxy_port}",
                              threads=NODE_THREADS, extra=["--trusted-proxy", "127.0.0.1"])
        stack.callback(mb.stop, node)
        nodes.append((node, port))
    os.makedirs(os.path.join(tmp, "nginx-proxy"))
    upstreams = " ".join(f"server 127.0.0.1:{port};" for _, port in nodes)
    nginx = mb.start_nginx(os.path.join(tmp, "nginx-proxy"), f"""
  upstream meter {{ {upstreams} keepalive 256; }}
  server {{ listen 127.0.0.1:{proxy_port};
    location / {{ proxy_pass http://meter; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }} }}""")
    stack.callback(mb.stop, nginx)
    prepare_round(proxy_port, os.path.join(tmp, "pg.schedule"))
    processes = {"meter": [node.pid for node, _ in nodes], "postgres": [pg.pid()], "nginx": [nginx.pid]}
    m = warm_up_and_measure(proxy_port, [port for _, port in nodes], processes, os.path.join(tmp, "pg.schedule"))
    node_rss = " + ".join(f"{mb.peak_rss_mib(node.pid):.1f}" for node, _ in nodes)
    proxy_rss = " + ".join(f"{x:.1f}" for x in nginx_rss(nginx))
    print("bench/load: the campaign mix on PostgreSQL…", flush=True)
    mix = campaign_mix(proxy_port, [port for _, port in nodes], processes, os.path.join(tmp, "pg-mix.schedule"))
    mix_rss = " + ".join(f"{mb.peak_rss_mib(node.pid):.1f}" for node, _ in nodes)
    for process in (nginx, *(node for node, _ in nodes)):
        mb.stop(process)
    logs.append(os.path.join(tmp, "postgresql.log"))
    shutil.copy(os.path.join(pg.dir, "server.log"), logs[-1])
    pg.close()
    return m, f"meter {node_rss}; nginx workers {proxy_rss}", logs, (mix, f"meter {mix_rss}")


def print_table(rows):
    """Prints the Markdown table of the measurements, rows of (configuration, result, RSS)."""
    baseline = rows[0][1]["rps"]
    print(f"\n{CONNECTIONS} connections, {SECONDS} s each, wrk {WRK_THREADS} threads; "
          f"{VIEWS_PER_SAVE} page views per autosave, {RESPONDENTS} respondents")
    print("| configuration | req/s | p99 (ms) | max (ms) | requests | errors | peak RSS (MiB) "
          "| ratio to nginx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for name, m, rss in rows:
        details = error_details(m)
        print(f"| {name} | {m['rps']:,.0f} | {m['p99_ms']:,.1f} | {m['max_ms']:,.0f} | {m['requests']:,} | "
              f"{errors(m)}{' (' + details + ')' if details else ''} | {rss} | {m['rps'] / baseline:.3f} |")


def print_campaign_table(rows):
    """Prints the Markdown table of the campaign mix, rows of (configuration, result, RSS)."""
    print(f"\nCampaign mix: {CONNECTIONS} clients, {SECONDS} s: {CONNECTIONS - READERS} respondents as above "
          f"and {READERS} coordinators reading results, Way Forward, PDF report and XLSX in turn")
    print("| configuration | questionnaire req/s | questionnaire p99 (ms) | reports req/s | reports p99 (ms) "
          "| reports max (ms) | errors | peak RSS (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for name, m, rss in rows:
        r = m["readers"]
        details = error_details(m)
        print(f"| {name} | {m['rps']:,.0f} | {m['p99_ms']:,.1f} | {r['rps']:,.1f} | {r['p99_ms']:,.0f} | "
              f"{r['max_ms']:,.0f} | {errors(m)}{' (' + details + ')' if details else ''} | {rss} |")


def print_details(rows, logs):
    """Prints the CPU used, what each wrk thread sent, the responses by status, the warm-up and the
    accept queues; on errors, the servers' logs without METER's ready line."""
    print(f"\nCPU used while measuring, as a share of {os.cpu_count()} cores × {SECONDS} s (and per request):")
    for name, m, _ in rows:
        print(f"  {name}: " + ", ".join(
            f"{group} {100 * s / (os.cpu_count() * SECONDS):.0f} %"
            + ("" if group == "everything else" else f" ({1000 * s / m['requests']:.2f} ms)")
            for group, s in m["cpu"].items()))
    for name, m, _ in rows[1:]:
        print(f"\n{name}: " + "; ".join(m["threads"]) + f"; p99.9 {m['p999_ms']:,.1f} ms")
        print("  responses: " + ", ".join(f"{k}: {n:,}" for k, n in sorted(m["statuses"].items())))
        for label, run in (("warm-up", m["warm_up"]), ("measured", m)):
            queues = ", ".join(f"{peak} for {s:.1f} s" for peak, s in run["accept"].values())
            print(f"  {label}: {run['requests']:,} requests, p99 {run['p99_ms']:,.1f} ms, "
                  f"max {run['max_ms']:,.0f} ms, time-outs {run['socket']['timeout']}; "
                  f"most connections waiting to be accepted by each node: {queues}")
    if any(errors(m) for _, m, _ in rows):
        for path in logs:
            with open(path, errors="replace") as f:
                lines = [line for line in f if "METER is running" not in line]
            print(f"\n--- {os.path.basename(path)} (last 40 lines) ---\n" + "".join(lines[-40:]))


def main():
    """Runs the three configurations, prints the results, exits 1 on any failed request."""
    tmp = tempfile.mkdtemp(prefix="meter-load-")
    os.chmod(tmp, 0o711)  # nginx's workers (not root) enter it for the static page and proxy buffers
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, tmp, True)
        print(f"bench/load: {SECONDS} s per configuration; load average before {os.getloadavg()[0]:.2f}; "
              f"this disk: {fsync_rate(tmp):.0f} synchronous 8 kB writes/s; setting up one node on SQLite…",
              flush=True)
        sqlite, sqlite_rss, html, logs, sqlite_mix = sqlite_node(stack, tmp)
        print(f"bench/load: nginx static baseline ({len(html.encode())} bytes)…", flush=True)
        static, static_rss = static_baseline(stack, tmp, html)
        print("bench/load: two nodes on PostgreSQL behind nginx…", flush=True)
        pg, pg_rss, pg_logs, pg_mix = postgres_nodes(stack, tmp)
        rows = [("nginx static file (baseline)", static, static_rss),
                ("1 node, SQLite", sqlite, sqlite_rss),
                ("2 nodes, PostgreSQL, behind nginx", pg, pg_rss)]
        mixes = [("1 node, SQLite", *sqlite_mix), ("2 nodes, PostgreSQL, behind nginx", *pg_mix)]
        print_table(rows)
        print_campaign_table(mixes)
        print_details(rows, logs + pg_logs)
        failed = sum(errors(m) for _, m, _ in rows + mixes)
    if failed:
        print(f"\nbench/load: {failed} failed requests", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
