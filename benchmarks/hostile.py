"""Time `plancheck check` on hostile inputs, each built at full size in a temporary folder.

    python benchmarks/hostile.py              # every input, a Markdown table on stdout
    python benchmarks/hostile.py tags quotes  # only these (names from the first column)
    python benchmarks/hostile.py --runs 1     # one run each instead of the median of 3

Each input is checked by a separate `python -m plancheck check` process (start-up
included, as CI sees it): the median wall time of the runs, the exit status, and the
rules that reported (or CRASH when the process printed a traceback, TIMEOUT when it ran
past the limit). For an input whose size matters, the check also runs on the same input
built at a quarter of the size: `growth` is (t(N) - t0) / (t(N/4) - t0), t0 being the time
of an empty file (start-up), so about 4 means linear time and about 16 quadratic.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "learningplan-design.md").read_text(encoding="utf-8")
HEAD, _, REST = SEED.partition("\n## ")  # the tag block, then the sections
TIMEOUT = 300.0
MB = 1_000_000


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    build: Callable[[Path, int], Path]  # (folder, scale 1 or 4) -> the path to check
    scaled: bool = True  # whether the time should grow with the size
    config: str = ""  # a .plancheck.toml to put next to the input


def _file(name: str, content: Callable[[int], bytes]) -> Callable[[Path, int], Path]:
    """A builder writing ``content(divisor)`` to ``name``; divisor 4 is the quarter size."""

    def build(folder: Path, divisor: int) -> Path:
        path = folder / name
        path.write_bytes(content(divisor))
        return path

    return build


def _text(text: str) -> bytes:
    return text.encode("utf-8")


def _padded(total: int) -> str:
    """The seed plan with answer paragraphs appended up to ``total`` bytes."""
    paragraph = "An answer paragraph of ordinary words, repeated to grow the plan.\n\n"
    return SEED + paragraph * max(0, (total - len(SEED)) // len(paragraph))


def _directory(folder: Path, divisor: int) -> Path:
    path = folder / "plan.md"
    path.mkdir()
    return path


def _missing(folder: Path, divisor: int) -> Path:
    return folder / "missing.md"


def _no_permission(folder: Path, divisor: int) -> Path:
    path = folder / "locked.md"
    path.write_text(SEED, encoding="utf-8")
    path.chmod(0)
    return path


def _link_loop(folder: Path, divisor: int) -> Path:
    plans = folder / "plans"
    plans.mkdir()
    (plans / "plan.md").write_text(SEED, encoding="utf-8")
    (plans / "a.md").symlink_to("b.md")
    (plans / "b.md").symlink_to("a.md")
    (plans / "again").symlink_to(".")  # a folder loop, not followed
    return plans


def _odd_name(folder: Path, divisor: int) -> Path:
    path = folder / "plan 'quoted' \"double\" ñandú 计划.md"
    path.write_text(SEED, encoding="utf-8")
    return path


def _mixed_endings(divisor: int) -> bytes:
    breaks = ["\r\n", "\n", "\r"]  # a CR is never followed by an empty LF line
    lines = SEED.split("\n")
    return _text("".join(line + breaks[i % 3] for i, line in enumerate(lines)))


CASES = [
    Case("empty", "empty file", _file("empty.md", lambda d: b""), False),
    Case("whitespace", "only whitespace", _file("ws.md", lambda d: b" \n\t\n  \n"), False),
    Case(
        "binary",
        "binary data with NUL bytes (1 MB)",
        _file("binary.md", lambda d: bytes(range(256)) * (MB // 256 // d)),
    ),
    Case(
        "invalid-utf8",
        "1 MB of text, then a Latin-1 byte",
        _file("latin1.md", lambda d: _text(_padded(MB // d)) + b"caf\xe9\n"),
    ),
    Case("utf16", "UTF-16 with a BOM", _file("utf16.md", lambda d: SEED.encode("utf-16")), False),
    Case("utf8-bom", "a UTF-8 BOM", _file("bom.md", lambda d: _text("\ufeff" + SEED)), False),
    Case(
        "cr-only",
        "CR-only line endings",
        _file("cr.md", lambda d: _text(SEED.replace("\n", "\r"))),
        False,
    ),
    Case("mixed-endings", "mixed line endings", _file("mixed.md", _mixed_endings), False),
    Case(
        "50mb",
        "a 50 MB document (default limit)",
        _file("big.md", lambda d: _text(_padded(50 * MB // d))),
        False,
    ),
    Case(
        "50mb-raised",
        "a 50 MB document, max-file-size = 64 MiB",
        _file("big.md", lambda d: _text(_padded(50 * MB // d))),
        config="max-file-size = 67108864\n",
    ),
    Case(
        "long-line",
        "a 10 MB single line",
        _file("line.md", lambda d: _text(SEED + "word " * (10 * MB // 5 // d) + "\n")),
    ),
    Case(
        "quotes",
        "100,000 nested blockquotes",
        _file("quotes.md", lambda d: _text(SEED + "> " * (100_000 // d) + "deep\n")),
    ),
    Case(
        "lists",
        "100,000 nested list items",
        _file("lists.md", lambda d: _text(SEED + "- " * (100_000 // d) + "deep\n")),
    ),
    Case(
        "tags",
        "100,000 tags in the tag block",
        _file(
            "tags.md",
            lambda d: _text(
                HEAD
                + "".join(f"\n[[methods:Method {i}]]" for i in range(100_000 // d))
                + "\n## "
                + REST
            ),
        ),
    ),
    Case(
        "html-tags",
        "100,000 HTML tags in an answer",
        _file("html.md", lambda d: _text(SEED + "<span>x</span>\n" * (50_000 // d))),
    ),
    Case(
        "div-group",
        'an unclosed <div class="group"> and a stray </div>',
        _file(
            "group.md",
            lambda d: _text(SEED.replace("\n## ", '\n<div class="group">\n\n## ', 1) + "</div>\n"),
        ),
        False,
    ),
    Case(
        "comment",
        "an unclosed HTML comment",
        _file("comment.md", lambda d: _text(SEED.replace("\n## ", "\n<!-- note\n\n## ", 2))),
        False,
    ),
    Case(
        "suppression",
        "an unclosed suppression comment",
        _file(
            "suppression.md",
            lambda d: _text(SEED.replace("\n## ", "\n<!-- plancheck-disable\n\n## ", 1)),
        ),
        False,
    ),
    Case(
        "tag-value",
        "a tag with a 1 MB value",
        _file("value.md", lambda d: _text(f"{HEAD}\n[[methods:{'x' * (MB // d)}]]\n## {REST}")),
    ),
    Case("directory", "a directory passed as a file", _directory, False),
    Case("missing", "a missing path", _missing, False),
    Case("no-permission", "a file without read permission", _no_permission, False),
    Case("link-loop", "a symlink loop in a scanned folder", _link_loop, False),
    Case("odd-name", "spaces, quotes, non-ASCII in the name", _odd_name, False),
]


@dataclass(frozen=True)
class Run:
    seconds: float
    status: int | None  # None: killed at the time limit
    outcome: str


def _check(path: Path, config: Path | None) -> Run:
    command = [sys.executable, "-m", "plancheck", "check", "--no-cache", "--output-format", "json"]
    if config:
        command += ["--config", str(config)]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*command, str(path)], capture_output=True, timeout=TIMEOUT, cwd=path.parent
        )
    except subprocess.TimeoutExpired:
        return Run(time.perf_counter() - start, None, "TIMEOUT")
    seconds = time.perf_counter() - start
    if b"Traceback" in done.stderr:
        return Run(seconds, done.returncode, "CRASH")
    try:
        found = json.loads(done.stdout or b"[]")
        rules = list(dict.fromkeys(d["rule"] for d in found))
    except (ValueError, KeyError):
        rules = []
    error = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if rules:
        outcome = ", ".join(rules[:3]) + (f" (+{len(rules) - 3})" if len(rules) > 3 else "")
    else:
        outcome = error[0] if error else "no finding"
    return Run(seconds, done.returncode, outcome)


def _measure(case: Case, divisor: int, runs: int) -> tuple[Run, int]:
    """The median run on the input built at 1/``divisor`` size, and that size in bytes."""
    folder = Path(tempfile.mkdtemp(prefix="plancheck-hostile-"))
    try:
        path = case.build(folder, divisor)
        config = None
        if case.config:
            config = folder / ".plancheck.toml"
            config.write_text(case.config, encoding="utf-8")
        size = _size(path)
        results = [_check(path, config) for _ in range(runs)]
        middle = statistics.median(r.seconds for r in results)
        chosen = min(results, key=lambda r: abs(r.seconds - middle))
        return Run(middle, chosen.status, chosen.outcome), size
    finally:
        for p in folder.rglob("*"):
            if not p.is_symlink():
                p.chmod(0o700)
        shutil.rmtree(folder)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _human(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1000:
        return f"{size / 1000:.1f} kB"
    return f"{size} B"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these inputs")
    parser.add_argument("--runs", type=int, default=3, help="runs per input (median)")
    args = parser.parse_args()
    chosen = [c for c in CASES if not args.names or c.name in args.names]
    baseline, _ = _measure(CASES[0], 1, args.runs)
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; start-up t0 = "
        f"{baseline.seconds:.2f} s; median of {args.runs} runs\n"
    )
    print("| input | size | outcome | exit | time | growth (N/4 to N) |")
    print("|---|---|---|---|---|---|")
    for case in chosen:
        run, size = _measure(case, 1, args.runs)
        growth = ""
        if case.scaled and run.status is not None:
            quarter, _ = _measure(case, 4, args.runs)
            extra = run.seconds - baseline.seconds
            extra_quarter = quarter.seconds - baseline.seconds
            if extra_quarter > 0.05:  # below that, noise decides the ratio
                growth = f"{extra / extra_quarter:.1f}"
            else:
                growth = f"({quarter.seconds:.2f} s at N/4)"
        status = "killed" if run.status is None else str(run.status)
        outcome = run.outcome
        if case.name == "no-permission" and hasattr(os, "geteuid") and os.geteuid() == 0:
            outcome += " (run as root, who reads every file)"
        print(
            f"| {case.what} | {_human(size)} | {outcome} | {status} | "
            f"{run.seconds:.2f} s | {growth} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
