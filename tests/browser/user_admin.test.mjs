// The secretariat in a real browser (issue 11, item 20, and item 5 without JavaScript): the admin
// edits a user's role and countries and makes a one-time password link; the user sets a new
// password through it (a refused one first, shown beside its field) and signs in with it. Then a
// respondent with scripts off opens someone else's invitation link and must confirm before their
// session is replaced. Screenshots land in build/artifacts/ to be looked at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, addUser, artifacts, signIn } from "./harness.mjs";

let env;
const adminPassword = "admin-password-for-tests";
const userPassword = "first-password-of-kim";

before(async () => {
  env = await start();
  addUser(env.db, "admin@test.example", "admin", adminPassword);
  addUser(env.db, "kim@test.example", "expert", userPassword);
  await serve(env);
});
after(async () => { await stop(env); });

test("the admin edits a user and hands over a password link the user then uses", async () => {
  const staff = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await staff.newPage();
  await signIn(env, page, "admin@test.example", adminPassword);
  await page.goto(`${env.base}/admin/users`);
  assert.match(await page.textContent("main"), /Secretariat \(administrator\)/);
  await page.click('a[href^="/admin/users/"]:has-text("kim@test.example")');
  await page.waitForURL(/\/admin\/users\/\d+$/);
  const userUrl = page.url();

  // A coordinator without a country is refused beside the countries field, with the role kept.
  await page.selectOption("#edit-role", "coordinator");
  await page.click(`form[action="${new URL(userUrl).pathname}"] button[type="submit"]`);
  await page.waitForLoadState();
  assert.match(await page.textContent("#edit-countries-error"), /a coordinator needs at least one country/);
  assert.equal(await page.inputValue("#edit-role"), "coordinator");
  await page.screenshot({ path: join(artifacts, "user-edit-error.png"), fullPage: true });
  await page.selectOption("#edit-countries", ["ARM", "KEN"]);
  await page.click(`form[action="${new URL(userUrl).pathname}"] button[type="submit"]`);
  await page.waitForURL(/\/admin\/users$/);
  const list = await page.textContent("main");
  assert.match(list, /The role and countries of kim@test\.example are saved\./);
  assert.match(list, /Country coordinator\s*ARM, KEN/);
  await page.screenshot({ path: join(artifacts, "users-after-edit.png"), fullPage: true });

  // A one-time password link, shown once.
  await page.goto(userUrl);
  await page.click('form[action$="/reset-link"] button[type="submit"]');
  await page.waitForURL(userUrl);
  const link = await page.inputValue("#reset-link");
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/password\/[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: join(artifacts, "user-reset-link.png"), fullPage: true });
  await page.reload();
  assert.equal(await page.locator("#reset-link").count(), 0, "the link is shown only once");

  // Kim, in another browser, follows the link: a common password is refused by the field.
  const kimContext = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const kim = await kimContext.newPage();
  await kim.goto(link);
  assert.match(await kim.textContent("main"), /kim@test\.example/);
  await kim.fill("#new-password", "Password1234");
  await kim.fill("#new-repeat", "Password1234");
  await kim.click('form[action^="/password/"] button[type="submit"]');
  await kim.waitForLoadState();
  assert.match(await kim.textContent("#new-password-error"), /one of the most common/);
  await kim.screenshot({ path: join(artifacts, "password-reset-error-phone.png"), fullPage: true });
  await kim.fill("#new-password", "kims-new-passphrase");
  await kim.fill("#new-repeat", "kims-new-passphrase");
  await kim.click('form[action^="/password/"] button[type="submit"]');
  await kim.waitForURL(/\/login$/);
  assert.match(await kim.textContent("main"), /Your new password is set/);
  assert.equal(await kim.inputValue("#email"), "kim@test.example");
  await kim.screenshot({ path: join(artifacts, "password-set-login-phone.png"), fullPage: true });
  await kim.fill("#password", "kims-new-passphrase");
  await kim.click('form[action="/login"] button[type="submit"]');
  await kim.waitForURL(/\/rounds$/);  // a coordinator now
  await kim.goto(link);
  assert.match(await kim.textContent("main"), /this password link is not valid/, "single use");

  // Every step is in the audit log, and the filter's URL can be bookmarked.
  await page.goto(`${env.base}/admin/audit`);
  await page.fill("#audit-user", "kim@test.example");
  await page.click('form[action="/admin/audit"] button[type="submit"]');
  await page.waitForURL(/\/admin\/audit\?user=kim%40test\.example/);
  assert.match(await page.textContent("main"), /user\.password_reset/);
  await page.goto(`${env.base}/admin/audit`);
  const log = await page.textContent("main");
  for (const action of ["user.edit", "user.reset_link", "user.password_reset"]) {
    assert.match(log, new RegExp(action.replace(".", "\\.")));
  }
  await page.screenshot({ path: join(artifacts, "audit-log.png"), fullPage: false });
  await kimContext.close();
  await staff.close();
});

test("without JavaScript, another invitation link asks before it replaces a respondent's session", async () => {
  const staff = await env.browser.newContext();
  const page = await staff.newPage();
  await signIn(env, page, "kim@test.example", "kims-new-passphrase");
  // Kim coordinates Armenia now: a round, opened, with two invitations.
  await page.goto(`${env.base}/rounds`);
  await page.selectOption("#country", "ARM");
  await page.fill("#title", "Armenia invitations");
  await page.click('form[action="/rounds"] button[type="submit"]');
  await page.waitForURL(/\/rounds\/\d+$/);
  const roundUrl = page.url();
  await page.click('form[action$="/status"] button');
  await page.waitForURL(roundUrl);
  const csrf = await page.getAttribute('meta[name="csrf-token"]', "content");
  const invite = async (name) => {
    const r = await page.request.post(`${env.base}/api${new URL(roundUrl).pathname}/respondents`, {
      headers: { "X-CSRF-Token": csrf }, data: { name, group: "Agencies" } });
    assert.equal(r.status(), 201, await r.text());
    return new URL((await r.json()).link).pathname;
  };
  const mine = await invite("me@gov.example");
  const theirs = await invite("someone-else@gov.example");

  const noScript = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const r = await noScript.newPage();
  await r.goto(`${env.base}${mine}`);
  await r.waitForURL(/\/q\/1$/);
  assert.match(await r.textContent("header"), /me@gov\.example/);
  await r.goto(`${env.base}${theirs}`);
  assert.match(await r.textContent("main"), /Open this invitation\?/);
  assert.match(await r.textContent("main"), /You are answering as the respondent me@gov\.example/);
  await r.screenshot({ path: join(artifacts, "invitation-confirm-nojs-phone.png"), fullPage: true });
  await r.click("text=Stay as I am");
  await r.goto(`${env.base}/q/1`);
  assert.match(await r.textContent("header"), /me@gov\.example/, "still themselves");
  await r.goto(`${env.base}${theirs}`);
  await r.click('form[action^="/r/"] button[type="submit"]');
  await r.waitForURL(/\/q\/1$/);
  assert.match(await r.textContent("header"), /someone-else@gov\.example/);
  await noScript.close();
  await staff.close();
});
