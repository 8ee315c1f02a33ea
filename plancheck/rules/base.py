"""The rule declaration: a check function plus its code, name and default severity."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from plancheck.align import SectionMatch, align
from plancheck.detect import Detection
from plancheck.diagnostics import Finding, Severity
from plancheck.document import Document
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


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    needs_schema: bool
    fixable: bool
    # reported outside the rule loop: by the file reader (there is no document yet) or by
    # the linter after the other rules (it needs their findings)
    external: bool

    @property
    def doc(self) -> str:
        """The user documentation of the rule: its check function's docstring."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    needs_schema: bool = True,
    fixable: bool = False,
    external: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a rule. Rules that need a schema are skipped when none fits the document."""

    def declare(check: Check) -> Rule:
        if not check.__doc__:
            raise TypeError(f"rule {code} {name} has no docstring")
        return Rule(code, name, severity, check, needs_schema, fixable, external)

    return declare
