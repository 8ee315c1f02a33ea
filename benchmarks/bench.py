"""Benchmark `plancheck check` against markdown-it-py's own parse and two other linters.

    python benchmarks/bench.py [--corpus ../shared/corpus] [--repeat N] [--quick]

(`--help` for the other options; benchmarks/README.md says what each row measures.)

Prints one Markdown table, from one run of this script, of medians over several runs:

1. `plancheck check` over the whole corpus with every rule: one process, `--jobs N`, and
   the warm run (the cache filled by a first run);
2. the floor: markdown-it-py parsing the same files in one process, texts already in
   memory, at block level (plancheck's own parser configuration) and in full;
3. markdownlint-cli2 and pymarkdownlnt over the same files, when installed;
4. one-file latency: `plancheck check` on one seed file as a whole process, against
   `python -c pass`;
5. peak memory (GNU ``time -v``, "Maximum resident set size") of the runs of row 1;
6. scaling: 1x, 4x and 16x copies of the learning plans, one process.

Every cold plancheck run passes `--no-cache`, and `--isolated` so that no configuration
file found above the corpus can turn rules off. Progress goes to standard error, the table
to standard output. See benchmarks/README.md for installing the two peers.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from markdown_it import MarkdownIt

from plancheck import parser as plancheck_parser
from plancheck.files import Source, discover, read

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
ONE_FILE = REPO / "seeds" / "learningplan-design.md"
MDSCHEMA_SCHEMA = REPO / "benchmarks" / "closing-report.mdschema.yml"
# mdschema refuses a pattern that matches more than this many files
MDSCHEMA_LIMIT = 1000
# The learning plans in two globs, by their first character, each under that limit.
PLAN_GLOBS = ("[0-9a-f]*.md", "[!0-9a-f]*.md")
FORMATS = (
    "full",
    "concise",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "sarif",
    "junit",
    "markdown",
)
# Row groups for --rows (row 5 comes with group 1: the same runs); NEEDS says which other
# groups a group's ratios are taken against.
GROUPS = {
    "1": "plancheck over the corpus: --jobs 1 and N, cold and warm, with peak memory (5a, 5b)",
    "2": "the floor: markdown-it-py alone",
    "3": "markdownlint-cli2 and pymarkdownlnt over the corpus",
    "4": "one file: plancheck cold and cached, python -c pass, markdownlint-cli2",
    "6": "scaling: 1x, 4x, 16x the learning plans",
    "7": "the learning plans: plancheck, markdownlint-cli2, mdschema",
    "8": "peak memory over the corpus in every output format, --jobs 1",
}
NEEDS = {"1": {"2"}, "3": {"1", "2"}}
GNU_TIME = "/usr/bin/time"
QUICK_FILES = 300  # --quick: about this many files of the corpus
QUICK_PLANS = 50  # --quick: learning plans copied for the scaling rows
OUTPUT_KEPT = 16 * 1024 * 1024  # of a run's standard output; pymarkdown's file list fits
LATENCY_RUNS = 10  # one-file runs are cheap; their spread is wide, so take more
SCALES = (1, 4, 16)
PEERS_HELP = (
    "npm install markdownlint-cli2 @jackchuka/mdschema-linux-x64 (or npm install --prefix DIR "
    "... and --markdownlint-cli2 DIR/node_modules/.bin/markdownlint-cli2, --mdschema "
    "DIR/node_modules/.bin/mdschema); pip install pymarkdownlnt"
)


class BenchError(Exception):
    """A measurement that cannot be made; the message says why."""


# --- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One whole-process run: wall time, peak memory (when asked for) and its output."""

    seconds: float
    max_rss_kib: int | None
    stdout: str
    status: int


