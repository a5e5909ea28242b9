// WCAG 2.2 AA, checked by axe-core (npm) in a real browser on the demo (`meter serve --demo`): every
// role — a stranger, the secretariat (admin), a coordinator, an expert and a respondent through an
// invitation link — visits every page it can reach (src/web/routes.cpp), in English and in Arabic
// (right to left), at desktop (1280 px) and phone (390 px) width, including the pages that say a
// form was refused. Each page is checked with every <details> opened, so that what they hide
// (the chart data tables, the comment fields) is checked too. A test fails naming every violation:
// the rule, the elements, the page, the language, the width and the role. No rule is turned off;
// small informative text is also held to AAA contrast (7:1).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, serve, stop, addUser, signIn } from "./harness.mjs";

const require = createRequire(import.meta.url);
// Evaluated in the page rather than added as a <script>: the site's Content-Security-Policy allows
// only its own scripts, and it stays on while the pages are checked.
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
// Small text that still informs — hints, captions, dates, notes, the saved status — is held to the
// 7:1 contrast of AAA (axe's color-contrast-enhanced), beyond the 4.5:1 of AA that all text meets.
// Links and <summary> controls among it keep the USWDS link colours (6.7:1, AA).
const SMALL_TEXT = [".meter-small", ".usa-hint", ".meter-crumb", ".meter-withheld", ".meter-facts dt",
                    ".meter-footer", ".meter-overview", ".meter-saved", ".meter-counter", "figcaption",
                    "caption", ".meter-nav__who", ".meter-brand__sub"];
const LANGUAGES = ["en", "ar"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const password = "demo-password-2026";
const expert = { email: "expert@test.example", password: "expert-password-for-tests" };

let env;
let round;      // the demo round's number
let rid;        // a respondent of the demo round, for the confirmation pages
let drafts = 0; // the instrument drafts the secretariat's passes started (9.1, 9.2…)
let later;      // a second round of the same country, for the progress comparison
let slug;       // a knowledge entry

before(async () => {
  env = await start();
  addUser(env.db, expert.email, "expert", expert.password);
  await serve(env, ["--demo"]);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(env, page, "coordinator@demo.meter", password);
  await page.click("text=Aurelia 2026 self-assessment (demo)");
  round = page.url().match(/\/rounds\/(\d+)$/)[1];
  rid = (await page.getAttribute('a[href$="/revoke"]', "href")).match(/respondents\/(\d+)/)[1];
  // A second round (a draft) gives the progress page a round to compare with.
  later = await page.evaluate(async () => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const response = await fetch("/api/rounds", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ country: "XDM", title: "Aurelia 2028 (draft)", year: 2028,
                             instrument: { id: "meter", version: "2.0" } }),
    });
    return (await response.json()).id;
  });
  assert.ok(later, "a second round was created");
  // Issue 13: a published round of Aurelia (without answers, so its scores are withheld) gives the
  // public country page a row, a trend and withheld cells to check.
  const published = await page.evaluate(async () => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const made = await fetch("/api/rounds", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ country: "XDM", title: "Aurelia 2024 (published)", year: 2024,
                             instrument: { id: "meter", version: "2.0" } }),
    });
    const id = (await made.json()).id;
    const form = (fields) => ({ method: "POST", body: new URLSearchParams({ csrf, ...fields }) });
    const statuses = [];
    for (const [path, fields] of [["status", { to: "open" }], ["status", { to: "closed" }], ["publish", {}]]) {
      statuses.push((await fetch(`/rounds/${id}/${path}`, form(fields))).status);
    }
    return statuses;
  });
  assert.deepEqual(published, [200, 200, 200], "the 2024 round was opened, closed and published");
  await page.goto(`${env.base}/knowledge`);
  slug = (await page.getAttribute(".meter-entries a", "href")).replace("/knowledge/", "");
  await context.close();
});
after(async () => { await stop(env); });

