"""The report's charts, drawn with matplotlib as SVG text to inline in the page.

matplotlib's object API (a ``Figure`` without pyplot) needs no display and no GUI
backend. Text stays text in the SVG (``svg.fonttype: none``): smaller, searchable and
crisp at any zoom, in the reader's sans-serif font. Each chart also has a table or
figures beside it on the page, so nothing depends on reading a colour.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from plancheck.report.aggregate import STATES, UNKNOWN, Group, RuleRow

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLORS = {"clean": "#3a8f5c", "warning": "#e0a526", "error": "#c2412d", "info": "#5b7fb5"}
LABELS = {"clean": "clean", "warning": "warnings only", "error": "with errors"}
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def figure(width: float, height: float) -> Figure:
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text as text, not paths
            "svg.hashsalt": "plancheck",  # the same ids on every run: reports diff cleanly
            "font.family": "sans-serif",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    # No layout engine: savefig's tight bounding box frames labels and titles, and a
    # layout engine would lay out every text a second time (most of a chart's cost).
    return Figure(figsize=(width, height))


def svg(fig: Figure, title: str) -> str:
    """The figure as an ``<svg>`` element (no XML prologue), labelled for screen readers."""
    out = io.StringIO()
    # tight: a title wider than the plot widens the picture instead of being cut off.
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = _PROLOGUE.sub("", out.getvalue(), count=1)
    escaped = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return text.replace("<svg ", f'<svg role="img" aria-label="{escaped}" ', 1)


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "0%"


def states(groups: Sequence[Group], title: str) -> str:
    """Documents of each group, stacked clean / warnings only / with errors."""
    fig = figure(7.5, 0.9 + 0.32 * len(groups))
    ax = fig.subplots()
    labels = [g.label for g in groups][::-1]
    rows = list(groups)[::-1]
    left = [0] * len(rows)
    for state in STATES:
        counts = [g.states[state] for g in rows]
        ax.barh(labels, counts, left=left, color=COLORS[state], label=LABELS[state])
        left = [a + b for a, b in zip(left, counts, strict=True)]
    for y, g in enumerate(rows):
        ax.annotate(
            f" {g.documents} · {_share(g.states['error'], g.documents)} with errors"
            f" · {g.findings:,} findings",
            (g.documents, y),
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, max(left, default=1) * 1.5)
    ax.set_xlabel("documents")
    ax.set_title(title, loc="left", fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    return svg(fig, title)


def rules(rows: Sequence[RuleRow]) -> str:
    """Findings per rule on a log scale (counts span four orders), by severity."""
    title = "Findings by rule (log scale), coloured by severity"
    fig = figure(7.5, 0.9 + 0.26 * len(rows))
    ax = fig.subplots()
    ordered = list(rows)[::-1]
    labels = [f"{r.code} {r.name}" for r in ordered]
    ax.barh(
        labels,
        [r.findings for r in ordered],
        color=[COLORS.get(r.severity, "#888") for r in ordered],
    )
    for y, r in enumerate(ordered):
        mark = " (fixable)" if r.fixable else ""
        ax.annotate(f" {r.findings}{mark}", (r.findings, y), va="center", fontsize=8)
    ax.set_xscale("log")
    ax.set_xlim(0.8, max((r.findings for r in rows), default=1) * 8)
    ax.set_xlabel("findings")
    ax.set_title(title, loc="left", fontsize=10)
    handles = [
        _patch(COLORS[s], s)
        for s in ("error", "warning", "info")
        if any(r.severity == s for r in rows)
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8)
    return svg(fig, title)


def _patch(color: str, label: str) -> object:
    from matplotlib.patches import Patch

    return Patch(color=color, label=label)


def template_years(groups: Sequence[Group]) -> str:
    """Share of documents with errors for each template and year."""
    title = "Share of documents with errors, by template and year"
    cells = {tuple(g.label.split(" · ", 1)): g for g in groups}
    templates = sorted({t for t, _ in cells}, key=lambda t: (t == UNKNOWN, t))
    years = sorted({y for _, y in cells}, key=lambda y: (y == UNKNOWN, y))
    grid = [
        [cells[(t, y)].error_share if (t, y) in cells else float("nan") for y in years]
        for t in templates
    ]
    fig = figure(1.8 + 0.62 * len(years), 0.9 + 0.42 * len(templates))
    ax = fig.subplots()
    image = ax.imshow(grid, cmap="Reds", vmin=0, vmax=1, aspect="auto")
    for i, t in enumerate(templates):
        for j, y in enumerate(years):
            g = cells.get((t, y))
            if g is not None:
                dark = g.error_share > 0.6
                ax.text(
                    j,
                    i,
                    f"{100 * g.error_share:.0f}%\nof {g.documents}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(len(years)), years, rotation=45, ha="right")
    ax.set_yticks(range(len(templates)), templates)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.8, format=_percent(), label="with errors")
    ax.set_title(title, loc="left", fontsize=10)
    return svg(fig, title)


def _percent() -> object:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)