@dataclass(frozen=True)
class Stat:
    """Several measurements of one figure."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def runs(self) -> int:
        return len(self.values)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run_process(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    memory: bool = False,
    ok: Sequence[int] = (0, 1),
) -> Run:
    """Run ``command`` to its end; an exit status in ``ok`` is success (1: findings).

    Output goes to temporary files, not pipes, so a linter printing megabytes of findings
    never waits on this process. With ``memory``, the command runs under GNU ``time -v``
    when there is one.
    """
    memory = memory and os.access(GNU_TIME, os.X_OK)
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".time") as report,
    ):
        full = [GNU_TIME, "-v", "-o", report.name, *command] if memory else list(command)
        start = time.perf_counter()
        try:
            # A session of its own: if this script is stopped, the whole group goes with it
            # (GNU time's child too, which killing time alone would leave running).
            child = subprocess.Popen(
                full,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        except OSError as exc:
            raise BenchError(f"cannot run {command[0]}: {exc.strerror}") from exc
        try:
            status = child.wait()
        except BaseException:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise
        seconds = time.perf_counter() - start
        out.seek(0)
        stdout = out.read(OUTPUT_KEPT).decode("utf-8", "replace")
        if status not in ok:
            err.seek(max(0, err.seek(0, os.SEEK_END) - 4096))
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise BenchError(f"{' '.join(command)} exited {status}: {' / '.join(tail)}")
        rss = None
        if memory:
            found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
            rss = int(found[1]) if found else None
        return Run(seconds, rss, stdout, status)


def repeat_process(
    label: str,
    command: Sequence[str],
    runs: int,
    *,
    cwd: Path | None = None,
    memory: bool = False,
    ok: Sequence[int] = (0, 1),
) -> list[Run]:
    results = []
    for n in range(runs):
        result = run_process(command, cwd=cwd, memory=memory, ok=ok)
        progress(f"{label}: run {n + 1}/{runs}: {format_seconds(result.seconds)}")
        results.append(result)
    return results


def times(runs: Sequence[Run]) -> Stat:
    return Stat(tuple(r.seconds for r in runs))


# --- the table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str
    what: str
    stat: Stat | None = None
    unit: str = "s"  # "s" or "MB"
    ratio: str = "—"
    target: str = "—"
    met: bool | None = None
    skipped: str = ""  # why there is no figure


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def format_value(value: float, unit: str) -> str:
    return f"{value:.0f} MB" if unit == "MB" else format_seconds(value)


def format_range(low: float, high: float, unit: str) -> str:
    """``low..high`` in one unit: MB, milliseconds below a second, seconds otherwise."""
    if unit == "MB":
        return f"{low:.0f}..{high:.0f} MB"
    if high < 1:
        return f"{low * 1000:.0f}..{high * 1000:.0f} ms"
    return f"{low:.2f}..{high:.2f} s"


def print_table(rows: Sequence[Row]) -> None:
    header = ("#", "measurement", "runs", "median", "range", "ratio", "target", "met")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        if row.stat is None:
            cells = [row.key, row.what, "0", "—", "—", f"skipped: {row.skipped}", row.target, "—"]
        else:
            spread = format_range(min(row.stat.values), max(row.stat.values), row.unit)
            met = "—" if row.met is None else ("yes" if row.met else "**no**")
            cells = [
                row.key,
                row.what,
                str(row.stat.runs),
                format_value(row.stat.median, row.unit),
                spread if row.stat.runs > 1 else "—",
                row.ratio,
                row.target,
                met,
            ]
        print("| " + " | ".join(cells) + " |")


# --- plancheck ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plancheck:
    """How to start plancheck, and which of the newer `check` options it has."""

    command: tuple[str, ...]
    options: frozenset[str]

    @classmethod
    def find(cls) -> Plancheck:
        script = Path(sys.executable).with_name("plancheck")
        command = (str(script),) if script.exists() else (sys.executable, "-m", "plancheck")
        help_text = run_process([*command, "check", "--help"]).stdout
        wanted = ("--jobs", "--no-cache", "--cache-dir")
        return cls(command, frozenset(o for o in wanted if o in help_text))

    def check(self, *paths: str, jobs: int | None = 1, cache_dir: Path | None = None) -> list[str]:
        """A `check` command line; cold (`--no-cache`) unless ``cache_dir`` is given."""
        line = [*self.command, "check", *paths]
        line += ["--quiet", "--exit-zero", "--output-format", "concise", "--isolated"]
        if jobs is not None and "--jobs" in self.options:
            line += ["--jobs", str(jobs)]
        if cache_dir is not None:
            line += ["--cache-dir", str(cache_dir)]
        elif "--no-cache" in self.options:
            line.append("--no-cache")
        return line


@dataclass
class Context:
    """What every row needs: the options, the corpus and its files, plancheck."""

    corpus: Path
    files: list[str]
    megabytes: float
    repeat: int
    peer_repeat: int
    jobs: int
    plancheck: Plancheck
    scratch: Path
    quick: bool
    markdownlint: str | None
    pymarkdown: str | None
    mdschema: str | None
    notes: list[str]
    peers: bool  # False with --no-peers
    rows: frozenset[str]  # the row groups to measure (see GROUPS)


# --- rows --------------------------------------------------------------------------------


def block_parser() -> MarkdownIt:
    """plancheck's own markdown-it-py configuration (block level, its rules disabled),
    taken from plancheck.parser rather than restated here, so the floor follows it."""
    configured = getattr(plancheck_parser, "_markdown", None)
    if configured is None:
        raise BenchError("plancheck.parser has no _markdown(): update floor_rows() in bench.py")
    parser = configured()
    if not isinstance(parser, MarkdownIt):
        raise BenchError("plancheck.parser._markdown() is not a MarkdownIt: update bench.py")
    return parser


def floor_rows(ctx: Context) -> tuple[list[Row], Stat]:
    """Row 2: markdown-it-py alone, in this process, over texts already read and decoded."""
    texts = [s.text for s in map(read, ctx.files) if isinstance(s, Source)]
    block = block_parser()
    full = MarkdownIt("commonmark")
    measured = {}
    for name, parse in (("block", block.parse), ("full", full.parse)):
        values = []
        for n in range(ctx.repeat):
            start = time.perf_counter()
            for text in texts:
                parse(text)
            values.append(time.perf_counter() - start)
            progress(f"floor ({name}): run {n + 1}/{ctx.repeat}: {format_seconds(values[-1])}")
        measured[name] = Stat(tuple(values))
    ratio = measured["full"].median / measured["block"].median
    rows = [
        Row(
            "2a",
            "floor: markdown-it-py block level, plancheck's configuration",
            measured["block"],
            ratio="1.00x",
        ),
        Row(
            "2b",
            'floor: markdown-it-py full, `MarkdownIt("commonmark").parse`',
            measured["full"],
            ratio=f"{ratio:.2f}x floor (block)",
        ),
    ]
    return rows, measured["block"]


def check_rows(ctx: Context, floor: Stat) -> tuple[list[Row], Stat, Stat | None]:
    """Rows 1 and 5: the whole corpus, one process and `--jobs N`, cold and warm."""
    corpus = str(ctx.corpus)
    one = repeat_process("plancheck --jobs 1", ctx.plancheck.check(corpus), ctx.repeat, memory=True)
    single = times(one)
    rows = [
        Row(
            "1a",
            "`plancheck check CORPUS --jobs 1 --no-cache`",
            single,
            ratio=f"{single.median / floor.median:.2f}x floor (block)",
            target="≤ 1.5x floor (block)",
            met=single.median <= 1.5 * floor.median,
        )
    ]
    memory = [memory_row("5a", "`--jobs 1`", one, target=True)]
    parallel = None
    if "--jobs" not in ctx.plancheck.options:
        rows.append(Row("1b", "`--jobs N`", skipped="`plancheck check` has no --jobs"))
    else:
        jobs = ctx.jobs
        many = repeat_process(
            f"plancheck --jobs {jobs}",
            ctx.plancheck.check(corpus, jobs=jobs),
            ctx.repeat,
            memory=True,
        )
        parallel = times(many)
        speedup = single.median / parallel.median
        rows.append(
            Row(
                "1b",
                f"`plancheck check CORPUS --jobs {jobs} --no-cache`",
                parallel,
                ratio=f"speed-up {speedup:.2f}x on {jobs} processes",
                target=f"near-linear: ≥ {0.8 * jobs:.1f}x (0.8 x N)",
                met=speedup >= 0.8 * jobs if jobs > 1 else None,
            )
        )
        memory.append(memory_row("5b", f"`--jobs {jobs}`", many, target=False))
    rows += warm_rows(ctx, parallel or single)
    return rows + memory, single, parallel


def warm_rows(ctx: Context, cold: Stat) -> list[Row]:
    """Row 1c/1d: a first run fills a fresh cache folder, then the warm runs are timed."""
    if "--cache-dir" not in ctx.plancheck.options:
        return [Row("1c", "warm run", skipped="`plancheck check` has no --cache-dir")]
    jobs = ctx.jobs if "--jobs" in ctx.plancheck.options else 1
    cache = ctx.scratch / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    command = ctx.plancheck.check(str(ctx.corpus), jobs=jobs, cache_dir=cache)
    fill = repeat_process(f"plancheck --jobs {jobs}, filling the cache", command, 1)
    warm = times(repeat_process(f"plancheck --jobs {jobs}, warm", command, ctx.repeat))
    return [
        Row(
            "1c",
            f"`--jobs {jobs} --cache-dir EMPTY`: the run that fills the cache",
            times(fill),
            ratio=f"{fill[0].seconds / cold.median:.2f}x cold `--jobs {jobs}`",
        ),
        Row(
            "1d",
            f"`--jobs {jobs} --cache-dir FILLED`: the warm run",
            warm,
            ratio=f"{warm.median / cold.median:.2f}x cold `--jobs {jobs}`",
        ),
    ]


def memory_row(key: str, jobs: str, runs: Sequence[Run], *, target: bool) -> Row:
    """Row 5: GNU time's "Maximum resident set size" of the runs of row 1."""
    what = f"peak memory (max RSS) of the runs of row 1, {jobs}"
    rss = [r.max_rss_kib for r in runs if r.max_rss_kib is not None]
    if not rss:
        return Row(key, what, unit="MB", skipped=f"no GNU time at {GNU_TIME}")
    stat = Stat(tuple(kib * 1024 / 1e6 for kib in rss))
    return Row(
        key,
        what,
        stat,
        unit="MB",
        target="≤ 150 MB" if target else "—",
        met=stat.median <= 150 if target else None,
    )


