// Browser tests of a small site in locales helpc's sample does not have
// (Hebrew, Thai, Simplified Chinese, German, Serbian Latin: the fixture in
// tests/browser/fixture/), opened from disk (file:) as a reader who
// downloaded it would: search works without a server, with the matches
// marked; side bar and breadcrumbs carry the TOCs' localized names; the
// interface is in each page's language; the switcher and the chooser list
// one autonym per locale, in one order on every page; no raw DocFX marker
// or markup where text belongs; axe-core and 390 px clean.
//
// Environment as site.test.mjs.

import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tools = process.env.HELPC_BROWSER_TOOLS || path.join(project, "target/browser-tools");
const load = createRequire(path.join(tools, "package.json"));
const { chromium } = load("playwright-core");
const axeSource = fs.readFileSync(load.resolve("axe-core/axe.min.js"), "utf8");
const helpc = process.env.HELPC_BIN || path.join(project, "target/release/helpc");
const fixture = path.join(project, "tests/browser/fixture/content");

// The autonyms, in the order every switcher and the chooser use.
const LOCALES = [
  ["de-DE", "Deutsch"],
  ["en-US", "English"],
  ["he-IL", "עברית"],
  ["sr-Latn-RS", "Srpski (latinica)"],
  ["th-TH", "ไทย"],
  ["zh-CN", "简体中文"],
];

const PLAYER = /^https:\/\/www\.youtube-nocookie\.com\/embed\//;

let work;
let site;
let bilingual;
let browser;
const problems = [];

function pages(dir, out = []) {
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) pages(file, out);
    else if (name.endsWith(".html")) out.push(file);
  }
  return out;
}

