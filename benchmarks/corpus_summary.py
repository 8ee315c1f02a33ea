"""Which schema each corpus document gets, and the findings by rule, in one pass.

    python benchmarks/corpus_summary.py [CORPUS]

Prints two tables (folder x detected schema; rule x count) and the wall time of the pass
(one process, all rules; a figure for orientation, not a benchmark).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from plancheck.files import Source, read
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions
from plancheck.parser import parse
from plancheck.schema import load_schemas
from plancheck.settings import DEFAULT_SETTINGS


def main(corpus: Path) -> None:
    schemas = load_schemas()
    use = FileOptions(schemas, None, RuleSet(), DEFAULT_SETTINGS)
    assigned: Counter[tuple[str, str]] = Counter()
    rules: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    files = 0
    for path in sorted(corpus.glob("*/*.md")):
        source = read(str(path))
        assert isinstance(source, Source)
        document = parse(source.text, str(path))
        ctx = context(document, use)
        assigned[(path.parent.name, ctx.schema.id if ctx.schema else "(none)")] += 1
        for d in lint(ctx):
            rules[(d.code, d.rule, d.severity.value)] += 1
        files += 1
    elapsed = time.perf_counter() - started
    print("| folder | schema | documents |\n|---|---|---|")
    for (folder, sid), n in sorted(assigned.items()):
        print(f"| {folder} | {sid} | {n:,} |")
    print("\n| code | rule | severity | findings |\n|---|---|---|---|")
    for (code, rule, severity), n in sorted(rules.items()):
        print(f"| {code} | {rule} | {severity} | {n:,} |")
    print(f"\n{files:,} documents, {sum(rules.values()):,} findings, {elapsed:.1f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
