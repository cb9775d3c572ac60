#!/usr/bin/env python3
"""How `helpc build --no-cache` and `helpc check` grow with the locales.

    python3 bench/scaling.py [CORPUS] [--locales 5,10,20] [--runs N]

Makes content trees of 5, 10 and 20 locales from the corpus's five: each
further locale is a copy of one of them under another region's tag of the
same language (fr-FR as fr-CA, fr-BE, ...), with its `ms.contentlocale`
rewritten, so every tree holds real articles in the languages helpc
already reads. Each tree is built and checked the same number of times,
the sizes interleaved, and each run's pages are counted before its time
is kept. Prints, per size: pages, median seconds, peak memory, and time
and memory per 1,000 pages (what must stay flat for growth to be linear).
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Further tags of each corpus language, in the order they are added.
REGIONS = {
    "ar-SA": ["ar-EG", "ar-AE", "ar-MA"],
    "fr-FR": ["fr-CA", "fr-BE", "fr-CH"],
    "id-ID": ["id-XX", "id-YY", "id-ZZ"],
    "ja-JP": ["ja-XA", "ja-XB", "ja-XC"],
    "ro-RO": ["ro-MD", "ro-XA", "ro-XB"],
}


def tree(corpus, work, count):
    """A content tree of `count` locales (copies: helpc follows no link out of the content)."""
    root = work / f"content-{count}"
    root.mkdir()
    originals = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    plan = [(name, name) for name in originals]
    for round_ in range(3):
        for name in originals:
            plan.append((name, REGIONS[name][round_]))
    for source, tag in plan[:count]:
        if source == tag:
            shutil.copytree(corpus / source, root / tag)
            continue
        for path in (corpus / source).rglob("*"):
            target = root / tag / path.relative_to(corpus / source)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            elif path.suffix == ".md":
                target.parent.mkdir(parents=True, exist_ok=True)
                text = path.read_text(encoding="utf-8")
                target.write_text(text.replace(f"ms.contentlocale: {source}", f"ms.contentlocale: {tag}"), encoding="utf-8")
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return root


def run(cmd):
    """(seconds, peak RSS in MiB) of one run, measured in a fresh child."""
    probe = (
        "import resource,subprocess,sys,time;"
        "t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    seconds, peak, status = out.stdout.split()
    if int(status) not in (0, 1):
        sys.exit(f"{cmd} failed with status {status}")
    return float(seconds), int(peak) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--locales", default="5,10,20")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    sizes = [int(n) for n in args.locales.split(",")]
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "helpc"], cwd=ROOT, check=True)
    helpc = str(ROOT / "target" / "release" / "helpc")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        trees = {n: tree(corpus, work, n) for n in sizes}
        results = {(n, kind): [] for n in sizes for kind in ("build", "check")}
        pages = {}
        for _ in range(args.runs):
            for n in sizes:
                out = work / f"site-{n}"
                seconds, peak = run([helpc, "build", str(trees[n]), "--out", str(out), "--no-cache"])
                pages[n] = sum(1 for _ in out.rglob("*.html"))
                if pages[n] < 2900 * n:
                    sys.exit(f"{n} locales: only {pages[n]} pages written")
                results[(n, "build")].append((seconds, peak))
                results[(n, "check")].append(run([helpc, "check", str(trees[n]), "--format", "json"]))
        print(f"{args.runs} interleaved runs per size, medians; peak = largest resident set of the runs")
        print(f"{'locales':>7} {'pages':>7} {'build s':>8} {'MiB':>6} {'s/1k pages':>10} {'MiB/1k':>7} {'check s':>8} {'MiB':>6} {'check s/1k':>10}")
        for n in sizes:
            build = results[(n, "build")]
            check = results[(n, "check")]
            b = statistics.median(s for s, _ in build)
            bm = max(m for _, m in build)
            c = statistics.median(s for s, _ in check)
            cm = max(m for _, m in check)
            k = pages[n] / 1000
            print(f"{n:7} {pages[n]:7} {b:8.2f} {bm:6.0f} {b / k:10.3f} {bm / k:7.1f} {c:8.2f} {cm:6.0f} {c / k:10.3f}")


if __name__ == "__main__":
    main()
