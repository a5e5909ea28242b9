// The respondent's questionnaire in a real browser (issue 11), on the demo round (`meter serve
// --demo`), with JavaScript on and off. With JavaScript: the progress counter follows each
// autosave, arrow keys moving through four options of one statement save once (the page's clock is
// Playwright's, so that "once the choice settles" is decided by the test, not by the machine's
// speed), and a choice still settling is saved when the page is left. Without JavaScript: a bad
// evidence link and an answer changed in another tab come back on the page with everything typed
// and the message by the field, the rest saved; a save says "Saved" once and a reload does not post
// again; "Finish" leads to a review of what is left, whose links open the statements; the thank-you
// page says how many are left. Screenshots at phone and desktop width land in build/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, artifacts, demoInviter } from "./harness.mjs";

let env;
let invite;  // (name) → invitation link of a new respondent asked about Commitment only

before(async () => {
  env = await start();
  await serve(env, ["--demo"]);
  invite = await demoInviter(env);
});
after(async () => { await stop(env); });

const path = (link, to) => link.replace(/\/r\/.*/, to);

async function storedAnswers(page) {
  return page.evaluate(async () => (await (await fetch("/api/answers")).json()).answers);
}

test("with JavaScript: the counter follows autosaves, arrow keys save once, leaving saves", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.clock.install();
  const saves = [];
  page.on("request", (r) => { if (r.method() === "PUT") saves.push(r.url()); });
  const link = await invite("keyboard@gov.example");
  await page.goto(link);
  await page.waitForURL(/\/q\/1$/);
  const counter = async () => (await page.textContent(".meter-counter")).replace(/\s+/g, " ");
  assert.match(await counter(), /· 0 of \d+ statements answered/);

  // A click is saved once it settles; the counter and the bar follow the save's answer.
  await page.click('label[for="a-C1.1-2"]');
  await page.clock.runFor(1000);
  await page.waitForSelector('fieldset[data-statement="C1.1"] .is-saved');
  assert.match(await counter(), /· 1 of \d+ statements answered/);
  assert.ok(Number(await page.getAttribute(".meter-progress progress", "value")) > 0);
  assert.equal(saves.length, 1);

  // Space and three arrow keys pass four options of C1.2: one save, of the last one.
  await page.focus('input[id="a-C1.2-0"]');
  await page.keyboard.press("Space");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  assert.equal(await page.isChecked('input[id="a-C1.2-3"]'), true);
  assert.equal(saves.length, 1, "nothing is saved while the choice moves");
  await page.clock.runFor(1000);
  await page.waitForSelector('fieldset[data-statement="C1.2"] .is-saved');
  assert.equal(saves.filter((u) => u.endsWith("/C1.2")).length, 1);
  assert.match(await counter(), /· 2 of \d+ statements answered/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifacts, "respondent-autosave-phone.png") });

  // A choice still settling when the page is left is saved all the same.
  await page.focus('input[id="a-C1.3-0"]');
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.goto(path(link, "/done"));
  let c13;
  for (let i = 0; i < 100 && !c13; i++) {
    c13 = (await storedAnswers(page)).find((a) => a.statement === "C1.3");
    if (!c13) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(c13 && c13.value, "1");
  await context.close();
});

