"""Measures METER's web pages against nginx static files, in one run on one machine.

1. Starts `meter serve` (2 threads) on a fresh SQLite file, signs a coordinator in, creates an open
   round of METER 2.0 and 50 respondents who answer every statement (through the JSON API).
2. Saves the bytes of a respondent's questionnaire page and of the round's results page, and has
   nginx (2 workers, the same 2 cores) serve them as static files.
3. Runs wrk against each of the four, at 64 and at 256 connections, and reads the server's peak RSS.
Prints a Markdown table with req/s, p99 latency and the ratio to nginx.
"""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
METER = os.environ.get("METER", os.path.join(ROOT, "build/src/app/meter"))
SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
PASSWORD = "benchmark-password-1"


def free_port():
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

    def request(self, method, path, body=None, content_type=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
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
        fields = dict(fields, csrf=self.csrf)
        return self.request("POST", path, urllib.parse.urlencode(fields), "application/x-www-form-urlencoded")


def prepare(port, tmp):
    coord = Client(port)
    coord.request("GET", "/login")
    status, _ = coord.form("/login", {"email": "bench@example.org", "password": PASSWORD, "next": "/rounds"})
    assert status == 303, status
    coord.request("GET", "/rounds")
    status, body = coord.request("POST", "/api/rounds", json.dumps(
        {"country": "ARM", "title": "Benchmark", "year": 2026, "instrument": {"id": "meter", "version": "2.0"}}),
        "application/json")
    assert status == 201, body
    round_id = json.loads(body)["id"]
    coord.form(f"/rounds/{round_id}/status", {"to": "open"})
    statements = []
    for p in json.loads(coord.request("GET", "/api/instruments/meter/2.0")[1])["pillars"]:
        for a in p["subareas"]:
            statements += [s["id"] for s in a["statements"]]
    groups = ["Central government", "Agencies", "Civil society"]
    values = ["0", "1", "2", "3", "4", "DK", "2", "3", "NA", "1"]
    first = None
    for i in range(50):
        status, body = coord.request("POST", f"/api/rounds/{round_id}/respondents", json.dumps(
            {"name": f"respondent-{i}", "group": groups[i % 3]}), "application/json")
        link = json.loads(body)["link"]
        r = Client(port)
        r.request("GET", link[link.index("/r/"):])
        r.request("GET", "/q/1")
        for k, s in enumerate(statements):
            status, body = r.request("PUT", f"/api/answers/{s}",
                                     json.dumps({"value": values[(i + k) % 10], "version": 0}), "application/json")
            assert status == 200, body
        first = first or r
    q_status, q_page = first.request("GET", "/q/1")
    r_status, r_page = coord.request("GET", f"/rounds/{round_id}/results")
    assert q_status == 200 and r_status == 200
    return {
        "questionnaire": (f"/q/1", first.cookies, q_page),
        "results": (f"/rounds/{round_id}/results", coord.cookies, r_page),
    }


def wrk(url, cookies, connections):
    header = "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--latency", "-H", header, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rps, p99_ms, int(errors.group(1)) if errors else 0, socket_errors.group(1) if socket_errors else ""


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) / 1024


def main():
    tmp = tempfile.mkdtemp(prefix="meter-bench-http-")
    db = f"sqlite:{tmp}/meter.db"
    subprocess.run([METER, "user", "add", "--db", db, "--email", "bench@example.org", "--role", "coordinator",
                    "--country", "ARM"], input=PASSWORD + "\n", text=True, check=True, cwd=ROOT, capture_output=True)
    port = free_port()
    server = subprocess.Popen([METER, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", "--threads", "2",
                               "--public-url", f"http://127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    nginx = None
    try:
        # The server prints what it loaded (the knowledge base, say) before it is ready.
        for line in server.stdout:
            if "METER is running" in line:
                break
        else:
            raise SystemExit("bench: the server did not start")
        pages = prepare(port, tmp)
        rss_after_setup = peak_rss_mib(server.pid)
        www = os.path.join(tmp, "www")
        os.makedirs(www)
        for name, (_, _, body) in pages.items():
            with open(os.path.join(www, name + ".html"), "w", encoding="utf-8") as f:
                f.write(body)
        nginx_port = free_port()
        conf = os.path.join(tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes 2; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/nginx.err;
events {{ worker_connections 1024; }}
http {{ access_log off; default_type text/html;
  server {{ listen 127.0.0.1:{nginx_port}; root {www}; }} }}
""")
        nginx = subprocess.Popen(["nginx", "-c", conf, "-p", tmp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        rows = []
        rss_by_run = []
        for name, (path, cookies, body) in pages.items():
            for c in (64, 256):
                m = wrk(f"http://127.0.0.1:{port}{path}", cookies, c)
                rss_by_run.append(f"{name}@{c}: {peak_rss_mib(server.pid):.1f}")
                n = wrk(f"http://127.0.0.1:{nginx_port}/{name}.html", {}, c)
                rows.append((name, len(body.encode()), c, m, n))
        rss = peak_rss_mib(server.pid)
        print(f"pages: questionnaire {rows[0][1]} bytes, results {rows[2][1]} bytes; {SECONDS} s per run; "
              f"50 respondents × 124 statements")
        print("| page | connections | METER req/s | nginx static req/s | ratio | METER p99 (ms) | nginx p99 (ms) | METER errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, size, c, m, n in rows:
            print(f"| {name} | {c} | {m[0]:.0f} | {n[0]:.0f} | {m[0] / n[0]:.2f} | {m[1]:.2f} | {n[1]:.2f} | "
                  f"{m[2]}{' ' + m[3] if m[3] else ''} |")
        print(f"\nMETER server peak RSS: {rss:.1f} MiB (after setting up the round: {rss_after_setup:.1f} MiB; "
              f"after each run: {', '.join(rss_by_run)})")
    finally:
        server.terminate()
        server.wait()
        if nginx:
            nginx.terminate()
            nginx.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
