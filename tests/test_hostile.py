"""Hostile documents: each has a defined outcome (a diagnostic with a clear message, exit
status 2 for what cannot be read or checked), never a traceback, never a hang.

Inputs whose outcome does not depend on their size are smaller here than in
`benchmarks/hostile.py`, which builds each at full size and times it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plancheck import fix_text
from plancheck.cli import cli
from plancheck.diagnostics import Diagnostic
from plancheck.document import Span
from plancheck.files import Source, decode, discover, read
from plancheck.schema import load_schemas
from plancheck.settings import DEFAULT_MAX_FILE_SIZE
from tests.conftest import SEEDS

SEED = (SEEDS / "learningplan-design.md").read_text(encoding="utf-8")
HEAD, _, REST = SEED.partition("\n## ")
ROOT_USER = os.geteuid() == 0


def check(cwd: Path, *args: str, stdin: bytes | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Run `plancheck check` in ``cwd``; the exit status and the JSON diagnostics. Fails
    the test if plancheck raised (a traceback) instead of reporting."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            cli, ["check", "--no-cache", "--output-format", "json", *args], input=stdin
        )
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout or "[]")


def rules(found: list[dict[str, Any]]) -> set[str]:
    return {d["rule"] for d in found}


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- documents that are not quite text ---------------------------------------------------


@pytest.mark.parametrize("content", [b"", b" \n\t\n  \r\n\xc2\xa0\n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_only(tmp_path: Path, content: bytes) -> None:
    status, found = check(tmp_path, str(write(tmp_path / "plan.md", content)))
    assert status == 1
    assert [(d["rule"], d["line"], d["message"]) for d in found] == [
        ("empty-document", 1, "the document is empty")
    ]


def test_binary_data_names_the_first_nul_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.md", b"# Title\n\nab\x00" + bytes(range(256)) * 64)
    status, found = check(tmp_path, str(path))
    assert status == 2
    assert [(d["rule"], d["line"], d["column"]) for d in found] == [("invalid-encoding", 3, 3)]
    assert found[0]["message"] == "a NUL byte at offset 11: binary data, not text"


def test_invalid_utf8_says_the_byte_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.md", SEED.encode() + b"Caf\xe9\n")
    status, found = check(tmp_path, str(path))
    assert status == 2
    assert found[0]["rule"] == "invalid-encoding"
    assert found[0]["message"] == f"not UTF-8: byte 0xE9 at offset {len(SEED.encode()) + 3}"
    assert (found[0]["line"], found[0]["column"]) == (SEED.count("\n") + 1, 4)


def test_invalid_utf8_position_counts_lines_as_the_parser_does() -> None:
    """CR-only and CRLF line ends count as one line each, as in every other finding."""
    got = decode(b"# T\r\r\nab\rc\xff", "a.md")
    assert isinstance(got, Diagnostic)
    assert got.span == Span(4, 2, 4, 3)
    assert got.message == "not UTF-8: byte 0xFF at offset 10"


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-be", None), ("utf-32", "UTF-32")]
)
def test_utf16_and_utf32(tmp_path: Path, encoding: str, name: str | None) -> None:
    data = ("\ufeff" if encoding == "utf-16-be" else "") + SEED
    status, found = check(tmp_path, str(write(tmp_path / "plan.md", data.encode(encoding))))
    assert status == 2 and rules(found) == {"invalid-encoding"}
    assert f"the file is {name or 'UTF-16'}; re-save it as UTF-8" == found[0]["message"]


def test_utf8_bom_is_a_warning_and_the_fix_removes_only_it(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.md", "\ufeff" + SEED)
    status, found = check(tmp_path, str(path))
    assert (status, rules(found)) == (0, {"bom"})
    assert fix_text("\ufeff" + SEED, load_schemas()).source == SEED


@pytest.mark.parametrize("newline", ["\r", "\r\n", "mixed"], ids=["cr-only", "crlf", "mixed"])
def test_line_endings_are_reported_and_fixed_back_to_the_original(
    tmp_path: Path, newline: str
) -> None:
    lines = SEED.split("\n")
    if newline == "mixed":
        breaks = ["\r\n", "\n", "\r"]  # a CR is never followed by an empty LF line
        text = "".join(line + breaks[i % 3] for i, line in enumerate(lines[:-1]))
    else:
        text = newline.join(lines)
    # --invisible: a page shows none of them, so check counts them instead of listing them
    status, found = check(tmp_path, "--invisible", str(write(tmp_path / "plan.md", text)))
    assert (status, rules(found)) == (0, {"line-endings"})
    assert found[0]["line"] == 1  # lines are counted as in an LF file
    assert fix_text(text, load_schemas()).source == SEED


# --- size -------------------------------------------------------------------------------


def test_the_default_limit_is_ten_mebibytes() -> None:
    assert DEFAULT_MAX_FILE_SIZE == 10_485_760


def test_a_file_above_the_limit_is_reported_without_being_read(tmp_path: Path) -> None:
    """A 50 MB file (sparse: it costs no disk) is refused from its size: reading it
    allocates next to nothing."""
    path = tmp_path / "big.md"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    tracemalloc.start()
    got = read(str(path), max_size=DEFAULT_MAX_FILE_SIZE)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(got, Diagnostic) and got.rule == "file-too-large" and got.code == "PC007"
    assert got.message == (
        "the file is 50,000,000 bytes, above the limit of 10,485,760 bytes, so it was not "
        "checked (raise `max-file-size` in the configuration to check it)"
    )
    assert peak < 1_000_000
    status, found = check(tmp_path, str(path))
    assert (status, [d["rule"] for d in found]) == (2, ["file-too-large"])


def test_the_limit_comes_from_the_configuration(tmp_path: Path) -> None:
    write(tmp_path / ".plancheck.toml", "max-file-size = 1000\n")
    big = write(tmp_path / "big.md", SEED)
    small = write(tmp_path / "small.md", "# T\n")
    status, found = check(tmp_path, str(big), str(small))
    assert status == 2
    assert [(Path(d["path"]).name, d["rule"]) for d in found if d["rule"] == "file-too-large"] == [
        ("big.md", "file-too-large")
    ]
    assert f"{len(SEED.encode()):,} bytes, above the limit of 1,000 bytes" in found[0]["message"]
    assert "small.md" in {Path(d["path"]).name for d in found}  # still checked
    write(tmp_path / ".plancheck.toml", f"max-file-size = {len(SEED.encode())}\n")
    status, found = check(tmp_path, str(big))
    assert (status, found) == (0, [])  # exactly at the limit: checked


def test_fix_leaves_a_file_above_the_limit_alone(tmp_path: Path) -> None:
    write(tmp_path / ".plancheck.toml", "max-file-size = 1000\n")
    path = write(tmp_path / "plan.md", SEED.replace("\n", "\r\n"))
    before = path.read_bytes()
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["fix", "plan.md"])
    finally:
        os.chdir(previous)
    assert result.exit_code == 2 and "file-too-large" in result.stderr
    assert path.read_bytes() == before


def test_standard_input_above_the_limit(tmp_path: Path) -> None:
    write(tmp_path / ".plancheck.toml", "max-file-size = 100\n")
    status, found = check(tmp_path, "-", stdin=SEED.encode())
    assert (status, [d["rule"] for d in found]) == (2, ["file-too-large"])
    assert read("-", b"x" * 101, max_size=100) != read("-", b"x" * 100, max_size=100)
    assert isinstance(read("-", b"# T\n" * 25, max_size=100), Source)


def test_a_stream_is_read_only_until_it_passes_the_limit() -> None:
    got = read("/dev/zero", max_size=1000)
    assert isinstance(got, Diagnostic) and got.rule == "file-too-large"
    assert "larger than the limit of 1,000 bytes" in got.message


def test_a_ten_megabyte_line_is_checked(tmp_path: Path) -> None:
    # 1 MB here; benchmarks/hostile.py times the full 10 MB.
    path = write(tmp_path / "plan.md", SEED + "word " * 200_000 + "\n")
    status, found = check(tmp_path, "--invisible", str(path))
    assert (status, rules(found)) == (0, {"trailing-whitespace"})
    assert found[0]["line"] == SEED.count("\n") + 1


def test_a_tag_with_a_huge_value(tmp_path: Path) -> None:
    value = "x" * 200_000
    path = write(tmp_path / "plan.md", f"{HEAD}\n[[methods:{value}]]\n## {REST}")
    status, found = check(tmp_path, str(path))
    assert status == 0
    assert rules(found) == {"tag-order"}  # an open vocabulary: the value itself is allowed


# --- deep and wide structure ------------------------------------------------------------


@pytest.mark.parametrize("marker", ["> ", "- ", "1. "], ids=["blockquotes", "bullets", "numbers"])
def test_a_hundred_thousand_nested_blocks(tmp_path: Path, marker: str) -> None:
    path = write(tmp_path / "plan.md", SEED + marker * 100_000 + "deep\n")
    status, found = check(tmp_path, str(path))
    assert (status, found) == (0, [])  # past markdown-it's nesting limit it is plain text


def test_many_tags_in_the_tag_block(tmp_path: Path) -> None:
    """Regression: tag-order built a set per line of the block (quadratic in the tags)."""
    extra = "".join(f"\n[[methods:Method {i}]]" for i in range(5000))
    path = write(tmp_path / "plan.md", f"{HEAD}{extra}\n## {REST}")
    status, found = check(tmp_path, str(path))
    assert status == 0
    order = [d for d in found if d["rule"] == "tag-order"]
    assert len(order) == 1 and order[0]["fix"] is not None  # the block is only tags


def test_many_html_tags(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.md", SEED + "<span>x</span><br>\n" * 5000)
    status, found = check(tmp_path, str(path))
    assert status == 0
    assert rules(found) == {"html-residue"}


def test_unclosed_group_and_stray_closing_div(tmp_path: Path) -> None:
    text = SEED.replace("\n## ", '\n<div class="group">\n\n## ', 1) + "</div>\n"
    status, found = check(tmp_path, str(write(tmp_path / "plan.md", text)))
    assert status == 0
    assert {d["rule"] for d in found} == {"html-residue"}


def test_unclosed_html_comment_hides_the_rest(tmp_path: Path) -> None:
    """An unclosed comment runs to the end of the file (CommonMark), so what follows it
    is reported missing, not checked."""
    text = SEED.replace("\n## Partners", "\n<!-- a note\n\n## Partners", 1)
    status, found = check(tmp_path, str(write(tmp_path / "plan.md", text)))
    assert status == 1
    missing = sorted(d["message"] for d in found if d["rule"] == "missing-section")
    assert [m.split(" is missing")[0] for m in missing] == [
        "required section '## Closing'",
        "required section '## Learning questions'",
        "required section '## Partners'",
    ]


def test_unclosed_suppression_comment_suppresses_nothing(tmp_path: Path) -> None:
    broken = SEED.replace("## Partners", "## partners", 1)
    text = broken.replace("\n## Title", "\n<!-- plancheck-disable heading-drift\n\n## Title", 1)
    status, found = check(tmp_path, str(write(tmp_path / "plan.md", text)))
    assert status == 1  # the comment swallowed the sections
    assert "unused-suppression" not in rules(found)


# --- paths ------------------------------------------------------------------------------


def test_a_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "plan.md"
    folder.mkdir()
    write(folder / "inner.md", SEED)
    status, found = check(tmp_path, str(folder))
    assert (status, found) == (0, [])
    got = read(str(folder))
    assert isinstance(got, Diagnostic) and got.message == "is a directory"


def test_a_missing_path(tmp_path: Path) -> None:
    status, found = check(tmp_path, "nope.md", str(write(tmp_path / "ok.md", SEED)))
    assert status == 2
    assert [(d["path"], d["rule"], d["message"]) for d in found] == [
        ("nope.md", "unreadable-file", "no such file or directory")
    ]


@pytest.mark.skipif(ROOT_USER, reason="root reads every file")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.md", SEED)
    path.chmod(0)
    status, found = check(tmp_path, str(path))
    assert status == 2
    assert [(d["rule"], d["message"]) for d in found] == [
        ("unreadable-file", "cannot read: Permission denied")
    ]


def test_permission_denied_as_the_reader_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same outcome where the test runs as root (who may read anything): the
    operating system's refusal, simulated, becomes the diagnostic."""
    path = write(tmp_path / "locked.md", SEED)

    def refuse(name: str, flags: int, mode: int = 0o777) -> int:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(os, "open", refuse)
    got = read(str(path))
    assert isinstance(got, Diagnostic)
    assert (got.rule, got.message) == ("unreadable-file", "cannot read: Permission denied")