test("without JavaScript: errors by their fields, Saved once, review and thank-you", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false,
                                                 viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const link = await invite("no-script@ngo.example");
  await page.goto(link);
  await page.waitForURL(/\/q\/1$/);

  // A link the browser accepts but METER does not (not http or https), beside valid answers.
  await page.click('label[for="a-C1.1-2"]');
  await page.click('label[for="a-C1.2-DK"]');
  await page.click('fieldset[data-statement="C1.2"] summary');
  await page.fill("#c-C1\\.2", "See the ministry's file server");
  await page.fill("#e-C1\\.2", "ftp://files.example.org/law.pdf");
  for (const id of ["C1.3", "C1.4"]) {
    await page.click(`fieldset[data-statement="${id}"] summary`);
    await page.fill(`#c-${id.replace(".", "\\.")}`, `Comment on ${id}`);
  }
  const [refused] = await Promise.all([page.waitForNavigation(),
                                       page.click('button[name="go"][value="next"]')]);
  assert.equal(refused.status(), 400);
  assert.match(page.url(), /\/q\/1$/);
  assert.doesNotMatch(await page.textContent("main"), /Something is not right/);
  assert.equal(await page.inputValue("#e-C1\\.2"), "ftp://files.example.org/law.pdf");
  assert.equal(await page.inputValue("#c-C1\\.2"), "See the ministry's file server");
  assert.equal(await page.isChecked('input[id="a-C1.2-DK"]'), true);
  assert.equal(await page.inputValue("#c-C1\\.4"), "Comment on C1.4");
  assert.equal(await page.getAttribute("#e-C1\\.2", "aria-describedby"), "err-e-C1.2");
  assert.match(await page.textContent("#err-e-C1\\.2"), /evidence link must be a web address/);
  const stored = await context.request.get(`${env.base}/api/answers`);
  const saved = (await stored.json()).answers.map((a) => a.statement);
  assert.deepEqual(saved, ["C1.1", "C1.3", "C1.4"]);
  await page.screenshot({ path: join(artifacts, "respondent-error-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('.meter-problems a[href="#e-C1.2"]');
  assert.match(page.url(), /#e-C1\.2$/);
  await page.screenshot({ path: join(artifacts, "respondent-error-phone.png"), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Corrected and saved: "Saved", once; a reload shows the page again without posting.
  await page.fill("#e-C1\\.2", "https://example.org/law.pdf");
  await Promise.all([page.waitForNavigation(), page.click('button[name="go"][value="stay"]')]);
  assert.match(await page.textContent("main"), /Saved\. Your answers on this page are stored\./);
  const posts = [];
  page.on("request", (r) => { if (r.method() !== "GET") posts.push(r.url()); });
  await page.reload();
  assert.deepEqual(posts, []);
  assert.doesNotMatch(await page.textContent("main"), /Saved\. Your answers/);
  assert.equal(await page.inputValue("#e-C1\\.2"), "https://example.org/law.pdf");

  // Another tab changes C1.1; this one, still on the old version, sends another answer and a
  // comment elsewhere: the comment is saved, and both answers to C1.1 are shown to choose from.
  const other = await context.newPage();
  await other.goto(path(link, "/q/1"));
  await other.click('label[for="a-C1.1-3"]');
  await Promise.all([other.waitForNavigation(), other.click('button[name="go"][value="stay"]')]);
  await page.click('label[for="a-C1.1-0"]');
  await page.click('fieldset[data-statement="C1.5"] summary');
  await page.fill("#c-C1\\.5", "Comment on C1.5");
  const [stale] = await Promise.all([page.waitForNavigation(),
                                     page.click('button[name="go"][value="stay"]')]);
  assert.equal(stale.status(), 409);
  assert.equal(await page.isChecked('input[id="a-C1.1-3"]'), true, "the stored answer is shown");
  assert.match(await page.textContent("#sent-C1\\.1"), /Not in place/);
  assert.match(await page.textContent("#err-v-C1\\.1"), /changed elsewhere/);
  assert.equal(await page.inputValue("#c-C1\\.5"), "Comment on C1.5");
  await page.screenshot({ path: join(artifacts, "respondent-conflict-desktop.png"), fullPage: false });
  await page.click('label[for="use-sent-C1.1"]');
  await Promise.all([page.waitForNavigation(), page.click('button[name="go"][value="stay"]')]);
  assert.equal(await page.isChecked('input[id="a-C1.1-0"]'), true, "what was sent replaced it");
  const afterChoice = (await (await context.request.get(`${env.base}/api/answers`)).json()).answers;
  assert.equal(afterChoice.find((a) => a.statement === "C1.5").comment, "Comment on C1.5");

  // "Finish" on the last page: the review lists what is left, with links to each statement.
  const pages = Number((await page.textContent(".meter-counter")).match(/Page 1 of (\d+)/)[1]);
  await page.goto(path(link, `/q/${pages}`));
  await Promise.all([page.waitForNavigation(), page.click('button[name="go"][value="next"]')]);
  assert.match(page.url(), /\/review$/);
  const main = await page.textContent("main");
  assert.match(main, /Not answered yet/);
  assert.match(main, /Answered "Don't know"/);
  assert.equal(await page.locator('a[href="/q/1#s-C1.2"]').count(), 1, "C1.2 is a don't know");
  assert.equal(await page.locator('a[href="/q/1#s-C1.1"]').count(), 0, "C1.1 is answered");
  await page.screenshot({ path: join(artifacts, "respondent-review-desktop.png"), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(artifacts, "respondent-review-phone.png"), fullPage: false });
  const [answered, total] = main.match(/(\d+) of (\d+) statements answered/).slice(1).map(Number);
  await page.click('a[href="/q/1#s-C1.6"]');
  assert.match(page.url(), /\/q\/1#s-C1\.6$/);
  assert.equal(await page.locator("#s-C1\\.6").count(), 1);
  await page.goto(path(link, "/review"));
  await page.click('a[href="/done"]');
  assert.match(await page.textContent("main"),
               new RegExp(`${total - answered} statements? still ha(s|ve) no answer\\.`));
  await page.screenshot({ path: join(artifacts, "respondent-thanks-phone.png"), fullPage: false });
  await context.close();
});
