#!/usr/bin/env python3
"""`source-drift` against an independent reference that folds URL locales.

    python3 bench/drift.py [CORPUS] [--locales ro-RO,id-ID]

Without a source-locale article, each locale's translation of an article
carries the English it was made from in its segments' sources. The
reference here rebuilds that English per locale as one string (segment
sources in order, Markdown markers and white space left out, URLs with
their locale path segments and language query values folded, host names in
lower case) and calls a member drifted when its string differs from the
reference member's: the newest `ms.lasthandoff`, then the string most
members share, then locale order (the rule's own choice of reference).

helpc is counted right on a member of the listed locales when it reports
`source-drift` there exactly when the reference says it drifted:
precision and recall over members.
"""

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEGMENT = re.compile(
    r'<span data-ttu-id="(?P<id>[^"]+)">(?P<target>.*?)</span><span class="sxs-lookup"><span data-stu-id="(?P=id)">(?P<source>.*?)</span></span>',
    re.S,
)
LOCALE = re.compile(r"^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?$", re.I)
LOCALE_PARAMS = {"ui", "rs", "ad", "lang", "language", "locale", "mkt", "setlang", "setmkt", "cc", "clcid",
                 "culture", "lcid", "omkt", "hl", "gl", "market"}
URL = re.compile(r"(https?://[^\s)\"'<>]+|\]\(([^)\s]+))")


def fold_url(url):
    head, _, fragment = url.partition("#")
    location, _, query = head.partition("?")
    query = query.lstrip("?")
    m = re.match(r"^([a-z][a-z0-9+.-]*://)([^/]*)(.*)$", location, re.I)
    if m:
        location = m.group(1).lower() + m.group(2).lower() + m.group(3)
    parts = [("{locale}" if "-" in p and LOCALE.match(p) else p) for p in location.split("/")]
    out = "/".join(parts)
    if query:
        pairs = []
        for pair in query.split("&"):
            key, eq, value = pair.partition("=")
            if key.lower() in LOCALE_PARAMS or ("-" in value and LOCALE.match(value)):
                value = ""
            pairs.append(key.lower() + eq + value)
        out += "?" + "&".join(pairs)
    return out + ("#" + fragment if fragment else "")


def english_of(text):
    # Words: the segments' sources (the English a translator was given).
    # Links: those of the whole document rebuilt from the sources (a link's
    # brackets often sit outside the segment spans).
    body = text.split("\n---", 1)[-1]
    sources = [m["source"] for m in SEGMENT.finditer(body)]
    rebuilt = SEGMENT.sub(lambda m: m["source"], body)
    urls = [fold_url(m.group(2)) for m in URL.finditer(rebuilt) if m.group(2)]
    joined = " ".join(sources)
    words = URL.sub(" ", joined)
    words = re.sub(r"<[^>]*>|[*_`\[\]()\\]", "", words)
    return re.sub(r"\s+", "", words) + "\x01" + "\x01".join(urls)


def handoff(text):
    m = re.search(r"^ms\.lasthandoff:\s*(\d+)/(\d+)/(\d+)", text, re.M)
    return (int(m.group(3)), int(m.group(1)), int(m.group(2))) if m else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--locales", default="ro-RO,id-ID")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    locales = set(args.locales.split(","))
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "helpc"], cwd=ROOT, check=True)
    out = subprocess.run([str(ROOT / "target/release/helpc"), "check", str(corpus), "--format", "json"],
                         capture_output=True, text=True)
    report = json.loads(out.stdout)
    reported = {d["path"] for d in report["diagnostics"] if d["rule"] == "source-drift"}

    families = defaultdict(dict)
    for locale_dir in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for path in locale_dir.glob("**/*.md"):
            if "includes" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if not SEGMENT.search(text):
                continue
            local = path.relative_to(locale_dir).as_posix()
            families[local][locale_dir.name] = (english_of(text), handoff(text), path.relative_to(corpus).as_posix())
    drifted = set()
    for members in families.values():
        if len(members) < 2:
            continue
        shared = Counter(e for e, _, _ in members.values())
        # Newest handoff, then the most shared English, then the first locale.
        reference = max(sorted(members), key=lambda l: (members[l][1] or (0, 0, 0), shared[members[l][0]],
                                                        -sorted(members).index(l)))
        for locale, (english, _, rel) in members.items():
            if english != members[reference][0]:
                drifted.add(rel)
    in_scope = lambda rel: rel.split("/", 1)[0] in locales
    truth = {r for r in drifted if in_scope(r)}
    found = {r for r in reported if in_scope(r)}
    both = truth & found
    precision = len(both) / len(found) if found else 1.0
    recall = len(both) / len(truth) if truth else 1.0
    print(f"locales {sorted(locales)}: reference drifted {len(truth)} members, helpc reported {len(found)}, "
          f"agreeing {len(both)}; precision {100 * precision:.0f}%, recall {100 * recall:.0f}%")
    for rel in sorted(found - truth)[:10]:
        print("  helpc only:", rel)
    for rel in sorted(truth - found)[:10]:
        print("  reference only:", rel)


if __name__ == "__main__":
    sys.exit(main())
