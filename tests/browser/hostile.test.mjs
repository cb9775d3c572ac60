// The hostile sample site (tests/fixtures/hostile) in headless Chromium:
// built in every mode (target, bilingual with JSON, review), at default
// levels and with every error rule allowed, then every page and SVG is
// opened with alert/confirm/prompt hooked, every element hovered and
// focused, every link that is not http(s) clicked, and searches run and
// their results clicked. Nothing may run, and nothing may be requested
// off the site. Run by .ci/run with the other browser tests.

import { test, before, after } from "node:test";
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

let work;
let server;
let origin;
let browser;
const sites = [];
const ran = [];
const offSite = [];

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else fs.copyFileSync(source, target);
  }
}

/// The fixture with what git cannot hold portably (as tests/hostile.rs makes it).
function hostileContent(dir) {
  const content = path.join(dir, "content");
  copyTree(path.join(project, "tests/fixtures/hostile/content"), content);
  const outside = path.join(dir, "outside");
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.md"), "---\ntitle: SECRET-OUTSIDE-TOKEN\n---\nSECRET-OUTSIDE-TOKEN\n");
  fs.symlinkSync(outside, path.join(content, "fr-FR/includes/outside"));
  fs.symlinkSync(path.join(outside, "secret.md"), path.join(content, "fr-FR/includes/secret-link.md"));
  const page = (title) => `---\ntitle: ${title}\nms.contentlocale: fr-FR\n---\nTexte.\n`;
  fs.writeFileSync(path.join(content, "fr-FR/javascript:alert('n1').md"), page("n1"));
  fs.mkdirSync(path.join(content, "fr-FR/javascript:alert('n2')"));
  fs.writeFileSync(path.join(content, "fr-FR/javascript:alert('n2')/page.md"), page("n2"));
  fs.writeFileSync(path.join(content, "fr-FR/\"><img src=x onerror=alert('n3')>.md"), page("n3"));
  return content;
}

function errorRules() {
  return execFileSync(helpc, ["rules"], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words[1] === "error")
    .map((words) => words[0]);
}

function files(dir, extensions) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...files(full, extensions));
    else if (extensions.includes(path.extname(entry.name))) found.push(full);
  }
  return found.sort();
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "helpc-hostile-"));
  const content = hostileContent(work);
  const allowAll = errorRules().flatMap((rule) => ["-A", rule]);
  const modes = {
    target: ["build", "--mode", "target"],
    bilingual: ["build", "--mode", "bilingual", "--emit", "html,json"],
    review: ["review"],
  };
  for (const [mode, args] of Object.entries(modes)) {
    for (const [levels, extra] of [["default", []], ["allowed", allowAll]]) {
      const name = `${mode}-${levels}`;
      const out = path.join(work, "sites", name);
      try {
        execFileSync(helpc, [...args, content, "--out", out, ...extra], { stdio: ["ignore", "ignore", "ignore"] });
      } catch (error) {
        // Exit 1: the content has errors, as it should. Anything else fails.
        assert.equal(error.status, 1, `${name}: helpc exited with ${error.status}`);
      }
      sites.push(name);
    }
  }
  const root = path.join(work, "sites");
  server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    // Published as a plain host would: no Content-Security-Policy to hide behind.
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.HELPC_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.exposeBinding("__helpcRan", ({ page }, what, detail) => {
    ran.push(`${what}(${detail}) on ${page.url()}`);
  });
  await context.addInitScript(() => {
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      window[name] = (...args) => window.__helpcRan(name, String(args[0]));
    }
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/")) return route.continue();
    offSite.push(url);
    return route.abort();
  });
  return context;
}

function watch(page) {
  page.on("dialog", (dialog) => {
    ran.push(`dialog ${dialog.type()}: ${dialog.message()} on ${page.url()}`);
    dialog.dismiss().catch(() => {});
  });
}

/// Open `url`. A click on a link the browser cannot follow (an unknown scheme,
/// an aborted request) ends in Chromium's error page a moment later, and that
/// late navigation can interrupt the next one: then open `url` again.
async function visit(page, url) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await page.goto(url, { waitUntil: "load" });
    } catch (error) {
      if (attempt >= 4 || !/interrupted by another navigation/.test(error.message)) throw error;
      await page.waitForTimeout(200);
    }
  }
}

