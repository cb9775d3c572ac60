#!/usr/bin/env python3
"""Measures helpc's translation-QA rules on the real corpus, beside
translate-toolkit's pofilter (PyPI `translate-toolkit`) run on the same
segments.

    python3 bench/quality.py [CORPUS] [--per-rule N] [--seed S]

Recall: for each rule, N real segments (in N different articles) get one
injected fault of that kind in their TARGET; a fault counts as found when
helpc reports that rule on that segment. Segments where the rule already
fires before the injection are not used. pofilter gets the same segments as
PO units (msgid = SOURCE, msgstr = TARGET) and counts as finding a fault
when one of its checks flags the faulty unit that did not flag the
untouched one (it flags half of all units anyway).

Alarm volume: both tools on the untouched corpus; how many segments each
flags, per rule / per pofilter test.
"""

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEGMENT = re.compile(
    r'<span data-ttu-id="(?P<id>[^"]+)">(?P<target>.*?)</span><span class="sxs-lookup"><span data-stu-id="(?P=id)">(?P<source>.*?)</span></span>',
    re.S,
)
URL_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def first(pattern, text):
    return re.search(pattern, text)


def change_link(t, s):
    m = URL_LINK.search(t)
    return t[: m.start(1)] + "https://example.com/changed" + t[m.end(1):] if m else None


def break_link(t, s):
    return t.replace("](", "] (", 1) if "](" in t and "](" in s else None


def change_code(t, s):
    m = first(r"`([^`\s]{3,})`", t)
    return t[: m.start(1)] + m.group(1)[::-1] + "x" + t[m.end(1):] if m else None


def lose_bold(t, s):
    m = first(r"\*\*([^*]+)\*\*", t)
    return t[: m.start()] + m.group(1) + t[m.end():] if m and "**" in s else None


def add_script(t, s):
    return t + " <script>alert(1)</script>"


def add_handler(t, s):
    return t + ' <img src="x" onerror="alert(1)">'


def change_number(t, s):
    # A number of the running text (not of a URL or code) that the source
    # has too, its last digit changed.
    masked = re.sub(r"\]\([^)]*\)|https?://\S+|`[^`]*`|<[^>]*>", lambda m: " " * len(m.group()), t)
    for m in re.finditer(r"(?<![\w.,/-])(\d{1,6})(?![\w/-])", masked):
        if re.search(r"(?<![\w.,/])" + m.group(1) + r"(?![\w/])", s):
            digits = m.group(1)
            changed = digits[:-1] + str((int(digits[-1]) + 3) % 10)
            return t[: m.start(1)] + changed + t[m.end(1):]
    return None


def drop_placeholder(t, s):
    m = first(r"\\<[A-Za-z][^<>]*\\>", t)
    return t[: m.start()] + t[m.end():] if m else None


def copy_source(t, s):
    words = re.findall(r"\b[a-z]{4,}\b", re.sub(r"`[^`]*`|\]\([^)]*\)", "", s))
    return s if t != s and len(words) >= 2 else None


def add_tags(t, s):
    words = t.split(" ")
    if len(words) < 3:
        return None
    words[1] = f"<sup>{words[1]}</sup>"
    return " ".join(words)


def unescape_placeholder(t, s):
    m = first(r"\\<([A-Za-z][^<>]*)\\>", t)
    return t[: m.start()] + "<" + m.group(1) + ">" + t[m.end():] if m else None