def markdownlint_row(ctx: Context, single: Stat, parallel: Stat | None) -> Row:
    """Row 3a: markdownlint-cli2, default configuration, the corpus folder's glob."""
    what = "markdownlint-cli2 `**/*.md`, run in CORPUS"
    if ctx.markdownlint is None:
        why = "not found (npm install markdownlint-cli2)" if ctx.peers else "--no-peers"
        return Row("3a", what, skipped=why)
    try:
        runs = repeat_process(
            "markdownlint-cli2", [ctx.markdownlint, "**/*.md"], ctx.peer_repeat, cwd=ctx.corpus
        )
    except BenchError as exc:
        return Row("3a", what, skipped=str(exc))
    banner = runs[0].stdout.splitlines()
    linted = re.search(r"Linting: (\d+) file", runs[0].stdout)
    covered = int(linted[1]) if linted else None
    ctx.notes.append(
        f"{ctx.markdownlint} ({banner[0] if banner else '?'}) linted {covered} files"
        + ("." if covered == len(ctx.files) else f", **not the {len(ctx.files)} of row 1**.")
    )
    if covered != len(ctx.files):
        what += f" (**{covered} files**)"
    return peer_row("3a", what, times(runs), single, parallel, 10)


def pymarkdown_row(ctx: Context, single: Stat, parallel: Stat | None) -> Row:
    """Row 3b: pymarkdownlnt `scan -r` over the corpus folder, default configuration."""
    what = "pymarkdownlnt `--continue-on-error scan -r CORPUS`"
    if ctx.pymarkdown is None:
        why = "not found (pip install pymarkdownlnt)" if ctx.peers else "--no-peers"
        return Row("3b", what, skipped=why)
    try:
        listed = run_process([ctx.pymarkdown, "scan", "--list-files", "-r", str(ctx.corpus)])
        version = run_process([ctx.pymarkdown, "version"]).stdout.strip()
        # Exit statuses that say what happened (0 clean, 4 findings, 5 a file it could not
        # scan); --continue-on-error so that such a file does not end the run early.
        command = [ctx.pymarkdown, "--return-code-scheme", "explicit", "--continue-on-error"]
        runs = repeat_process(
            "pymarkdownlnt",
            [*command, "scan", "-r", str(ctx.corpus)],
            ctx.peer_repeat,
            ok=(0, 4, 5),
        )
    except BenchError as exc:
        return Row("3b", what, skipped=str(exc))
    found = {os.path.realpath(line) for line in listed.stdout.splitlines() if line.strip()}
    same = found == {os.path.realpath(f) for f in ctx.files}
    ctx.notes.append(
        f"{ctx.pymarkdown} (pymarkdownlnt {version}) `scan --list-files` lists {len(found)} "
        + ("files, the same as row 1's." if same else "files, **not the same as row 1's**.")
    )
    if not same:
        what += f" (**{len(found)} files, not the same**)"
    if any(r.status == 5 for r in runs):
        ctx.notes.append("pymarkdownlnt failed on some files (exit 5) and went on past them.")
    return peer_row("3b", what, times(runs), single, parallel, 100)


