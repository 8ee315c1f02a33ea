"""Draw a random sample of findings over every rule and print each in its document.

    python benchmarks/audit.py [--corpus DIR] [--seed N] [--size N] [--per-rule N] \
        [--export] > audit.md

Lints every document of the corpus with the built-in schemas and every rule at its
default severity, keeps the findings `plancheck check` lists (the export's info findings
and those about characters no reader sees only with ``--export``, as with
`check --export --invisible`), then draws the sample a person reads
to judge the findings:

* stratified by rule, so that rare rules appear: ``--per-rule`` findings of every rule
  that fired (all of them when it fired fewer times), then
* filled up to ``--size`` with findings drawn uniformly from all the others, so that
  frequent rules are sampled in proportion to how often they fire.

Each finding is printed with the lines around it (the finding's lines marked ``>>``) and
a verdict line to fill in by hand: ``true``, ``not worth reading`` (true in the letter
but no help to an author or a curator) or ``false``. The seed defaults to the current
time and is printed in the header, so a sample is random but can be drawn again.
The header also gives each rule's count and severity over the whole corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from plancheck.diagnostics import Diagnostic
from plancheck.files import Source, read
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions
from plancheck.parser import parse
from plancheck.reporters.text import listed
from plancheck.schema import load_schemas
from plancheck.settings import DEFAULT_SETTINGS

CONTEXT = 3  # lines shown before and after a finding
WIDTH = 160  # longer source lines are cut, so that one pasted paragraph does not hide the rest


def findings(corpus: Path, export: bool) -> tuple[list[Diagnostic], dict[str, list[str]]]:
    schemas = load_schemas()
    use = FileOptions(schemas, None, RuleSet(), DEFAULT_SETTINGS)
    found: list[Diagnostic] = []
    lines: dict[str, list[str]] = {}
    for path in sorted(corpus.glob("*/*.md")):
        source = read(str(path))
        if not isinstance(source, Source):
            continue
        document = parse(source.text, str(path.relative_to(corpus)))
        result = listed(lint(context(document, use)), export, invisible=export)
        if result:
            lines[document.path] = list(document.lines)
            found += result
    return found, lines


def draw(found: list[Diagnostic], seed: int, size: int, per_rule: int) -> list[Diagnostic]:
    rng = random.Random(seed)
    by_rule: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in found:
        by_rule[d.rule].append(d)
    sample: list[Diagnostic] = []
    rest: list[Diagnostic] = []
    for rule in sorted(by_rule):
        group = by_rule[rule][:]
        rng.shuffle(group)
        sample += group[:per_rule]
        rest += group[per_rule:]
    sample += rng.sample(rest, min(len(rest), max(0, size - len(sample))))
    return sample


def _visible(text: str) -> str:
    """The line as a reader judges it: invisible characters and trailing spaces named."""
    shown = "".join(
        f"<U+{ord(c):04X}>" if c != " " and unicodedata.category(c) in ("Zs", "Cf", "Cc") else c
        for c in text
    )
    stripped = shown.rstrip(" ")
    shown = stripped + "␠" * (len(shown) - len(stripped))
    return shown if len(shown) <= WIDTH else shown[:WIDTH] + " …"


def show(d: Diagnostic, lines: list[str], n: int) -> str:
    first = max(1, d.span.line - CONTEXT)
    last = min(len(lines), d.span.end_line + CONTEXT)
    out = [
        f"### {n}. {d.rule} ({d.code}, {d.severity.value})",
        "",
        f"`{d.path}:{d.span.line}:{d.span.column}`: {d.message}",
    ]
    if d.fix is not None:
        out.append(f"(fix, {d.fix.applicability.value}: {d.fix.message})")
    out += ["", "```text"]
    for i in range(first, last + 1):
        mark = ">>" if d.span.line <= i <= max(d.span.line, d.span.end_line) else "  "
        out.append(f"{mark} {i:5} | {_visible(lines[i - 1])}")
    out += ["```", "", "verdict: ", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--seed", type=int, default=None, help="default: the current time")
    parser.add_argument("--size", type=int, default=100, help="findings in all [100]")
    parser.add_argument("--per-rule", type=int, default=2, help="findings of every rule [2]")
    parser.add_argument(
        "--export", action="store_true", help="the export's findings and the invisible ones too"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"audit: error: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else time.time_ns() % 1_000_000
    found, lines = findings(args.corpus, args.export)
    counts = Counter((d.code, d.rule, d.severity.value) for d in found)
    sample = draw(found, seed, args.size, args.per_rule)
    what = "all findings" if args.export else "the findings `plancheck check` lists"
    print(f"# Audit sample: seed {seed}, {len(sample)} of {len(found):,} ({what})\n")
    print("| code | rule | severity | findings | sampled |\n|---|---|---|---|---|")
    drawn = Counter((d.code, d.rule, d.severity.value) for d in sample)
    for key, count in sorted(counts.items()):
        code, rule, severity = key
        print(f"| {code} | {rule} | {severity} | {count:,} | {drawn[key]} |")
    print()
    for n, d in enumerate(sample, 1):
        print(show(d, lines[d.path], n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
