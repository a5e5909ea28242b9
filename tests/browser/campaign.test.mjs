// A campaign from end to end in a real browser (issue 14, "done when"), on a fresh installation
// with the bundled UN E-Government Survey figures and a real SMTP server (tests/app/smtp_server.py,
// Debian's aiosmtpd on loopback). Three countries (Kenya, Rwanda, Estonia) have a coordinator each;
// the secretariat finds them on the countries' pages and adds one more; each coordinator creates a round and invites two respondents at once from a
// file (a CSV for two countries, an XLSX workbook for the third); the invitations arrive at the
// SMTP server, each with its personal link; each respondent opens the link, downloads the
// questionnaire as a workbook, fills it in offline (openpyxl, as a spreadsheet program would) and
// uploads it; the coordinator reads the results, closes and publishes the round; the secretariat
// then sees the three countries on the campaign page with their EGDI beside their index, and
// compares them. Screenshots at phone and desktop width go to build/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, serve, stop, root, addUser, signIn, artifacts } from "./harness.mjs";

const password = "campaign-password-2026";
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };
// Each country, its coordinator, the level its respondents answer at (the n-th choice of each
// drop-down) and the file format of its invitations.
const countries = [
  { iso3: "KEN", name: "Kenya", coordinator: "coordinator@ken.example", level: 3, format: "csv" },
  { iso3: "RWA", name: "Rwanda", coordinator: "coordinator@rwa.example", level: 1, format: "xlsx" },
  { iso3: "EST", name: "Estonia", coordinator: "coordinator@est.example", level: 4, format: "csv" },
];

let env, smtp, mailDir;

// Starts the test's SMTP server and resolves with its port once it listens.
function startSmtp(dir) {
  return new Promise((ok, fail) => {
    const server = spawn("/usr/bin/python3", [join(root, "tests/app/smtp_server.py"), dir],
                         { stdio: ["ignore", "pipe", "pipe"] });
    let said = "";
    server.stdout.on("data", (d) => {
      said += d;
      const ready = said.match(/ready (\d+)/);
      if (ready) ok({ server, port: Number(ready[1]) });
    });
    server.stderr.on("data", (d) => { said += d; });
    server.on("exit", (code) => fail(new Error(`the SMTP server stopped (${code}): ${said}`)));
  });
}

// The messages the SMTP server accepted, as smtp_server.py describes them.
function received() {
  return readdirSync(mailDir).filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(readFileSync(join(mailDir, f), "utf8")));
}

// The message sent to `address`, waited for (METER's outbox sends every second here).
async function messageTo(address) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const found = received().find((m) => m.rcpt_tos.includes(address));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no message to ${address}: ${JSON.stringify(received())}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Runs tests/report/offline_workbook.py; throws with what it said when it fails.
function workbookScript(args) {
  const r = spawnSync("/usr/bin/python3", [join(root, "tests/report/offline_workbook.py"), ...args],
                      { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`offline_workbook.py ${args[0]}: ${r.stderr}`);
  return r.stdout.trim();
}

// The file of the people `country` invites: two respondents, as CSV text or an XLSX workbook
// typed in a spreadsheet.
function invitationFile(country) {
  const people = [
    ["name", "email", "group", "language", "pillars"],
    [`Official ${country.iso3} one`, `one@${country.iso3.toLowerCase()}.example`, "Central government", "en", ""],
    [`Official ${country.iso3} two`, `two@${country.iso3.toLowerCase()}.example`, "Civil society", "fr", ""],
  ];
  if (country.format === "csv") {
    return { name: "people.csv", mimeType: "text/csv",
             buffer: Buffer.from(people.map((row) => row.join(",")).join("\n") + "\n") };
  }
  const edits = [];
  people.forEach((row, r) => row.forEach((value, c) => {
    if (value) edits.push({ sheet: "#0", cell: `${String.fromCharCode(65 + c)}${r + 1}`, value });
  }));
  const dir = mkdtempSync(join(tmpdir(), "meter-people-"));
  writeFileSync(join(dir, "edits.json"), JSON.stringify(edits));
  workbookScript(["new", join(dir, "people.xlsx"), join(dir, "edits.json")]);
  const buffer = readFileSync(join(dir, "people.xlsx"));
  rmSync(dir, { recursive: true, force: true });
  return { name: "people.xlsx",
           mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer };
}

async function shoot(page, name) {
  for (const [size, suffix] of [[phone, "phone"], [desktop, "desktop"]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(artifacts, `${name}-${suffix}.png`), fullPage: true });
  }
  await page.setViewportSize(desktop);
}

