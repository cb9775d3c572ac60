// Accessibility and phone width: every page of the sample site (default and
// bilingual builds: article, locale index, site index; Arabic right to left,
// Japanese), and a fixed sample of the corpus when it is beside the project,
// checked with axe-core in Chromium at 390 px: no serious or critical
// violation, and no page scrolls sideways.
//
// Environment as site.test.mjs; axe-core comes from the same npm prefix
// (HELPC_BROWSER_TOOLS). HELPC_CORPUS: the corpus folder (default
// ../shared/corpus); HELPC_CORPUS_SAMPLE: how many of its pages (default 30).

import { test, before, after } from "node:test";
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
const corpus = process.env.HELPC_CORPUS || path.join(project, "../shared/corpus");

let work;
let browser;

function pages(dir, out = []) {
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) pages(file, out);
    else if (name.endsWith(".html")) out.push(file);
  }
  return out;
}

function build(content, name, extra = []) {
  const out = path.join(work, name);
  try {
    execFileSync(helpc, ["build", content, "--out", out, ...extra], { stdio: ["ignore", "ignore", "ignore"] });
  } catch {
    // A corpus with errors still builds its pages; the exit status says so.
  }
  return out;
}

async function audit(files) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const found = [];
  for (const file of files) {
    await page.goto(pathToFileURL(file).href);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 0) found.push(`${file}: scrolls sideways by ${overflow}px at 390px`);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document, { resultTypes: ["violations"] })).violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.nodes[0] && v.nodes[0].html.slice(0, 100)}`),
    );
    for (const v of violations) found.push(`${file}: ${v}`);
  }
  await page.close();
  return found;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "helpc-axe-"));
  browser = await chromium.launch({ executablePath: process.env.HELPC_CHROMIUM || "/usr/bin/chromium" });
});

after(async () => {
  if (browser) await browser.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("every page of the sample site, default and bilingual, passes axe at 390px", async () => {
  const files = [
    ...pages(build(path.join(project, "content"), "default")),
    ...pages(build(path.join(project, "content"), "bilingual", ["--mode", "bilingual"])),
  ];
  assert.ok(files.some((f) => f.includes(`${path.sep}ar-sa${path.sep}`)), "an Arabic page");
  assert.ok(files.some((f) => f.includes(`${path.sep}ja-jp${path.sep}`)), "a Japanese page");
  assert.deepEqual(await audit(files), []);
});

test("a fixed sample of the corpus passes axe at 390px", { skip: !fs.existsSync(corpus) && "no corpus" }, async () => {
  const all = pages(build(corpus, "corpus"));
  const count = Number(process.env.HELPC_CORPUS_SAMPLE || 30);
  // A deterministic spread over the sorted list, plus the index pages.
  const step = Math.max(1, Math.floor(all.length / count));
  const sample = all.filter((_, i) => i % step === 7 % step).slice(0, count);
  sample.push(...all.filter((f) => f.endsWith(`${path.sep}index.html`)).slice(0, 6));
  assert.ok(sample.length >= Math.min(count, all.length));
  assert.deepEqual(await audit(sample), []);
});