def stray_close(t, s):
    words = t.split(" ")
    if len(words) < 3:
        return None
    words.insert(len(words) // 2, "</b>")
    return " ".join(words)


FAULTS = [
    ("link-mismatch", "link destination changed", change_link),
    ("link-broken", "`](` broken to `] (`", break_link),
    ("code-mismatch", "inline code changed", change_code),
    ("emphasis-mismatch", "bold lost", lose_bold),
    ("markup-unsafe", "`<script>` added", add_script),
    ("markup-unsafe", "`onerror=` added", add_handler),
    ("number-mismatch", "number changed", change_number),
    ("placeholder-mismatch", "`\\<Placeholder\\>` dropped", drop_placeholder),
    ("untranslated", "target replaced by the source", copy_source),
    ("markup-mismatch", "`<sup>` tags added", add_tags),
    ("invisible-tag", "`\\<word\\>` unescaped to `<word>`", unescape_placeholder),
    ("markup-unbalanced", "stray `</b>` added", stray_close),
]


def helpc_check(helpc, content):
    out = subprocess.run([str(helpc), "check", str(content), "--format", "json"], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"helpc failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def write_po(units, path):
    from translate.storage import po

    store = po.pofile()
    for key, source, target in units:
        unit = store.addsourceunit(source)
        unit.target = target
        unit.addlocation(key)
    path.write_bytes(bytes(store))


def pofilter_flags(po_path, work):
    """Location -> set of pofilter tests that flag it."""
    out_path = work / (po_path.stem + ".flagged.po")
    subprocess.run(["pofilter", "--progress=none", str(po_path), str(out_path)], check=False, capture_output=True)
    from translate.storage import po

    flags = defaultdict(set)
    if not out_path.exists():
        return flags
    store = po.pofile(out_path.read_bytes())
    for unit in store.units:
        if unit.isheader():
            continue
        tests = set(re.findall(r"\(pofilter\) (\w+)", unit.getnotes("translator")))
        for location in unit.getlocations():
            flags[location] |= tests or {"?"}
    return flags


def print_sample(corpus, report, n):
    """N diagnostics per rule, seeded, as JSON lines with target and source."""
    by_rule = defaultdict(list)
    for d in report["diagnostics"]:
        if d["segment"]:
            by_rule[d["rule"]].append(d)
    for rule in sorted(by_rule):
        found = by_rule[rule]
        for d in sorted(random.sample(found, min(n, len(found))), key=lambda d: (d["path"], d["line"])):
            text = (corpus / d["path"]).read_text(encoding="utf-8")
            m = next((m for m in SEGMENT.finditer(text) if m["id"] == d["segment"]), None)
            print(json.dumps({
                "rule": rule, "path": d["path"], "segment": d["segment"], "message": d["message"],
                "target": m["target"] if m else None, "source": m["source"] if m else None,
            }, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--per-rule", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-misses", metavar="RULE", help="print the faults of RULE that helpc missed")
    parser.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="only print N random diagnostics per rule of the untouched corpus, with their target and source, for review",
    )
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if shutil.which("pofilter") is None:
        sys.exit("pofilter is not installed (pip install translate-toolkit)")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "helpc"], cwd=ROOT, check=True)
    helpc = ROOT / "target" / "release" / "helpc"
    random.seed(args.seed)

    files = sorted(p for p in corpus.glob("*/**/*.md") if "includes" not in p.parts)
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    baseline = helpc_check(helpc, corpus)
    already = {(d["path"], d["segment"], d["rule"]) for d in baseline["diagnostics"]}
    if args.sample:
        print_sample(corpus, baseline, args.sample)
        return

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Alarm volume on the untouched corpus.
        units = []
        for path, text in texts.items():
            rel = path.relative_to(corpus).as_posix()
            for m in SEGMENT.finditer(text):
                units.append((f"{rel}#{m['id']}", m["source"], m["target"]))
        write_po(units, work / "corpus.po")
        corpus_flags = pofilter_flags(work / "corpus.po", work)
        helpc_segments = {(d["path"], d["segment"]) for d in baseline["diagnostics"] if d["segment"]}
        pofilter_tests = Counter(test for tests in corpus_flags.values() for test in tests)

        results = []
        for rule, fault_name, inject in FAULTS:
            candidates = []
            for path in random.sample(files, len(files)):
                rel = path.relative_to(corpus).as_posix()
                for m in SEGMENT.finditer(texts[path]):
                    if (rel, m["id"], rule) in already:
                        continue
                    edited = inject(m["target"], m["source"])
                    if edited is not None and edited != m["target"]:
                        candidates.append((path, rel, m, edited))
                        break
                if len(candidates) >= args.per_rule:
                    break
            if not candidates:
                results.append((rule, fault_name, 0, 0, 0))
                continue
            tree = work / f"tree-{len(results)}"
            fault_units = []
            for path, rel, m, edited in candidates:
                text = texts[path]
                changed = text[: m.start("target")] + edited + text[m.end("target"):]
                target_file = tree / rel
                target_file.parent.mkdir(parents=True, exist_ok=True)
                target_file.write_text(changed, encoding="utf-8")
                fault_units.append((f"{rel}#{m['id']}", m["source"], edited))
            report = helpc_check(helpc, tree)
            found = {(d["path"], d["segment"]) for d in report["diagnostics"] if d["rule"] == rule}
            hits = sum((rel, m["id"]) in found for _, rel, m, _ in candidates)
            if args.show_misses == rule:
                for _, rel, m, edited in candidates:
                    if (rel, m["id"]) not in found:
                        print(f"missed {rel}#{m['id']}\n  S: {m['source']}\n  T: {edited}", file=sys.stderr)
            po_path = work / f"faults-{len(results)}.po"
            write_po(fault_units, po_path)
            flags = pofilter_flags(po_path, work)
            # A fault counts for pofilter when it makes a check fire that did
            # not fire on the untouched unit (it flags half of them anyway).
            po_hits = sum(
                bool(flags.get(f"{rel}#{m['id']}", set()) - corpus_flags.get(f"{rel}#{m['id']}", set()))
                for _, rel, m, _ in candidates
            )
            results.append((rule, fault_name, len(candidates), hits, po_hits))

    print(f"corpus: {corpus}; {len(units)} segments; seed {args.seed}; up to {args.per_rule} faults per kind")
    print()
    print(f"{'fault injected into a real target':40} {'rule':22} {'n':>4} {'helpc':>7} {'pofilter':>9}")
    for rule, fault_name, n, hits, po_hits in results:
        recall = f"{100 * hits / n:.0f}%" if n else "-"
        po_recall = f"{100 * po_hits / n:.0f}%" if n else "-"
        print(f"{fault_name:40} {rule:22} {n:4} {recall:>7} {po_recall:>9}")
    print()
    print(f"untouched corpus: helpc flags {len(helpc_segments)} segments "
          f"({100 * len(helpc_segments) / len(units):.1f}%), pofilter flags {len(corpus_flags)} "
          f"({100 * len(corpus_flags) / len(units):.1f}%)")
    print("helpc by rule:", json.dumps(baseline["summary"]["by_rule"]))
    print("pofilter by test:", json.dumps(dict(pofilter_tests.most_common())))


if __name__ == "__main__":
    main()
