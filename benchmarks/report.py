"""Time `plancheck report` against `plancheck check --statistics` on the same files.

    python benchmarks/report.py [--corpus ../shared/corpus] [--repeat 3] [--jobs N]

The issue's target: a report costs at most 1.5x a check of the same files. Both commands
run cold (`--no-cache`) and `--isolated`, with the same `--jobs`, alternately (check,
report, check, report, ...) so that a change in the machine's load falls on both alike.
Prints a Markdown table: the median wall time of each, their ratio, and the sizes of the
HTML and CSV files (the HTML's target: at most 10 MB for the whole corpus). Run it on a
quiet machine (`uptime`: the table shows the load average before and after).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time, and CPU time (user + system, the process and its workers): the second
    moves less with the machine's load, the first is what the user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    plancheck = [sys.executable, "-m", "plancheck"]
    common = ["--no-cache", "--isolated", "--jobs", str(args.jobs), str(args.corpus)]
    before = load()
    with tempfile.TemporaryDirectory() as folder:
        html, csv = Path(folder) / "report.html", Path(folder) / "documents.csv"
        check = [*plancheck, "check", "--statistics", "--exit-zero", *common]
        report = [*plancheck, "report", "-q", *common, "-o", str(html), "--csv", str(csv)]
        checks, reports = [], []
        for n in range(args.repeat):
            print(f"run {n + 1} of {args.repeat}", file=sys.stderr)
            checks.append(timed(check))
            reports.append(timed(report))
        sizes = html.stat().st_size, csv.stat().st_size
    c, r = statistics.median(w for w, _ in checks), statistics.median(w for w, _ in reports)
    cc, rc = statistics.median(u for _, u in checks), statistics.median(u for _, u in reports)
    print(f"Corpus: {args.corpus}, --jobs {args.jobs}, {args.repeat} runs of each, alternated.")
    print(f"Load average before: {before}; after: {load()}.\n")
    print("| what | median wall time | median CPU time | wall times of the runs |")
    print("|---|---|---|---|")
    for name, wall, cpu, runs in (
        ("`check --statistics`", c, cc, checks),
        ("`report -o … --csv …`", r, rc, reports),
    ):
        each = ", ".join(f"{w:.2f}" for w, _ in runs)
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {each} |")
    print(f"| report / check | {r / c:.2f}x (target ≤ 1.5x) | {rc / cc:.2f}x | |")
    print(f"| report.html | {sizes[0] / 1e6:.2f} MB (target ≤ 10 MB) | | |")
    print(f"| documents.csv | {sizes[1] / 1e6:.2f} MB | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
