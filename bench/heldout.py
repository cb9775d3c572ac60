#!/usr/bin/env python3
"""Held-out measurement of helpc's translation-QA rules, beside pofilter.

    python3 bench/heldout.py [CORPUS] [--locales ro-RO,id-ID] [--per-kind N]
                             [--seed S] [--show-misses KIND] [--sample N]

The held-out locales are never looked at while the rules are tuned; this
script is the only place they are read. It measures there:

- recall: for each kind of fault, up to N real segments (each in a
  different article) get one fault in their TARGET, in copies of the
  articles in a temporary folder; a fault counts as found when helpc
  reports the expected rule at the injected segment's line (`any` rule for
  the kinds no rule is meant for). Segments where the rule already fires
  are skipped;
- pofilter (translate-toolkit) on `helpc export --to po` of the same trees:
  a fault counts for it when one of its checks flags the faulty unit and
  did not flag the untouched one;
- alarm volume: segments of the untouched held-out articles with a report;
- with --sample N: N random reports per rule on the untouched held-out
  articles, with target and source, for a human review of precision.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality as q  # noqa: E402  (the older whole-corpus script: its faults)

ROOT = Path(__file__).resolve().parent.parent
SEGMENT = q.SEGMENT
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# Masks what is not running text: link destinations, URLs, code, tags.
NOT_TEXT = re.compile(r"\]\([^)]*\)|https?://\S+|`[^`]*`|<[^>]*>")


def mask(text):
    return NOT_TEXT.sub(lambda m: " " * len(m.group()), text)


def escape_bold(t, s):
    m = re.search(r"\*\*([^*\\]+)\*\*", t)
    if not m or "**" not in s:
        return None
    return t[: m.start()] + "\\*\\*" + m.group(1) + "\\*\\*" + t[m.end():]


def native_digits(t, s):
    masked = mask(t)
    for m in re.finditer(r"(?<![\w.,])(\d+)(?![\w])", masked):
        if re.search(r"(?<![\w.,/])" + m.group(1) + r"(?![\w/])", mask(s)):
            return t[: m.start(1)] + m.group(1).translate(THAI) + t[m.end(1):]
    return None


VERBS = "Get|Set|New|Remove|Add|Enable|Disable|Connect|Import|Export|Start|Stop|Update|Test|Invoke|Grant|Revoke|Search|Install|Uninstall|Clear|Restore"
CMDLET = re.compile(r"(?<![\w/-])(" + VERBS + r")-([A-Z][A-Za-z0-9]{2,})\b")
FILE = re.compile(r"(?<![\w/])([\w-]*)\.(pst|ost|exe|msi|csv|xml|json|ps1|dll|zip|txt|log|intunewin|docx|xlsx|pptx|pdf|olm|msg)\b")
REGISTRY = re.compile(r"\bHK(?:EY_[A-Z_]+|LM|CU)\\")
PROSE_URL = re.compile(r"(?<![(<\[\"'])\bhttps?://[^\s)\]]+")
# What machine translation makes of product names (a translated word).
PRODUCT_WORDS = {
    "Teams": "Tim", "OneDrive": "SatuDrive", "SharePoint": "BagiPoin", "Outlook": "Pandangan",
    "Excel": "Unggul", "Windows": "Jendela", "Azure": "Biru", "Intune": "Selaras",
    "PowerShell": "KerangDaya", "PowerPoint": "TitikDaya", "OneNote": "SatuCatatan",
    "Microsoft 365": "Microsoft tiga ratus", "Office 365": "Kantor 365",
}


def in_code(t, at):
    return t[:at].count("`") % 2 == 1


def mangle_cmdlet(t, s):
    for m in CMDLET.finditer(mask(t)):
        after = t[m.end():m.end() + 1]
        if m.group(0) in s and after not in ("/", "-") and m.group(2) not in ("Ins", "Only"):
            verb = "get" if m.group(1) != "Get" else "set"
            return t[: m.start()] + verb + "-" + m.group(2) + t[m.end():]
    return None


def mangle_file(t, s):
    for m in FILE.finditer(t):
        if m.group(0) in s and not in_code(t, m.start()) and "](" not in t[max(0, m.start() - 200):m.start()].split(")")[-1]:
            dot = m.start(2) - 1
            return t[: dot + 1] + " " + t[dot + 1:]
    return None


def mangle_registry(t, s):
    for m in REGISTRY.finditer(t):
        if not in_code(t, m.start()):
            at = m.end() - 1
            return t[:at] + " " + t[at:]
    return None


def mangle_url(t, s):
    for m in PROSE_URL.finditer(t):
        before = t[: m.start()].rstrip()[-1:]
        if m.group(0) in s and not in_code(t, m.start()) and before not in ("(", '"', ">", "="):
            at = m.group(0).index("://") + 3 + m.start()
            return t[:at] + " " + t[at:]
    return None


def mangle_product(t, s):
    masked = mask(t)
    for name, word in PRODUCT_WORDS.items():
        pattern = r"(?<![\w.-])" + re.escape(name) + r"(?![\w-])"
        m = re.search(pattern, masked)
        if m and re.search(pattern, mask(s)):
            return t[: m.start()] + word + t[m.end():]
    return None


def near_copy(t, s):
    if q.copy_source(t, s) is None:
        return None
    variant = sum(map(ord, s)) % 3
    if variant == 0 and ", " in s:
        return s.replace(", ", "，", 1)
    if variant == 1 and s.rstrip().endswith("."):
        return s.rstrip()[:-1]
    if " " in s:
        return s.replace(" ", "  ", 1)
    return None


def move_bold(t, s):
    # `**Label** word` -> `Label **word**`: the same count of bold, on the wrong words.
    m = re.search(r"\*\*([^*\\]+)\*\* ([^\s*\[\]`<>]{3,})", t)
    if not m or "**" not in s:
        return None
    return t[: m.start()] + m.group(1) + " **" + m.group(2) + "**" + t[m.end():]


FAULTS = q.FAULTS + [
    ("emphasis-escaped", "bold escaped to `\\*\\*`", escape_bold),
    ("digits-native", "ASCII digits to Thai digits", native_digits),
    ("token-mangled", "cmdlet verb changed (`Set-` to `get-`)", mangle_cmdlet),
    ("token-mangled", "file name split (`. pst`)", mangle_file),
    ("token-mangled", "registry key split (`HKEY_X \\Y`)", mangle_registry),
    ("token-mangled", "URL in prose split", mangle_url),
    ("token-mangled", "product name translated", mangle_product),
    ("near-untranslated", "source with a trivial edit", near_copy),
    ("any", "bold moved to other words", move_bold),
]


# The site the corpus was written for: root-relative links lead to Learn,
# and `ms-settings:` links open Windows settings (without these,
# `link-root-missing` and `link-scheme` report the site's set-up, not the
# translations).
SITE_CONFIG = 'link-root = "https://learn.microsoft.com"\nurl-schemes = ["ms-settings"]\n'
CONFIG = Path(tempfile.mkdtemp()) / "helpc.toml"
CONFIG.write_text(SITE_CONFIG, encoding="utf-8")


def helpc_check(helpc, content):
    out = subprocess.run([str(helpc), "check", str(content), "--format", "json", "--config", str(CONFIG)],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"helpc failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def export_po(helpc, content, locales, out_dir):
    for locale in locales:
        if (content / locale).is_dir():
            subprocess.run(
                [str(helpc), "export", str(content), "--locale", locale, "--to", "po", "--out", str(out_dir / locale)],
                check=True, capture_output=True,
            )


def pofilter_flags(po_dir, work):
    """(article path, segment id) -> pofilter tests that flag it."""
    from translate.storage import po

    out_dir = work / (po_dir.name + "-flagged")
    subprocess.run(["pofilter", "--progress=none", str(po_dir), str(out_dir)], check=False, capture_output=True)
    flags = defaultdict(set)
    for path in out_dir.rglob("*.po"):
        store = po.pofile(path.read_bytes())
        for unit in store.units:
            if unit.isheader():
                continue
            tests = set(re.findall(r"\(pofilter\) (\w+)", unit.getnotes("translator"))) or {"?"}
            for location in unit.getlocations():
                article = location.rsplit(":", 1)[0]
                flags[(article, unit.getcontext())] |= tests
    return flags


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--locales", default="ro-RO,id-ID")
    parser.add_argument("--per-kind", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show-misses", metavar="KIND")
    parser.add_argument("--sample", type=int, metavar="N")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--only", metavar="TEXT", help="only the fault kinds whose name holds TEXT")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    locales = args.locales.split(",")
    if shutil.which("pofilter") is None:
        sys.exit("pofilter is not installed (pip install translate-toolkit==3.20.4)")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "helpc"], cwd=ROOT, check=True)
    helpc = ROOT / "target" / "release" / "helpc"
    random.seed(args.seed)

    files = sorted(
        p for locale in locales for p in (corpus / locale).glob("**/*.md") if "includes" not in p.parts
    )
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    rels = {p: p.relative_to(corpus).as_posix() for p in files}
    held = set(rels.values())
    # The whole corpus is checked (families span locales); reports are
    # counted on the held-out articles only.
    baseline = helpc_check(helpc, corpus)
    diagnostics = [d for d in baseline["diagnostics"] if d["path"] in held]
    segments = sum(baseline["summary"]["by_locale"][l]["segments"] for l in locales)
    if args.sample:
        by_rule = defaultdict(list)
        for d in diagnostics:
            if d["segment"]:
                by_rule[d["rule"]].append(d)
        for rule in sorted(by_rule):
            for d in sorted(random.sample(by_rule[rule], min(args.sample, len(by_rule[rule]))), key=lambda d: (d["path"], d["line"])):
                text = (corpus / d["path"]).read_text(encoding="utf-8")
                m = next((m for m in SEGMENT.finditer(text) if m["id"] == d["segment"]), None)
                print(json.dumps({"rule": rule, "path": d["path"], "line": d["line"], "message": d["message"],
                                  "target": m["target"] if m else None, "source": m["source"] if m else None},
                                 ensure_ascii=False))
        return
    already = {(d["path"], d["segment"], d["rule"]) for d in diagnostics}
    flagged_segments = {(d["path"], d["segment"] or f"line {d['line']}") for d in diagnostics}
    warned_segments = {(d["path"], d["segment"] or f"line {d['line']}") for d in diagnostics if d["level"] != "note"}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export_po(helpc, corpus, locales, work / "corpus-po")
        corpus_flags = pofilter_flags(work / "corpus-po", work)
        results = []
        for index, (rule, name, inject) in enumerate(FAULTS):
            if args.only and args.only not in name:
                continue
            candidates = []
            for path in random.sample(files, len(files)):
                for m in SEGMENT.finditer(texts[path]):
                    if (rels[path], m["id"], rule) in already:
                        continue
                    edited = inject(m["target"], m["source"])
                    if edited is not None and edited != m["target"]:
                        candidates.append((path, m, edited))
                        break
                if len(candidates) >= args.per_kind:
                    break
            if not candidates:
                results.append({"rule": rule, "fault": name, "n": 0, "helpc": 0, "pofilter": 0})
                continue
            # helpc checks each fault inside its whole locale (the locale-wide
            # rules learn from the other articles); pofilter reads only the
            # articles with a fault.
            tree = work / f"tree-{index}"
            full = work / f"full-{index}"
            for locale in locales:
                shutil.copytree(corpus / locale, full / locale)
            for path, m, edited in candidates:
                text = texts[path]
                for root in (tree, full):
                    target_file = root / rels[path]
                    target_file.parent.mkdir(parents=True, exist_ok=True)
                    target_file.write_text(text[: m.start("target")] + edited + text[m.end("target"):], encoding="utf-8")
            report = helpc_check(helpc, full)
            shutil.rmtree(full)
            at = defaultdict(set)
            for d in report["diagnostics"]:
                at[(d["path"], d["line"])].add(d["rule"])
            hits = 0
            for path, m, edited in candidates:
                found = at.get((rels[path], line_of(texts[path], m.start())), set())
                ok = bool(found) if rule == "any" else rule in found
                hits += ok
                if not ok and args.show_misses and args.show_misses in (rule, name):
                    print(f"missed {rels[path]}#{m['id']} {sorted(found)}\n  S: {m['source']}\n  T: {edited}", file=sys.stderr)
            export_po(helpc, tree, locales, work / f"po-{index}")
            flags = pofilter_flags(work / f"po-{index}", work)
            po_hits = sum(
                bool(flags.get((rels[p], m["id"]), set()) - corpus_flags.get((rels[p], m["id"]), set()))
                for p, m, _ in candidates
            )
            results.append({"rule": rule, "fault": name, "n": len(candidates), "helpc": hits, "pofilter": po_hits})

    by_rule = Counter(d["rule"] for d in diagnostics)
    pofilter_tests = Counter(t for tests in corpus_flags.values() for t in tests)
    print(f"held-out locales {', '.join(locales)}: {len(files)} articles, {segments} segments; seed {args.seed}")
    print()
    print(f"{'fault injected into a real target':44} {'rule':20} {'n':>4} {'helpc':>7} {'pofilter':>9}")
    for r in results:
        pct = lambda k: f"{100 * r[k] / r['n']:.0f}%" if r["n"] else "-"
        print(f"{r['fault']:44} {r['rule']:20} {r['n']:4} {pct('helpc'):>7} {pct('pofilter'):>9}")
    print()
    print(f"untouched held-out articles: helpc flags {len(flagged_segments)} segments "
          f"({100 * len(flagged_segments) / segments:.2f}%), pofilter flags {len(corpus_flags)} units "
          f"({100 * len(corpus_flags) / segments:.1f}%)")
    print(f"  of which with a warning or error: {len(warned_segments)} segments "
          f"({100 * len(warned_segments) / segments:.2f}%); notes only: {len(flagged_segments) - len(warned_segments)}")
    print("helpc by rule:", json.dumps(dict(sorted(by_rule.items()))))
    print("pofilter by test:", json.dumps(dict(pofilter_tests.most_common(8))))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "locales": locales, "segments": segments, "results": results,
            "flagged_segments": len(flagged_segments), "warned_segments": len(warned_segments), "by_rule": by_rule,
            "pofilter_units": len(corpus_flags), "pofilter_by_test": pofilter_tests,
        }, indent=1))


if __name__ == "__main__":
    main()
