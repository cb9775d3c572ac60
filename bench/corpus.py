#!/usr/bin/env python3
"""Times `helpc build` over the corpus beside Hugo (Debian package `hugo`)
rendering the same Markdown as a multilingual site and as a one-language
site (each asserted to have written its pages before it is timed), and
beside the floor program
(examples/floor.rs: read, pulldown-cmark, write), in the same run.

    python3 bench/corpus.py [CORPUS] [--runs N]

Runs are interleaved (helpc, hugo, floor, helpc, ...) so that a noisy
neighbour slows all three alike; the medians and their ratios are printed,
with each tool's peak resident memory. Machines are shared: trust ratios,
not absolute seconds.

Series:
- "cold": every output folder (and helpc's cache) emptied before each run,
  as in a fresh CI checkout; helpc renders every article.
- "warm": the previous output kept; helpc with --no-cache, so it still
  reads, checks and renders every article (a full build).
- "incremental": helpc with its cache over a copy of the corpus: with
  nothing changed (no-op); after one article was touched (a line added at
  its end: its family is read, checked and rendered again, its locale's
  consistency pass runs again, its pages come out the same); and after a
  word of one article's text was changed (its locale's index page and
  search index are made again too). Hugo and the floor have no such mode
  and rebuild everything, as in "warm".
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HUGO_BASE = """baseURL = "http://localhost/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LAYOUT = """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""

