// Part of bench/report/bench.py: Debian's Chromium signs in as the coordinator, opens the round's
// results page once, then RUNS times loads it and prints it to A4 PDF. Prints JSON timings (s).
// Usage: node print.mjs BASE_URL ROUND_ID EMAIL PASSWORD OUT.pdf RUNS
import { chromium } from "playwright-core";

const [base, round, email, password, out, runs] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  // Playwright gives each launch a fresh, empty profile of its own.
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
  const url = `${base}/rounds/${round}/results`;
  const warm = await page.goto(url, { waitUntil: "load" });
  if (warm.status() !== 200) throw new Error(`results page: HTTP ${warm.status()}`);
  await page.pdf({ path: out, format: "A4", printBackground: true });  // warm-up, not timed
  const timings = { print: [], load_and_print: [] };
  for (let i = 0; i < Number(runs); ++i) {
    const start = performance.now();
    await page.goto(url, { waitUntil: "load" });
    const loaded = performance.now();
    await page.pdf({ path: out, format: "A4", printBackground: true });
    const done = performance.now();
    timings.print.push((done - loaded) / 1000);
    timings.load_and_print.push((done - start) / 1000);
  }
  console.log(JSON.stringify(timings));
} finally {
  await browser.close();
}
