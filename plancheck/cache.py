"""The result cache: a file whose text and whose check are unchanged is not checked again.

An entry is keyed by the file's absolute path and holds the size and a digest of its
bytes, a fingerprint of everything else its check depends on, and the diagnostics found;
any difference is a miss. The fingerprint is taken from the inputs as they are on disk:
plancheck's version, the command-line options, the nearest configuration file's bytes and
every file of the schema folders in use. That needs no parsing or validation, so a run
whose files all hit never imports the parser, the rules or pydantic, which is what makes
a warm run of one file start fast.

Entries are spread over 256 small JSON files by a hash of the path, so that checking one
file reads one of them. The cache is JSON, never pickle, so a cache folder that arrives
in a repository cannot run code; a cache file that cannot be read is ignored and
rewritten. check and report use the cache, fix always reads afresh. An entry written by
report also holds the document's facts; report takes an entry without them as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plancheck import __version__
from plancheck.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from plancheck.document import Span, split_lines
from plancheck.errors import ConfigError
from plancheck.results import Facts, FileResult
from plancheck.sources import (
    builtin_schema_dir,
    folder_of,
    nearest_config,
    read_table,
)

if TYPE_CHECKING:
    from plancheck.sources import Options

CACHE_DIR = ".plancheck_cache"
_FORMAT = 3  # bump when an entry's layout changes


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def default_folder(start: Path | None = None) -> Path:
    """`.plancheck_cache/` beside the nearest configuration file, else in ``start``."""
    folder = (start or Path.cwd()).resolve()
    try:
        config = nearest_config(folder)
    except ConfigError:
        config = None  # the run itself reports it
    return (config.parent if config else folder) / CACHE_DIR


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
    if d.export:
        data["export"] = True
    if d.invisible:
        data["invisible"] = True
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
        data.get("export", False),
        data.get("invisible", False),
    )


def _folder_digest(folder: Path) -> str:
    """A digest of every file below ``folder`` (names and bytes)."""
    h = hashlib.blake2b(digest_size=16)
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


class ResultCache:
    def __init__(
        self, folder: Path, options: Options, *, with_lines: bool = True, with_facts: bool = False
    ) -> None:
        self.folder = folder
        self.options = options
        self.with_lines = with_lines  # whether results carry their lines, for the reporter
        self.with_facts = with_facts  # whether results carry their facts, for report
        self._root = folder / __version__
        self._buckets: dict[str, dict[str, Any]] = {}
        self._changed: set[str] = set()
        self._fingerprints: dict[Path | None, str | None] = {}
        self._configs: dict[Path, Path | None] = {}
        self._hits: dict[str, tuple[list[Diagnostic], Facts | None]] = {}

    # -- what a check depends on besides the text

    def _config_file(self, path: str) -> Path | None:
        if self.options.isolated:
            return None
        if self.options.config is not None:
            return self.options.config.resolve()
        folder = folder_of(path)
        if folder not in self._configs:
            self._configs[folder] = nearest_config(folder)
        return self._configs[folder]

    def fingerprint(self, path: str) -> str | None:
        """None when the configuration cannot be read: the run reports that."""
        try:
            config = self._config_file(path)
        except ConfigError:
            return None
        if config not in self._fingerprints:
            self._fingerprints[config] = self._fingerprint(config)
        return self._fingerprints[config]

    def _fingerprint(self, config: Path | None) -> str | None:
        options = self.options
        folders = [builtin_schema_dir(), *(p.resolve() for p in options.schema_paths)]
        material: list[object] = [
            __version__,
            _FORMAT,
            [options.schema_id, options.select, options.ignore, options.isolated],
        ]
        if config is not None:
            try:
                raw = config.read_bytes()
                table = read_table(config, raw) or {}
            except (ConfigError, OSError):
                return None
            material += [str(config), raw.decode("utf-8", "replace")]
            extra = table.get("schema-paths", [])
            if isinstance(extra, list):
                folders += [config.parent / str(p) for p in extra]
        try:
            material += [[str(f), _folder_digest(f)] for f in folders]
        except OSError:
            return None
        return digest(json.dumps(material, default=str).encode())

    # -- entries

    def _bucket(self, key: str) -> dict[str, Any]:
        name = digest(key.encode("utf-8", "surrogateescape"))[:2]
        if name not in self._buckets:
            self._buckets[name] = self._load(self._root / f"{name}.json")
        return self._buckets[name]

    @staticmethod
    def _load(file: Path) -> dict[str, Any]:
        try:
            with file.open(encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        ok = isinstance(data, dict) and data.get("format") == _FORMAT
        entries = data.get("entries") if ok else None
        return entries if isinstance(entries, dict) else {}

    def lookup(self, path: str) -> bool:
        """Whether ``path`` can be answered from the cache (then :meth:`result` does)."""
        key = os.path.abspath(path)
        entry = self._bucket(key).get(key)
        if not isinstance(entry, dict) or entry.get("fingerprint") != self.fingerprint(path):
            return False
        try:
            if os.stat(path).st_size != entry.get("size"):
                return False
            with open(path, "rb") as handle:
                if digest(handle.read()) != entry.get("digest"):
                    return False
            facts = Facts.from_data(entry["facts"]) if self.with_facts else None
            self._hits[path] = ([_from_data(path, d) for d in entry["diagnostics"]], facts)
        except (OSError, KeyError, TypeError, ValueError):
            return False  # gone, unreadable, or an entry from a damaged cache file
        return True

    def result(self, path: str) -> FileResult:
        """The cached result of a file :meth:`lookup` found, with its lines when there
        are diagnostics to show them with and the reporter shows them."""
        diagnostics, facts = self._hits.pop(path)
        lines: tuple[str, ...] = ()
        if diagnostics and self.with_lines:
            with contextlib.suppress(OSError, UnicodeDecodeError), open(path, "rb") as handle:
                lines = tuple(split_lines(handle.read().decode("utf-8")))
        return FileResult(path, diagnostics, lines, True, facts=facts)

    def store(self, result: FileResult) -> None:
        if not result.complete or result.digest is None:
            return  # unreadable files and internal errors are tried again next time
        fingerprint = self.fingerprint(result.path)
        if fingerprint is None:
            return
        try:
            size = os.stat(result.path).st_size
        except OSError:
            return
        key = os.path.abspath(result.path)
        entry: dict[str, Any] = {
            "size": size,
            "digest": result.digest,
            "fingerprint": fingerprint,
            "diagnostics": [_to_data(d) for d in result.diagnostics],
        }
        if result.facts is not None:
            entry["facts"] = result.facts.to_data()
        self._bucket(key)[key] = entry
        self._changed.add(digest(key.encode("utf-8", "surrogateescape"))[:2])

    def save(self) -> None:
        """Write the buckets that changed, each atomically; a cache that cannot be
        written is only a slower next run, never an error."""
        if not self._changed:
            return
        with contextlib.suppress(OSError):
            self._root.mkdir(parents=True, exist_ok=True)
            marker = self.folder / ".gitignore"
            if not marker.exists():
                marker.write_text("# Created by plancheck.\n*\n", encoding="utf-8")
            for name in sorted(self._changed):
                self._write(self._root / f"{name}.json", self._buckets[name])
        self._changed.clear()

    @staticmethod
    def _write(file: Path, entries: dict[str, Any]) -> None:
        import tempfile  # a run that writes nothing (all answered, or --no-cache) skips it

        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"format": _FORMAT, "entries": entries}, out)
            os.replace(temporary, file)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
