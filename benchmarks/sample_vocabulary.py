"""Draw the random sample of vocabulary-drift findings that README's "Accuracy" checks.

    python benchmarks/sample_vocabulary.py [CORPUS] > sample.json

Lints every document of the corpus with the built-in schemas, running only the
vocabulary rules, and draws 40 `vocabulary-drift` findings uniformly at random with a
fixed seed. Each sampled finding comes with the tag line as the document has it and the
fix it proposes, so that it can be judged by reading the document. The counts per rule and
tag are printed too (the same figures as `plancheck check --statistics --select PC4`).
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

from plancheck.files import Source, read
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions
from plancheck.parser import parse
from plancheck.schema import load_schemas
from plancheck.settings import DEFAULT_SETTINGS

SIZE = 40
SEED = 2026
RULES = RuleSet.from_selectors(["PC4"])


def main(corpus: Path) -> None:
    schemas = load_schemas()
    use = FileOptions(schemas, None, RuleSet(), DEFAULT_SETTINGS)
    drift: list[dict[str, object]] = []
    counts: Counter[str] = Counter()
    for path in sorted(corpus.glob("*/*.md")):
        source = read(str(path))
        assert isinstance(source, Source)
        document = parse(source.text, str(path))
        for d in lint(context(document, use), RULES):
            counts[f"{d.rule} {d.subject}"] += 1
            if d.rule != "vocabulary-drift":
                continue
            assert d.fix is not None
            drift.append(
                {
                    "path": str(path.relative_to(corpus)),
                    "line": d.span.line,
                    "column": d.span.column,
                    "tag": document.lines[d.span.line - 1],
                    "message": d.message,
                    "fix": d.fix.edits[0].content,
                    "applicability": d.fix.applicability.value,
                }
            )
    sample = random.Random(SEED).sample(drift, min(SIZE, len(drift)))
    json.dump(
        {"counts": dict(sorted(counts.items())), "sample": sample},
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )
    print()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
