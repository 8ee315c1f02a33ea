"""Draw the random sample of structural findings that README's "Accuracy" section checks.

    python benchmarks/sample_findings.py [CORPUS] > sample.json

Lints every document of the corpus with the built-in schemas and draws, with a fixed
seed, three findings of each structural rule that fired (the rules that judge the
document against its template: tag syntax, title, headings, sections, prompts and
answers), then fills up to 30 from the rest of those findings at random.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from plancheck import check_text
from plancheck.files import Source, read
from plancheck.schema import load_schemas

STRUCTURAL = {
    "tag-syntax",
    "missing-title",
    "empty-heading",
    "missing-section",
    "unknown-section",
    "section-order",
    "heading-drift",
    "missing-prompt",
    "prompt-drift",
    "empty-answer",
    "answer-constraint",
}
SIZE = 30
PER_RULE = 3
SEED = 2026


def main(corpus: Path) -> None:
    schemas = load_schemas()
    by_rule: dict[str, list[dict[str, object]]] = defaultdict(list)
    for path in sorted(corpus.glob("*/*.md")):
        source = read(str(path))
        assert isinstance(source, Source)
        for d in check_text(source.text, schemas, path=str(path)):
            if d.rule in STRUCTURAL:
                by_rule[d.rule].append(
                    {
                        "path": str(path.relative_to(corpus)),
                        "line": d.span.line,
                        "column": d.span.column,
                        "rule": d.rule,
                        "message": d.message,
                    }
                )
    sample, rest = [], []
    for rule in sorted(by_rule):
        found = by_rule[rule]
        # one generator per rule: a change in one rule's findings leaves the others' draw
        random.Random(f"{SEED}-{rule}").shuffle(found)
        sample += found[:PER_RULE]
        rest += found[PER_RULE:]
    sample += random.Random(SEED).sample(rest, max(0, SIZE - len(sample)))
    counts = {rule: len(found) for rule, found in sorted(by_rule.items())}
    json.dump({"counts": counts, "sample": sample[:SIZE]}, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
