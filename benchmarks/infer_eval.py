"""How well `plancheck schema infer` recovers the built-in templates from the corpus.

    python benchmarks/infer_eval.py [CORPUS] [--min-share SHARE] [--seed N]

For each learning-plan and experiment template plancheck ships, the corpus documents
detected as that template (with the built-in schemas) are shuffled with a fixed seed
(18, or --seed N); a schema is inferred from 70% of them, with the built-in template's
id, and the inferred schemas replace the built-in ones on the other 30%:

* detection: the share of held-out documents for which detection with the inferred
  schemas picks the same template as with the built-in ones;
* structural findings: missing-section, unknown-section, missing-prompt and missing-tag
  with each set of schemas (each detecting for itself), compared as a multiset of
  (file, rule, line, column): precision, recall and F1 of the inferred schemas' findings
  against the built-in schemas';
* answer constraints: for each prompt of a built-in schema that has one of the named
  constraints (max_chars, max_items, starts_with, must_contain_link, shares, options),
  whether the inferred schema has it on the same prompt with the same value (options:
  the same set of options).

The issue's bars (tests/infer/test_infer_corpus.py holds them, for seed 18): detection
>= 95% and F1 >= 0.9 for the four templates of the issue (the two small experiment
forms are reported too), and every named constraint of a built-in schema found.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plancheck.detect import detect
from plancheck.document import Document
from plancheck.files import Source, read
from plancheck.infer import infer
from plancheck.infer.model import DEFAULT_MIN_SHARE
from plancheck.infer.writer import load, render
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions
from plancheck.parser import parse
from plancheck.schema import PromptSpec, Schema, load_schemas
from plancheck.settings import DEFAULT_SETTINGS
from plancheck.vocabulary import normalize

ISSUE_TEMPLATES = (
    "learningplan-design",
    "closing-report-2022",
    "closing-report-2024",
    "experiment",
)
ALL_TEMPLATES = (*ISSUE_TEMPLATES, "experiment-2024", "experiment-2021")
STRUCTURAL = ("missing-section", "unknown-section", "missing-prompt", "missing-tag")
GROUPED = re.compile(r"(\d+) required prompts are missing here")
PAIR = re.compile(r"required prompts '> .*' and '> .*' are missing")
CONSTRAINTS = ("max_chars", "max_items", "starts_with", "must_contain_link", "shares", "options")
SEED = 18
TRAIN = 0.7
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@dataclass
class Result:
    template: str
    trained: int = 0
    held: int = 0
    agreed: int = 0  # held-out documents detected as the same template
    true_positive: int = 0
    builtin_findings: int = 0
    inferred_findings: int = 0
    constraints: dict[str, list[bool]] = field(default_factory=dict)  # kind -> found?
    misses: list[str] = field(default_factory=list)  # constraints not found, described
    extras: list[str] = field(default_factory=list)  # inferred where the built-in has none

    @property
    def detection(self) -> float:
        return self.agreed / self.held if self.held else 1.0

    @property
    def precision(self) -> float:
        return self.true_positive / self.inferred_findings if self.inferred_findings else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.builtin_findings if self.builtin_findings else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def corpus_documents(corpus: Path, builtin: dict[str, Schema]) -> dict[str, list[Document]]:
    """The learning plans and experiments, by the template built-in detection gives."""
    by_template: dict[str, list[Document]] = {}
    for folder in ("learningplan", "experiment"):
        for path in sorted((corpus / folder).glob("*.md")):
            source = read(str(path))
            assert isinstance(source, Source), source
            document = parse(source.text, str(path))
            found = detect(document, builtin).schema
            if found is not None:
                by_template.setdefault(found.id, []).append(document)
    return by_template


def _split(documents: list[Document], seed: int) -> tuple[list[Document], list[Document]]:
    shuffled = list(documents)
    random.Random(seed).shuffle(shuffled)
    cut = round(len(shuffled) * TRAIN)
    return shuffled[:cut], shuffled[cut:]


def _findings(document: Document, schemas: dict[str, Schema], rules: RuleSet) -> Counter[tuple]:
    found: Counter[tuple] = Counter()
    for d in lint(context(document, FileOptions(schemas, None, rules, DEFAULT_SETTINGS)), rules):
        found[(d.path, d.rule, d.span.line, d.span.column)] += _facts(d.message)
    return found


def _facts(message: str) -> int:
    """How many structural facts a finding states: missing-prompt says the prompts missing
    at one place in one finding ("3 required prompts are missing here, ..."), and the
    agreement is measured per prompt, as before findings were grouped."""
    many = GROUPED.match(message)
    if many:
        return int(many.group(1))
    return 2 if PAIR.match(message) else 1


def _prompts(schema: Schema) -> dict[str, PromptSpec]:
    return {key: p for s in schema.sections for p in s.prompts for key in p.keys}


def _same(kind: str, built: PromptSpec, found: PromptSpec | None) -> bool:
    if found is None:
        return False
    a, b = built.answer, found.answer
    if kind == "options":
        return {normalize(o) for o in a.options or []} == {normalize(o) for o in b.options or []}
    if kind == "shares":
        return (
            b.shares is not None
            and a.shares is not None
            and b.shares.total == a.shares.total
            and [normalize(p) for p in b.shares.prompts] == [normalize(p) for p in a.shares.prompts]
        )
    if kind == "starts_with":
        return normalize(b.starts_with or "") == normalize(a.starts_with or "")
    return bool(getattr(b, kind) == getattr(a, kind))


def _constraints(result: Result, builtin: Schema, inferred: Schema) -> None:
    found = _prompts(inferred)
    known = _prompts(builtin)
    for section in inferred.sections:
        for prompt in section.prompts:
            twin = next((known[k] for k in prompt.keys if k in known), None)
            for kind in CONSTRAINTS:
                if getattr(prompt.answer, kind) not in (None, False) and (
                    twin is None or getattr(twin.answer, kind) in (None, False)
                ):
                    result.extras.append(f"{kind} on {prompt.text[:60]!r}")
    for section in builtin.sections:
        for prompt in section.prompts:
            twin = next((found[k] for k in prompt.keys if k in found), None)
            for kind in CONSTRAINTS:
                if getattr(prompt.answer, kind) in (None, False):
                    continue
                ok = _same(kind, prompt, twin)
                result.constraints.setdefault(kind, []).append(ok)
                if not ok:
                    got = getattr(twin.answer, kind) if twin else "no such prompt"
                    result.misses.append(f"{kind} of {prompt.text[:60]!r}: got {got!r}")


def evaluate(
    corpus: Path = DEFAULT_CORPUS,
    templates: Iterable[str] = ALL_TEMPLATES,
    seed: int = SEED,
    min_share: float = DEFAULT_MIN_SHARE,
) -> list[Result]:
    builtin = load_schemas()
    documents = corpus_documents(corpus, builtin)
    templates = [t for t in templates if documents.get(t)]
    held: dict[str, list[Document]] = {}
    schemas = dict(builtin)
    results = {t: Result(t) for t in templates}
    for template in templates:
        train, held[template] = _split(documents[template], seed)
        inferred = infer(train, template, min_share=min_share)
        schemas[template] = load(render(inferred), inferred)
        results[template].trained = len(train)
        _constraints(results[template], builtin[template], schemas[template])
    rules = RuleSet.from_selectors(STRUCTURAL)
    for template in templates:
        result = results[template]
        for document in held[template]:
            result.held += 1
            chosen = detect(document, schemas).schema
            result.agreed += chosen is not None and chosen.id == template
            expected = _findings(document, builtin, rules)
            got = _findings(document, schemas, rules)
            result.builtin_findings += sum(expected.values())
            result.inferred_findings += sum(got.values())
            result.true_positive += sum((expected & got).values())
    return [results[t] for t in templates]


def table(results: list[Result]) -> str:
    rows = [
        "| template | inferred from | held out | detection agrees | findings (built-in / inferred) "
        "| precision | recall | F1 | constraints found |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        found = sum(sum(v) for v in r.constraints.values())
        total = sum(len(v) for v in r.constraints.values())
        rows.append(
            f"| {r.template} | {r.trained} | {r.held} | {r.detection:.1%} "
            f"| {r.builtin_findings} / {r.inferred_findings} | {r.precision:.3f} "
            f"| {r.recall:.3f} | {r.f1:.3f} | {found} of {total} |"
        )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    min_share = DEFAULT_MIN_SHARE
    seed = SEED
    if "--min-share" in argv:
        at = argv.index("--min-share")
        min_share = float(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    if "--seed" in argv:
        at = argv.index("--seed")
        seed = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    results = evaluate(corpus, seed=seed, min_share=min_share)
    print(table(results))
    kinds: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for r in results:
        for kind, found in r.constraints.items():
            kinds[kind] += len(found)
            hits[kind] += sum(found)
    print("\nconstraints: " + ", ".join(f"{k} {hits[k]} of {kinds[k]}" for k in CONSTRAINTS))
    for r in results:
        for miss in r.misses:
            print(f"  not found in {r.template}: {miss}")
        for extra in r.extras:
            print(f"  only inferred, in {r.template}: {extra}")
    took = time.perf_counter() - start
    print(f"\n{took:.1f} s (seed {seed}, {TRAIN:.0%} to infer, min share {min_share:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
