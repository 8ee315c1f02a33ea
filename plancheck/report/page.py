"""The HTML page: the summary's numbers, the charts and the documents, written with
Jinja2 from the templates in ``templates/`` (autoescaped; only the SVG that
:mod:`~plancheck.report.charts` drew goes in as markup). Styles and the script that
sorts the table are inlined from the same folder, so the file needs nothing else."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from plancheck import __version__
from plancheck.report.aggregate import Group, Summary
from plancheck.report.collect import Document, Finding

MIN_GROUP = 10  # documents: a smaller template-year is not called the worst
COLLAPSE = 3  # findings of one rule in one document beyond which they share a line
TOP = 15  # rows of the "look here first" tables


@dataclass(frozen=True, slots=True)
class RuleFindings:
    """One rule's findings in one document, as the page lists them."""

    code: str
    rule: str
    severity: str
    fix: str
    findings: tuple[Finding, ...]

    @property
    def lines(self) -> str:
        return ", ".join(str(f.line) for f in self.findings)


def by_rule(doc: Document) -> list[RuleFindings]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in doc.findings:
        grouped[f.code].append(f)
    order = {"error": 0, "warning": 1, "info": 2}
    out = [
        RuleFindings(code, fs[0].rule, fs[0].severity, fs[0].fix, tuple(fs))
        for code, fs in grouped.items()
    ]
    return sorted(out, key=lambda r: (order.get(r.severity, 3), r.code))


def heat(share: float) -> str:
    """A cell's background for a share of 0 to 1: red through yellow to green, pale
    enough for black text (the number is always written in the cell too)."""
    return f"hsl({120 * share:.0f} 70% 75%)"


def worst(groups: Sequence[Group]) -> Group | None:
    """The template-year with the largest share of documents with errors, among those
    large enough for a share to mean something."""
    sized = [g for g in groups if g.documents >= MIN_GROUP and "unknown ·" not in g.label]
    return max(sized, key=lambda g: (g.error_share, g.documents), default=None)


def render(summary: Summary, charts: dict[str, str], *, title: str, inputs: Sequence[str]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("plancheck.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = lambda x: f"{100 * x:.0f}%"
    env.filters["number"] = lambda n: f"{n:,}"
    env.filters["heat"] = heat
    template = env.get_template("report.html.j2")
    return template.render(
        s=summary,
        charts={name: Markup(text) for name, text in charts.items()},
        worst=worst(summary.by_template_year),
        by_rule=by_rule,
        collapse=COLLAPSE,
        min_group=MIN_GROUP,
        top=TOP,
        title=title,
        inputs=inputs,
        version=__version__,
        made=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
