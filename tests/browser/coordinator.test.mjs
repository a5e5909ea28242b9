// The coordinator's pages in a real browser with JavaScript off (issue 11, items 10, 11, 12 and 16),
// on the demo round (`meter serve --demo`): an invitation shows its link once and a reload invites
// no one; a new link and withdrawing ask first, on a page of their own; a withdrawn respondent is
// restored and their link works again; a refused roadmap move keeps the owner typed; a closed round
// says why it takes no invitations or weights. Screenshots at phone and desktop width go to
// build/artifacts/ to be looked at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, artifacts, invite, signIn } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
  await serve(env, ["--demo"]);
});
after(async () => { await stop(env); });

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

async function shoot(page, name) {
  for (const [size, suffix] of [[phone, "phone"], [desktop, "desktop"]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(artifacts, `${name}-${suffix}.png`), fullPage: true });
  }
}

// Clicks what `locator` finds and waits for the page it leads to (the page before has the same
// headings and alerts, so reading at once could read it).
async function follow(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

// The respondents table's row of `name`.
function row(page, name) {
  return page.locator("tbody tr", { hasText: name });
}

test("a coordinator invites, relinks, withdraws, restores, plans and closes without JavaScript", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: desktop });
  const page = await context.newPage();
  await signIn(env, page, "coordinator@demo.meter", "demo-password-2026");
  await follow(page, page.locator("text=Aurelia 2026 self-assessment (demo)"));
  const roundUrl = page.url();
  assert.match(roundUrl, /\/rounds\/\d+$/);

  // Invite: the link is shown once; a reload shows it no more and adds no one.
  const link = await invite(page, "browser@gov.example", "Agencies");
  assert.match(link, /\/r\/[A-Za-z0-9_-]{43}$/);
  assert.equal(page.url(), roundUrl, "the POST redirected to the round page");
  await shoot(page, "round-invited");
  await page.reload();
  assert.equal(await page.locator("input.meter-link").count(), 0, "the link is shown only once");
  assert.equal(await row(page, "browser@gov.example").count(), 1, "one respondent, not two");

  // A new link asks first; cancelling keeps the old link working.
  await follow(page, row(page, "browser@gov.example").locator("a", { hasText: "New link" }));
  assert.match(await page.textContent("h1"), /Give browser@gov\.example a new link\?/);
  await shoot(page, "confirm-new-link");
  await follow(page, page.locator("text=Cancel"));
  assert.equal(page.url(), roundUrl);
  await follow(page, row(page, "browser@gov.example").locator("a", { hasText: "New link" }));
  await follow(page, page.locator('form[action$="/remind"] button[type="submit"]'));
  assert.equal(page.url(), roundUrl);
  const newLink = await page.inputValue("input.meter-link");
  assert.notEqual(newLink, link);

  const respondent = await (await env.browser.newContext({ viewport: phone })).newPage();
  await respondent.goto(link);
  assert.match(await respondent.textContent("main"), /link is not valid/, "the old link stopped");

  // Withdraw asks first; then the respondent is restored and the same link works again.
  await follow(page, row(page, "browser@gov.example").locator("a", { hasText: "Withdraw" }));
  assert.match(await page.textContent("h1"), /Withdraw the invitation of browser@gov\.example\?/);
  await follow(page, page.locator('form[action$="/revoke"] button[type="submit"]'));
  assert.match(await row(page, "browser@gov.example").textContent(), /withdrawn/);
  await respondent.goto(newLink);
  assert.match(await respondent.textContent("main"), /expired or was withdrawn/);
  await shoot(page, "round-withdrawn");
  await follow(page, row(page, "browser@gov.example").locator('form[action$="/restore"] button'));
  assert.match(await page.textContent(".usa-alert"), /browser@gov\.example can use their link again/);
  await respondent.goto(newLink);
  await respondent.waitForURL(/\/q\/1$/);

  // A roadmap move that its prerequisites refuse: the message stands beside the phase, the owner
  // typed is kept (and saved), and the page is the Way Forward, not an error page.
  await page.goto(`${roundUrl}/way-forward`);
  const phases = Object.fromEntries(await page.locator("table caption", { hasText: "At a glance" })
    .locator("xpath=..").locator("tbody tr").evaluateAll((rows) =>
      rows.map((r) => [r.cells[1].querySelector("a").textContent, Number(r.cells[0].textContent)])));
  let move;
  for (const id of Object.keys(phases)) {
    const text = await page.locator(`#item-${id} > p.meter-small`).first().textContent();
    const after = /after ([A-Z0-9, ]+)/.exec(text);
    if (!after) continue;
    for (const prerequisite of after[1].split(",").map((s) => s.trim())) {
      if (!(prerequisite in phases)) continue;
      if (phases[id] < 3) move = { item: prerequisite, phase: "3" };
      else if (phases[prerequisite] > 1) move = { item: id, phase: "1" };
      if (move) break;
    }
    if (move) break;
  }
  assert.ok(move, `the demo plan has a dependency to break: ${JSON.stringify(phases)}`);
  const item = page.locator(`#item-${move.item}`);
  await item.locator('select[name="phase"]').selectOption(move.phase);
  await item.locator('input[name="owner"]').fill("Ministry of Testing");
  await follow(page, item.locator('button[type="submit"]'));
  const refused = page.locator(`#item-${move.item}`);
  assert.match(await refused.locator(".usa-error-message").textContent(), /cannot come before its prerequisite/);
  assert.equal(await refused.locator('input[name="owner"]').inputValue(), "Ministry of Testing");
  assert.equal(await refused.locator('select[name="phase"]').inputValue(), move.phase);
  assert.equal(await refused.locator('select[name="phase"]').getAttribute("aria-describedby"),
               `phase-${move.item}-error`);
  await refused.scrollIntoViewIfNeeded();
  await page.setViewportSize(phone);
  await refused.screenshot({ path: join(artifacts, "roadmap-refused-phone.png") });
  await page.setViewportSize(desktop);
  await refused.screenshot({ path: join(artifacts, "roadmap-refused-desktop.png") });
  await page.goto(`${roundUrl}/way-forward`);
  assert.match(await page.locator(`#item-${move.item}`).textContent(), /Owner: Ministry of Testing/);

  // Closing asks first; the closed round says why it takes no invitations and no weights.
  await page.goto(roundUrl);
  await follow(page, page.locator('a[href$="/close"]'));
  assert.match(await page.textContent("h1"), /Close the round/);
  await shoot(page, "confirm-close");
  await follow(page, page.locator('form[action$="/status"] button[type="submit"]'));
  assert.equal(page.url(), roundUrl);
  assert.equal(await page.locator("#r-name").count(), 0, "no invitation form");
  assert.equal(await page.locator('form[action$="/weights"]').count(), 0, "no weights form");
  assert.equal(await page.locator('a[href$="/remind"]').count(), 0, "no new links");
  const notes = await page.locator(".meter-closed-note").allTextContents();
  assert.equal(notes.length, 2);
  for (const note of notes) assert.match(note, /reopen the round first/);
  assert.doesNotMatch(await page.textContent("main"), /\d\.0{6}/, "weights read as numbers");
  await shoot(page, "round-closed");
  await context.close();
});
