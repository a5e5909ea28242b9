"""Shared helpers of the benchmarks that drive `meter serve` (bench/http, bench/load, bench/report):
standard library only.

Starting `meter serve`, nginx and a throwaway PostgreSQL server, a keep-alive HTTP client with cookies and the CSRF token, setting up
an open METER 2.0 round through the JSON API, running wrk and reading peak RSS from /proc.
"""
import http.client
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
METER = os.environ.get("METER", os.path.join(ROOT, "build/src/app/meter"))
PASSWORD = "benchmark-password-1"
COORDINATOR = "bench@example.org"
GROUPS = ["Central government", "Agencies", "Civil society"]
VALUES = ["0", "1", "2", "3", "4", "DK", "2", "3", "NA", "1"]
PG_BIN = os.environ.get("METER_PG_BINDIR", "/usr/lib/postgresql/15/bin")


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Client:
    """A keep-alive HTTP client with a cookie jar and the CSRF token of the last page."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.cookies = {}
        self.csrf = ""

    def cookie_header(self):
        """The Cookie header value that sends every cookie of the jar."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method, path, body=None, content_type=None):
        """Sends one request; keeps the cookies it sets and the CSRF token of its page.
        Returns (status, body as text)."""
        headers = {"Cookie": self.cookie_header()}
        if content_type:
            headers["Content-Type"] = content_type
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        for value in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        m = re.search(r'name="csrf-token" content="([^"]+)"', data)
        if m:
            self.csrf = m.group(1)
        return r.status, data

    def form(self, path, fields):
        """POSTs an HTML form with the CSRF token."""
        fields = dict(fields, csrf=self.csrf)
        return self.request("POST", path, urllib.parse.urlencode(fields), "application/x-www-form-urlencoded")

    def json(self, method, path, value):
        """Sends `value` as a JSON body; returns (status, body as text)."""
        return self.request(method, path, json.dumps(value), "application/json")


def add_coordinator(db):
    """Adds the benchmark's coordinator (for country ARM) to the database `db` with `meter user add`."""
    subprocess.run([METER, "user", "add", "--db", db, "--email", COORDINATOR, "--role", "coordinator",
                    "--country", "ARM"], input=PASSWORD + "\n", text=True, check=True, cwd=ROOT,
                   capture_output=True)


def start_meter(db, port, log_path, public_url, threads=2, extra=(), timeout=60):
    """Starts `meter serve` with its output in `log_path` and waits until it says it is running.
    Returns the process; raises SystemExit with the log when it exits or does not start in time."""
    log = open(log_path, "w")
    server = subprocess.Popen([METER, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", "--threads",
                               str(threads), "--public-url", public_url, *extra],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(log_path, errors="replace") as f:
            text = f.read()
        if "METER is running" in text:
            return server
        if server.poll() is not None:
            break
        time.sleep(0.1)
    stop(server)
    raise SystemExit(f"bench: the server did not start:\n{text}")


def start_nginx(directory, http_block, workers=2):
    """Starts nginx (`workers` worker processes, in the foreground) with `http_block` as the body of its
    http {} block; its pid file, logs and temp files live in `directory`, which its workers (not root)
    must be able to enter, as must every folder above it. Returns the process."""
    os.chmod(directory, 0o711)
    conf = os.path.join(directory, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes {workers}; daemon off; pid {directory}/nginx.pid;
error_log {directory}/nginx.err;
events {{ worker_connections 4096; }}
http {{ access_log off; default_type text/html;
  client_body_temp_path {directory}/client_body; proxy_temp_path {directory}/proxy;
  fastcgi_temp_path {directory}/fastcgi; uwsgi_temp_path {directory}/uwsgi; scgi_temp_path {directory}/scgi;
{http_block}
}}
""")
    nginx = subprocess.Popen(["nginx", "-c", conf, "-p", directory], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    if nginx.poll() is not None:
        with open(os.path.join(directory, "nginx.err"), errors="replace") as f:
            raise SystemExit(f"bench: nginx did not start:\n{f.read()}")
    return nginx


def static_site(directory, files):
    """Writes `files` ({name: text}) into `directory`/www for nginx to serve; returns that folder.
    nginx's workers do not run as root: `directory` (made by mkdtemp, mode 0700) is opened for them
    to pass through, else every request would get a 403 page instead of the file."""
    os.chmod(directory, 0o711)
    www = os.path.join(directory, "www")
    os.makedirs(www, mode=0o755)
    for name, text in files.items():
        path = os.path.join(www, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(path, 0o644)
    return www


def stop(process):
    """Terminates a process we started and waits for it (kills it after 10 s); None is ignored."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def sign_in_coordinator(port):
    """Signs the benchmark's coordinator in through the login form; returns their Client."""
    coord = Client(port)
    coord.request("GET", "/login")
    status, _ = coord.form("/login", {"email": COORDINATOR, "password": PASSWORD, "next": "/rounds"})
    assert status == 303, status
    coord.request("GET", "/rounds")
    return coord


def open_round(coord, title="Benchmark"):
    """Creates a METER 2.0 round for ARM titled `title` and opens it; returns its ID."""
    status, body = coord.json("POST", "/api/rounds", {"country": "ARM", "title": title, "year": 2026,
                                                      "instrument": {"id": "meter", "version": "2.0"}})
    assert status == 201, body
    round_id = json.loads(body)["id"]
    status, body = coord.form(f"/rounds/{round_id}/status", {"to": "open"})
    assert status == 303, (status, body)
    return round_id


def instrument_pages(coord):
    """The statement IDs of METER 2.0, one list per questionnaire page (one page per sub-area)."""
    status, body = coord.request("GET", "/api/instruments/meter/2.0")
    assert status == 200, body
    return [[s["id"] for s in a["statements"]] for p in json.loads(body)["pillars"] for a in p["subareas"]]


def invite(coord, round_id, i):
    """Invites respondent number `i` (groups in turn) to the round; returns the invitation link's path."""
    status, body = coord.json("POST", f"/api/rounds/{round_id}/respondents",
                              {"name": f"respondent-{i}", "group": GROUPS[i % len(GROUPS)]})
    assert status == 201, (status, body)
    link = json.loads(body)["link"]
    return link[link.index("/r/"):]


def enter(port, link):
    """Opens an invitation link and the first questionnaire page as a new respondent; returns their
    Client, signed in and holding the session's CSRF token."""
    r = Client(port)
    status, body = r.request("GET", link)
    assert status == 303, (status, body)
    status, body = r.request("GET", "/q/1")
    assert status == 200 and r.csrf, (status, body[:500])
    return r


def parse_ms(value, unit):
    """A wrk duration (a number and us, ms, s or m) in milliseconds."""
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, seconds, connections, threads=2, headers=(), script=None, script_args=(), timeout_s=None):
    """Runs wrk with --latency; returns a dict with rps, p99_ms, max_ms, requests, non_2xx_3xx (wrk's
    count of statuses above 399), socket errors (connect, read, write, timeout) and wrk's whole
    output. wrk counts a response slower than 2 s (or `timeout_s`) as a time-out and leaves it out of its latency
    figures, which it corrects for coordinated omission (a stalled connection's missed requests)."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if timeout_s:
        cmd.append(f"--timeout={timeout_s}s")
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    if script_args:
        cmd += ["--", *script_args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s|m)\b", out)
    latency = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)\b", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": parse_ms(p99.group(1), p99.group(2)),
        "max_ms": parse_ms(latency.group(1), latency.group(2)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket": dict(zip(("connect", "read", "write", "timeout"),
                           map(int, socket_errors.groups()) if socket_errors else (0, 0, 0, 0))),
        "output": out,
    }


def peak_rss_mib(pid):
    """The peak resident set size (VmHWM) of a running process, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) / 1024


