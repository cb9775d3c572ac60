#!/usr/bin/env python3
"""How long `helpc serve` takes from an edit to the page that shows it.

    python3 bench/serve.py [CORPUS] [--edits N] [--measure page|poll]

Serves a copy of the corpus (so that it can be edited), waits for the
first build, then N times changes one article's title and measures how
long until the page shows it.

`--measure page` (the default) does what an open page does: a client
waits on the reload endpoint as the pages' script does, and once told,
loads the page again, as the browser's reload would. Measured: until it
is told, and until the reloaded page is loaded; a reloaded page without
the new title is a failure (the page was told too early).

`--measure poll` asks the server for the generation and the page every
5 ms from the moment of the edit (and runs the waiting client beside
it): the first moment each shows the edit. On a 2-core machine that
polling takes CPU time from the server, so its times are longer.

Prints each edit's times and their medians.
"""

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=30):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.read().decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--measure", choices=["page", "poll"], default="page")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "helpc"], cwd=ROOT, check=True)
    helpc = ROOT / "target" / "release" / "helpc"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "content"
        shutil.copytree(corpus, content)
        article = content / "fr-FR" / "AlchemyInsights" / "1-1-call-recording.md"
        page = "/fr-fr/AlchemyInsights/1-1-call-recording.html"
        port = free_port()
        server = subprocess.Popen(
            [str(helpc), "serve", str(content), "--out", str(work / "site"), "--port", str(port), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.time() + 300
            while True:
                try:
                    get(port, "/__helpc/generation", timeout=2)
                    break
                except OSError:
                    if time.time() > deadline or server.poll() is not None:
                        sys.exit("the server did not start")
                    time.sleep(0.2)
            if "<title>" not in get(port, page):
                sys.exit(f"{page} is not served")
            rows = []
            stale = 0
            for n in range(args.edits):
                time.sleep(1.5)  # the server is idle again
                seen = get(port, "/__helpc/generation").strip()
                marker = f"Mesure {n} {time.time():.0f}"
                told = {}

                def like_a_page():
                    # What the reload script does: ask until the generation
                    # changes, then the browser loads the page again.
                    while True:
                        now = get(port, f"/__helpc/generation?seen={seen}").strip()
                        if now != seen:
                            told["at"] = time.perf_counter()
                            break
                    told["fresh"] = marker in get(port, page)
                    told["loaded"] = time.perf_counter()

                client = threading.Thread(target=like_a_page, daemon=True)
                client.start()
                time.sleep(0.2)
                text = article.read_text(encoding="utf-8")
                first, rest = text.split("title: ", 1)
                rest = rest.split("\n", 1)[1]
                start = time.perf_counter()
                article.write_text(f"{first}title: {marker}\n{rest}", encoding="utf-8")
                if args.measure == "poll":
                    generation_at = page_at = None
                    while page_at is None or generation_at is None:
                        if generation_at is None and get(port, "/__helpc/generation").strip() != seen:
                            generation_at = time.perf_counter()
                        if page_at is None and marker in get(port, page):
                            page_at = time.perf_counter()
                        if time.perf_counter() - start > 60:
                            sys.exit("no rebuild within 60 s")
                        time.sleep(0.005)
                client.join(timeout=60)
                if "loaded" not in told:
                    sys.exit("the waiting page was not told to reload within 60 s")
                if not told["fresh"]:
                    stale += 1
                if args.measure == "poll":
                    row = (generation_at - start, page_at - start, told["at"] - start)
                    print(f"edit {n + 1}: generation {row[0] * 1000:6.0f} ms, page {row[1] * 1000:6.0f} ms, a waiting page told {row[2] * 1000:6.0f} ms")
                else:
                    row = (told["at"] - start, told["loaded"] - start)
                    mark = "" if told["fresh"] else "  (the reloaded page did not show the edit)"
                    print(f"edit {n + 1}: page told {row[0] * 1000:6.0f} ms, reloaded page loaded {row[1] * 1000:6.0f} ms{mark}")
                rows.append(row)
            print()
            names = (
                ["generation changed", "new page served", "waiting page told to reload"]
                if args.measure == "poll"
                else ["page told to reload", "reloaded page loaded"]
            )
            for index, name in enumerate(names):
                print(f"median {name:28} {statistics.median(r[index] for r in rows) * 1000:6.0f} ms")
            if stale:
                sys.exit(f"{stale} of {args.edits} reloaded pages did not show the edit")
        finally:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