/// Hover and focus every element: the events a reader's mouse and keyboard send.
async function touchEverything(page) {
  await page.evaluate(() => {
    const events = ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove", "focusin", "focus", "pointerdown", "mousedown", "pointerup", "mouseup", "animationstart", "toggle", "load", "error"];
    for (const element of document.querySelectorAll("*")) {
      for (const type of events) element.dispatchEvent(new Event(type, { bubbles: true }));
      if (typeof element.focus === "function") element.focus();
    }
    for (const details of document.querySelectorAll("details")) details.open = !details.open;
  });
  await page.waitForTimeout(30);
}

/// Links whose resolved scheme is neither http nor https (there should be none), and
/// the page's same-origin links.
async function links(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("a[href], area[href]")].map((a, index) => ({ index, href: a.href, protocol: a.protocol })),
  );
}

test("the hooks of these tests catch script that runs", async () => {
  const canary = path.join(work, "sites", "canary");
  fs.mkdirSync(canary, { recursive: true });
  fs.writeFileSync(
    path.join(canary, "index.html"),
    '<!doctype html><title>c</title><img src="x" onerror="alert(1)"><span onmouseover="confirm(2)">s</span><a href="javascript:prompt(3)">j</a>',
  );
  const context = await newContext();
  const page = await context.newPage();
  watch(page);
  await page.goto(`${origin}/canary/index.html`, { waitUntil: "load" });
  await touchEverything(page);
  for (const link of await links(page)) {
    if (!["http:", "https:"].includes(link.protocol)) {
      await page.evaluate((index) => document.querySelectorAll("a[href]")[index].click(), link.index);
    }
  }
  await page.waitForTimeout(200);
  await context.close();
  const caught = ran.splice(0);
  fs.rmSync(canary, { recursive: true });
  for (const what of ["alert(1)", "confirm(2)", "prompt(3)"]) {
    assert.ok(caught.some((line) => line.startsWith(what)), `${what} in ${caught}`);
  }
});

test("no page of the hostile site runs script, however it is hovered, focused or clicked", { timeout: 600_000 }, async () => {
  const context = await newContext();
  const page = await context.newPage();
  watch(page);
  const clicked = new Set();
  let opened = 0;
  for (const name of sites) {
    const root = path.join(work, "sites", name);
    for (const file of files(root, [".html", ".svg"])) {
      const rel = path.relative(path.join(work, "sites"), file).split(path.sep).map(encodeURIComponent).join("/");
      const url = `${origin}/${rel}`;
      await visit(page, url);
      opened += 1;
      if (file.endsWith(".svg")) {
        await touchEverything(page);
        continue;
      }
      await touchEverything(page);
      for (const link of await links(page)) {
        const other = !["http:", "https:"].includes(link.protocol);
        const onSite = link.href.startsWith(origin + "/") && !clicked.has(link.href.split("#")[0]);
        if (link.protocol === "mailto:" || (!other && !onSite)) continue;
        clicked.add(link.href.split("#")[0]);
        await visit(page, url);
        // The click may navigate before the evaluation returns.
        await page
          .evaluate((index) => document.querySelectorAll("a[href], area[href]")[index].click(), link.index)
          .catch((error) => assert.match(error.message, /context was destroyed|navigat/));
        await page.waitForTimeout(100);
        await page.waitForLoadState("load").catch(() => {});
        await touchEverything(page).catch(() => {});
      }
    }
  }
  assert.ok(opened > 60, `opened ${opened} pages and images`);
  assert.ok(clicked.size > 20, `clicked ${clicked.size} links`);
  await context.close();
  assert.deepEqual(ran, [], "script ran");
  assert.deepEqual(offSite, [], "requests off the site");
});

test("searching the hostile site and opening every result runs nothing", { timeout: 300_000 }, async () => {
  const context = await newContext();
  const page = await context.newPage();
  watch(page);
  let results = 0;
  for (const name of sites.filter((s) => !s.startsWith("review"))) {
    for (const query of ["javascript", "alert", "texte", "page", "script", "onerror", "n1", "liens"]) {
      await visit(page, `${origin}/${name}/fr-fr/index.html`);
      await page.fill(".site-search input", query);
      await page.waitForTimeout(300);
      const hrefs = await page.$$eval("#site-search-results a", (as) => as.map((a) => ({ href: a.href, protocol: a.protocol })));
      for (const { href, protocol } of hrefs) {
        assert.ok(["http:"].includes(protocol) && href.startsWith(origin + "/"), `search result ${href}`);
        results += 1;
        await visit(page, href);
        await touchEverything(page);
      }
    }
  }
  assert.ok(results > 10, `opened ${results} search results`);
  await context.close();
  assert.deepEqual(ran, [], "script ran");
  assert.deepEqual(offSite, [], "requests off the site");
});