// A message of a locale's UI strings file (simple messages only).
function message(locale, id) {
  const text = fs.readFileSync(path.join(project, "locales", `${locale}.ftl`), "utf8");
  const line = text.split("\n").find((l) => l.startsWith(`${id} =`));
  return line.slice(id.length + 2).trim();
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "helpc-locales-"));
  site = path.join(work, "default");
  bilingual = path.join(work, "bilingual");
  execFileSync(helpc, ["build", fixture, "--out", site], { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync(helpc, ["build", fixture, "--out", bilingual, "--mode", "bilingual"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  browser = await chromium.launch({ executablePath: process.env.HELPC_CHROMIUM || "/usr/bin/chromium" });
});

after(async () => {
  await browser?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  const found = problems.splice(0);
  assert.deepEqual(found, [], "console errors, failed requests or requests off the disk");
});

async function open(file, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // The embedded player is the one thing allowed to come from elsewhere;
  // tests run offline, so it is not asked for.
  await page.route(PLAYER, (route) => route.abort());
  page.on("request", (request) => {
    if (!request.url().startsWith("file:") && !PLAYER.test(request.url())) {
      problems.push(`request off the disk: ${request.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    if (!PLAYER.test(request.url())) problems.push(`failed: ${request.url()}`);
  });
  await page.goto(pathToFileURL(path.join(site, file)).href);
  return page;
}

test("search works from disk, with the matches marked in title and snippet", async () => {
  const page = await open("he-il/index.html");
  const input = page.locator("#site-search-input");
  assert.ok(await input.isVisible(), "the search field shows on a page opened from disk");
  // The locale index puts the search first, before the list.
  const first = await page.evaluate(() => {
    const main = document.querySelector("main");
    const form = main.querySelector("form[role=search]");
    const list = main.querySelector(".article-list");
    return form && list && (form.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  assert.ok(first, "search before the article list");
  // A word of the body only.
  await input.fill("דקות");
  const results = page.locator("#site-search-results li");
  await results.first().waitFor();
  assert.equal(await results.count(), 1);
  assert.equal(await results.locator("a").textContent(), "איפוס סיסמה באמצעות Set-Mailbox");
  const snippet = results.locator("p");
  assert.match(await snippet.textContent(), /דקות/);
  assert.deepEqual(await snippet.locator("mark").allTextContents(), ["דקות"]);
  assert.ok(!(await snippet.textContent()).startsWith("איפוס סיסמה"), "the snippet does not repeat the title");
  // A title word: marked in the title.
  await input.fill("Set-Mail");
  await page.waitForFunction(() => document.querySelector("#site-search-results li a mark"));
  assert.deepEqual(await page.locator("#site-search-results li a mark").allTextContents(), ["Set", "Mail"]);
  // Follow the result: an article page, where the header search works too.
  await page.locator("#site-search-results li a").first().click();
  await page.waitForURL(/reset-password\.html$/);
  await page.close();

  const thai = await open("th-th/help/dialogs/sign-in.html");
  await thai.locator("#site-search-input").fill("กล่องจดหมาย");
  await thai.locator("#site-search-results li").first().waitFor();
  const titles = await thai.locator("#site-search-results li a").allTextContents();
  assert.ok(titles.includes("รีเซ็ตรหัสผ่านด้วย Set-Mailbox"), titles.join(", "));
  assert.ok((await thai.locator("#site-search-results mark").count()) > 0, "Thai matches are marked");
  await thai.close();
});

test("the index of search results holds no markup, whatever the titles say", async () => {
  // Marks are elements made by the script; the rest is text.
  const page = await open("zh-cn/index.html");
  await page.locator("#site-search-input").fill("密码");
  await page.locator("#site-search-results li").first().waitFor();
  const elements = await page.evaluate(() =>
    Array.from(document.querySelectorAll("#site-search-results li *")).map((e) => e.localName),
  );
  assert.deepEqual([...new Set(elements)].sort(), ["a", "mark", "p"]);
  await page.close();
});

test("side bar and breadcrumbs carry the TOCs' localized names", async () => {
  const page = await open("de-de/help/dialogs/sign-in.html");
  const crumbs = await page.locator(".breadcrumbs li").allTextContents();
  assert.deepEqual(crumbs, ["Startseite", "Artikel", "Hilfe-Center", "Dialogfelder", "Anmelden nicht möglich"]);
  const nav = await page.locator(".site-nav li > :is(a, span)").allTextContents();
  assert.deepEqual(nav, ["Hilfe-Center", "Dialogfelder"]);
  // The breadcrumb TOC's page.
  await page.click(".breadcrumbs a:text('Hilfe-Center')");
  await page.waitForURL(/\/de-de\/help\/index\.html$/);
  await page.close();
  // A folder no TOC names keeps its own name, written left to right.
  const hebrew = await open("he-il/help/dialogs/sign-in.html");
  assert.deepEqual(await hebrew.locator(".breadcrumbs li").allTextContents(), [
    "דף הבית",
    "מאמרים",
    "מרכז העזרה",
    "dialogs",
    "לא ניתן להיכנס",
  ]);
  assert.equal(await hebrew.locator(".breadcrumbs li[dir=ltr]").textContent(), "dialogs");
  // The locale index: sections named the same way, linked from the side bar.
  await hebrew.click(".site-nav a:text('dialogs')");
  await hebrew.waitForURL(/he-il\/index\.html#section-help-dialogs$/);
  assert.equal(await hebrew.locator("#section-help-dialogs h2").textContent(), "מרכז העזרה / dialogs");
  assert.ok(await hebrew.locator("#section-help-dialogs li a").first().isVisible(), "the linked section is open");
  await hebrew.close();
});

test("every page's interface is in its language; titles and attributes are text", async () => {
  for (const dir of [site, bilingual]) {
    for (const file of pages(dir)) {
      const html = fs.readFileSync(file, "utf8");
      const rel = path.relative(dir, file);
      const title = html.match(/<title>([^]*?)<\/title>/)[1];
      assert.doesNotMatch(title, /[<>*`]|&lt;/, `${rel}: markup in <title>`);
      assert.doesNotMatch(html, /\[!(VIDEO|NOTE|TIP|div)/i, `${rel}: a raw DocFX marker`);
      for (const [, value] of html.matchAll(/ (?:alt|title|aria-label|data-source|content)="([^"]*)"/g)) {
        assert.doesNotMatch(value, /&lt;|<|sxs-lookup|data-ttu-id/, `${rel}: markup in an attribute`);
      }
      const locale = rel.split(path.sep)[0];
      const tag = LOCALES.find(([t]) => t.toLowerCase() === locale)?.[0];
      if (!tag) continue;
      const lang = html.match(/<html lang="([^"]+)"/)[1];
      assert.equal(lang, tag, `${rel}: <html lang>`);
      assert.ok(html.includes(`placeholder="${message(tag, "search-placeholder")}"`), `${rel}: search in ${tag}`);
      assert.ok(html.includes(`>${message(tag, "built-with")}</p>`), `${rel}: footer in ${tag}`);
      assert.doesNotMatch(html, /<p class="mt-notice"[^>]* lang=/, `${rel}: the notice in the page's language`);
    }
  }
  const hebrew = await open("he-il/help/reset-password.html");
  assert.equal(await hebrew.getAttribute("html", "dir"), "rtl");
  assert.equal(await hebrew.locator(".video iframe").count(), 1, "[!VIDEO] is an embedded player");
  assert.ok(await hebrew.locator(".video iframe").getAttribute("title"));
  await hebrew.close();
});

test("switchers and the chooser: one autonym per locale, in one order on every page", async () => {
  const lists = [];
  for (const [tag] of LOCALES) {
    const locale = tag.toLowerCase();
    for (const file of ["index.html", "help/index.html", "help/reset-password.html", "help/dialogs/sign-in.html"]) {
      const page = await open(`${locale}/${file}`);
      const entries = await page.locator(".language-switcher li > *").evaluateAll((els) =>
        els.map((el) => [el.getAttribute("lang"), el.textContent]),
      );
      lists.push([`${locale}/${file}`, entries]);
      await page.close();
    }
  }
  const chooser = await open("index.html");
  lists.push([
    "index.html",
    await chooser.locator(".language-list a").evaluateAll((els) => els.map((el) => [el.getAttribute("lang"), el.textContent])),
  ]);
  await chooser.close();
  for (const [where, entries] of lists) assert.deepEqual(entries, LOCALES, where);
});

test("every page passes axe at 390 px and 1280 px without scrolling sideways", async () => {
  const found = [];
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    await page.route(PLAYER, (route) => route.abort());
    for (const file of [...pages(site), ...pages(bilingual)]) {
      await page.goto(pathToFileURL(file).href);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) found.push(`${file}: scrolls sideways by ${overflow}px at ${width}px`);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document, { resultTypes: ["violations"] })).violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes[0] && v.nodes[0].html.slice(0, 120)}`),
      );
      for (const v of violations) found.push(`${file} at ${width}px: ${v}`);
    }
    await page.close();
  }
  assert.deepEqual(found, []);
});
