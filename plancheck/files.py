"""Finding plan files, reading them as text (with a diagnostic for what cannot be read),
and writing them back whole.

Reading never raises and never hangs: a missing path, a folder, a file without read
permission, a link loop, a file above the size limit, bytes that are not UTF-8 text each
become one diagnostic (unreadable-file, file-too-large, invalid-encoding) for the caller
to report, and the run goes on with the other files. Writing (a fixed file, a written
schema) is atomic: a reader sees the old file or the new one, never half of it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from plancheck.codes import FILE_TOO_LARGE, INVALID_ENCODING, UNREADABLE_FILE, RuleInfo
from plancheck.diagnostics import Diagnostic
from plancheck.document import Span, split_lines

SUFFIXES = (".md", ".markdown")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # checked first: FF FE starts both
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
STDIN = "-"
CHUNK = 1 << 20  # bytes read at a time from a stream (a pipe, a device)


@dataclass(frozen=True, slots=True)
class Source:
    """A file's text. A UTF-8 byte order mark stays in it as U+FEFF: the `bom` rule
    reports it, and a fixed file keeps it unless that rule's fix removes it."""

    path: str
    text: str


START = Span(1, 1, 1, 1)


def problem(rule: RuleInfo, path: str, message: str, span: Span = START) -> Diagnostic:
    """A diagnostic of ``rule`` that the core reports itself (no document to check)."""
    return Diagnostic(path, span, rule.code, rule.name, rule.severity, message)


def _is_stream(path: str) -> bool:
    """Whether ``path`` is a pipe, socket or device: reading one met while walking a
    folder could block forever (a FIFO without a writer) or never end (a device)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # reading it reports the problem (a broken link, a loop)
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def discover(
    paths: Sequence[str], excluded: Callable[[str], bool] = lambda path: False
) -> Iterator[str]:
    """Files named on the command line, and the Markdown files below named folders.

    Folders are walked without following links to folders (no loops), skipping hidden
    folders such as `.git` and what ``excluded`` says, in a stable order. A link among the
    files is yielded (reading it reports a broken link or a loop); pipes, sockets and
    devices found in folders are skipped. A path that does not exist is yielded as is, so
    that reading it reports the problem.
    """
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d))
                )
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.endswith(SUFFIXES) and not excluded(full) and not _is_stream(full):
                        yield full
        else:
            yield path


def _too_large(path: str, size: int | None, limit: int) -> Diagnostic:
    """``size`` is None for a stream, which is read only until it passes the limit."""
    what = f"{size:,} bytes, above" if size is not None else "larger than"
    return problem(
        FILE_TOO_LARGE,
        path,
        f"the file is {what} the limit of {limit:,} bytes, so it was not checked "
        "(raise `max-file-size` in the configuration to check it)",
    )


def _position(data: bytes, offset: int) -> Span:
    """The 1-based line and column (in characters) of byte ``offset``; lines are counted
    as the parser counts them (LF, CRLF and lone CR), and a byte sequence before it that
    is not UTF-8 counts as one character."""
    lines = split_lines(data[:offset].decode("utf-8", "replace"))
    line, column = len(lines), len(lines[-1]) + 1
    return Span(line, column, line, column + 1)


def decode(data: bytes, path: str) -> Source | Diagnostic:
    """UTF-8 text of ``data``, or an invalid-encoding diagnostic saying where it fails."""
    if data.startswith(UTF32_BOMS):
        return problem(INVALID_ENCODING, path, "the file is UTF-32; re-save it as UTF-8")
    if data.startswith(UTF16_BOMS):
        return problem(INVALID_ENCODING, path, "the file is UTF-16; re-save it as UTF-8")
    # NUL first: binary data is usually not UTF-8 either, and "binary" says more.
    nul = data.find(b"\x00")
    if nul >= 0:
        return problem(
            INVALID_ENCODING,
            path,
            f"a NUL byte at offset {nul}: binary data, not text",
            _position(data, nul),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        message = f"not UTF-8: byte 0x{data[offset]:02X} at offset {offset}"
        return problem(INVALID_ENCODING, path, message, _position(data, offset))
    return Source(path, text)


def _read_stream(handle: int, limit: int | None) -> bytes | None:
    """Read a file descriptor to its end; None once more than ``limit`` bytes came."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(handle, CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if limit is not None and total > limit:
            return None


def read(path: str, stdin: bytes | None = None, max_size: int | None = None) -> Source | Diagnostic:
    """The text of ``path`` (``-``: the bytes of ``stdin``), or the diagnostic saying why
    it cannot be checked.

    A file above ``max_size`` bytes is reported as file-too-large from its size alone,
    before it is read; a stream (a pipe, a device) is read only until it passes the limit.
    """
    if path == STDIN:
        given = stdin or b""
        if max_size is not None and len(given) > max_size:
            # the caller reads a stream only until it passes the limit
            return _too_large(path, None, max_size)
        return decode(given, path)
    try:
        # O_NONBLOCK: opening a FIFO without a writer must not wait for one.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        reason = "a broken link" if os.path.islink(path) else "no such file or directory"
        return problem(UNREADABLE_FILE, path, reason)
    except IsADirectoryError:
        return problem(UNREADABLE_FILE, path, "is a directory")
    except OSError as exc:
        return problem(UNREADABLE_FILE, path, f"cannot read: {exc.strerror or exc}")
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            return problem(UNREADABLE_FILE, path, "is a directory")
        regular = stat.S_ISREG(info.st_mode)
        if regular and max_size is not None and info.st_size > max_size:
            return _too_large(path, info.st_size, max_size)
        if not regular:
            os.set_blocking(handle, True)  # a pipe named on purpose: wait for its writer
        # A regular file may grow after the stat: stop reading once it passes the limit.
        data = _read_stream(handle, max_size)
    except OSError as exc:
        return problem(UNREADABLE_FILE, path, f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(handle)
    if data is None:
        assert max_size is not None
        return _too_large(path, None, max_size)
    return decode(data, path)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that a reader sees the old or the new file,
    never a half-written one. An existing file keeps its permissions; a new one gets
    those a plain ``open`` would give it."""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:  # including KeyboardInterrupt: never leave the temporary behind
        Path(temporary).unlink(missing_ok=True)
        raise
