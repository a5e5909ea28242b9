"""METER at the scale of a UN campaign, in one run on one machine.

1. Fills a database with COUNTRIES × ROUNDS × RESPONDENTS respondents who each answered every
   statement of METER 2.0 (193 × 10 × 50 × 124 ≈ 12 million answers by default): on PostgreSQL
   through COPY (psql), on SQLite through executemany in one transaction, after `meter migrate`
   made the schema. The answers are deterministic (xorshift), each country around its own level,
   with about 5 % "don't know" and 2 % "not applicable". Every round but the newest is closed; the
   newest is open in one country in four and closed in the others. Then the secretariat publishes
   every closed round through METER itself (POST /rounds/ID/publish), which scores it.
2. Starts one `meter serve` node (2 threads) on each database and times, one request after another,
   the campaign page, the comparison page (when this METER has one), a regional benchmark page
   (/regions/002, Africa), a country's progress page over its 10 rounds, the instrument page with
   item statistics, and the results page of an open round; reports median and p99 per page (REQUESTS
   requests, fewer — at least 3 — for a page that takes more than PAGE_SECONDS in all) and the
   node's peak RSS, over the whole run and in each phase (start, publishing, each page).
3. Times `meter copy` of the whole SQLite installation into an empty PostgreSQL database.
Prints Markdown tables. Usage: bench.py [COUNTRIES] [ROUNDS] [RESPONDENTS] [REQUESTS]
"""
import hashlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import meterbench as mb  # noqa: E402

COUNTRIES = int(sys.argv[1]) if len(sys.argv) > 1 else 193
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
RESPONDENTS = int(sys.argv[3]) if len(sys.argv) > 3 else 50
REQUESTS = int(sys.argv[4]) if len(sys.argv) > 4 else 20
ADMIN = "secretariat@example.org"
FIRST_YEAR = 2026 - ROUNDS + 1
PAGE_SECONDS = 60  # a page slower than this gets fewer requests (at least 3); the table says how many
NOW = 1_780_000_000  # a fixed time, so that two runs write the same rows


def countries():
    with open(os.path.join(mb.ROOT, "content/countries.csv"), encoding="utf-8") as f:
        next(f)
        return [line.split(",", 1)[0] for line in f if line.strip()][:COUNTRIES]


def statements():
    """METER 2.0's statement IDs, from the instrument METER itself serves."""
    import yaml
    doc = yaml.safe_load(open(os.path.join(mb.ROOT, "content/instruments/meter-2.0.yaml"), encoding="utf-8"))
    return [s["id"] for p in doc["pillars"] for a in p["subareas"] for s in a["statements"]]


