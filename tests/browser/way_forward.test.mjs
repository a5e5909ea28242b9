// The Way Forward in a real browser, on the demo round (`meter serve --demo`): the coordinator sets
// a target, sees it on the radar, moves a roadmap item to another phase with an owner and a due
// date, then downloads the country report (PDF) and the workbook (XLSX). The PDF is read back with
// pdftotext and its first pages rendered with pdftoppm into build/artifacts/ to be looked at; the
// workbook is opened with openpyxl.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { start, serve, stop, artifacts, signIn } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
  await serve(env, ["--demo"]);
});
after(async () => { await stop(env); });

function run(command, args) {
  const r = spawnSync(command, args, { encoding: "utf8" });
  assert.equal(r.status, 0, `${command} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

test("targets, a moved roadmap item, and the report and workbook downloads", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(env, page, "coordinator@demo.meter", "demo-password-2026");
  await page.click("text=Aurelia 2026 self-assessment (demo)");
  const roundUrl = page.url();
  assert.match(roundUrl, /\/rounds\/\d+$/);

  // A target for Commitment: the radar draws it beside the scores.
  await page.click('a[href$="/way-forward"]');
  assert.equal(await page.locator("polygon.radar-target").count(), 0);
  await page.fill("#target-C", "60");
  await page.click('form[action$="/targets"] button[type="submit"]');
  await page.waitForURL(/way-forward#targets$/);
  assert.equal(await page.inputValue("#target-C"), "60.0");
  assert.equal(await page.locator("polygon.radar-target").count(), 1);

  // C3 (phase 1, nothing depends on it) moves to phase 3 with an owner and a due date.
  const item = page.locator("#item-C3");
  await item.locator('select[name="phase"]').selectOption("3");
  await item.locator('input[name="owner"]').fill("Ministry of Innovation");
  await item.locator('input[name="due"]').fill("2028-06-30");
  await item.locator('button[type="submit"]').click();
  await page.waitForURL(/#item-C3$/);
  const moved = page.locator("#item-C3");
  assert.match(await moved.textContent(), /moved by the coordinator/);
  assert.match(await moved.textContent(), /Ministry of Innovation/);
  const phase3 = page.locator("section.meter-phase", { hasText: "Phase 3: months 18 to 36" });
  assert.equal(await phase3.locator("#item-C3").count(), 1, "C3 is listed in phase 3");
  await page.screenshot({ path: join(artifacts, "way-forward.png"), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                                               document.documentElement.clientWidth]);
  assert.ok(scrollWidth <= clientWidth + 1, `Way Forward is ${scrollWidth}px wide on a ${clientWidth}px screen`);
  await page.screenshot({ path: join(artifacts, "way-forward-phone.png"), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The report and the workbook from the results page.
  await page.goto(`${roundUrl}/results`);
  const [pdf] = await Promise.all([page.waitForEvent("download"),
                                   page.click('a[href$="/download/pdf"]')]);
  const pdfPath = join(env.dir, "report.pdf");
  await pdf.saveAs(pdfPath);
  // Table cells wrap, so words are compared with the line breaks taken out.
  const text = run("pdftotext", [pdfPath, "-"]).replace(/\s+/g, " ");
  assert.match(text, /Aurelia 2026 self-assessment \(demo\)/);
  assert.match(text, /Ministry of Innovation/, "the roadmap in the report carries the owner");
  assert.match(text, /2028-06-30/);
  run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", pdfPath, join(artifacts, "report-page")]);

  const [xlsx] = await Promise.all([page.waitForEvent("download"),
                                    page.click('a[href$="/download/xlsx"]')]);
  const xlsxPath = join(env.dir, "round.xlsx");
  await xlsx.saveAs(xlsxPath);
  const sheets = JSON.parse(run("/usr/bin/python3", ["-c", `
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
roadmap = [[c for c in row] for row in book["Roadmap"].iter_rows(values_only=True)]
print(json.dumps({"sheets": book.sheetnames, "roadmap": roadmap}, default=str))
`, xlsxPath]));
  assert.deepEqual(sheets.sheets, ["Summary", "Scores", "Answers", "Way Forward", "Roadmap"]);
  const c3 = sheets.roadmap.find((row) => row.includes("C3"));
  assert.ok(c3, "C3 is on the Roadmap sheet");
  assert.ok(c3.includes("Ministry of Innovation"), JSON.stringify(c3));
  assert.ok(c3.includes(3), `C3 is in phase 3 on the sheet: ${JSON.stringify(c3)}`);
});
