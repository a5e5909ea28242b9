// A case study from draft to the public page in a real browser (issue 13), with the demo's two
// experts: expert A writes it and submits it; expert B asks for changes; A edits it and submits it
// again; B approves it; an anonymous reader then finds it, with its licence, where before it was
// a page that does not exist. Screenshots land in build/artifacts/ to be looked at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { shoot, start, serve, stop, artifacts, signIn } from "./harness.mjs";

const password = "demo-password-2026";
let env;
before(async () => {
  env = await start();
  await serve(env, ["--demo", "--knowledge-check", "0"]);
});
after(async () => { await stop(env); });

async function as(email) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(env, page, email, password);
  return { context, page };
}

// Clicks a submit button and waits for the page the POST redirects to.
async function press(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name }).click()]);
}

test("a case study goes from draft through review to the public page", async () => {
  const a = await as("expert@demo.meter");
  await a.page.goto(`${env.base}/knowledge/new`);
  await a.page.click('label[for="kf-kind-case"]');
  await a.page.fill("#kf-title_en", "Aurelia's one-stop business portal");
  await a.page.fill("#kf-summary_en", "One portal for every business licence cut the waiting time.");
  await a.page.selectOption("#kf-country", "KEN");
  await a.page.fill("#kf-pillars", "T");
  await a.page.fill("#kf-subareas", "T1");
  await a.page.fill("#kf-sources", "A review of the portal | https://example.org/portal");
  await a.page.fill("#kf-body", "## What was done\n\nOne portal for licences.\n");
  await Promise.all([a.page.waitForNavigation(),
                     a.page.click('form.meter-knowledge-form button[type="submit"]')]);
  const path = new URL(a.page.url()).pathname;
  assert.match(path, /^\/knowledge\/case-aurelia-s-one-stop-business-portal$/);
  assert.match(await a.page.textContent(".meter-entry__status"), /Draft/);

  // Before review, the public does not see it.
  const reader = await env.browser.newContext();
  const anon = await reader.newPage();
  const hidden = await anon.goto(`${env.base}${path}`);
  assert.equal(hidden.status(), 404);

  await press(a.page, "Submit for review");
  assert.match(await a.page.textContent(".usa-alert--success"), /submitted for review/);
  assert.match(await a.page.textContent(".meter-entry__status"), /In review/);
  assert.equal(await a.page.getByRole("button", { name: "Approve and publish" }).count(), 0,
               "the author cannot approve their own entry");

  // Expert B's "What changed" lists it as waiting for their review; B finds it in the queue too
  // and asks for changes.
  const b = await as("expert2@demo.meter");
  await b.page.goto(`${env.base}/changes`);
  assert.equal(await b.page.locator(`ul.usa-list:not(.meter-changes) a[href="${path}"]`).count(), 1);
  await b.page.goto(`${env.base}/knowledge/review`);
  await shoot(b.page, "knowledge-review-queue.png", true);
  await Promise.all([b.page.waitForNavigation(), b.page.click(`a[href="${path}"]`)]);
  await b.page.fill("#review-text", "Please name the **year** it opened.");
  await press(b.page, "Ask for changes");
  assert.match(await b.page.textContent(".meter-entry__status"), /Changes requested/);
  assert.equal(await b.page.locator(".meter-review__text strong", { hasText: "year" }).count(), 1);

  // A edits and submits again.
  await a.page.goto(`${env.base}${path}`);
  assert.match(await a.page.textContent(".meter-review__thread"), /name the year it opened/);
  await shoot(a.page, "knowledge-review-changes.png", true);
  await a.page.goto(`${env.base}${path}/edit`);
  await a.page.fill("#kf-year", "2021");
  await Promise.all([a.page.waitForNavigation(),
                     a.page.click('form.meter-knowledge-form button[type="submit"]')]);
  await press(a.page, "Submit for review");
  assert.match(await a.page.textContent(".meter-entry__status"), /In review/);

  // B approves it.
  await b.page.goto(`${env.base}${path}`);
  await b.page.fill("#review-text", "Thank you.");
  await press(b.page, "Approve and publish");
  assert.match(await b.page.textContent(".usa-alert--success"), /approved and public/);
  assert.match(await b.page.textContent(".meter-entry__status"), /Approved/);

  // The anonymous reader sees it now, in the list and on its page, with its licence.
  await anon.goto(`${env.base}/knowledge?kind=case`);
  assert.equal(await anon.locator(`a[href="${path}"]`).count(), 1);
  const shown = await anon.goto(`${env.base}${path}`);
  assert.equal(shown.status(), 200);
  assert.equal(await anon.textContent("h1"), "Aurelia's one-stop business portal");
  assert.match(await anon.textContent(".meter-small"), /2021/);
  const licence = anon.locator('a[rel="license"]');
  assert.equal(await licence.textContent(), "CC BY 4.0");
  assert.equal(await licence.getAttribute("href"), "https://creativecommons.org/licenses/by/4.0/");
  assert.equal(await anon.locator(".meter-review").count(), 0, "no review thread for the public");
  await shoot(anon, "knowledge-review-public.png", true);

  // Its country's public page lists it, and the Atom feed carries it (parsed as XML).
  await anon.goto(`${env.base}/countries/KEN`);
  assert.equal(await anon.locator(`main a[href="${path}"]`).count(), 1);
  const feed = await (await fetch(`${env.base}/feed.atom`)).text();
  const entries = await anon.evaluate((xml) => {
    const atom = "http://www.w3.org/2005/Atom";
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return null;
    return [...doc.getElementsByTagNameNS(atom, "entry")].map((e) => ({
      title: e.getElementsByTagNameNS(atom, "title")[0]?.textContent,
      link: e.getElementsByTagNameNS(atom, "link")[0]?.getAttribute("href"),
    }));
  }, feed);
  assert.ok(entries, "the feed is well-formed XML");
  const inFeed = entries.find((e) => e.title === "Aurelia's one-stop business portal");
  assert.ok(inFeed, "the approved case study is in the feed");
  assert.ok(inFeed.link.endsWith(path), inFeed.link);
  for (const c of [a.context, b.context, reader]) await c.close();
});
