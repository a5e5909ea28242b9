// The knowledge base in Arabic and Chinese in a real browser (issue 12): the list and an entry's
// page show the titles and summaries in the reader's language, the page is right to left in
// Arabic while the English body stays left to right, a note says the full text is in English, a
// Chinese search finds an entry by two of its title's characters, and nothing is wider than a
// phone's screen; an expert writes an entry whose text is Arabic, with titles in Arabic and
// English. Screenshots land in build/artifacts/ to be looked at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, artifacts, addUser, signIn } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
  await serve(env, ["--knowledge-check", "0"]);
});
after(async () => { await stop(env); });

// Opens `path` in `lang` through the language switch, as a reader would.
async function open(page, lang, path) {
  await page.goto(`${env.base}/lang/${lang}?next=${encodeURIComponent(path)}`);
  await page.waitForLoadState();
}

async function fitsThePhone(page, what) {
  await page.setViewportSize({ width: 390, height: 844 });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                                               document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= clientWidth + 1, `${what} is ${scrollWidth}px wide on a ${clientWidth}px screen`);
}

test("the knowledge base in Arabic: right to left, with the English text marked as such", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await open(page, "ar", "/knowledge");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.locator("strong", { hasText: "طبقة تبادل البيانات X-Road في إستونيا" }).count(), 1);
  await page.screenshot({ path: join(artifacts, "knowledge-list-ar.png"), fullPage: false });

  await open(page, "ar", "/knowledge/case-estonia-x-road");
  assert.equal(await page.textContent("h1"), "طبقة تبادل البيانات X-Road في إستونيا");
  const body = page.locator(".meter-entry__body");
  assert.equal(await body.getAttribute("lang"), "en");
  assert.equal(await body.evaluate((e) => getComputedStyle(e).direction), "ltr");
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("h1")).direction), "rtl");
  assert.equal(await page.locator(".meter-entry__note").count(), 1);
  assert.equal(await page.locator('.meter-entry__languages a[hreflang="zh"]').count(), 1);
  await page.screenshot({ path: join(artifacts, "knowledge-entry-ar.png"), fullPage: false });
  await fitsThePhone(page, "an Arabic entry");
  await page.screenshot({ path: join(artifacts, "knowledge-entry-ar-phone.png"), fullPage: false });
  await context.close();
});

test("the knowledge base in Chinese: titles in Chinese, found by two characters", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await open(page, "zh", "/knowledge?q=" + encodeURIComponent("数据"));
  assert.equal(await page.getAttribute("html", "lang"), "zh");
  const hit = page.locator('a[href="/knowledge/case-estonia-x-road"]');
  assert.equal(await hit.count(), 1, "数据 finds the X-Road case");
  assert.equal(await hit.textContent(), "爱沙尼亚X-Road数据交换层");
  await page.screenshot({ path: join(artifacts, "knowledge-search-zh.png"), fullPage: false });

  await hit.click();
  await page.waitForLoadState();
  assert.equal(await page.textContent("h1"), "爱沙尼亚X-Road数据交换层");
  assert.equal(await page.locator(".meter-entry__body").getAttribute("lang"), "en");
  await page.screenshot({ path: join(artifacts, "knowledge-entry-zh.png"), fullPage: false });
  await fitsThePhone(page, "a Chinese entry");
  await context.close();
});

test("an expert writes an entry in Arabic with an English title; each reader sees theirs", async () => {
  addUser(env.db, "expert@knowledge.test", "expert", "a-long-expert-password-1");
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(env, page, "expert@knowledge.test", "a-long-expert-password-1");
  await open(page, "ar", "/knowledge/new");
  assert.equal(await page.locator("fieldset.meter-knowledge-texts").count(), 6);
  assert.equal(await page.getAttribute("#kf-title_ar", "dir"), "rtl");
  const required = (lang) => page.locator(`fieldset[data-lang="${lang}"] .meter-knowledge-required`);
  assert.equal(await required("en").isVisible(), true, "English is required before a choice");
  await page.selectOption("#kf-language", "ar");
  // The script moves the mark to Arabic and types the text right to left.
  assert.equal(await required("ar").isVisible(), true);
  assert.equal(await required("en").isVisible(), false);
  assert.equal(await page.getAttribute("#kf-body", "dir"), "rtl");
  await page.fill("#kf-title_ar", "الحكومة الرقمية في القرى");
  await page.fill("#kf-summary_ar", "مراكز الخدمة في القرى تقرّب الخدمات الإلكترونية من الناس.");
  await page.fill("#kf-title_en", "Digital government in villages");
  await page.fill("#kf-summary_en", "Village service centres bring e-services closer to people.");
  await page.fill("#kf-pillars", "T");
  await page.fill("#kf-subareas", "T1");
  await page.fill("#kf-sources", "A source | https://example.org/");
  await page.fill("#kf-body", "## ما الذي تم\n\nافتتحت مراكز للخدمة في القرى.\n");
  await page.screenshot({ path: join(artifacts, "knowledge-form-ar.png"), fullPage: true });
  await Promise.all([page.waitForNavigation(),
                     page.click('form.meter-knowledge-form button[type="submit"]')]);
  assert.match(page.url(), /\/knowledge\/lesson-digital-government-in-villages$/);
  assert.equal(await page.textContent("h1"), "الحكومة الرقمية في القرى");
  assert.equal(await page.locator(".meter-entry__note").count(), 0, "an Arabic text for an Arabic reader");

  await open(page, "en", "/knowledge/lesson-digital-government-in-villages");
  assert.equal(await page.textContent("h1"), "Digital government in villages");
  assert.match(await page.textContent(".meter-entry__note"), /full text is in Arabic/);
  const body = page.locator(".meter-entry__body");
  assert.equal(await body.evaluate((e) => getComputedStyle(e).direction), "rtl");
  await page.screenshot({ path: join(artifacts, "knowledge-entry-en-arabic-text.png"), fullPage: false });
  await context.close();
});
