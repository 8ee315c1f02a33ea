"""The result cache: a file whose text and whose check are unchanged is not checked again.

An entry is keyed by the file's absolute path and holds a digest of its text, a
fingerprint of everything else its check depends on (plancheck's version, the schemas
and vocabularies as loaded, the rules selected, their severities and the settings) and
the diagnostics found. Any difference in either is a miss. The cache is JSON, never
pickle, so a cache folder that arrives in a repository cannot run code; a cache that
cannot be read is ignored and rewritten. Only check uses it: fix always reads afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plancheck import __version__
from plancheck.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from plancheck.document import Span, split_lines

if TYPE_CHECKING:
    from plancheck.checker import FileResult
    from plancheck.options import FileOptions, Resolver

CACHE_DIR = ".plancheck_cache"
_FORMAT = 1  # bump when an entry's layout changes


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def default_folder(start: Path | None = None) -> Path:
    """`.plancheck_cache/` beside the nearest configuration file, else in ``start``."""
    from plancheck.config import find_config

    folder = (start or Path.cwd()).resolve()
    config = find_config(folder)
    return (config.root if config else folder) / CACHE_DIR


def _span(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]


def _to_data(d: Diagnostic) -> dict[str, Any]:
    data: dict[str, Any] = {
        "span": _span(d.span),
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
    }
    if d.subject is not None:
        data["subject"] = d.subject
    if d.fix is not None:
        data["fix"] = [
            d.fix.applicability.value,
            d.fix.message,
            [[_span(e.span), e.content] for e in d.fix.edits],
        ]
    return data


def _from_data(path: str, data: dict[str, Any]) -> Diagnostic:
    fix = None
    if "fix" in data:
        applicability, message, edits = data["fix"]
        fix = Fix(
            Applicability(applicability),
            message,
            tuple(Edit(Span(*span), content) for span, content in edits),
        )
    return Diagnostic(
        path,
        Span(*data["span"]),
        data["code"],
        data["rule"],
        Severity(data["severity"]),
        data["message"],
        fix,
        data.get("subject"),
    )


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / __version__ / "results.json"
        self._entries = self._load()
        self._fingerprints: dict[tuple[object, ...], str] = {}
        self._hits: dict[str, list[Diagnostic]] = {}
        self._changed = False

    def _load(self) -> dict[str, Any]:
        try:
            with self.file.open(encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        ok = isinstance(data, dict) and data.get("format") == _FORMAT
        entries = data.get("entries") if ok else None
        return entries if isinstance(entries, dict) else {}

    def fingerprint(self, use: FileOptions) -> str:
        """A digest of what a check depends on besides the text, computed once per
        configuration (the schema dump is the costly part)."""
        # The schemas dict lives as long as the resolver; the rest is keyed by value,
        # since per-file ignores make a new RuleSet per file.
        key = (
            id(use.schemas),
            use.schema_id,
            tuple(r.code for r in use.rules.rules),
            tuple(sorted(use.rules.severity.items())),
            use.settings.model_dump_json(),
        )
        found = self._fingerprints.get(key)
        if found is None:
            vocabularies = {
                f"{schema.id}:{tag.key}": vocabulary.model_dump(mode="json")
                for schema in use.schemas.values()
                for tag in schema.tags
                if (vocabulary := schema.vocabulary(tag.key)) is not None
            }
            material = {
                "version": __version__,
                "format": _FORMAT,
                "schemas": {k: s.model_dump(mode="json") for k, s in sorted(use.schemas.items())},
                "vocabularies": vocabularies,
                "schema_id": use.schema_id,
                "rules": [r.code for r in use.rules.rules],
                "severity": sorted((k, v.value) for k, v in use.rules.severity.items()),
                "settings": use.settings.model_dump(mode="json"),
            }
            blob = json.dumps(material, sort_keys=True).encode()
            found = hashlib.blake2b(blob, digest_size=16).hexdigest()
            self._fingerprints[key] = found
        return found

    def lookup(self, path: str, resolver: Resolver) -> bool:
        """Whether ``path`` can be answered from the cache (then :meth:`result` does)."""
        from plancheck.files import Source, read

        entry = self._entries.get(os.path.abspath(path))
        if not isinstance(entry, dict):
            return False
        use = resolver.for_path(path)
        if entry.get("fingerprint") != self.fingerprint(use):
            return False
        got = read(path, None, max_size=use.settings.max_file_size)
        if not isinstance(got, Source) or digest(got.text) != entry.get("digest"):
            return False
        try:
            self._hits[path] = [_from_data(path, d) for d in entry["diagnostics"]]
        except (KeyError, TypeError, ValueError):
            return False  # an entry from a damaged cache file: check the file again
        return True

    def result(self, path: str) -> FileResult:
        """The cached result of a file :meth:`lookup` found, with its lines when there
        are diagnostics to show them with."""
        from plancheck.checker import FileResult
        from plancheck.files import Source, read

        diagnostics = self._hits.pop(path)
        lines: tuple[str, ...] = ()
        if diagnostics:
            got = read(path)
            lines = tuple(split_lines(got.text)) if isinstance(got, Source) else ()
        return FileResult(path, diagnostics, lines, True)

    def store(self, result: FileResult, resolver: Resolver) -> None:
        if not result.complete or result.digest is None:
            return  # unreadable files and internal errors are tried again next time
        self._entries[os.path.abspath(result.path)] = {
            "digest": result.digest,
            "fingerprint": self.fingerprint(resolver.for_path(result.path)),
            "diagnostics": [_to_data(d) for d in result.diagnostics],
        }
        self._changed = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is only a
        slower next run, never an error."""
        if not self._changed:
            return
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            marker = self.folder / ".gitignore"
            if not marker.exists():
                marker.write_text("# Created by plancheck.\n*\n", encoding="utf-8")
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"format": _FORMAT, "entries": self._entries}, out)
                os.replace(temporary, self.file)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
