"""What the fix tests compare: the words of the answers, and findings per rule."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

from plancheck.diagnostics import Diagnostic
from plancheck.parser import parse
from plancheck.rules.format import RESIDUE


def answer_words(source: str) -> Counter[str]:
    """Every word of every answer, with entities and editor tags read as what they are."""
    words: Counter[str] = Counter()
    for section in parse(source).sections:
        for answer in [section.intro, *(p.answer for p in section.prompts)]:
            for block in answer.blocks:
                text = unicodedata.normalize("NFKC", html.unescape(RESIDUE.sub(" ", block.text)))
                words.update(re.findall(r"\w+", text))
    return words


def per_rule(found: list[Diagnostic]) -> Counter[str]:
    return Counter(d.rule for d in found)


def new_findings(before: list[Diagnostic], after: list[Diagnostic]) -> Counter[str]:
    """Rules with more findings after the fix than before (should be none)."""
    return per_rule(after) - per_rule(before)