// Clicks what `locator` finds and waits for the page it leads to.
async function follow(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

async function newPage() {
  const context = await env.browser.newContext({ viewport: desktop });
  return context.newPage();
}

before(async () => {
  env = await start();
  mailDir = mkdtempSync(join(tmpdir(), "meter-campaign-mail-"));
  smtp = await startSmtp(mailDir);
  addUser(env.db, "secretariat@un.example", "admin", password);
  for (const c of countries) addUser(env.db, c.coordinator, "coordinator", password, ["--country", c.iso3]);
  await serve(env, ["--smtp", `smtp://127.0.0.1:${smtp.port}`, "--mail-from", "meter@un.example",
                    "--mail-check", "1"]);
});

after(async () => {
  await stop(env);
  smtp?.server.kill("SIGTERM");
  rmSync(mailDir, { recursive: true, force: true });
});

test("a campaign of three countries: invitations by e-mail, answers offline, results, comparison", async () => {
  // The secretariat finds each country's coordinator on its page, and adds Kenya's as a second
  // coordinator of Rwanda.
  const secretariat = await newPage();
  await signIn(env, secretariat, "secretariat@un.example", password);
  for (const c of countries) {
    await secretariat.goto(`${env.base}/admin/countries/${c.iso3}`);
    assert.ok((await secretariat.textContent("main")).includes(c.coordinator));
  }
  await secretariat.goto(`${env.base}/admin/countries/RWA`);
  await secretariat.fill("#coordinator-email", countries[0].coordinator);
  await follow(secretariat, secretariat.locator('form[action$="/coordinators"] button[type="submit"]'));
  assert.ok((await secretariat.textContent("main")).includes(countries[0].coordinator));

  const rounds = {};
  for (const c of countries) {
    // The coordinator creates the round and opens it.
    const coordinator = await newPage();
    await signIn(env, coordinator, c.coordinator, password);
    await coordinator.goto(`${env.base}/rounds`);
    await coordinator.selectOption("#country", c.iso3);
    await coordinator.fill("#title", `${c.name} 2026 self-assessment`);
    await coordinator.fill("#year", "2026");
    await follow(coordinator, coordinator.locator('form[action="/rounds"] button[type="submit"]'));
    const roundUrl = coordinator.url();
    assert.match(roundUrl, /\/rounds\/\d+$/, await coordinator.textContent("main"));
    rounds[c.iso3] = roundUrl;
    await follow(coordinator, coordinator.locator("button", { hasText: "Open the round" }));

    // Invites two people at once from a file; the round page says so.
    await coordinator.setInputFiles("#bulk-file", invitationFile(c));
    await follow(coordinator, coordinator.locator("#bulk-invite button[type=submit]"));
    assert.match(await coordinator.textContent("main"), /2 respondents are invited/);
    if (c.iso3 === "RWA") await shoot(coordinator, "campaign-round-invited");

    for (const who of ["one", "two"]) {
      // The invitation arrives by e-mail in the respondent's language, with the personal link.
      const address = `${who}@${c.iso3.toLowerCase()}.example`;
      const message = await messageTo(address);
      assert.equal(message.mail_from, "meter@un.example");
      const link = message.body.match(/https?:\/\/\S+\/r\/[A-Za-z0-9_-]{43}/);
      assert.ok(link, `a link in: ${message.body}`);

      // The respondent opens it, downloads the workbook, answers offline and uploads it.
      const respondent = await newPage();
      await respondent.goto(link[0].replace(/^https?:\/\/[^/]+/, env.base));
      await respondent.waitForURL(/\/q\/1$/);
      await respondent.goto(`${env.base}/offline`);
      const [download] = await Promise.all([
        respondent.waitForEvent("download"),
        respondent.click('button[name="kind"][value="xlsx"]'),
      ]);
      const dir = mkdtempSync(join(tmpdir(), "meter-offline-"));
      const blank = join(dir, "blank.xlsx"), filled = join(dir, "filled.xlsx");
      await download.saveAs(blank);
      const answered = Number(workbookScript(["answer-all", blank, filled, String(c.level)]));
      assert.ok(answered > 50, `the workbook had ${answered} statements to answer`);
      await respondent.setInputFiles("#offline-file", filled);
      // The upload's answer is the page itself (200), in the respondent's language.
      const [posted] = await Promise.all([
        respondent.waitForResponse((r) => r.request().method() === "POST"),
        respondent.click('form[enctype="multipart/form-data"] button[type="submit"]'),
      ]);
      assert.equal(posted.status(), 200, await posted.text());
      await respondent.waitForLoadState();
      assert.equal(await respondent.locator(".usa-alert--error").count(), 0,
                   await respondent.textContent("main"));
      const stored = await respondent.evaluate(async () => (await (await fetch("/api/answers")).json()).answers);
      assert.equal(Object.keys(stored).length, answered, "every answer of the workbook was saved");
      if (c.iso3 === "KEN" && who === "one") await shoot(respondent, "campaign-offline-saved");
      rmSync(dir, { recursive: true, force: true });
      await respondent.context().close();
    }

    // The coordinator reads the results, then closes and publishes the round.
    await coordinator.goto(`${roundUrl}/results`);
    assert.match(await coordinator.textContent(".meter-index__value"), /\d/);
    assert.match(await coordinator.textContent("#provisional"), /Provisional results/);
    if (c.iso3 === "EST") await shoot(coordinator, "campaign-results");
    await coordinator.goto(`${roundUrl}/close`);
    await follow(coordinator, coordinator.locator('form[action$="/status"] button[type="submit"]'));
    await follow(coordinator, coordinator.locator("button", { hasText: "Publish the results" }));
    assert.match(await coordinator.textContent("main"), /published/);
    await coordinator.context().close();
  }

  // The secretariat sees the three countries, each with its index and its EGDI beside it.
  await secretariat.goto(`${env.base}/campaign`);
  assert.match(await secretariat.textContent('[role="status"]'), /3 countries/);
  for (const c of countries) {
    const row = secretariat.locator("tbody tr", { hasText: c.name });
    const cells = await row.locator("td").allTextContents();
    assert.ok(cells.some((t) => /\d+\.\d · (Low|Middle|High|Very high)/.test(t)), cells.join(" | "));
    assert.ok(cells.some((t) => /0\.\d{3} \(2018\)/.test(t)), cells.join(" | "));
    assert.ok(cells.includes("Yes"), "published");
  }
  await shoot(secretariat, "campaign-three-countries");

  // And compares the published countries, with the fitted line against the EGDI.
  await secretariat.goto(`${env.base}/compare`);
  const compared = await secretariat.textContent("main");
  for (const c of countries) assert.match(compared, new RegExp(c.name));
  assert.match(compared, /least-squares line over 3 countries/);
  await shoot(secretariat, "campaign-compare");
});
