"""One open document as the server sees it: its text, what applies to it, and the parse,
schema detection, alignment and findings computed from them (each once, on first use;
detection and alignment through the rules' own :class:`~plancheck.rules.base.Context`).

Every feature (diagnostics, code actions, completion, hover) reads an :class:`Analysis`
of the document's current version, so they all agree on the schema and the positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pygls.uris import to_fs_path

from plancheck.align import SectionMatch
from plancheck.detect import detect
from plancheck.diagnostics import Diagnostic
from plancheck.document import Document
from plancheck.files import STDIN
from plancheck.fixer import fix
from plancheck.linter import lint
from plancheck.options import FileOptions, Resolver
from plancheck.parser import parse
from plancheck.rules.base import Context
from plancheck.schema import Schema, TagSpec


@dataclass(frozen=True)
class Analysis:
    uri: str
    version: int | None
    options: FileOptions
    document: Document

    @property
    def text(self) -> str:
        return self.document.source

    @property
    def lines(self) -> tuple[str, ...]:
        return self.document.lines

    @cached_property
    def context(self) -> Context:
        """What the rules see: the detected schema and the alignment, computed once and
        read by the findings, the safe fixes' first pass and every feature. Unlike a
        check's, an empty document gets the schema the configuration forces, so that
        completion can offer its tags and headings."""
        detection = detect(self.document, self.options.schemas, self.options.schema_id)
        return Context(self.document, detection, self.options.settings)

    @property
    def schema(self) -> Schema | None:
        return self.context.schema

    @property
    def alignment(self) -> tuple[SectionMatch, ...]:
        return self.context.alignment

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """What `plancheck check` reports for this text, with the file's configuration."""
        return lint(self.context, self.options.rules)

    @cached_property
    def safely_fixed(self) -> str:
        """The text once every safe fix is applied, as `plancheck fix` would leave it
        (kept: editors ask for code actions whenever the cursor moves)."""
        return fix(self.context, self.options).source

    def tag_spec(self, key: str) -> tuple[Schema, TagSpec] | None:
        """The declaration of tag ``key``: in the document's schema, or else (a document
        too new to have one) in the first schema that declares it."""
        ordered = [self.schema] if self.schema else []
        ordered += [s for _, s in sorted(self.options.schemas.items()) if s is not self.schema]
        for schema in ordered:
            spec = schema.tag(key)
            if spec is not None:
                return schema, spec
        return None

    def section_at(self, line: int) -> SectionMatch | None:
        """The section whose content holds 1-based ``line`` (below its heading)."""
        found = None
        for match in self.alignment:
            if match.section.span.line < line:
                found = match
        return found


def path_of(uri: str) -> str:
    """The file path of a ``file:`` URI; standard input's for anything else (an unsaved
    buffer), so that it gets the configuration of the working folder."""
    return to_fs_path(uri) or STDIN


def analyse(uri: str, version: int | None, text: str, resolver: Resolver) -> Analysis:
    """Parse ``text``; raises the configuration and schema errors of its folder."""
    path = path_of(uri)
    options = resolver.for_path(path)
    return Analysis(uri, version, options, parse(text, uri if path == STDIN else path))
