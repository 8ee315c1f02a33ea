"""Where a run's time goes: the stages of a whole-corpus check, and a cold start's parts.

    python benchmarks/breakdown.py [CORPUS]

Stages are timed in this process with ``time.process_time`` over texts already read, each
result dropped as soon as it is made (as a run does: holding every parse result at once
makes the garbage collector's work grow and the parse look slower): markdown-it-py's block
parse as plancheck configures it, plancheck's parse (that block parse and the walk to the
document model), then with schema detection, then with every rule. Each is the best of two
passes. The cold-start parts are timed in a fresh interpreter, one after the other, so that
each excludes what the ones before it imported (run it from the repository root: it checks
the seed).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from plancheck import check_text
from plancheck.detect import detect
from plancheck.parser import _markdown, parse
from plancheck.schema import load_schemas

COLD_START = """
import time
t = time.process_time
marks = [("start", t())]
import click, markdown_it  # noqa: E401
marks.append(("click and markdown-it-py", t()))
import plancheck.cli
marks.append(("plancheck's command line and reporters", t()))
import plancheck.checker
marks.append(("the parser, the rules and the rest of a check", t()))
import plancheck.schema
schemas = plancheck.schema.load_schemas()
marks.append(("the compiled schemas (read from the user cache folder)", t()))
from plancheck import check_text
seed = open("seeds/learningplan-design.md", encoding="utf-8").read()
check_text(seed, schemas, path="seed.md")
marks.append(("checking the seed (parse, term indexes, atlas, rules)", t()))
import plancheck.schema.files
marks.append(("pydantic, PyYAML and the schema models (not loaded by a check)", t()))
plancheck.schema.compiled._compile(plancheck.schema.compiled._Inputs.of([]))
marks.append(("validating the built-in schemas (a first run, an edited schema)", t()))
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"| {name} | {(after - before) * 1000:.0f} ms |")
"""


def best_of_two(work: Callable[[], None]) -> float:
    times = []
    for _ in range(2):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(corpus.rglob("*.md"))]
    markdown = _markdown()
    schemas = load_schemas()
    for path, text in texts[:200]:  # warm the lazily built indexes and geometry first
        check_text(text, schemas, path=path)

    def floor() -> None:
        for _, text in texts:
            markdown.parse(text)

    def parsed() -> None:
        for path, text in texts:
            parse(text, path)

    def detected() -> None:
        for path, text in texts:
            detect(parse(text, path), schemas)

    def linted() -> None:
        for path, text in texts:
            check_text(text, schemas, path=path)

    print(f"{len(texts):,} documents of {corpus}\n")
    print("| stage (cumulative) | CPU time | x block parse |\n|---|---|---|")
    base = best_of_two(floor)
    print(f"| markdown-it-py block parse | {base:.2f} s | 1.00x |")
    for name, work in (
        ("plancheck's parse", parsed),
        ("parse and detection", detected),
        ("parse, detection and every rule", linted),
    ):
        spent = best_of_two(work)
        print(f"| {name} | {spent:.2f} s | {spent / base:.2f}x |")
    print("\n| cold start, in order | CPU time |\n|---|---|")
    sys.stdout.flush()
    subprocess.run([sys.executable, "-c", COLD_START], check=True)


if __name__ == "__main__":
    main()