// A new invitation link of the demo round (asked of the API as the coordinator).
async function invitation(name) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(env, page, "coordinator@demo.meter", password);
  const link = await page.evaluate(async ([round, name]) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const response = await fetch(`/api/rounds/${round}/respondents`, {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ name, group: "Civil society" }),
    });
    return [response.status, await response.text()];
  }, [round, name]);
  await context.close();
  assert.equal(link[0], 201, `the invitation of ${name}: ${link[1]}`);
  return JSON.parse(link[1]).link;
}

// One browser of `role` in `lang` at `viewport`, and the violations found on its pages.
class Visitor {
  constructor(role, lang, viewport) {
    this.role = role;
    this.lang = lang;
    this.viewport = viewport;
    this.found = [];
    this.checked = 0;
  }

  async open() {
    this.context = await env.browser.newContext({ viewport: this.viewport });
    await this.context.addCookies([{ name: "meter_lang", value: this.lang, url: env.base }]);
    this.page = await this.context.newPage();
    return this.page;
  }

  async close() { await this.context.close(); }

  // Goes to `path` and checks the page.
  async visit(path, name = path) {
    await this.page.goto(`${env.base}${path}`);
    await this.check(name);
  }

  // Checks the page the browser shows now.
  async check(name) {
    const page = this.page;
    await page.waitForLoadState();
    assert.equal(await page.getAttribute("html", "lang"), this.lang, `${name} is in ${this.lang}`);
    await page.evaluate(() => { for (const d of document.querySelectorAll("details")) d.open = true; });
    if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
    const violations = await page.evaluate(async ([tags, small]) => {
      const list = (result) => result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)})` : ""}`),
      }));
      const found = list(await window.axe.run(document, {
        runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }));
      const include = small.filter((s) => document.querySelector(s)).map((s) => [s]);
      if (include.length) {
        found.push(...list(await window.axe.run({ include, exclude: [["a"], ["summary"]] }, {
          runOnly: { type: "rule", values: ["color-contrast-enhanced"] }, resultTypes: ["violations"] })));
      }
      return found;
    }, [TAGS, SMALL_TEXT]);
    // Reflow (WCAG 1.4.10), which axe does not check: nothing but a table or a chart, each in its
    // own scroll box, is wider than the screen.
    const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                                                 document.documentElement.clientWidth]);
    if (scrollWidth > clientWidth + 1) {
      violations.push({ id: "reflow", impact: "serious", nodes: [],
                        help: `the page is ${scrollWidth}px wide on a ${clientWidth}px screen` });
    }
    const where = `${this.role}, ${this.lang}, ${this.viewport.width}px, ${name} (${new URL(page.url()).pathname})`;
    for (const v of violations) {
      this.found.push(`${v.id} [${v.impact}] on ${where}: ${v.help}\n      ${v.nodes.slice(0, 8).join("\n      ")}`);
    }
    this.checked++;
  }

  // Submits the form holding `button` with the browser's own checks off (a field left empty on
  // purpose), and checks the page that answers.
  async refuse(button, name) {
    await this.page.evaluate((b) => { document.querySelector(b).form.noValidate = true; }, button);
    await Promise.all([this.page.waitForNavigation(), this.page.click(button)]);
    await this.check(name);
  }
}

// Runs `walk` for `role` in each language (and each of `viewports`), then fails listing everything
// found.
async function everywhere(role, walk, viewports = [DESKTOP, PHONE]) {
  const found = [];
  let checked = 0;
  for (const viewport of viewports) {
    for (const lang of LANGUAGES) {
      const visitor = new Visitor(role, lang, viewport);
      await visitor.open();
      await walk(visitor, visitor.page);
      await visitor.close();
      found.push(...visitor.found);
      checked += visitor.checked;
    }
  }
  assert.ok(checked > 0);
  assert.equal(found.length, 0, `${found.length} accessibility violations in ${checked} pages:\n  ${found.join("\n  ")}`);
}