def peer_row(
    key: str, what: str, stat: Stat, single: Stat, parallel: Stat | None, factor: int
) -> Row:
    """How many times faster plancheck is; judged on one process, `--jobs N` shown too."""
    ratio = f"plancheck 1a {stat.median / single.median:.1f}x faster"
    if parallel is not None:
        ratio += f", 1b {stat.median / parallel.median:.1f}x"
    return Row(
        key,
        what,
        stat,
        ratio=ratio,
        target=f"1a ≥ {factor}x faster",
        met=stat.median >= factor * single.median,
    )


def latency_rows(ctx: Context) -> list[Row]:
    """Row 4: one file, the whole process, against the interpreter's own start-up."""
    runs = max(LATENCY_RUNS, ctx.repeat)
    # Default --jobs: what a user or an editor gets for one file.
    command = ctx.plancheck.check(str(ONE_FILE), jobs=None)
    one = times(repeat_process("one file", command, runs))
    bare = times(repeat_process("python -c pass", [sys.executable, "-c", "pass"], runs))
    # The same file again with its result cached, as when a hook runs on a file that has
    # not changed since the last run.
    cache_dir = ctx.scratch / "one-file-cache"
    warm_command = ctx.plancheck.check(str(ONE_FILE), jobs=None, cache_dir=cache_dir)
    subprocess.run(warm_command, capture_output=True, check=False)
    warm = times(repeat_process("one file, cached", warm_command, runs))
    name = ONE_FILE.relative_to(REPO)
    return [
        Row(
            "4a",
            f"`plancheck check {name} --no-cache` (default --jobs)",
            one,
            ratio=f"{one.median / bare.median:.1f}x `python -c pass`",
            target="≤ 150 ms",
            met=one.median <= 0.150,
        ),
        Row(
            "4b",
            f"`plancheck check {name}` with its result in the cache",
            warm,
            ratio=f"{warm.median / bare.median:.1f}x `python -c pass`",
            target="≤ 150 ms",
            met=warm.median <= 0.150,
        ),
        Row("4c", "`python -c pass`, the same interpreter", bare),
        one_file_peer_row(ctx, one),
    ]