def timed(cmd, cwd=None):
    """Runs cmd; returns (seconds, peak RSS in MiB of that child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    # ru_maxrss of children is the largest of any child so far: only
    # meaningful when it grows, so each tool's peak is also read from
    # /usr/bin/time-free accounting below when available.
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return seconds, max(before, after) / 1024


def peak_memory(cmd, cwd=None):
    """Peak RSS (MiB) of one run of cmd, measured alone in a fresh process."""
    probe = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True)
    return int(out.stdout.strip() or 0) / 1024


def hugo_sites(corpus, work):
    """Two Hugo sites of the corpus's articles and media, built the way Hugo
    users build them: a multilingual site (one language per locale, each
    with its `contentDir`) and a single-language site of the same pages.
    A folder's `index.md` is renamed `_index.md`: as `index.md` Hugo makes
    the folder a leaf bundle and renders none of its other files (the old
    bench timed a Hugo that wrote a dozen pages). Fragments (`includes/`)
    are not pages, and files whose front matter Hugo cannot parse (a
    translated `---` block) are left out of both. Returns the sites and
    the number of articles each should render."""
    locales = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    multi = work / "hugo-multilingual"
    single = work / "hugo-single"
    for site in (multi, single):
        (site / "layouts" / "_default").mkdir(parents=True)
        for name in ("single.html", "list.html"):
            (site / "layouts" / "_default" / name).write_text(HUGO_LAYOUT)
    languages = [f'defaultContentLanguage = "{locales[0].lower()}"', "defaultContentLanguageInSubdir = true"]
    for weight, locale in enumerate(locales, 1):
        languages += [
            f'[languages.{locale.lower()}]',
            f'languageCode = "{locale}"',
            f'contentDir = "content/{locale}"',
            f"weight = {weight}",
        ]
    (multi / "hugo.toml").write_text("\n".join(languages[:2]) + "\n" + HUGO_BASE + "\n".join(languages[2:]) + "\n")
    (single / "hugo.toml").write_text(HUGO_BASE)
    articles = 0
    skipped = []
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or path.parent == corpus:
            continue
        rel = path.relative_to(corpus)
        if path.suffix == ".md":
            if "includes" in rel.parts or path.read_text(encoding="utf-8").startswith("---\n<span"):
                skipped.append(str(rel))
                continue
            articles += 1
            if path.name.lower() == "index.md":
                rel = rel.with_name("_index.md")
        for site in (multi, single):
            target = site / "content" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return multi, single, articles, skipped


def html_files(folder):
    return sum(1 for p in Path(folder).rglob("*.html"))


def assert_produced(name, folder, at_least):
    """A baseline must prove it did the work before it is timed."""
    found = html_files(folder)
    if found < at_least:
        sys.exit(f"{name} wrote {found} HTML pages, fewer than the {at_least} it must render: not timed")
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--series", choices=["cold", "warm", "incremental", "all"], default="all")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    if shutil.which("hugo") is None:
        sys.exit("hugo is not installed (Debian: apt-get install hugo)")

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "helpc", "--example", "floor"], cwd=ROOT, check=True)
    helpc = ROOT / "target" / "release" / "helpc"
    floor = ROOT / "target" / "release" / "examples" / "floor"
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        multi, single, articles, skipped = hugo_sites(corpus, work)
        # The incremental series edits articles: it works on a copy.
        copy = work / "corpus-copy"
        shutil.copytree(corpus, copy)
        edited = sorted((copy / "fr-FR").rglob("*.md"))[:50]
        segment_end = '</span><span class="sxs-lookup">'
        texts = [a for a in sorted((copy / "fr-FR").rglob("*.md"))[:100] if segment_end in a.read_text(encoding="utf-8")][:50]
        outputs = {
            "helpc build (html)": work / "helpc-out",
            "helpc build (html+json)": work / "helpc-json",
            "helpc no-op rebuild": work / "helpc-incremental",
            "helpc one-article rebuild": work / "helpc-incremental",
            "helpc text-edit rebuild": work / "helpc-incremental",
            "hugo": work / "hugo-out",
            "hugo (one language)": work / "hugo-single-out",
            "floor": work / "floor-out",
        }

        def helpc_build(name, content, *extra):
            return [str(helpc), "build", str(content), "--out", str(outputs[name]), *extra]

        full = {
            "helpc build (html)": helpc_build("helpc build (html)", corpus, "--no-cache"),
            "helpc build (html+json)": helpc_build("helpc build (html+json)", corpus, "--emit", "html,json", "--no-cache"),
            "helpc check": [str(helpc), "check", str(corpus), "--format", "json"],
            "hugo": ["hugo", "--quiet", "-s", str(multi), "-d", str(outputs["hugo"]), "--cleanDestinationDir"],
            "hugo (one language)": ["hugo", "--quiet", "-s", str(single), "-d", str(outputs["hugo (one language)"]), "--cleanDestinationDir"],
            "floor": [str(floor), str(corpus), str(outputs["floor"])],
        }
        incremental = {
            "helpc no-op rebuild": helpc_build("helpc no-op rebuild", copy),
            "helpc one-article rebuild": helpc_build("helpc one-article rebuild", copy),
            "helpc text-edit rebuild": helpc_build("helpc text-edit rebuild", copy),
        }

        def empty(name):
            out = outputs.get(name)
            if out is not None:
                for folder in (out, out.parent / f".{out.name}.helpc-next", out.parent / f".{out.name}.helpc-cache"):
                    shutil.rmtree(folder, ignore_errors=True)

        # Every tool proves it rendered the pages before anything is timed.
        for name in ("helpc build (html)", "hugo", "hugo (one language)", "floor"):
            timed(full[name])
        produced = {
            name: assert_produced(name, outputs[name], int(articles * 0.95))
            for name in ("helpc build (html)", "hugo", "hugo (one language)", "floor")
        }

        wanted = ["cold", "warm", "incremental"] if args.series == "all" else [args.series]
        results = {}
        for kind in [k for k in wanted if k != "incremental"]:
            # A warm-up run each: file cache, and the output the warm series keeps.
            for cmd in full.values():
                timed(cmd)
            times = {name: [] for name in full}
            for _ in range(args.runs):
                for name, cmd in full.items():
                    if kind == "cold":
                        empty(name)
                    times[name].append(timed(cmd)[0])
            results[kind] = times
        if "incremental" in wanted:
            timed(incremental["helpc no-op rebuild"])  # the first build fills the cache
            kinds = ["helpc no-op rebuild", "helpc one-article rebuild", "helpc text-edit rebuild"]
            times = {name: [] for name in [*kinds, "hugo", "floor"]}
            for run in range(args.runs):
                times["helpc no-op rebuild"].append(timed(incremental["helpc no-op rebuild"])[0])
                article = edited[run % len(edited)]
                article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
                times["helpc one-article rebuild"].append(timed(incremental["helpc one-article rebuild"])[0])
                # A word of a translation changed: the page, its locale's
                # index and search index change.
                article = texts[(run + 25) % len(texts)]
                text = article.read_text(encoding="utf-8")
                changed = text.replace(segment_end, f" (v{run}){segment_end}", 1)
                assert changed != text, f"no segment to edit in {article}"
                article.write_text(changed, encoding="utf-8")
                times["helpc text-edit rebuild"].append(timed(incremental["helpc text-edit rebuild"])[0])
                for name in ("hugo", "floor"):
                    times[name].append(timed(full[name])[0])
            results["incremental"] = times
        memory = {name: peak_memory(cmd) for name, cmd in full.items()}
        memory["helpc no-op rebuild"] = peak_memory(incremental["helpc no-op rebuild"])
        article = edited[-1]
        article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        memory["helpc one-article rebuild"] = peak_memory(incremental["helpc one-article rebuild"])
        article = texts[-1]
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace(segment_end, f" (m){segment_end}", 1), encoding="utf-8")
        memory["helpc text-edit rebuild"] = peak_memory(incremental["helpc text-edit rebuild"])

    print(f"corpus: {corpus} ({sum(1 for _ in corpus.rglob('*.md'))} .md files, {articles} articles Hugo can parse; {len(skipped)} fragments and unparseable files left out of Hugo)")
    print("HTML pages written: " + ", ".join(f"{name} {count}" for name, count in produced.items()))
    print(f"{hugo_version}; {os.cpu_count()} cores; {args.runs} interleaved runs per series, medians")
    describe = {
        "cold": "output folders and cache emptied before each run",
        "warm": "previous output kept; helpc --no-cache renders every article",
        "incremental": "helpc with its cache; Hugo and the floor rebuild everything",
    }
    for kind, times in results.items():
        median = {name: statistics.median(values) for name, values in times.items()}
        print()
        print(f"{kind} series ({describe[kind]})")
        print(f"{'tool':26} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MiB':>9}")
        for name in times:
            print(f"{name:26} {median[name]:9.3f} {min(times[name]):7.3f} {max(times[name]):7.3f} {memory[name]:9.1f}")
        if kind == "incremental":
            for name in kinds:
                print(f"hugo / {name:26} = {median['hugo'] / median[name]:6.2f}x  (how many times faster than Hugo)")
                print(f"{name:26} / floor  = {median[name] / median['floor']:6.2f}x  (times the floor's time)")
            if "warm" in results:
                warm_full = statistics.median(results["warm"]["helpc build (html)"])
                print(f"no-op rebuild / full build      = {median['helpc no-op rebuild'] / warm_full:6.1%}")
                print(f"one-article rebuild / full build = {median['helpc one-article rebuild'] / warm_full:6.1%}")
                print(f"text-edit rebuild / full build   = {median['helpc text-edit rebuild'] / warm_full:6.1%}")
            continue
        build = median["helpc build (html)"]
        both = median["helpc build (html+json)"]
        print(f"hugo / helpc build (html)        = {median['hugo'] / build:5.2f}x  (how many times faster than multilingual Hugo)")
        print(f"hugo (one language) / helpc (html) = {median['hugo (one language)'] / build:5.2f}x")
        print(f"helpc check: {median['helpc check']:.3f} s")
        print(f"hugo / helpc build (html+json)   = {median['hugo'] / both:5.2f}x")
        print(f"helpc build (html) / floor       = {build / median['floor']:5.2f}x  (times the floor's time)")
        print(f"helpc build (html+json) / floor  = {both / median['floor']:5.2f}x")


if __name__ == "__main__":
    main()