test("a stranger's pages", async () => {
  await everywhere("stranger", async (v) => {
    await v.visit("/", "home");
    await v.visit("/login", "sign-in form");
    await v.page.fill("#email", "coordinator@demo.meter");
    await v.page.fill("#password", "not the password");
    await Promise.all([v.page.waitForNavigation(), v.page.click('form[action="/login"] button[type="submit"]')]);
    await v.check("sign-in refused");
    await v.visit("/knowledge", "knowledge list");
    await v.visit("/knowledge?q=identity&pillar=T", "knowledge search");
    await v.visit(`/knowledge/${slug}`, "knowledge entry");
    await v.visit("/knowledge/no-such-entry", "error page (not found)");
    await v.visit("/knowledge?region=002", "knowledge list by region");
    await v.visit("/countries", "countries and regions");
    await v.visit("/countries/XDM", "a country with a published round");
    await v.visit("/countries/FRA", "a country without a published round");
    await v.visit("/regions/002", "a region");
    await v.visit("/rounds", "sign-in asked for a page that needs it");
  });
});

test("the secretariat's pages", async () => {
  await everywhere("admin", async (v, page) => {
    await signIn(env, page, "admin@demo.meter", password);
    await v.check("after signing in");
    await v.visit("/admin/users", "users");
    await v.refuse('form[action="/admin/users"] button[type="submit"]', "users, a user refused");
    await v.visit("/admin/audit", "audit log");
    await v.visit("/admin/audit?round=x&from=2026-13-01", "audit log, filter refused");
    await v.visit("/admin/audit?action=round.create", "audit log, filtered");
    await page.goto(`${env.base}/admin/users`);
    await page.click(`a[href^="/admin/users/"]:has-text("${expert.email}")`);
    await page.waitForURL(/\/admin\/users\/\d+$/);
    const user = new URL(page.url()).pathname;
    await v.check("user edit");
    await page.selectOption("#edit-role", "coordinator");
    await page.selectOption("#edit-countries", []);
    await v.refuse(`form[action="${user}"] button[type="submit"]`, "user edit, refused");
    await page.goto(`${env.base}${user}`);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/reset-link"] button[type="submit"]')]);
    await v.check("user edit, a password link made");
    const reset = new URL(await page.inputValue("#reset-link")).pathname;
    await v.visit("/rounds", "rounds");
    await v.visit(`/rounds/${round}`, "round");
    await v.visit(`/rounds/${round}/results`, "results");
    await v.visit(`/rounds/${round}/way-forward`, "Way Forward");
    await v.visit(`/rounds/${round}/progress?compare=${later}`, "progress, compared");
    await v.visit("/knowledge", "knowledge list");
    await v.visit(`/knowledge/${slug}`, "knowledge entry");
    await v.visit("/knowledge/new", "new knowledge entry");
    await v.refuse('form.meter-knowledge-form button[type="submit"]', "new knowledge entry, refused");
    await v.visit(`/knowledge/${slug}/edit`, "knowledge entry edit");
    await v.visit("/knowledge/review", "knowledge review queue");
    // Issue 13: the secretariat's side of the expert channel. A new draft (one per pass) and its
    // proposal form, refused once; the demo's proposals that made METER 3.0, one of them with its
    // decision, votes and discussion; what changed from 2.0 to 3.0.
    await v.visit("/instruments", "instruments, with the form that starts a draft");
    await page.selectOption("#draft-from", "meter/3.0");
    await page.fill("#draft-version", `9.${++drafts}`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/instruments"] button')]);
    const draft = new URL(page.url()).pathname;
    await v.check("a draft instrument version, with its release form");
    await v.visit(`${draft}/proposals/new`, "proposal form");
    await page.fill("#pf-target", "Q9.9");
    await v.refuse(`form[action="${draft}/proposals"] button[type="submit"]`, "proposal form, refused");
    await v.visit("/instruments/meter/3.0/proposals", "the proposals that made METER 3.0");
    await Promise.all([page.waitForNavigation(), page.click('main a[href^="/proposals/"]')]);
    await v.check("a decided proposal, with its votes and discussion");
    await v.visit("/instruments/diff?from=meter%2F2.0&to=meter%2F3.0", "what changed from 2.0 to 3.0");
    // Issue 14: the UN E-Government Survey's years, and an import refused (no year, no file).
    await v.visit("/admin/egdi", "the E-Government Survey and its import");
    await v.refuse('form[action="/admin/egdi"] button[type="submit"]', "E-Government Survey import, refused");
    // Issue 14: the campaign page, every country, sorted by index descending.
    await v.visit("/campaign?all=1&sort=index&dir=desc", "the campaign across countries");
    // Issue 14: country management, and a coordinator refused (no such user).
    await v.visit("/admin/countries?region=Africa", "country management");
    await v.visit("/admin/countries/KEN", "a country's coordinators and history");
    await v.page.fill("#coordinator-email", "nobody@example.org");
    await v.refuse('form[action$="/coordinators"] button[type="submit"]', "a coordinator not added");
    // Issue 14: the comparison of the demo's published rounds, with the survey's scatter plots,
    // and one region (two countries: no line is fitted).
    await v.visit("/compare", "the comparison of published rounds");
    await v.visit("/compare?region=Europe", "the comparison of one region");
    await v.visit("/rounds/999999", "error page (no such round)");

    // The password link, followed by someone who is not signed in.
    const stranger = await v.context.browser().newContext({ viewport: v.viewport });
    await stranger.addCookies([{ name: "meter_lang", value: v.lang, url: env.base }]);
    const signedIn = v.page;
    v.page = await stranger.newPage();
    await v.visit(reset, "password reset form");
    await v.page.fill("#new-password", "password");
    await v.page.fill("#new-repeat", "something else");
    await v.refuse('form[action^="/password/"] button[type="submit"]', "password reset, refused");
    await stranger.close();
    v.page = signedIn;
  });
});

test("a coordinator's pages", async () => {
  await everywhere("coordinator", async (v, page) => {
    await signIn(env, page, "coordinator@demo.meter", password);
    await v.check("after signing in (rounds)");
    await v.refuse('form[action="/rounds"] button[type="submit"]', "rounds, a round refused");
    await v.visit(`/rounds/${round}`, "round");
    await page.fill("#r-name", `invited-${v.lang}-${v.viewport.width}@gov.example`);
    await Promise.all([page.waitForNavigation(),
                       page.click('form[action$="/respondents"] button[type="submit"]')]);
    await v.check("round, a new invitation link");
    await v.refuse('form[action$="/respondents"] button[type="submit"]', "round, an invitation refused");
    await page.goto(`${env.base}/rounds/${round}`);
    await page.fill("#w-0", "heavy");
    await v.refuse('form[action$="/weights"] button[type="submit"]', "round, weights refused");
    await v.visit(`/rounds/${round}/close`, "confirm closing");
    await v.visit(`/rounds/${round}/respondents/${rid}/revoke`, "confirm withdrawing");
    await v.visit(`/rounds/${round}/respondents/${rid}/remind`, "confirm a new link");
    await v.visit(`/rounds/${round}/results`, "results");
    await v.visit(`/rounds/${round}/way-forward`, "Way Forward");
    await page.fill("#target-C", "120");
    await v.refuse('form[action$="/targets"] button[type="submit"]', "Way Forward, a target refused");
    const item = page.locator("article.meter-priority form").first();
    await item.locator('input[name="due"]').evaluate((input) => { input.type = "text"; input.value = "soon"; });
    await v.refuse("article.meter-priority form button[type=submit]", "Way Forward, a roadmap item refused");
    await v.visit(`/rounds/${round}/progress`, "progress");
    await v.visit(`/rounds/${round}/progress?compare=${later}`, "progress, compared");
    await v.visit(`/rounds/${later}`, "a draft round");
    await v.visit("/knowledge", "knowledge list");
    await v.visit(`/knowledge/${slug}`, "knowledge entry");
    await v.visit("/rounds/999999", "error page (no such round)");
    // An invitation link opened over the coordinator's session asks first.
    const link = await invitation(`over-a-session-${v.lang}-${v.viewport.width}@gov.example`);
    await v.visit(new URL(link).pathname, "confirm opening an invitation");
  });
});

test("an expert's pages", async () => {
  await everywhere("expert", async (v, page) => {
    await signIn(env, page, expert.email, expert.password);
    await v.check("after signing in (knowledge list)");
    await v.visit(`/knowledge/${slug}`, "knowledge entry");
    await v.visit("/knowledge/new", "new knowledge entry");
    await page.fill("#kf-title_en", "A lesson without sources");
    await page.fill("#kf-pillars", "Q");
    await page.fill("#kf-year", "twenty");
    await v.refuse('form.meter-knowledge-form button[type="submit"]', "new knowledge entry, refused");
    // Issue 13: the expert's draft, with its status and the form to submit it; the review queue.
    await page.fill("#kf-summary_en", "A summary.");
    await page.fill("#kf-pillars", "T");
    await page.fill("#kf-subareas", "T1");
    await page.fill("#kf-year", "");
    await page.fill("#kf-sources", "A source | https://example.org/");
    await Promise.all([page.waitForNavigation(), page.click('form.meter-knowledge-form button[type="submit"]')]);
    const draft = new URL(page.url()).pathname;
    await v.check("knowledge draft, with its review");
    await v.visit(`${draft}/edit`, "knowledge entry edit");
    await v.visit("/knowledge/review", "knowledge review queue");
    await v.visit("/instruments", "the instruments");
    await v.visit("/instruments/meter/2.0", "an instrument with its item statistics");
    // Issue 13: a proposal on the secretariat's first draft, open, with its comment and vote forms.
    await v.visit("/instruments/meter/9.1/proposals/new", "proposal form");
    await page.selectOption("#pf-kind", "retire-statement");
    await page.fill("#pf-target", "M1.1");
    await page.fill("#pf-rationale", "It says what M1.2 says.");
    await Promise.all([page.waitForNavigation(),
                       page.click('form[action="/instruments/meter/9.1/proposals"] button[type="submit"]')]);
    await v.check("an open proposal, with its comment and vote forms");
    // Issue 13: what changed, and the page after the digest choice was saved (its notice).
    await v.visit("/changes", "what changed since the last visit");
    await page.click('label[for="digest-daily"]');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/changes/digest"] button')]);
    await v.check("what changed, digest chosen");
    await v.visit("/rounds", "a page an expert may not see");
  });
});

test("a respondent's pages, on a desktop and on a phone", async () => {
  await everywhere("respondent", async (v, page) => {
    const link = await invitation(`respondent-${v.lang}-${v.viewport.width}@ngo.example`);
    await page.goto(link);
    await page.waitForURL(/\/q\/1$/);
    await v.check("questionnaire page 1");
    // Every page of the questionnaire, up to the first number past the last page.
    let pages = 1;
    for (;;) {
      const response = await page.goto(`${env.base}/q/${pages + 1}`);
      if (response.status() !== 200) break;
      pages++;
      await v.check(`questionnaire page ${pages}`);
    }
    assert.ok(pages > 1, "the questionnaire has several pages");
    await v.check("error page (no such questionnaire page)");

    // A save refused in part (an evidence link the browser accepts but METER does not), and an
    // answer changed in another tab meanwhile.
    await page.goto(`${env.base}/q/1`);
    await page.click('label[for="a-C1.1-2"]');
    await page.click('fieldset[data-statement="C1.2"] summary');
    await page.fill("#e-C1\\.2", "ftp://files.example.org/law.pdf");
    await v.refuse('button[name="go"][value="stay"]', "questionnaire, a save refused");
    const other = await v.context.newPage();
    await other.goto(`${env.base}/q/1`);
    await other.click('label[for="a-C1.1-3"]');
    await Promise.all([other.waitForNavigation(), other.click('button[name="go"][value="stay"]')]);
    await other.close();
    await page.click('label[for="a-C1.1-0"]');
    await v.refuse('button[name="go"][value="stay"]', "questionnaire, an answer changed elsewhere");

    await v.visit("/review", "review");
    await v.visit("/done", "thank you");
  }, [DESKTOP, PHONE]);
});
