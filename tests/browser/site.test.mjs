// Browser tests of the built sample site, in headless Chromium driven by
// playwright-core: language switch, right-to-left layout, bilingual hover,
// focus and toggle, search in Japanese, no console errors, and no request
// that leaves the site. Run by .ci/run:
//
//   node --test tests/browser/
//
// Environment: HELPC_BIN (default target/release/helpc), HELPC_CHROMIUM
// (default /usr/bin/chromium), HELPC_BROWSER_TOOLS (the npm prefix holding
// playwright-core; default target/browser-tools), HELPC_SCREENSHOTS (a
// folder: write the screenshots of docs/screenshots there).

import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tools = process.env.HELPC_BROWSER_TOOLS || path.join(project, "target/browser-tools");
const { chromium } = createRequire(path.join(tools, "package.json"))("playwright-core");
const helpc = process.env.HELPC_BIN || path.join(project, "target/release/helpc");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
};

let site;
let server;
let origin;
let browser;
let context;
const problems = [];

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), "helpc-browser-"));
  execFileSync(helpc, ["build", path.join(project, "content"), "--out", path.join(site, "public"), "--mode", "bilingual"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const root = path.join(site, "public");
  server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      problems.push(`404 ${url.pathname}`);
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.HELPC_CHROMIUM || "/usr/bin/chromium",
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
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

afterEach(() => {
  const found = problems.splice(0);
  assert.deepEqual(found, [], "console errors, failed requests or requests off the site");
});

async function open(url) {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith(origin + "/")) problems.push(`request off the site: ${request.url()}`);
  });
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  await page.goto(origin + url);
  return page;
}

test("the language switcher leads to the same article in another language", async () => {
  const page = await open("/fr-fr/getting-started.html");
  assert.equal(await page.getAttribute("html", "lang"), "fr-FR");
  await page.click('.language-switcher a[hreflang="ja-JP"]');
  await page.waitForURL(/\/ja-jp\/getting-started\.html$/);
  assert.equal(await page.getAttribute("html", "lang"), "ja-JP");
  assert.equal(await page.getAttribute("html", "dir"), "ltr");
  const current = page.locator('.language-switcher [aria-current="page"]');
  assert.equal(await current.getAttribute("lang"), "ja-JP");
  await page.close();
});

test("right-to-left pages mirror the layout", async () => {
  const page = await open("/ar-sa/guides/troubleshooting.html");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  const nav = await page.locator(".site-nav").boundingBox();
  const main = await page.locator("main").boundingBox();
  assert.ok(nav.x > main.x, `the side bar is on the right in RTL (${nav.x} vs ${main.x})`);
  const title = await page.locator(".site-title").boundingBox();
  const search = await page.locator(".site-search input").boundingBox();
  assert.ok(title.x > search.x, "the site title starts on the right");
  const alignment = await page.locator("main p").first().evaluate((p) => getComputedStyle(p).direction);
  assert.equal(alignment, "rtl");
  // The same page left to right: the side bar on the left.
  const ltr = await open("/fr-fr/guides/troubleshooting.html");
  const ltrNav = await ltr.locator(".site-nav").boundingBox();
  const ltrMain = await ltr.locator("main").boundingBox();
  assert.ok(ltrNav.x < ltrMain.x);
  await page.close();
  await ltr.close();
});

test("a sentence shows its English source on hover and on keyboard focus", async () => {
  const page = await open("/fr-fr/getting-started.html");
  const segment = page.locator(".article-body .seg[data-source]").first();
  const source = await segment.getAttribute("data-source");
  assert.ok(source.length > 0);
  const after = () => segment.evaluate((el) => getComputedStyle(el, "::after").content);
  assert.equal(await after(), "none");
  await segment.hover();
  assert.equal(await after(), JSON.stringify(source));
  await page.mouse.move(0, 0);
  // Keyboard: Tab until a sentence has the focus.
  let focused = false;
  for (let i = 0; i < 80 && !focused; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.classList.contains("seg") ?? false);
  }
  assert.ok(focused, "sentences are reachable with the keyboard");
  const described = await page.evaluate(() => {
    const el = document.activeElement;
    const target = document.getElementById(el.getAttribute("aria-describedby"));
    return { after: getComputedStyle(el, "::after").content, source: el.dataset.source, description: target?.textContent };
  });
  assert.equal(described.after, JSON.stringify(described.source));
  assert.equal(described.description, described.source, "screen readers get the source too");
  await page.close();
});

