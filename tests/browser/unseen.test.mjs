// The "Done when" of issue 14, measured on locales helpc's sample and the
// corpus do not have: a throwaway content tree whose locale folders are
// he-IL, zh-CN, sr-Latn-RS, th-TH and de-DE, each filled with the articles
// of a corpus locale (Arabic, Japanese, Romanian, Indonesian and French
// text, so right-to-left and CJK content are there too; `ms.contentlocale`
// set to the new tag), built with defaults and with `--mode bilingual`.
// Every page is read for its interface language, switcher, <title>, raw
// DocFX markers and markup in attributes; a random sample is opened in
// Chromium at 1280 and 390 px for sideways scrolling and axe-core. The
// numbers are printed; the test fails on any fault. Skipped without the
// corpus.
//
// Environment as site.test.mjs and axe.test.mjs, and HELPC_UNSEEN_SAMPLE
// (pages opened per width; default 40), HELPC_UNSEEN_SEED (default 14),
// HELPC_UNSEEN_KEEP (a folder: keep the tree and sites there).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = process.env.HELPC_CORPUS || path.join(project, "../shared/corpus");
const have = fs.existsSync(path.join(corpus, "fr-FR"));
const helpc = process.env.HELPC_BIN || path.join(project, "target/release/helpc");

// New tag ← the corpus locale whose articles it gets.
const UNSEEN = [
  ["he-IL", "ar-SA"],
  ["zh-CN", "ja-JP"],
  ["sr-Latn-RS", "ro-RO"],
  ["th-TH", "id-ID"],
  ["de-DE", "fr-FR"],
];

let work;
let sites;
let report;
let browser;
let tools;

function files(dir, suffix, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) files(file, suffix, out);
    else if (entry.name.endsWith(suffix)) out.push(file);
  }
  return out.sort();
}

// The locale's UI string `id` (a one-line message).
function message(locale, id) {
  const text = fs.readFileSync(path.join(project, "locales", `${locale}.ftl`), "utf8");
  const line = text.split("\n").find((l) => l.startsWith(`${id} =`));
  return line ? line.slice(id.length + 2).trim() : null;
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// A small deterministic generator: the same sample for the same seed.
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

before(() => {
  if (!have) return;
  const keep = process.env.HELPC_UNSEEN_KEEP;
  work = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), "helpc-unseen-"));
  const content = path.join(work, "content");
  fs.rmSync(content, { recursive: true, force: true });
  for (const [tag, from] of UNSEEN) {
    fs.cpSync(path.join(corpus, from), path.join(content, tag), { recursive: true });
    for (const file of files(path.join(content, tag), ".md")) {
      const text = fs.readFileSync(file, "utf8");
      fs.writeFileSync(file, text.replace(/^ms\.contentlocale:.*$/m, `ms.contentlocale: ${tag}`));
    }
  }
  sites = {};
  for (const [name, extra] of [["default", []], ["bilingual", ["--mode", "bilingual"]]]) {
    const out = path.join(work, name);
    let stdout;
    try {
      stdout = execFileSync(helpc, ["build", content, "--out", out, "--format", "json", ...extra], {
        stdio: ["ignore", "pipe", "ignore"],
        maxBuffer: 1 << 30,
      });
    } catch (error) {
      // Articles with errors are left out; the site is still built.
      stdout = error.stdout;
    }
    sites[name] = out;
    if (name === "default") report = JSON.parse(stdout.toString());
  }
});

after(async () => {
  await browser?.close();
  if (work && !process.env.HELPC_UNSEEN_KEEP) fs.rmSync(work, { recursive: true, force: true });
});

