// Keyboard only (WCAG 2.1.1), on the demo (`meter serve --demo`): no clicks and no filling by
// selector. Tab, Shift+Tab, Space, Enter, the arrow keys and typing into whatever has the focus do
// everything: a respondent answers every statement of a questionnaire page (one with a comment),
// saves, and reaches the next page; a coordinator signs in, sets a target and fills and saves a
// roadmap item on the Way Forward page. What was stored is then read back. Every control reached on
// the way shows a focus ring of at least 2 px (WCAG 2.4.7; 2.4.13 asks for 2 px).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { start, serve, stop, artifacts, signIn } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
  await serve(env, ["--demo"]);
});
after(async () => { await stop(env); });

// What has the focus, as the test needs to know it (reading the page is not using it).
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: "body" };
    const style = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(), type: e.type || "", name: e.name || "", id: e.id || "",
      value: e.value || "", text: (e.textContent || "").trim().slice(0, 80),
      checked: !!e.checked, statement: e.closest("[data-statement]")?.dataset.statement || "",
      outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
      shadow: style.boxShadow !== "none",
      labelRing: e.labels && e.labels[0]
        ? getComputedStyle(e.labels[0], "::before").boxShadow.includes("rgb(36, 145, 255)") ||
          getComputedStyle(e.labels[0]).outlineStyle !== "none"
        : false,
    };
  });
}

// Presses `key` (Tab by default) until `wanted(focus)` holds, checking on the way that each element
// reached shows its focus. Fails after `max` presses.
async function pressUntil(page, wanted, { key = "Tab", max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    assert.notEqual(f.tag, "body", "the focus left the page");
    const ring = f.outline >= 2 || f.shadow || f.labelRing;
    assert.ok(ring, `no visible focus on ${JSON.stringify(f)} at ${page.url()}`);
    if (wanted(f)) return f;
  }
  throw new Error(`${max} presses of ${key} did not reach the element on ${page.url()}`);
}

async function invitation() {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(env, page, "coordinator@demo.meter", "demo-password-2026");
  await page.click("text=Aurelia 2026 self-assessment (demo)");
  const round = page.url().match(/\/rounds\/(\d+)$/)[1];
  const link = await page.evaluate(async (round) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const response = await fetch(`/api/rounds/${round}/respondents`, {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ name: "keyboard-only@gov.example", group: "Civil society",
                             pillars: ["C"] }),
    });
    return (await response.json()).link;
  }, round);
  await context.close();
  return link;
}

test("a respondent answers a whole page, saves and goes on with the keyboard alone", async () => {
  const link = await invitation();
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL(/\/q\/1$/);
  const statements = await page.$$eval("fieldset[data-statement]", (all) => all.map((f) => f.dataset.statement));
  assert.ok(statements.length >= 3, statements.join());

  // Each statement: Tab into its options (the first one takes the focus, as nothing is chosen),
  // Space chooses it, and the arrow keys move the choice: statement k gets option k mod 4.
  const chosen = {};
  for (const [k, id] of statements.entries()) {
    let f = await pressUntil(page, (f) => f.type === "radio" && f.statement === id);
    await page.keyboard.press("Space");
    for (let i = 0; i < k % 4; i++) await page.keyboard.press("ArrowRight");
    f = await focused(page);
    assert.equal(f.checked, true, `${id}: the focused option is chosen`);
    assert.equal(f.statement, id, "the arrows stay within the statement");
    chosen[id] = f.value;
    if (k === 1) {
      // "Comment and evidence" opens with Enter, and the comment is typed into its field.
      await pressUntil(page, (f) => f.tag === "summary" && f.statement === id);
      await page.keyboard.press("Enter");
      await pressUntil(page, (f) => f.tag === "textarea" && f.statement === id);
      await page.keyboard.type("Typed without a mouse");
    }
  }
  // Shift+Tab goes back to the last statement's choice, which it keeps.
  await pressUntil(page, (f) => f.tag === "button" && f.value === "stay");
  const back = await pressUntil(page, (f) => f.type === "radio", { key: "Shift+Tab" });
  assert.equal(back.statement, statements.at(-1));
  assert.equal(back.checked, true);

  // Save (Enter on the button), then Next to the second page.
  await pressUntil(page, (f) => f.tag === "button" && f.value === "stay");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), /\/q\/1$/);
  assert.equal(await page.locator(".usa-alert--success").count(), 1, "the page says Saved");
  await pressUntil(page, (f) => f.tag === "button" && f.value === "next");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), /\/q\/2$/);
  await page.screenshot({ path: join(artifacts, "keyboard-respondent-page-2.png") });

  // Every answer is stored as chosen, with the comment.
  const stored = (await (await context.request.get(`${env.base}/api/answers`)).json()).answers;
  for (const id of statements) {
    const answer = stored.find((a) => a.statement === id);
    assert.ok(answer, `${id} is stored`);
    assert.equal(answer.value, chosen[id], `${id} is stored as chosen`);
  }
  assert.equal(stored.find((a) => a.statement === statements[1]).comment, "Typed without a mouse");
  assert.ok(new Set(Object.values(chosen)).size >= 3, "different options were chosen");
  await context.close();
});

test("a coordinator sets a target and fills and saves a roadmap item with the keyboard alone", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Sign in: the e-mail field, the password field, Enter.
  await page.goto(`${env.base}/login`);
  await pressUntil(page, (f) => f.id === "email");
  await page.keyboard.type("coordinator@demo.meter");
  await pressUntil(page, (f) => f.id === "password");
  await page.keyboard.type("demo-password-2026");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), /\/rounds$/);
  // The round, then its Way Forward, by their links.
  await pressUntil(page, (f) => f.tag === "a" && f.text === "Aurelia 2026 self-assessment (demo)");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const round = page.url().match(/\/rounds\/(\d+)$/)[1];
  await pressUntil(page, (f) => f.tag === "a" && f.text === "Way Forward");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), new RegExp(`/rounds/${round}/way-forward$`));

  // A target for Commitment, typed over the field's value, saved with Enter.
  await pressUntil(page, (f) => f.id === "target-C");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("65");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), /way-forward#targets$/);

  // The first roadmap item: a later phase (arrow keys on the list), an owner and a due date, then
  // its Save button.
  const item = await page.getAttribute("article.meter-priority", "id");
  const sub = item.replace("item-", "");
  const phase = await pressUntil(page, (f) => f.id === `phase-${sub}`, { max: 200 });
  await page.keyboard.press("ArrowDown");
  const moved = await focused(page);
  assert.notEqual(moved.value, phase.value, "the arrow key changed the phase");
  await pressUntil(page, (f) => f.id === `owner-${sub}`);
  await page.keyboard.type("Ministry of the Interior");
  await pressUntil(page, (f) => f.id === `due-${sub}`);
  await page.keyboard.type("12312027");  // month, day, year in the browser's en-US date field
  await pressUntil(page, (f) => f.tag === "button" && f.text === "Save this item");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.match(page.url(), new RegExp(`#item-${sub.replace(".", "\\.")}$`));
  await page.screenshot({ path: join(artifacts, "keyboard-way-forward.png") });

  // Stored: the page now shows the target, the phase, the owner and the date.
  assert.equal(await page.inputValue("#target-C"), "65.0");
  const text = await page.textContent(`#item-${sub}`);
  assert.match(text, /Ministry of the Interior/);
  assert.match(text, /2027-12-31/);
  assert.equal(await page.inputValue(`#phase-${sub}`), moved.value);
  await context.close();
});