test("the toggle shows the whole article in English and back", async () => {
  const page = await open("/fr-fr/getting-started.html");
  const button = page.locator(".toggle-english");
  assert.ok(await button.isVisible());
  assert.ok(await page.locator(".article-body").isVisible());
  assert.ok(!(await page.locator(".english-body").isVisible()));
  await button.click();
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  assert.ok(!(await page.locator(".article-body").isVisible()));
  assert.ok(await page.locator(".english-body").isVisible());
  assert.match(await page.locator(".english-body h1").textContent(), /Getting started/);
  await button.click();
  assert.equal(await button.getAttribute("aria-pressed"), "false");
  assert.ok(await page.locator(".article-body").isVisible());
  await page.close();
});

test("search finds Japanese words written without spaces", async () => {
  const page = await open("/ja-jp/index.html");
  const input = page.locator("#site-search-input");
  assert.ok(await input.isVisible(), "the search field shows once the script runs");
  // A phrase from the body text only: no space delimits its words.
  await input.fill("壊れた翻訳");
  const results = page.locator("#site-search-results li a");
  await results.first().waitFor();
  const titles = await results.allTextContents();
  assert.deepEqual(titles, ["継続的インテグレーションで helpc を実行する"]);
  // A title word, then follow the result.
  await input.fill("継続的");
  await page.waitForFunction(() => document.querySelectorAll("#site-search-results li").length === 1);
  await results.first().click();
  await page.waitForURL(/\/ja-jp\/guides\/continuous-integration\.html$/);
  // Nothing found: said so.
  const again = page.locator("#site-search-input");
  await again.fill("存在しない語句ぬぬぬ");
  await page.waitForFunction(() => !document.getElementById("site-search-results").hidden);
  assert.equal(await page.locator("#site-search-results li").count(), 0);
  assert.match(await page.locator("#site-search-results p").textContent(), /該当する記事はありません/);
  await page.close();
});

test("search works in a script written with spaces too", async () => {
  const page = await open("/fr-fr/index.html");
  await page.locator("#site-search-input").fill("intégration contin");
  const results = page.locator("#site-search-results li a");
  await results.first().waitFor();
  assert.ok((await results.allTextContents()).includes("Exécuter helpc en intégration continue"));
  await page.close();
});

test("landmarks, a skip link, dark mode and print", async () => {
  const page = await open("/fr-fr/guides/troubleshooting.html");
  for (const landmark of ["header", "nav.breadcrumbs", "nav.site-nav", "main", "footer", "form[role=search]"]) {
    assert.equal(await page.locator(landmark).count(), 1, landmark);
  }
  await page.keyboard.press("Tab");
  const skip = page.locator(".skip-link");
  assert.ok(await skip.evaluate((el) => el === document.activeElement));
  assert.ok((await skip.boundingBox()).y >= 0, "the skip link shows when focused");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#main$/);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), "rgb(255, 255, 255)");
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await background(), "rgb(18, 20, 22)");
  await page.emulateMedia({ media: "print", colorScheme: "light" });
  assert.ok(!(await page.locator(".site-nav").isVisible()), "no side bar on paper");
  assert.ok(await page.locator(".article-body h1").isVisible());
  await page.close();
});

test("screenshots of an Arabic and a Japanese page", { skip: !process.env.HELPC_SCREENSHOTS }, async () => {
  const folder = process.env.HELPC_SCREENSHOTS;
  fs.mkdirSync(folder, { recursive: true });
  const arabic = await open("/ar-sa/guides/troubleshooting.html");
  await arabic.locator(".article-body .seg[data-source]").nth(1).hover();
  await arabic.screenshot({ path: path.join(folder, "ar-sa-article.png") });
  await arabic.close();
  const japanese = await open("/ja-jp/guides/continuous-integration.html");
  await japanese.locator("#site-search-input").fill("壊れた翻訳");
  await japanese.locator("#site-search-results li a").first().waitFor();
  await japanese.screenshot({ path: path.join(folder, "ja-jp-search.png") });
  await japanese.close();
});