def scaling_rows(ctx: Context) -> list[Row]:
    """Row 6: 1x, 4x and 16x copies of the learning plans, `--jobs 1 --no-cache`."""
    source = ctx.corpus / "learningplan"
    plans = [Path(f) for f in discover([str(source)])][: QUICK_PLANS if ctx.quick else None]
    if not plans:
        return [Row("6", "scaling", skipped=f"no learning plans in {source}")]
    rows = []
    base = None
    fit = []
    for scale in SCALES:
        folder = ctx.scratch / f"scale-{scale}x"
        for copy in range(scale):
            place_files(plans, folder / f"copy-{copy}", source)
        stat = times(
            repeat_process(f"scaling {scale}x", ctx.plancheck.check(str(folder)), ctx.repeat)
        )
        base = base or stat
        ratio = stat.median / base.median
        fit.append((scale * len(plans), stat.median))
        rows.append(
            Row(
                f"6{'abc'[SCALES.index(scale)]}",
                f"scaling: {scale}x the learning plans, {scale * len(plans):,} files, "
                "`--jobs 1 --no-cache`",
                stat,
                ratio=f"{ratio:.2f}x the 1x time",
                target="≤ 17x" if scale == 16 else "—",
                met=ratio <= 17 if scale == 16 else None,
            )
        )
    (small, t_small), (large, t_large) = fit[0], fit[-1]
    per_file = (t_large - t_small) / (large - small)
    ctx.notes.append(
        f"Row 6 as a line through 6a and 6c: {per_file * 1000:.2f} ms a file "
        f"+ {t_small - per_file * small:.2f} s fixed (start-up and the like)."
    )
    return rows


def one_file_peer_row(ctx: Context, one: Stat) -> Row:
    """Row 4d: markdownlint-cli2 on the one file of row 4a, default configuration."""
    what = f"markdownlint-cli2 `{ONE_FILE.name}`, run in its folder"
    if ctx.markdownlint is None:
        why = "not found (npm install markdownlint-cli2)" if ctx.peers else "--no-peers"
        return Row("4d", what, skipped=why)
    try:
        runs = repeat_process(
            "markdownlint-cli2, one file",
            [ctx.markdownlint, ONE_FILE.name],
            max(LATENCY_RUNS, ctx.repeat),
            cwd=ONE_FILE.parent,
        )
    except BenchError as exc:
        return Row("4d", what, skipped=str(exc))
    stat = times(runs)
    return Row(
        "4d",
        what,
        stat,
        ratio=f"plancheck 4a {stat.median / one.median:.1f}x faster",
        target="4a ≥ 4x faster",
        met=stat.median >= 4 * one.median,
    )


def plan_folder(ctx: Context) -> Path:
    """The learning plans: the corpus's folder, or with --quick a sample of them."""
    source = ctx.corpus / "learningplan"
    if not ctx.quick:
        return source
    folder = ctx.scratch / "quick-plans"
    if not folder.is_dir():
        plans = [Path(f) for f in discover([str(source)])][:QUICK_PLANS]
        place_files(plans, folder, source)
    return folder


