// The questionnaire in the six UN languages (issue 12): a respondent invited in each language
// answers a whole page; the page is in that language (html lang and dir), shows none of the English
// statement texts and no fragment marked as English, and the answers are stored as the same codes
// whatever the language. Screenshots of the Arabic page land in build/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, artifacts, demoInviter } from "./harness.mjs";

let env;
let invite;  // (name, language) → invitation link of a respondent asked about Commitment only

before(async () => {
  env = await start();
  await serve(env, ["--demo"]);
  const inviter = await demoInviter(env);
  invite = (name, language) => inviter(name, { language });
});
after(async () => { await stop(env); });

async function statementTexts(page) {
  return page.$$eval(".meter-statement__text", (ls) => ls.map((l) => l.lastElementChild.textContent.trim()));
}

test("a respondent answers a page in each of the six languages; no English statement is left", async () => {
  const english = await env.browser.newContext();
  const en = await english.newPage();
  await en.goto(await invite("english@gov.example", "en"));
  await en.waitForURL(/\/q\/1$/);
  const englishTexts = await statementTexts(en);
  assert.ok(englishTexts.length >= 3, "the first page has statements");

  for (const lang of ["ar", "zh", "fr", "ru", "es"]) {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(await invite(`respondent-${lang}@gov.example`, lang));
    await page.waitForURL(/\/q\/1$/);
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.equal(await page.getAttribute("html", "dir"), lang === "ar" ? "rtl" : "ltr");
    const body = await page.textContent("main");
    for (const text of englishTexts) assert.ok(!body.includes(text), `${lang}: English "${text}" on the page`);
    const texts = await statementTexts(page);
    assert.equal(texts.length, englishTexts.length);
    assert.equal(await page.locator('.meter-statement [lang="en"]').count(), 0, `${lang}: a fragment in English`);
    if (lang === "ar") await page.screenshot({ path: join(artifacts, "questionnaire-ar-phone.png"), fullPage: true });

    // Answer every statement with the second level, then go on.
    const ids = await page.$$eval("fieldset[data-statement]", (fs) => fs.map((f) => f.dataset.statement));
    for (const id of ids) await page.click(`label[for="a-${id}-1"]`);
    await Promise.all([page.waitForURL(/\/q\/2$/), page.click('button[value="next"]')]);
    const answers = await page.evaluate(async () => (await (await fetch("/api/answers")).json()).answers);
    for (const id of ids) {
      const a = answers.find((x) => x.statement === id);
      assert.ok(a && a.value === "1", `${lang}: ${id} stored as code 1`);
    }
    await context.close();
  }
  await english.close();
});
