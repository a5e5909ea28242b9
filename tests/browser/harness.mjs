// Starts the real `meter serve` on a free port with a fresh SQLite file, and Debian's Chromium
// through Playwright. Used by the browser tests; everything is torn down by stop().
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const root = resolve(new URL("../..", import.meta.url).pathname);
export const meter = process.env.METER_BINARY || join(root, "build/src/app/meter");
export const artifacts = process.env.METER_ARTIFACTS || join(root, "build/artifacts");

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export function addUser(db, email, role, password, extra = []) {
  const r = spawnSync(meter, ["user", "add", "--db", db, "--email", email, "--role", role, ...extra],
                      { cwd: root, input: password + "\n", encoding: "utf8" });
  if (r.status !== 0) throw new Error(`meter user add failed: ${r.stderr}`);
}

export async function start() {
  const dir = mkdtempSync(join(tmpdir(), "meter-browser-"));
  const db = `sqlite:${join(dir, "meter.db")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  mkdirSync(artifacts, { recursive: true });
  return { dir, db, port, base };
}

// `extra` are more `meter serve` options, such as ["--demo"].
export async function serve(env, extra = []) {
  const server = spawn(meter, ["serve", "--db", env.db, "--listen", `127.0.0.1:${env.port}`, ...extra],
                       { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (d) => { output += d; });
  server.stderr.on("data", (d) => { output += d; });
  // A wait, not a measure: the demo's first start releases METER 3.0 through the channel, which on
  // a loaded 2-core machine (ctest -j2 beside the fuzzers) takes many seconds.
  const deadline = Date.now() + 90000;
  while (!output.includes("METER is running")) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  env.server = server;
  env.browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    // Playwright gives each launch a fresh, empty profile of its own.
  });
  return env;
}

export async function stop(env) {
  if (env.browser) await env.browser.close();
  if (env.server) env.server.kill("SIGTERM");
  rmSync(env.dir, { recursive: true, force: true });
}

// Invites a respondent through the round page's form. The POST redirects back to the round page
// (Post/Redirect/Get), which shows the new link once: wait for that page before reading it, or the
// link of the page before could be read.
export async function invite(page, name, group, pillars = []) {
  await page.fill("#r-name", name);
  await page.selectOption("#r-group", group);
  for (const p of pillars) await page.click(`label[for="p-${p}"]`);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('form[action$="/respondents"] button[type="submit"]'),
  ]);
  const posted = response.request().redirectedFrom();
  if (!posted || posted.method() !== "POST") {
    throw new Error(`the invitation was not redirected: ${response.status()} ${await response.text()}`);
  }
  return await page.inputValue("input.meter-link");
}

// Signs in as the demo round's coordinator (`meter serve --demo`) in a context of its own, and
// returns invite(name, fields) → the invitation link of a new respondent made through the API, of
// the group "Civil society" and asked about Commitment only unless `fields` says otherwise
// (e.g. { language: "fr" }). A refused invitation throws with the server's answer.
export async function demoInviter(env) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(env, page, "coordinator@demo.meter", "demo-password-2026");
  await page.click("text=Aurelia 2026 self-assessment (demo)");
  const round = page.url().match(/\/rounds\/(\d+)$/)[1];
  return async (name, fields = {}) => page.evaluate(async ([round, respondent]) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const response = await fetch(`/api/rounds/${round}/respondents`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(respondent),
    });
    const body = await response.text();
    if (response.status !== 201) throw new Error(`${response.status} ${body}`);
    return JSON.parse(body).link;
  }, [round, { name, group: "Civil society", pillars: ["C"], ...fields }]);
}

// Signs in through the form and waits for the page it leads to.
export async function signIn(env, page, email, password) {
  await page.goto(`${env.base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click('form[action="/login"] button[type="submit"]');
  await page.waitForLoadState();
}

// A screenshot into build/artifacts/ of a page among several open contexts: Chromium captures only
// a page that is in front (a page behind another context's can fail with "Unable to capture").
export async function shoot(page, name, fullPage = true) {
  await page.bringToFront();
  await page.screenshot({ path: join(artifacts, name), fullPage });
}
