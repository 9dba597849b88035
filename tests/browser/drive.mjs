// Drives Debian's Chromium (headless) through playwright-core for the register's tests and
// benchmark. Reads a plan (JSON) from the file named on the command line, runs its steps on
// one page and prints the results (JSON) on standard output.
//
//   node drive.mjs plan.json
//
// A plan: {"url": "file:///...", "width": 1280, "height": 900, "offline": true,
//          "steps": [{"do": "collect"}, {"do": "fill", "selector": "#q", "value": "x"}, ...]}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({
  viewport: { width: plan.width || 1280, height: plan.height || 900 },
  offline: plan.offline !== false,
});
const page = await context.newPage();
const requests = [];
const errors = [];
page.on("request", (request) => requests.push(request.url()));
page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
page.on("pageerror", (error) => errors.push(String(error)));

async function collect() {
  return page.evaluate(() => {
    const text = (node) => node.textContent.replace(/\s+/g, " ").trim();
    const visible = (rows) => rows.filter((row) => !row.hidden && row.offsetParent !== null);
    const matrix = Array.from(document.querySelectorAll("#matrix tbody tr"));
    const red = Array.from(document.querySelectorAll("#red-h ~ * tbody tr, #red-h ~ div tbody tr"));
    return {
      title: document.title,
      lang: document.documentElement.lang,
      repos: visible(matrix).map((row) => row.getAttribute("data-name")),
      reposTotal: matrix.length,
      order: matrix.map((row) => row.getAttribute("data-name")),
      redHits: visible(red).map((row) => Array.from(row.cells).map(text)),
      count: document.getElementById("count") ? text(document.getElementById("count")) : null,
      visibleLinked: visible(Array.from(document.querySelectorAll("tbody.by-repo > tr"))).length,
      linkedRepos: Array.from(new Set(visible(Array.from(
        document.querySelectorAll("tbody.by-repo > tr[data-repo]"))).map(
        (row) => row.getAttribute("data-repo")))),
      shownRepoIds: visible(matrix).map((row) => row.getAttribute("data-repo")),
      links: Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")),
      scripts: Array.from(document.querySelectorAll("script[src], link[href], img[src]")).length,
      sorted: Array.from(document.querySelectorAll("#matrix th[aria-sort]")).map(
        (th) => [th.getAttribute("data-key"), th.getAttribute("aria-sort")]),
    };
  });
}

const results = [];
try {
  await page.goto(plan.url, { waitUntil: "load" });
  for (const step of plan.steps) {
    switch (step.do) {
      case "collect":
        results.push(await collect());
        break;
      case "fill":
        await page.fill(step.selector, step.value);
        results.push(null);
        break;
      case "select":
        await page.selectOption(step.selector, step.value);
        results.push(null);
        break;
      case "scroll":
        await page.evaluate((selector) => document.querySelector(selector).scrollIntoView(), step.selector);
        results.push(null);
        break;
      case "focus":
        await page.focus(step.selector);
        results.push(null);
        break;
      case "click":
        await page.click(step.selector);
        results.push(null);
        break;
      case "press":
        await page.keyboard.press(step.key);
        results.push(await page.evaluate(() => ({
          tag: document.activeElement.tagName,
          id: document.activeElement.id,
          text: document.activeElement.textContent.trim().slice(0, 80),
        })));
        break;
      case "screenshot":
        // two frames: rows with content-visibility: auto render in the frame after they
        // come into view
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        await page.screenshot({ path: step.path, fullPage: false });
        results.push(step.path);
        break;
      case "axe": {
        await page.addScriptTag({ content: axeSource });
        const found = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const outcome = await axe.run(document, { resultTypes: ["violations"] });
          return outcome.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
            targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
          }));
        });
        results.push(found);
        break;
      }
      case "time-filter": {
        // Times one filter pass: set the search text, let the page's own handler run, and
        // wait until the frame after it has been rendered (two animation frames), so that the
        // time includes the style, layout and paint work the browser must do to show it.
        const times = await page.evaluate(async ({ values, repeat }) => {
          const box = document.getElementById("q");
          const frame = () => new Promise((done) => requestAnimationFrame(done));
          const out = [];
          for (let i = 0; i < repeat; i += 1) {
            for (const value of values) {
              await frame();
              const start = performance.now();
              box.value = value;
              box.dispatchEvent(new Event("input", { bubbles: true }));
              void document.body.offsetHeight;
              const handled = performance.now() - start;
              await frame();
              await frame();
              out.push({ value, ms: performance.now() - start, handler_ms: handled });
            }
          }
          return out;
        }, { values: step.values, repeat: step.repeat || 7 });
        results.push(times);
        break;
      }
      default:
        throw new Error(`unknown step ${step.do}`);
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results, requests, errors }) + "\n");
