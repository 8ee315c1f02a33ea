"""What the fix tests compare: the author's words as a reader sees them, and findings per
rule."""

from __future__ import annotations

from collections import Counter

from plancheck import preserve
from plancheck.diagnostics import Diagnostic
from plancheck.parser import parse


def answer_words(source: str) -> preserve.Words:
    """The author's prose as words, in order (see plancheck.preserve): equal before and
    after a fix when no word was lost, added, moved, glued to or split from another."""
    return preserve.read(parse(source)).prose


def per_rule(found: list[Diagnostic]) -> Counter[str]:
    return Counter(d.rule for d in found)


def new_findings(before: list[Diagnostic], after: list[Diagnostic]) -> Counter[str]:
    """Rules with more findings after the fix than before (should be none)."""
    return per_rule(after) - per_rule(before)
