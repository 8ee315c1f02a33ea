"""Reading files: encodings, byte order marks, unreadable paths (unreadable-file and
invalid-encoding are reported here, before parsing)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancheck.diagnostics import Diagnostic
from plancheck.document import Span
from plancheck.files import Source, decode, discover, read


def test_utf8_reads_as_text() -> None:
    got = decode("# Título\n".encode(), "a.md")
    assert got == Source("a.md", "# Título\n")


def test_utf8_bom_stays_in_the_text() -> None:
    got = decode(b"\xef\xbb\xbf# T\n", "a.md")
    assert isinstance(got, Source) and got.text == "\ufeff# T\n"


def test_latin1_says_line_column_and_offset() -> None:
    got = decode(b"# T\n\nCaf" + b"\xe9 au lait\n", "a.md")
    assert isinstance(got, Diagnostic)
    assert (got.rule, got.code) == ("invalid-encoding", "PC003")
    assert got.span == Span(3, 4, 3, 5)
    assert got.message == "not UTF-8: byte 0xE9 at offset 8"


def test_utf16_and_binary_are_refused() -> None:
    utf16 = decode("# T\n".encode("utf-16"), "a.md")
    assert isinstance(utf16, Diagnostic) and "UTF-16" in utf16.message
    binary = decode(b"# T\n\x00\x01", "a.md")
    assert isinstance(binary, Diagnostic) and "NUL" in binary.message


def test_missing_and_directory(tmp_path: Path) -> None:
    missing = read(str(tmp_path / "nope.md"))
    assert isinstance(missing, Diagnostic) and missing.rule == "unreadable-file"
    folder = read(str(tmp_path))
    assert isinstance(folder, Diagnostic) and folder.message == "is a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_no_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_text("# T\n")
    path.chmod(0)
    got = read(str(path))
    assert isinstance(got, Diagnostic) and "Permission denied" in got.message


def test_discover_does_not_follow_link_loops(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "plan.md").write_text("# T\n")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert list(discover([str(tmp_path / "d")])) == [str(tmp_path / "d" / "plan.md")]


def test_names_with_spaces_quotes_and_accents(tmp_path: Path) -> None:
    path = tmp_path / "plan 'ñandú' \"x\".md"
    path.write_text("# T\n", encoding="utf-8")
    assert list(discover([str(tmp_path)])) == [str(path)]
    assert isinstance(read(str(path)), Source)