class Rows:
    """The rows of every table, generated in order; ids start at 1."""

    def __init__(self):
        self.isos = countries()
        self.statements = statements()
        self.state = 2463534242

    def rand(self):
        s = self.state
        s ^= (s << 13) & 0xFFFFFFFF
        s ^= s >> 17
        s ^= (s << 5) & 0xFFFFFFFF
        self.state = s
        return s

    def round_list(self):
        """(id, country, year, status) of every round."""
        out = []
        for c, iso in enumerate(self.isos):
            for k in range(ROUNDS):
                year = FIRST_YEAR + k
                newest = k == ROUNDS - 1
                status = "open" if newest and c % 4 == 0 else "closed"
                out.append((len(out) + 1, iso, year, status))
        return out

    def rounds(self):
        for rid, iso, year, status in self.round_list():
            yield (rid, iso, f"{iso} {year}", year, "meter", "2.0", status, NOW - (2026 - year) * 31_536_000, 0)

    def groups(self):
        for rid, *_ in self.round_list():
            for pos, name in enumerate(mb.GROUPS):
                yield (rid, pos, name, 1.0)

    def respondents(self):
        n = len(self.statements)
        for rid, _, year, _ in self.round_list():
            for i in range(RESPONDENTS):
                pid = (rid - 1) * RESPONDENTS + i + 1
                token = hashlib.sha256(f"bench-{pid}".encode()).hexdigest()
                yield (pid, rid, f"respondent {i + 1}", mb.GROUPS[i % 3], "", token, 0, 0,
                       NOW - (2026 - year) * 31_536_000, 0, n, "")

    def answers(self):
        for rid, _, year, _ in self.round_list():
            level = (rid // ROUNDS) % 5 + (rid % ROUNDS) / ROUNDS  # each country around its level, rising
            for i in range(RESPONDENTS):
                pid = (rid - 1) * RESPONDENTS + i + 1
                at = NOW - (2026 - year) * 31_536_000 + 3600
                for k, sid in enumerate(self.statements):
                    x = self.rand() % 100
                    if x < 5:
                        value = "DK"
                    elif x < 7:
                        value = "NA"
                    else:
                        value = str(max(0, min(4, int(level + (x % 3) - 1 + (k % 2)))))
                    yield (pid, sid, value, "", "", 1, at)


TABLES = [
    ("rounds", "id, country, title, year, instrument_id, instrument_version, status, created_at, published",
     Rows.rounds),
    ("round_groups", "round_id, position, name, weight", Rows.groups),
    ("respondents", "id, round_id, name, group_name, pillars, token_hash, expires_at, revoked, invited_at,"
     " reminded_at, answered, language", Rows.respondents),
    ("answers", "respondent_id, statement, value, comment, evidence_url, version, updated_at", Rows.answers),
]


def migrate(db):
    subprocess.run([mb.METER, "migrate", "--db", db], check=True, cwd=mb.ROOT, capture_output=True)
    subprocess.run([mb.METER, "user", "add", "--db", db, "--email", ADMIN, "--role", "admin"],
                   input=mb.PASSWORD + "\n", text=True, check=True, cwd=mb.ROOT, capture_output=True)


def csv_line(row):
    # No value holds a comma, a quote or a line break; an empty text is quoted, or COPY reads NULL.
    return ",".join(str(v) if v != "" else '""' for v in row) + "\n"


def load_postgres(pg):
    """COPY of every table through psql; then the id sequences past the ids written."""
    for table, columns, rows in TABLES:
        psql = subprocess.Popen([os.path.join(mb.PG_BIN, "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                                 "-p", str(pg.port), "-U", "meter", "meter", "-c",
                                 f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"],
                                stdin=subprocess.PIPE, text=True)
        batch = []
        for row in rows(Rows()):
            batch.append(csv_line(row))
            if len(batch) == 100_000:
                psql.stdin.write("".join(batch))
                batch = []
        psql.stdin.write("".join(batch))
        psql.stdin.close()
        if psql.wait() != 0:
            raise SystemExit(f"bench: COPY {table} failed")
    for table in ("rounds", "respondents"):
        subprocess.run([os.path.join(mb.PG_BIN, "psql"), "-q", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "meter",
                        "meter", "-c", f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table})); ANALYZE"], check=True, capture_output=True)


def load_sqlite(path):
    con = sqlite3.connect(path)
    with con:
        for table, columns, rows in TABLES:
            marks = ",".join("?" * len(columns.split(",")))
            con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows(Rows()))
    con.execute("ANALYZE")
    con.close()


def db_size(db, pg=None):
    if pg is not None:
        out = subprocess.run([os.path.join(mb.PG_BIN, "psql"), "-At", "-h", "127.0.0.1", "-p", str(pg.port), "-U",
                              "meter", "meter", "-c", "SELECT pg_database_size('meter')"],
                             check=True, capture_output=True, text=True).stdout
        return int(out) / 2**20
    return os.path.getsize(db[len("sqlite:"):]) / 2**20


def sign_in(port):
    admin = mb.Client(port)
    admin.request("GET", "/login")
    status, _ = admin.form("/login", {"email": ADMIN, "password": mb.PASSWORD, "next": "/rounds"})
    assert status == 303, status
    admin.request("GET", "/rounds")
    return admin


def publish_all(admin):
    """Publishes every closed round through METER (it scores each); returns the seconds taken."""
    start = time.monotonic()
    for rid, _, _, status in Rows().round_list():
        if status == "closed":
            code, body = admin.form(f"/rounds/{rid}/publish", {})
            assert code == 303, (rid, code, body[:300])
    return time.monotonic() - start


def pages():
    rounds = Rows().round_list()
    newest_closed = next(r for r in rounds if r[2] == 2026 and r[3] == "closed")
    newest_open = next(r for r in rounds if r[3] == "open")
    return [
        ("campaign page", "/campaign"),
        ("comparison page", "/compare"),
        ("regional benchmark (/regions/002)", "/regions/002"),
        (f"progress over {ROUNDS} rounds", f"/rounds/{newest_closed[0]}/progress"),
        ("item statistics (/instruments/meter/2.0)", "/instruments/meter/2.0"),
        ("results of an open round", f"/rounds/{newest_open[0]}/results"),
    ]


def time_pages(port, pid, phases):
    """Times each page; adds to `phases` the node's peak RSS over each page's requests."""
    admin = sign_in(port)
    out = []
    for name, path in pages():
        mb.reset_peak_rss(pid)
        status, _ = admin.request("GET", path)
        if status == 404:
            out.append((name, None, None, 0))
            continue
        assert status == 200, (path, status)
        times = []
        budget = time.monotonic() + PAGE_SECONDS
        while len(times) < REQUESTS and (len(times) < 3 or time.monotonic() < budget):
            t = time.perf_counter()
            status, _ = admin.request("GET", path)
            times.append((time.perf_counter() - t) * 1000)
            assert status == 200, (path, status)
        times.sort()
        p99 = times[min(len(times) - 1, int(round(0.99 * len(times) + 0.5)) - 1)]
        out.append((name, statistics.median(times), p99, len(times)))
        phases[name] = mb.peak_rss_mib(pid)
    return out


def run_engine(name, db, pg, load):
    migrate(db)
    start = time.monotonic()
    load()
    loaded = time.monotonic() - start
    port = mb.free_port()
    log = os.path.join(tempfile.gettempdir(), f"meter-scale-{name}.log")
    server = mb.start_meter(db, port, log, f"http://127.0.0.1:{port}", timeout=600)
    phases = {}  # the node's peak RSS in each phase (VmHWM reset before each), MiB
    try:
        phases["start and sign-in"] = mb.peak_rss_mib(server.pid)
        admin = sign_in(port)
        mb.reset_peak_rss(server.pid)
        published = publish_all(admin)
        phases["publishing"] = mb.peak_rss_mib(server.pid)
        timings = time_pages(port, server.pid, phases)
    finally:
        mb.stop(server)
    return {"load": loaded, "publish": published, "size": db_size(db, pg), "pages": timings,
            "rss": max(phases.values()), "phases": phases}


def main():
    answers = COUNTRIES * ROUNDS * RESPONDENTS * len(statements())
    print(f"{COUNTRIES} countries × {ROUNDS} rounds × {RESPONDENTS} respondents × METER 2.0 = "
          f"{answers:,} answers; {REQUESTS} requests a page, one after another\n")
    tmp = tempfile.mkdtemp(prefix="meter-scale-")
    sqlite_db = f"sqlite:{tmp}/meter.db"
    results = {}
    pg = mb.Postgres()
    copy_target = mb.Postgres()
    try:
        pg.start()
        results["PostgreSQL"] = run_engine("pg", pg.url(), pg, lambda: load_postgres(pg))
        results["SQLite"] = run_engine("sqlite", sqlite_db, None, lambda: load_sqlite(sqlite_db[len("sqlite:"):]))
        copy_seconds = None
        if not os.environ.get("NO_COPY"):  # NO_COPY=1: skip `meter copy` (about 15 minutes at full size)
            copy_target.start()
            start = time.monotonic()
            subprocess.run([mb.METER, "copy", "--from", sqlite_db, "--to", copy_target.url()], check=True,
                           cwd=mb.ROOT, capture_output=True)
            copy_seconds = time.monotonic() - start
    finally:
        pg.close()
        copy_target.close()
    print("| | PostgreSQL | SQLite |\n| --- | ---: | ---: |")
    print(f"| load (COPY / one transaction), s | {results['PostgreSQL']['load']:.1f} | {results['SQLite']['load']:.1f} |")
    print(f"| publish every closed round through METER, s | {results['PostgreSQL']['publish']:.1f} | "
          f"{results['SQLite']['publish']:.1f} |")
    print(f"| database size, MiB | {results['PostgreSQL']['size']:.0f} | {results['SQLite']['size']:.0f} |")
    print(f"| node's peak RSS, MiB | {results['PostgreSQL']['rss']:.0f} | {results['SQLite']['rss']:.0f} |")
    print("\nThe node's peak RSS in each phase (MiB; the peak is set back before each):\n")
    print("| phase | PostgreSQL | SQLite |\n| --- | ---: | ---: |")
    for phase in results["PostgreSQL"]["phases"]:
        print(f"| {phase} | {results['PostgreSQL']['phases'][phase]:.0f} | "
              f"{results['SQLite']['phases'].get(phase, 0):.0f} |")
    if copy_seconds is None:
        print("\n`meter copy`: not run (NO_COPY)\n")
    else:
        print(f"\n`meter copy` of the whole SQLite installation into PostgreSQL: {copy_seconds:.1f} s\n")
    print("| page | PostgreSQL median (ms) | PostgreSQL p99 (ms) | n | SQLite median (ms) | SQLite p99 (ms) | n |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, (name, _) in enumerate(pages()):
        cells = []
        for engine in ("PostgreSQL", "SQLite"):
            _, median, p99, n = results[engine]["pages"][i]
            cells += ["not in this build", "", ""] if median is None else [f"{median:.1f}", f"{p99:.1f}", str(n)]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
