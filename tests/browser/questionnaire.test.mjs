// The main job of METER, in a real browser: an admin creates a coordinator; the coordinator creates
// a round and invites two respondents in different groups; each answers some statements (one with
// the autosave script, one with scripts off and plain form posts), reloads and finds the answers
// kept; the coordinator closes the round and reads the results with both charts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, addUser, artifacts, invite, signIn } from "./harness.mjs";

let env;
const adminPassword = "admin-password-for-tests";
const coordinatorPassword = "coordinator-password-42";

before(async () => {
  env = await start();
  addUser(env.db, "admin@test.example", "admin", adminPassword);
  await serve(env);
});
after(async () => { await stop(env); });

// USWDS draws its own radio buttons and check boxes over visually hidden inputs: people click the
// label, and so does the test.
test("a round from invitation to results", async () => {
  const staff = await env.browser.newContext();
  const page = await staff.newPage();

  // The admin creates a coordinator for Armenia.
  await signIn(env, page, "admin@test.example", adminPassword);
  await page.goto(`${env.base}/admin/users`);
  await page.fill("#new-email", "coord@test.example");
  await page.fill("#new-name", "Country coordinator");
  await page.selectOption("#new-role", "coordinator");
  await page.selectOption("#new-countries", ["ARM"]);
  await page.fill("#new-password", coordinatorPassword);
  await page.click('form[action="/admin/users"] button[type="submit"]');
  await page.waitForURL(/\/admin\/users$/);  // Post/Redirect/Get: the notice comes in the flash
  assert.match(await page.textContent("main"), /User added: coord@test\.example/);
  await page.click('form[action="/logout"] button');
  await page.waitForURL(`${env.base}/`);

  // The coordinator creates and opens a round, and invites two respondents.
  await signIn(env, page, "coord@test.example", coordinatorPassword);
  assert.match(page.url(), /\/rounds$/, await page.textContent("main"));
  await page.selectOption("#country", "ARM");
  await page.fill("#title", "Armenia baseline");
  await page.click('form[action="/rounds"] button[type="submit"]');
  await page.waitForLoadState();
  assert.match(page.url(), /\/rounds\/\d+$/, await page.textContent("main"));
  const roundUrl = page.url();
  await page.click('form[action$="/status"] button');
  await page.waitForURL(roundUrl);
  assert.match(await page.textContent("main"), /open/);

  const linkA = await invite(page, "ana@gov.example", "Central government");
  const linkB = await invite(page, "civil@ngo.example", "Civil society", ["C"]);
  assert.match(linkA, /\/r\/[A-Za-z0-9_-]{43}$/);
  assert.notEqual(linkA, linkB);

  // Respondent A answers with the autosave script, then reloads.
  const a = await (await env.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await a.goto(linkA);
  await a.waitForURL(/\/q\/1$/);
  assert.match(await a.textContent(".meter-counter"), /Page 1 of 19/);
  await a.click('label[for="a-C1.1-3"]');
  await a.waitForSelector('fieldset[data-statement="C1.1"] .is-saved');
  await a.click('label[for="a-C1.2-DK"]');
  await a.waitForSelector('fieldset[data-statement="C1.2"] .is-saved');
  // Keyboard only: Tab to the first option of C1.3 and choose it with the space bar.
  await a.focus('input[id="a-C1.3-0"]');
  await a.keyboard.press("ArrowRight");
  await a.waitForSelector('fieldset[data-statement="C1.3"] .is-saved');
  // A comment and then an answer, in quick succession: both are saved, neither conflicts.
  await a.click('fieldset[data-statement="C1.4"] summary');
  await a.fill("#c-C1\\.4", "Decree 12 of 2025");
  await a.click('label[for="a-C1.4-2"]');
  // Two saves, one after the other: the answer reaches version 2, or an error shows.
  await a.waitForFunction(() => {
    const f = document.querySelector('fieldset[data-statement="C1.4"]');
    return f.querySelector("[data-version]").value === "2" || f.querySelector(".is-error");
  });
  assert.equal(await a.locator('fieldset[data-statement="C1.4"] .is-error').count(), 0);
  await a.screenshot({ path: join(artifacts, "questionnaire-phone.png"), fullPage: false });
  await a.reload();
  assert.equal(await a.isChecked('input[id="a-C1.1-3"]'), true);
  assert.equal(await a.isChecked('input[id="a-C1.2-DK"]'), true);
  assert.equal(await a.isChecked('input[id="a-C1.3-1"]'), true);
  assert.equal(await a.isChecked('input[id="a-C1.4-2"]'), true);
  assert.equal(await a.inputValue("#c-C1\\.4"), "Decree 12 of 2025");

  // Two tabs: the second still holds version 1 of C1.1 and must not overwrite the first's save.
  const tab2 = await a.context().newPage();
  await tab2.goto(`${linkA.replace(/\/r\/.*/, "")}/q/1`);
  await a.click('label[for="a-C1.1-4"]');
  await a.waitForSelector('fieldset[data-statement="C1.1"] .is-saved');
  await tab2.click('label[for="a-C1.1-0"]');
  await tab2.waitForSelector('fieldset[data-statement="C1.1"] .is-error');
  assert.match(await tab2.textContent('fieldset[data-statement="C1.1"] [data-status]'), /changed elsewhere/);
  await a.reload();
  assert.equal(await a.isChecked('input[id="a-C1.1-4"]'), true);

  // Respondent B has scripts off: the page posts the form, and only Commitment pages are offered.
  const bContext = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const b = await bContext.newPage();
  await b.goto(linkB);
  assert.match(await b.textContent(".meter-counter"), /Page 1 of 4/);
  await b.click('label[for="a-C1.1-1"]');
  await b.click('label[for="a-C1.4-NA"]');
  await b.click('button[name="go"][value="next"]');
  await b.waitForURL(/\/q\/2$/);
  await b.click('label[for="a-C2.1-2"]');
  await b.click('button[name="go"][value="stay"]');
  await b.waitForURL(/\/q\/2$/);
  await b.screenshot({ path: join(artifacts, "questionnaire-desktop.png"), fullPage: true });
  await b.reload();
  assert.equal(await b.isChecked('input[id="a-C2.1-2"]'), true);
  await b.goto(linkB.replace(/\/r\/.*/, "/q/1"));
  assert.equal(await b.isChecked('input[id="a-C1.1-1"]'), true);
  assert.equal(await b.isChecked('input[id="a-C1.4-NA"]'), true);

  // The coordinator sees progress, closes the round and reads the results.
  await page.goto(roundUrl);
  assert.match(await page.textContent("main"), /ana@gov\.example/);
  // Closing asks first, on a page of its own.
  await Promise.all([page.waitForNavigation(), page.click('a[href$="/close"]')]);
  await page.click('form[action$="/status"] button');
  await page.waitForURL(roundUrl);
  assert.match(await page.textContent("main"), /closed/);
  await page.goto(`${roundUrl}/results`);
  assert.equal(await page.locator("svg#radar, svg[aria-labelledby^='radar']").count(), 1);
  assert.equal(await page.locator("svg[aria-labelledby^='bars']").count(), 1);
  assert.equal(await page.locator("svg[aria-labelledby^='heatmap']").count(), 1);
  assert.match(await page.textContent("main"), /insufficient data/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(artifacts, "results.png"), fullPage: true });

  // Closed: a respondent's save is refused with a clear message.
  await a.goto(linkA.replace(/\/r\/.*/, "/q/1"));
  assert.match(await a.textContent("main"), /closed/);

  // In Arabic the page is right to left and still fits a phone's width (no sideways scrolling).
  await a.goto(linkA.replace(/\/r\/.*/, "/lang/ar?next=%2Fq%2F1"));
  assert.equal(await a.getAttribute("html", "dir"), "rtl");
  const [scrollWidth, clientWidth] = await a.evaluate(() => [document.documentElement.scrollWidth,
                                                            document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= clientWidth + 1, `page is ${scrollWidth}px wide on a ${clientWidth}px screen`);
  await a.screenshot({ path: join(artifacts, "questionnaire-phone-arabic.png"), fullPage: false });
});