def reset_peak_rss(pid):
    """Sets the process's VmHWM back to its current RSS (Linux's clear_refs "5"), so that the next
    peak_rss_mib is the peak of what it did since."""
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def children(pid):
    """The PIDs of a process's children (nginx's workers, say)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


class AcceptQueueWatch:
    """Samples, every `interval` seconds while in a `with` block, how many connections wait to be
    accepted on each of `ports` (127.0.0.1, from /proc/net/tcp); `peak` holds the largest count per
    port and `waiting_s` for how many seconds of samples any were waiting."""

    def __init__(self, ports, interval=0.1):
        self.ports = {f"0100007F:{port:04X}": port for port in ports}
        self.interval = interval
        self.peak = dict.fromkeys(ports, 0)
        self.waiting_s = dict.fromkeys(ports, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        """Reads the listening sockets' accept queues until stopped."""
        while not self._stop.wait(self.interval):
            with open("/proc/net/tcp") as f:
                for line in f.readlines()[1:]:
                    fields = line.split()
                    port = self.ports.get(fields[1])
                    if port and fields[3] == "0A":  # LISTEN: rx_queue is the accept queue
                        queued = int(fields[4].split(":")[1], 16)
                        self.peak[port] = max(self.peak[port], queued)
                        self.waiting_s[port] += self.interval if queued else 0

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class Postgres:
    """A throwaway PostgreSQL server in its own temporary directory, on 127.0.0.1 with trust
    authentication and otherwise default settings (fsync and synchronous_commit on). As root, its
    programs run as the `postgres` user, since PostgreSQL refuses to run as root."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="meter-bench-pg-")
        self.port = free_port()
        self.running = False
        self.as_server_user = []
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(self.dir, pg.pw_uid, pg.pw_gid)
            self.as_server_user = ["/usr/sbin/runuser", "-u", "postgres", "--"]

    def run(self, program, *args):
        """Runs one of PostgreSQL's programs in the server's directory; fails with its output."""
        done = subprocess.run([*self.as_server_user, os.path.join(PG_BIN, program), *args], cwd=self.dir,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"bench: {program} failed:\n{done.stdout}{done.stderr}{self.log()}")

    def start(self):
        """Creates the cluster, starts the server and creates the database `meter` owned by `meter`."""
        self.run("initdb", "-D", "data", "-U", "meter", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                 "--no-instructions")
        self.run("pg_ctl", "-D", "data", "-l", "server.log", "-w", "-t", "60", "-o",
                 f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1", "start")
        self.running = True
        self.run("createdb", "-h", self.dir, "-p", str(self.port), "-U", "meter", "meter")

    def pid(self):
        """The postmaster's process ID (its backends are its children)."""
        with open(os.path.join(self.dir, "data", "postmaster.pid")) as f:
            return int(f.readline())

    def url(self):
        """METER's --db URL of the database, over TCP."""
        return f"postgresql://meter@127.0.0.1:{self.port}/meter"

    def log(self):
        """The server's log so far, or nothing."""
        try:
            with open(os.path.join(self.dir, "server.log"), errors="replace") as f:
                return "\n--- PostgreSQL log ---\n" + f.read()
        except OSError:
            return ""

    def close(self):
        """Stops the server (if it runs) and removes its directory."""
        if self.running:
            self.running = False
            self.run("pg_ctl", "-D", "data", "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
