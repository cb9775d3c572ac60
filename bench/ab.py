#!/usr/bin/env python3
"""Compare two or more commands on a noisy machine: run them in turn, round after round.

    python3 bench/ab.py ROUNDS CMD_A... -- CMD_B... [-- CMD_C...]

Each command runs once to warm the caches, then ROUNDS times, alternating
with the others, so that a busy neighbour slows them alike. Prints, per
command, the median wall time, user and system CPU time, and the highest
peak resident memory. A command that fails stops the comparison: a time
of a run that did not do its work means nothing.

Example (two builds of helpc, each with its own output folder):

    python3 bench/ab.py 7 ./old/helpc build ../shared/corpus --no-cache --out /tmp/a \\
        -- target/release/helpc build ../shared/corpus --no-cache --out /tmp/b

helpc's own exit status 1 (errors in the content) counts as success here.
"""

import os
import statistics
import subprocess
import sys
import time

# helpc exits 1 when the content has errors (the corpus has 16): the run did its work.
ACCEPTED = (0, 1)


def commands(argv):
    found, current = [], []
    for arg in argv:
        if arg == "--":
            found.append(current)
            current = []
        else:
            current.append(arg)
    found.append(current)
    if len(found) < 2 or any(not cmd for cmd in found):
        sys.exit(__doc__)
    return found


def run(cmd):
    """(wall s, user s, system s, peak MiB) of one run, its output discarded."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ACCEPTED:
        sys.exit(f"`{' '.join(cmd)}` exited with {code}")
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024


def main():
    if len(sys.argv) < 4 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    cmds = commands(sys.argv[2:])
    for cmd in cmds:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    results = [[] for _ in cmds]
    for _ in range(rounds):
        for index, cmd in enumerate(cmds):
            results[index].append(run(cmd))
    for index, cmd in enumerate(cmds):
        runs = results[index]
        wall, user, system = (statistics.median(r[k] for r in runs) for k in range(3))
        print(
            f"{chr(ord('A') + index)}: wall {wall:.3f} s (min {min(r[0] for r in runs):.3f}), "
            f"user {user:.3f}, system {system:.3f}, CPU {user + system:.3f}, "
            f"peak {max(r[3] for r in runs):.0f} MiB   {' '.join(cmd)}"
        )


if __name__ == "__main__":
    main()