def test_a_link_loop_in_a_scanned_folder(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    write(plans / "plan.md", SEED)
    (plans / "a.md").symlink_to("b.md")
    (plans / "b.md").symlink_to("a.md")
    (plans / "gone.md").symlink_to("nowhere.md")
    (plans / "again").symlink_to(".")  # a folder loop: not followed
    status, found = check(tmp_path, "plans")
    assert status == 2
    assert sorted((Path(d["path"]).name, d["message"]) for d in found) == [
        ("a.md", "cannot read: Too many levels of symbolic links"),
        ("b.md", "cannot read: Too many levels of symbolic links"),
        ("gone.md", "a broken link"),
    ]


def test_odd_file_names(tmp_path: Path) -> None:
    name = "plan 'quoted' \"double\" ñandú 计划 $HOME;.md"
    write(tmp_path / name, SEED.replace("## Partners", "## partners", 1))
    status, found = check(tmp_path, ".")
    assert status == 0
    assert [(Path(d["path"]).name, d["rule"]) for d in found] == [(name, "heading-drift")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_never_blocks(tmp_path: Path) -> None:
    """A FIFO met while walking a folder is skipped; one named on purpose without a writer
    reads as empty. Run in a child process so that a regression fails instead of hanging."""
    os.mkfifo(tmp_path / "pipe.md")
    write(tmp_path / "plan.md", SEED)
    assert list(discover([str(tmp_path)])) == [str(tmp_path / "plan.md")]
    code = (
        "from plancheck.files import read; "
        f"got = read({str(tmp_path / 'pipe.md')!r}); print(type(got).__name__, repr(got.text))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "Source ''"


def test_fix_never_writes_a_file_it_could_not_read(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.md", SEED.encode() + b"\xe9\r\n")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["fix", str(path)])
    assert result.exit_code == 2 and "invalid-encoding" in result.stderr
    assert path.read_bytes() == before
