// The expert channel in a real browser (issue 13): the secretariat starts a draft from METER 3.0;
// two experts propose a Marketing statement (in all six languages), comment and vote; the
// secretariat accepts, the draft gains the statement, the secretariat releases the version, and
// a coordinator starts a round with it. The demo's own channel history (METER 3.0 released from
// proposals) is on the 3.0 pages. Screenshots land in build/artifacts/ to be looked at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { shoot, start, serve, stop, artifacts, addUser, signIn } from "./harness.mjs";

const password = "a-long-browser-password-1";
let env;
before(async () => {
  env = await start();
  addUser(env.db, "secretariat@test.example", "admin", password);
  addUser(env.db, "ana@test.example", "expert", password);
  addUser(env.db, "ben@test.example", "expert", password);
  addUser(env.db, "arm@test.example", "coordinator", password, ["--country", "ARM"]);
  await serve(env, ["--knowledge-check", "0"]);
});
after(async () => { await stop(env); });

async function as(email) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(env, page, email, password);
  return { context, page };
}

const texts = {
  en: "The government promotes its online services in every official language.",
  ar: "تروج الحكومة لخدماتها الإلكترونية بجميع اللغات الرسمية.",
  zh: "政府以所有官方语言推广其在线服务。",
  fr: "Le gouvernement promeut ses services en ligne dans toutes les langues officielles.",
  ru: "Правительство продвигает свои онлайн-услуги на всех официальных языках.",
  es: "El gobierno promueve sus servicios en línea en todos los idiomas oficiales.",
};

test("two experts propose, discuss and vote; the secretariat accepts and releases; a round uses it", async () => {
  const secretariat = await as("secretariat@test.example");
  await secretariat.page.goto(`${env.base}/instruments`);
  await secretariat.page.selectOption("#draft-from", "meter/3.0");
  await secretariat.page.fill("#draft-version", "3.1");
  await secretariat.page.click('form[action="/instruments"] button[type="submit"]');
  await secretariat.page.waitForURL(/\/instruments\/meter\/3\.1$/);

  const ana = await as("ana@test.example");
  await ana.page.goto(`${env.base}/instruments/meter/3.1/proposals/new`);
  await ana.page.selectOption("#pf-kind", "add-statement");
  await ana.page.fill("#pf-target", "M1.5");
  await ana.page.fill("#pf-parent", "M1");
  for (const [lang, text] of Object.entries(texts)) {
    const field = ana.page.locator(`#pf-text_${lang}`);
    if (!(await field.isVisible())) {
      // Opened from the keyboard, as a reader without a mouse would.
      await ana.page.focus(`details[data-lang="${lang}"] > summary`);
      await ana.page.keyboard.press("Enter");
    }
    await field.fill(text);
  }
  await ana.page.fill("#pf-rationale", "Services in one language only leave people out.");
  await shoot(ana.page, "channel-proposal-form.png", true);
  await ana.page.click('button[type="submit"]:has-text("Propose")');
  await ana.page.waitForURL(/\/proposals\/\d+$/);
  const proposal = new URL(ana.page.url()).pathname;

  const ben = await as("ben@test.example");
  await ben.page.goto(`${env.base}${proposal}`);
  await ben.page.fill("#new-comment", "Agreed, and *minority* languages too?");
  await ben.page.click('button:has-text("Comment")');
  await ben.page.waitForLoadState();
  await ben.page.click('label[for="vote-support"]');
  await ben.page.click('button:has-text("Vote")');
  await ben.page.waitForLoadState();

  await ana.page.goto(`${env.base}${proposal}`);
  assert.equal(await ana.page.locator(".meter-comment em", { hasText: "minority" }).count(), 1);
  await ana.page.click(".meter-comment details > summary");
  await ana.page.fill(".meter-comment textarea", "Official languages first; minority ones later.");
  await ana.page.click('.meter-comment button:has-text("Reply")');
  await ana.page.waitForLoadState();
  await ana.page.click('label[for="vote-support"]');
  await ana.page.click('button:has-text("Vote")');
  await ana.page.waitForLoadState();
  assert.match(await ana.page.textContent("#votes-heading + p"), /2/);
  // Experts cannot decide.
  assert.equal(await ana.page.locator('form[action$="/decision"]').count(), 0);

  await secretariat.page.goto(`${env.base}${proposal}`);
  await secretariat.page.click('label[for="verdict-accepted"]');
  await secretariat.page.fill("#decision-reason", "Fits the Marketing pillar.");
  await shoot(secretariat.page, "channel-proposal.png", true);
  await secretariat.page.click('button:has-text("Decide")');
  await secretariat.page.waitForLoadState();
  assert.match(await secretariat.page.textContent("[data-status]"), /accepted/);

  await secretariat.page.goto(`${env.base}/instruments/meter/3.1`);
  assert.equal(await secretariat.page.locator("#statement-M1\\.5").count(), 1, "the draft gained M1.5");
  await secretariat.page.click('button:has-text("Release version 3.1")');
  await secretariat.page.waitForLoadState();
  assert.match(await secretariat.page.textContent("h1"), /released/);
  await shoot(secretariat.page, "channel-released.png", false);

  const coordinator = await as("arm@test.example");
  await coordinator.page.goto(`${env.base}/rounds`);
  const offered = await coordinator.page.locator('select[name="instrument"] option').allTextContents();
  assert.ok(offered.some((o) => o.includes("3.1")), `3.1 is offered to new rounds: ${offered}`);
  await coordinator.page.selectOption('select[name="instrument"]', "meter 3.1");
  await coordinator.page.fill('input[name="title"]', "Armenia on METER 3.1");
  await coordinator.page.click('form[action="/rounds"] button[type="submit"]');
  await coordinator.page.waitForURL(/\/rounds\/\d+$/);
  assert.match(await coordinator.page.textContent("main"), /METER 3\.1/);
  // Coordinators see no proposals.
  const denied = await coordinator.page.goto(`${env.base}${proposal}`);
  assert.equal(denied.status(), 403);

  for (const who of [secretariat, ana, ben, coordinator]) await who.context.close();
});