def plan_rows(ctx: Context) -> list[Row]:
    """Rows 7a-c: the learning plans, plancheck (default --jobs) against markdownlint-cli2
    and mdschema checking the closing report's four headings."""
    folder = plan_folder(ctx)
    plans = list(discover([str(folder)]))
    if not plans:
        return [Row("7a", "the learning plans", skipped=f"no learning plans in {folder}")]
    label = f"the {len(plans):,} learning plans"
    command = ctx.plancheck.check(str(folder), jobs=None)
    ours = times(repeat_process("plancheck, learning plans", command, ctx.repeat))
    rows = [Row("7a", f"`plancheck check PLANS --no-cache` (default --jobs), {label}", ours)]
    mdschema = mdschema_row(ctx, folder, plans, ours)
    rows[0] = replace(
        rows[0],
        ratio=f"{ours.median / mdschema.stat.median:.2f}x mdschema" if mdschema.stat else "—",
        target="≤ 2x mdschema (7c)",
        met=ours.median <= 2 * mdschema.stat.median if mdschema.stat else None,
    )
    what = f"markdownlint-cli2 `**/*.md`, run in PLANS ({label})"
    if ctx.markdownlint is None:
        why = "not found (npm install markdownlint-cli2)" if ctx.peers else "--no-peers"
        rows.append(Row("7b", what, skipped=why))
    else:
        try:
            runs = repeat_process(
                "markdownlint-cli2, learning plans",
                [ctx.markdownlint, "**/*.md"],
                ctx.peer_repeat,
                cwd=folder,
            )
            stat = times(runs)
            rows.append(
                Row(
                    "7b",
                    what,
                    stat,
                    ratio=f"plancheck 7a {stat.median / ours.median:.1f}x faster",
                    target="7a ≥ 10x faster",
                    met=stat.median >= 10 * ours.median,
                )
            )
        except BenchError as exc:
            rows.append(Row("7b", what, skipped=str(exc)))
    return [*rows, mdschema]


def mdschema_row(ctx: Context, folder: Path, plans: Sequence[str], ours: Stat) -> Row:
    """Row 7c: mdschema checking the closing report's four headings, the plans given as
    two globs (it refuses a pattern matching more than 1,000 files)."""
    what = "mdschema `check` of the closing report's 4 headings, PLANS in two globs"
    if ctx.mdschema is None:
        why = "not found (npm install @jackchuka/mdschema-linux-x64)" if ctx.peers else "--no-peers"
        return Row("7c", what, skipped=why)
    matched = [sorted(str(p) for p in folder.glob(g)) for g in PLAN_GLOBS]
    if any(len(m) > MDSCHEMA_LIMIT for m in matched):
        return Row("7c", what, skipped=f"a glob matches more than {MDSCHEMA_LIMIT} files")
    covered = sorted(os.path.realpath(p) for m in matched for p in m)
    same = covered == sorted(os.path.realpath(p) for p in plans)
    command = [ctx.mdschema, "check", "--schema", str(MDSCHEMA_SCHEMA), *PLAN_GLOBS]
    try:
        version = run_process([ctx.mdschema, "version"]).stdout.strip()
        runs = repeat_process("mdschema", command, ctx.repeat, cwd=folder)
    except BenchError as exc:
        return Row("7c", what, skipped=str(exc))
    ctx.notes.append(
        f"{ctx.mdschema} ({version}): globs {' and '.join(f'`{g}`' for g in PLAN_GLOBS)} "
        f"match {len(covered)} files"
        + (", the same as row 7a's." if same else f", **not the {len(plans)} of row 7a**.")
    )
    stat = times(runs)
    return Row("7c", what, stat, ratio=f"{stat.median / ours.median:.2f}x plancheck 7a")


def format_rows(ctx: Context) -> list[Row]:
    """Rows 8: peak memory of `check CORPUS --jobs 1 --no-cache` in every output format
    (one process: the figure is the whole run's)."""
    if not os.access(GNU_TIME, os.X_OK):
        return [Row("8", "peak memory by format", unit="MB", skipped=f"no GNU time at {GNU_TIME}")]
    rows = []
    for n, name in enumerate(FORMATS):
        command = ctx.plancheck.check(str(ctx.corpus))
        command[command.index("concise")] = name
        runs = repeat_process(f"memory, --output-format {name}", command, 1, memory=True)
        rss = [r.max_rss_kib for r in runs if r.max_rss_kib is not None]
        key = f"8{'abcdefghi'[n]}"
        what = f"peak memory, `--jobs 1 --output-format {name}`"
        if not rss:
            rows.append(Row(key, what, unit="MB", skipped="no figure from GNU time"))
            continue
        stat = Stat(tuple(kib * 1024 / 1e6 for kib in rss))
        rows.append(Row(key, what, stat, unit="MB", target="≤ 150 MB", met=stat.median <= 150))
    return rows


