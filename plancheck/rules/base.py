"""The rule declaration: a check function and the entry of the rule table
(:mod:`plancheck.codes`) that gives its code, name, severity, fix availability and options."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from plancheck import blanks
from plancheck.align import SectionMatch, align
from plancheck.codes import BY_CODE, FixAvailability, RuleInfo, RuleOption
from plancheck.detect import Detection
from plancheck.diagnostics import Finding, Severity
from plancheck.document import Document
from plancheck.house import Location, locations
from plancheck.schema import Schema
from plancheck.settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class Context:
    """What a rule may read: the document, and how it was matched to a schema."""

    document: Document
    detection: Detection
    settings: Settings = DEFAULT_SETTINGS

    @property
    def schema(self) -> Schema | None:
        return self.detection.schema

    @cached_property
    def alignment(self) -> tuple[SectionMatch, ...]:
        """The document's sections and prompts matched to the schema's (computed once)."""
        return align(self.document, self.schema) if self.schema else ()

    @cached_property
    def unused_slots(self) -> dict[int, set[int]]:
        """For each section match (by id), the ids of its prompt matches in unused repeats
        of a group (:func:`plancheck.blanks.unused_slots`): found once for the three answer
        rules."""
        return {id(sm): blanks.unused_slots(sm) for sm in self.alignment}

    @cached_property
    def locations(self) -> tuple[Location, ...]:
        """The document's `country` tags paired with the coordinates after them (computed
        once, for the coordinate rules and missing-tag)."""
        if self.schema is None:
            return ()
        return tuple(locations(self.document, self.schema.coordinate_keys))


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule with a check: its table entry, the check, and whether it needs a schema."""

    info: RuleInfo
    check: Check
    needs_schema: bool

    @property
    def code(self) -> str:
        return self.info.code

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def severity(self) -> Severity:
        return self.info.severity

    @property
    def fix(self) -> FixAvailability:
        return self.info.fix

    @property
    def fixable(self) -> bool:
        return self.info.fixable

    @property
    def summary(self) -> str:
        return self.info.summary

    @property
    def options(self) -> tuple[RuleOption[Any], ...]:
        return self.info.options

    @property
    def body(self) -> str:
        """The rule's documentation below its summary: its check function's docstring."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def doc(self) -> str:
        """The user documentation: the summary, then the sections."""
        return f"{self.summary}\n\n{self.body}"


def rule(entry: str | RuleInfo, *, needs_schema: bool = True) -> Callable[[Check], Rule]:
    """Declare the check of the rule ``entry`` (a code of the rule table, or an entry of
    one's own, as tests write). Rules that need a schema are skipped when none fits the
    document."""
    info = BY_CODE[entry] if isinstance(entry, str) else entry

    def declare(check: Check) -> Rule:
        if not check.__doc__:
            raise TypeError(f"rule {info.code} {info.name} has no docstring")
        return Rule(info, check, needs_schema)

    return declare