test("unseen locales: interface, names, order, titles, markers and attributes on every page", { skip: !have && "no corpus" }, (t) => {
  const chooser = fs.readFileSync(path.join(sites.default, "index.html"), "utf8");
  const order = [...chooser.matchAll(/<a href="[^"]*" hreflang="([^"]+)" lang="[^"]+" dir="[^"]+">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
  const counts = {
    pages: 0,
    interface_not_in_locale: 0,
    switcher_not_one_per_locale: 0,
    switcher_order_differs: 0,
    markup_in_title: 0,
    raw_video: 0,
    raw_alert_marker: 0,
    markup_in_attribute_bilingual: 0,
    root_relative_dead_links: 0,
  };
  const examples = {};
  const fault = (kind, file) => {
    counts[kind] += 1;
    (examples[kind] ||= []).length < 3 && examples[kind].push(path.relative(work, file));
  };
  for (const [tag] of UNSEEN) {
    const placeholder = escapeHtml(message(tag, "search-placeholder"));
    const footer = escapeHtml(message(tag, "built-with"));
    const contents = escapeHtml(message(tag, "contents"));
    for (const file of files(path.join(sites.default, tag.toLowerCase()), ".html")) {
      counts.pages += 1;
      const html = fs.readFileSync(file, "utf8");
      const article = !file.endsWith(`${path.sep}${tag.toLowerCase()}${path.sep}index.html`);
      if (
        !html.includes(`placeholder="${placeholder}"`) ||
        !html.includes(`>${footer}</p>`) ||
        (article && html.includes('class="site-nav"') && !html.includes(`>${contents}</h2>`))
      ) {
        fault("interface_not_in_locale", file);
      }
      const switcher = html.match(/<nav class="language-switcher"[^]*?<\/nav>/);
      const entries = switcher
        ? [...switcher[0].matchAll(/<(?:a|span)[^>]* lang="([^"]+)">([^<]*)<\/(?:a|span)>/g)].map((m) => [m[1], m[2]])
        : [];
      const names = new Set(entries.map((e) => e[1]));
      const tags = new Set(entries.map((e) => e[0]));
      if (names.size !== entries.length || tags.size !== entries.length) fault("switcher_not_one_per_locale", file);
      const expected = order.filter(([l]) => tags.has(l));
      if (JSON.stringify(expected) !== JSON.stringify(entries)) fault("switcher_order_differs", file);
      const title = html.match(/<title>([^]*?)<\/title>/)[1];
      if (/&lt;|<|\*\*|`|\]\(/.test(title)) fault("markup_in_title", file);
      // Text outside code: raw markers would show there.
      const text = html.replace(/<(pre|code)[^>]*>[^]*?<\/\1>/g, "").replace(/<[^>]+>/g, " ");
      if (/\[!VIDEO/i.test(text)) fault("raw_video", file);
      if (/\[!\s*[^\]\s][^\]]{0,30}\]/.test(text)) fault("raw_alert_marker", file);
      for (const [, href] of html.matchAll(/<a [^>]*href="(\/[^/"][^"]*)"/g)) {
        if (href) {
          fault("root_relative_dead_links", file);
          break;
        }
      }
    }
    for (const file of files(path.join(sites.bilingual, tag.toLowerCase()), ".html")) {
      const html = fs.readFileSync(file, "utf8");
      for (const [, value] of html.matchAll(/ (?:alt|title|aria-label|content|placeholder)="([^"]*)"/g)) {
        if (/&lt;|<|sxs-lookup|data-ttu-id/.test(value)) {
          fault("markup_in_attribute_bilingual", file);
          break;
        }
      }
    }
    for (const file of [path.join(sites.default, tag.toLowerCase(), "search.json")]) {
      if (/\[!VIDEO/i.test(fs.readFileSync(file, "utf8"))) fault("raw_video", file);
    }
  }
  const byRule = report.summary.by_rule || {};
  const summary = {
    ...counts,
    chooser: order.map((e) => e.join(" ")).join(", "),
    reported_alert_unknown: byRule["alert-unknown"] || 0,
    reported_link_root_missing: byRule["link-root-missing"] || 0,
    pages_built: report.build && report.build.pages,
  };
  t.diagnostic(JSON.stringify(summary));
  if (Object.keys(examples).length) t.diagnostic(`examples: ${JSON.stringify(examples)}`);
  // One chooser entry per locale: the five, and the English rebuilt from the sources.
  assert.equal(new Set(order.map((e) => e[1])).size, UNSEEN.length + 1);
  for (const kind of Object.keys(counts).filter((k) => k !== "pages")) assert.equal(counts[kind], 0, kind);
});

test("unseen locales: a random sample at 1280 and 390 px, axe-core and sideways scrolling", { skip: !have && "no corpus" }, async (t) => {
  tools = process.env.HELPC_BROWSER_TOOLS || path.join(project, "target/browser-tools");
  const load = createRequire(path.join(tools, "package.json"));
  const { chromium } = load("playwright-core");
  const axeSource = fs.readFileSync(load.resolve("axe-core/axe.min.js"), "utf8");
  browser = await chromium.launch({ executablePath: process.env.HELPC_CHROMIUM || "/usr/bin/chromium" });
  const count = Number(process.env.HELPC_UNSEEN_SAMPLE || 40);
  const next = random(Number(process.env.HELPC_UNSEEN_SEED || 14));
  const all = [];
  for (const [tag] of UNSEEN) all.push(...files(path.join(sites.default, tag.toLowerCase()), ".html"));
  const sample = new Set(UNSEEN.map(([tag]) => path.join(sites.default, tag.toLowerCase(), "index.html")));
  sample.add(path.join(sites.default, "index.html"));
  while (sample.size < Math.min(count, all.length)) sample.add(all[Math.floor(next() * all.length)]);
  // The same articles in bilingual mode.
  const pagesToOpen = [...sample, ...[...sample].map((f) => f.replace(sites.default, sites.bilingual))];
  const found = [];
  const numbers = {};
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    // Offline: embedded players are not fetched.
    await page.route(/^https?:/, (route) => route.abort());
    let sideways = 0;
    let serious = 0;
    for (const file of pagesToOpen) {
      await page.goto(pathToFileURL(file).href);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) {
        sideways += 1;
        found.push(`${path.relative(work, file)}: scrolls sideways by ${overflow}px at ${width}px`);
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document, { resultTypes: ["violations"] })).violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes[0] && v.nodes[0].html.slice(0, 120)}`),
      );
      serious += violations.length;
      for (const v of violations) found.push(`${path.relative(work, file)} at ${width}px: ${v}`);
    }
    numbers[width] = { pages: pagesToOpen.length, scroll_sideways: sideways, axe_serious_or_critical: serious };
    await page.close();
  }
  t.diagnostic(JSON.stringify(numbers));
  assert.deepEqual(found, []);
});
