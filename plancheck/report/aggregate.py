"""The report's numbers, made from the documents of a run: plain values the charts,
the page and the tests read. No drawing and no HTML here."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from plancheck.facts import Item, checklist
from plancheck.report.collect import Document
from plancheck.schema import Schema

UNKNOWN = "unknown"  # no template fits / no year given
STATES = ("clean", "warning", "error")


@dataclass(frozen=True, slots=True)
class RuleRow:
    code: str
    name: str
    severity: str  # the severity most of its findings have
    findings: int
    documents: int
    fixable: int  # findings with a safe fix
    unsafe_fixable: int  # findings with any fix


@dataclass(slots=True)
class Group:
    """Documents sharing a template, a year, or both."""

    label: str
    documents: int = 0
    states: Counter[str] = field(default_factory=Counter)
    findings: int = 0
    errors: int = 0

    def add(self, doc: Document) -> None:
        self.documents += 1
        self.states[doc.state] += 1
        self.findings += len(doc.findings)
        self.errors += doc.errors

    @property
    def error_share(self) -> float:
        return self.states["error"] / self.documents if self.documents else 0.0


@dataclass(slots=True)
class CountryRow:
    code: str | None  # ISO alpha-3; None for a value that names no country
    name: str
    documents: int = 0
    with_errors: int = 0
    errors: int = 0

    @property
    def error_share(self) -> float:
        return self.with_errors / self.documents if self.documents else 0.0


@dataclass(frozen=True, slots=True)
class Completeness:
    """For one template: the share of its documents with each checklist item, overall
    and by year."""

    template: str
    items: tuple[Item, ...]
    years: tuple[str, ...]
    documents: dict[str, int]  # year (or "all") -> documents
    shares: dict[str, tuple[float, ...]]  # year (or "all") -> share per item


@dataclass(frozen=True, slots=True)
class Skipped:
    template: str
    item: Item
    share: float  # of the template's documents that have it
    documents: int


@dataclass(frozen=True, slots=True)
class Term:
    tag: str
    value: str
    instead: str  # what the fix writes ('' for unknown terms)
    count: int


@dataclass
class Summary:
    documents: list[Document]  # the ones to look at first, first
    templates: Counter[str]  # template id (or UNKNOWN) -> documents
    states: Counter[str]  # clean / warning / error -> documents
    severities: Counter[str]  # severity -> findings
    findings: int
    fixable: int
    unsafe_fixable: int
    fixable_documents: int  # documents a `fix` run would change
    export: int  # findings the platform's export made, counted apart
    export_fixable: int  # of those, fixed by a `fix` run
    unreadable: int  # files not read or not fully checked
    rules: list[RuleRow]
    by_template: list[Group]
    by_year: list[Group]
    by_template_year: list[Group]  # worst first
    countries: list[CountryRow]  # most documents with errors first
    no_country: int  # documents naming no country at all
    completeness: list[Completeness]
    skipped: list[Skipped]  # most skipped first
    drift: dict[str, list[Term]]  # tag -> drifted values, most frequent first
    unknown: dict[str, list[Term]]  # tag -> unknown values, most frequent first

    @property
    def by_rule(self) -> dict[str, int]:
        return {r.code: r.findings for r in self.rules}


def _rules(docs: Sequence[Document]) -> list[RuleRow]:
    names: dict[str, str] = {}
    severities: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    in_docs: Counter[str] = Counter()
    safe: Counter[str] = Counter()
    anyfix: Counter[str] = Counter()
    for doc in docs:
        in_docs.update(doc.by_rule.keys())
        for f in doc.findings:
            names[f.code] = f.rule
            severities[f.code][f.severity] += 1
            counts[f.code] += 1
            safe[f.code] += f.fix == "safe"
            anyfix[f.code] += bool(f.fix)
    rows = [
        RuleRow(
            code,
            names[code],
            severities[code].most_common(1)[0][0],
            n,
            in_docs[code],
            safe[code],
            anyfix[code],
        )
        for code, n in counts.items()
    ]
    return sorted(rows, key=lambda r: (-r.findings, r.code))


def _year_key(label: str) -> tuple[int, str]:
    return (0, label) if label != UNKNOWN else (1, label)


def _groups(docs: Sequence[Document], key: Callable[[Document], str]) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for doc in docs:
        label = key(doc)
        groups.setdefault(label, Group(label)).add(doc)
    return groups


def _template(doc: Document) -> str:
    return doc.template or UNKNOWN


def _year(doc: Document) -> str:
    return doc.year or UNKNOWN


def _countries(docs: Sequence[Document]) -> tuple[list[CountryRow], int]:
    rows: dict[str, CountryRow] = {}
    none = 0
    for doc in docs:
        named = doc.facts.countries if doc.facts else ()
        if not named:
            none += 1
        for name, code in named:
            row = rows.setdefault(code or f"?{name}", CountryRow(code, name))
            row.documents += 1
            row.with_errors += doc.errors > 0
            row.errors += doc.errors
    ranked = sorted(rows.values(), key=lambda r: (-r.with_errors, -r.error_share, r.name))
    return ranked, none


def _completeness(
    docs: Sequence[Document], schemas: dict[str, Schema]
) -> tuple[list[Completeness], list[Skipped]]:
    by_template: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        if doc.template in schemas:
            by_template[doc.template].append(doc)
    tables: list[Completeness] = []
    skipped: list[Skipped] = []
    for template in sorted(by_template):
        items = tuple(checklist(schemas[template]))
        rows = [d for d in by_template[template] if d.facts and len(d.facts.filled) == len(items)]
        if not items or not rows:
            continue
        years = tuple(sorted({_year(d) for d in rows}, key=_year_key))
        documents: dict[str, int] = {}
        shares: dict[str, tuple[float, ...]] = {}
        for year in ("all", *years):
            chosen = [d for d in rows if year == "all" or _year(d) == year]
            documents[year] = len(chosen)
            shares[year] = tuple(
                sum(d.facts.filled[i] == "1" for d in chosen if d.facts) / len(chosen)
                for i in range(len(items))
            )
        tables.append(Completeness(template, items, years, documents, shares))
        skipped += [
            Skipped(template, item, share, len(rows))
            for item, share in zip(items, shares["all"], strict=True)
            if share < 1.0
        ]
    skipped.sort(key=lambda s: (s.share, -s.documents, s.template))
    return tables, skipped


def _terms(docs: Sequence[Document]) -> tuple[dict[str, list[Term]], dict[str, list[Term]]]:
    drift: Counter[tuple[str, str, str]] = Counter()
    unknown: Counter[tuple[str, str, str]] = Counter()
    for doc in docs:
        for code, key, value, instead in doc.facts.terms if doc.facts else ():
            (drift if code == "PC401" else unknown)[(key, value, instead)] += 1

    def by_tag(counts: Counter[tuple[str, str, str]]) -> dict[str, list[Term]]:
        out: dict[str, list[Term]] = defaultdict(list)
        for (key, value, instead), n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
            out[key].append(Term(key, value, instead, n))
        return dict(sorted(out.items(), key=lambda x: -sum(t.count for t in x[1])))

    return by_tag(drift), by_tag(unknown)


def _first(doc: Document) -> tuple[int, int, int, str]:
    """The documents to look at first: most errors, then most warnings."""
    return (-doc.errors, -doc.warnings, -len(doc.findings), doc.path)


def summarize(docs: Sequence[Document], schemas: dict[str, Schema]) -> Summary:
    """Every number of the report; ``schemas`` by id label the completeness tables."""
    templates = Counter(_template(d) for d in docs)
    by_template_year = _groups(docs, lambda d: f"{_template(d)} · {_year(d)}")
    completeness, skipped = _completeness(docs, schemas)
    countries, no_country = _countries(docs)
    drift, unknown = _terms(docs)
    severities: Counter[str] = Counter()
    for doc in docs:
        severities.update(doc.severities)
    return Summary(
        documents=sorted(docs, key=_first),
        templates=templates,
        states=Counter(d.state for d in docs),
        severities=severities,
        findings=sum(len(d.findings) for d in docs),
        fixable=sum(d.fixable for d in docs),
        unsafe_fixable=sum(d.unsafe_fixable for d in docs),
        fixable_documents=sum(1 for d in docs if d.fixable or d.export_fixable),
        export=sum(d.export for d in docs),
        export_fixable=sum(d.export_fixable for d in docs),
        unreadable=sum(1 for d in docs if d.facts is None),
        rules=_rules(docs),
        by_template=sorted(
            _groups(docs, _template).values(), key=lambda g: (g.label == UNKNOWN, g.label)
        ),
        by_year=sorted(_groups(docs, _year).values(), key=lambda g: _year_key(g.label)),
        by_template_year=sorted(
            by_template_year.values(), key=lambda g: (-g.error_share, -g.documents, g.label)
        ),
        countries=countries,
        no_country=no_country,
        completeness=completeness,
        skipped=skipped,
        drift=drift,
        unknown=unknown,
    )