# --- set-up ------------------------------------------------------------------------------


def place_files(files: Sequence[Path], folder: Path, root: Path) -> None:
    """Hard-link (or, across file systems, copy) ``files`` below ``folder``, keeping their
    paths relative to ``root``. Not symbolic links: a folder walk may skip them, or a tool
    report them under the original's path."""
    for source in files:
        target = folder / source.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


def quick_sample(files: Sequence[str], corpus: Path, scratch: Path) -> Path:
    """A spread of about QUICK_FILES corpus files (hidden ones always) in a folder of its
    own, so that the peers can be pointed at exactly the same files."""
    step = max(1, len(files) // QUICK_FILES)
    chosen = {f for i, f in enumerate(files) if i % step == 0 or Path(f).name.startswith(".")}
    folder = scratch / "quick-corpus"
    place_files([Path(f) for f in sorted(chosen)], folder, corpus)
    return folder


def find_markdownlint(option: str | None) -> str | None:
    """--markdownlint-cli2, $MARKDOWNLINT_CLI2, PATH, then ./node_modules/.bin."""
    for candidate in (
        option,
        os.environ.get("MARKDOWNLINT_CLI2"),
        shutil.which("markdownlint-cli2"),
        str(Path.cwd() / "node_modules" / ".bin" / "markdownlint-cli2"),
        str(REPO / "node_modules" / ".bin" / "markdownlint-cli2"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def find_mdschema(option: str | None) -> str | None:
    """--mdschema, $MDSCHEMA, PATH, then node_modules/.bin here or at the repository."""
    for candidate in (
        option,
        os.environ.get("MDSCHEMA"),
        shutil.which("mdschema"),
        str(Path.cwd() / "node_modules" / ".bin" / "mdschema"),
        str(REPO / "node_modules" / ".bin" / "mdschema"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def find_pymarkdown(option: str | None) -> str | None:
    """--pymarkdown, $PYMARKDOWN, beside this interpreter, then PATH."""
    beside = Path(sys.executable).with_name("pymarkdown")
    for candidate in (
        option,
        os.environ.get("PYMARKDOWN"),
        str(beside),
        shutil.which("pymarkdown"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def machine() -> Iterator[str]:
    """Lines describing the machine, the versions and the load."""
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    usable = len(os.sched_getaffinity(0))
    yield f"Machine: {os.cpu_count()} CPUs ({usable} usable), {cpu}, {memory} memory,"
    yield f"{platform.system()} {platform.release()}, Python {platform.python_version()}."
    yield (
        f"Versions: plancheck {metadata.version('plancheck')}, "
        f"markdown-it-py {metadata.version('markdown-it-py')}."
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark plancheck check (see benchmarks/README.md).",
        epilog=f"Peers: {PEERS_HELP}.",
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder")
    parser.add_argument("--repeat", type=int, help="runs per figure (default 5; --quick: 1)")
    parser.add_argument(
        "--peer-repeat", type=int, default=1, help="runs of each peer (default 1: they are slow)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="N of --jobs N (default: CPUs)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"about {QUICK_FILES} corpus files and {QUICK_PLANS} learning plans, to try it",
    )
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="skip the peers (markdownlint-cli2, pymarkdownlnt, mdschema)",
    )
    parser.add_argument("--markdownlint-cli2", metavar="PATH", help="the markdownlint-cli2 to run")
    parser.add_argument("--pymarkdown", metavar="PATH", help="the pymarkdown to run")
    parser.add_argument("--mdschema", metavar="PATH", help="the mdschema to run")
    parser.add_argument(
        "--rows",
        metavar="GROUPS",
        help="only these row groups, by their number, comma-separated (default: all): "
        + "; ".join(f"{k}: {v}" for k, v in GROUPS.items()),
    )
    args = parser.parse_args(argv)
    chosen = {g.strip() for g in (args.rows or ",".join(GROUPS)).split(",") if g.strip()}
    unknown = chosen - set(GROUPS)
    if unknown:
        parser.error(
            f"--rows: no row group {', '.join(sorted(unknown))} (have {', '.join(GROUPS)})"
        )
    for group in list(chosen):
        chosen |= NEEDS.get(group, set())
    args.groups = frozenset(chosen)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 5
    if args.repeat < 1 or args.peer_repeat < 1 or args.jobs < 1:
        parser.error("--repeat, --peer-repeat and --jobs must be at least 1")
    if not args.corpus.is_dir():
        parser.error(f"no corpus folder at {args.corpus} (give --corpus)")
    for given in (args.markdownlint_cli2, args.pymarkdown, args.mdschema):
        if given and not os.access(given, os.X_OK):
            parser.error(f"{given} is not an executable file")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC)
    load_before = load()
    with tempfile.TemporaryDirectory(prefix="plancheck-bench-") as scratch_dir:
        scratch = Path(scratch_dir)
        corpus = args.corpus.resolve()
        files = list(discover([str(corpus)]))
        if args.quick:
            corpus = quick_sample(files, corpus, scratch)
            files = list(discover([str(corpus)]))
        ctx = Context(
            corpus=corpus,
            files=files,
            megabytes=sum(os.path.getsize(f) for f in files) / 1e6,
            repeat=args.repeat,
            peer_repeat=args.peer_repeat,
            jobs=args.jobs,
            plancheck=Plancheck.find(),
            scratch=scratch,
            quick=args.quick,
            markdownlint=None if args.no_peers else find_markdownlint(args.markdownlint_cli2),
            pymarkdown=None if args.no_peers else find_pymarkdown(args.pymarkdown),
            mdschema=None if args.no_peers else find_mdschema(args.mdschema),
            notes=[],
            peers=not args.no_peers,
            rows=args.groups,
        )
        missing = {"--jobs", "--no-cache", "--cache-dir"} - ctx.plancheck.options
        if missing:
            ctx.notes.append(f"`plancheck check` lacks {', '.join(sorted(missing))}.")
        rows: list[Row] = []
        if "2" in ctx.rows:
            floor_figures, floor = floor_rows(ctx)
            rows += floor_figures
        if "1" in ctx.rows:
            checks, single, parallel = check_rows(ctx, floor)
            rows += checks
        if "3" in ctx.rows:
            rows += [markdownlint_row(ctx, single, parallel), pymarkdown_row(ctx, single, parallel)]
        if "4" in ctx.rows:
            rows += latency_rows(ctx)
        if "6" in ctx.rows:
            rows += scaling_rows(ctx)
        if "7" in ctx.rows:
            rows += plan_rows(ctx)
        if "8" in ctx.rows:
            rows += format_rows(ctx)
    rows.sort(key=lambda row: row.key)  # rows are measured in another order than shown
    describe(ctx, args, started, load_before, rows)
    return 0


def describe(
    ctx: Context, args: argparse.Namespace, started: datetime, load_before: str, rows: list[Row]
) -> None:
    """Print the heading lines, the table and the notes under it."""
    what = "a --quick sample of" if ctx.quick else "all of"
    print(f"plancheck benchmark, {started:%Y-%m-%d %H:%M} UTC: {what} {args.corpus} ", end="")
    print(f"({len(ctx.files):,} files, {ctx.megabytes:.1f} MB).")
    if ctx.rows != frozenset(GROUPS):
        print(f"Row groups measured: {', '.join(sorted(ctx.rows))} (--rows).")
    print(" ".join(machine()))
    print(f"Load average (1, 5, 15 min) before: {load_before}; after: {load()}.")
    print()
    print_table(rows)
    print()
    for note in (*HOW, *ctx.notes):
        print(f"- {note}")
    print(f"- plancheck is `{' '.join(ctx.plancheck.command)}`.")
    print(
        f"- Runs: {ctx.repeat} a figure, {max(LATENCY_RUNS, ctx.repeat)} for row 4, "
        f"{ctx.peer_repeat} for the peers (row 3), 1 for row 1c."
    )


HOW = (
    "CORPUS is the corpus folder (with --quick, a sample of it linked into a temporary "
    "folder). Every plancheck command also has `--quiet --exit-zero --output-format concise "
    "--isolated` (no configuration file can turn rules off); all output goes to a file.",
    "Times are wall times of the whole process (start-up, reading and output included), "
    "except row 2: markdown-it-py in this process, timed around the parse loop only, the "
    "files already read and decoded.",
    "Row 1c fills a fresh cache folder once; row 1d times the runs after it, same command.",
    "Row 3 runs each peer with its default configuration; the ratio is the peer's time over "
    "plancheck's (1a: one process, which the target is judged on; 1b: --jobs N).",
    "Row 5 is GNU time's 'Maximum resident set size' of the runs of row 1. Linux reports "
    "the largest single process among plancheck and the children it waited for, not their "
    "sum: with --jobs N the whole tree may hold up to about N + 1 times this.",
    "Near-linear speed-up (row 1b) is read here as at least 0.8 x N.",
)


def stop(signum: int, frame: object) -> None:
    """SIGTERM unwinds like an exit: the running child is killed, the scratch folder
    removed."""
    sys.exit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop)
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
