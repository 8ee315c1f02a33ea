"""The report's numbers from hand-made documents: what each figure counts."""

from __future__ import annotations

from plancheck.facts import checklist
from plancheck.report.aggregate import summarize
from plancheck.report.collect import Document, Finding
from plancheck.report.command import _meanwhile
from plancheck.report.page import by_rule, heat, worst
from plancheck.results import Facts
from plancheck.schema import load_schemas


def doc(
    path: str,
    template: str | None = "closing-report-2024",
    year: str = "2024",
    countries: tuple[tuple[str, str | None], ...] = (("Kenya", "KEN"),),
    findings: tuple[tuple[str, str, str], ...] = (),  # (code, severity, fix)
    filled: str = "",
) -> Document:
    d = Document(path, Facts(template, year, countries, filled))
    for i, (code, severity, fix) in enumerate(findings, start=1):
        d.findings.append(Finding(i, 1, code, code.lower(), severity, "m", fix))
        d.by_rule[code] += 1
        d.severities[severity] += 1
    return d


ERROR = ("PC203", "error", "")
SAFE = ("PC603", "info", "safe")
UNSAFE = ("PC602", "warning", "unsafe")


def test_states_severities_and_fixes() -> None:
    docs = [doc("a"), doc("b", findings=(SAFE, UNSAFE)), doc("c", findings=(ERROR, SAFE))]
    s = summarize(docs, {})
    assert dict(s.states) == {"clean": 1, "warning": 1, "error": 1}
    assert dict(s.severities) == {"info": 2, "warning": 1, "error": 1}
    assert (s.findings, s.fixable, s.unsafe_fixable, s.fixable_documents) == (4, 2, 3, 2)
    assert [d.path for d in s.documents] == ["c", "b", "a"]  # most errors, then warnings
    assert s.by_rule == {"PC603": 2, "PC602": 1, "PC203": 1}


def test_a_document_naming_two_countries_counts_for_both() -> None:
    two = (("Kenya", "KEN"), ("Atlantis", None))
    s = summarize(
        [doc("a", countries=two, findings=(ERROR,)), doc("b"), doc("c", countries=())], {}
    )
    rows = {r.name: (r.code, r.documents, r.with_errors) for r in s.countries}
    assert rows == {"Kenya": ("KEN", 2, 1), "Atlantis": (None, 1, 1)}
    assert s.no_country == 1


def test_the_worst_template_year_needs_ten_documents() -> None:
    small = [doc(f"s{i}", year="2025", findings=(ERROR,)) for i in range(3)]
    large = [doc(f"l{i}", year="2023", findings=(ERROR,) if i < 4 else ()) for i in range(10)]
    s = summarize(small + large, {})
    assert s.by_template_year[0].label == "closing-report-2024 · 2025"  # 100%, but 3
    found = worst(s.by_template_year)
    assert found is not None and found.label == "closing-report-2024 · 2023"
    assert found.error_share == 0.4


def test_completeness_shares_per_item_and_year() -> None:
    schemas = load_schemas([])
    items = len(checklist(schemas["closing-report-2024"]))
    full, first_missing = "1" * items, "0" + "1" * (items - 1)
    docs = [
        doc("a", year="2023", filled=full),
        doc("b", year="2024", filled=first_missing),
        doc("c", year="2024", filled=first_missing),
        doc("d", year="2024", filled="1"),  # from another schema version: left out
    ]
    (table,) = summarize(docs, schemas).completeness
    assert table.years == ("2023", "2024")
    assert table.documents == {"all": 3, "2023": 1, "2024": 2}
    assert table.shares["all"][0] == 1 / 3 and table.shares["2024"][0] == 0.0
    assert table.shares["all"][1:] == (1.0,) * (items - 1)
    skipped = summarize(docs, schemas).skipped
    assert [(k.item, k.share) for k in skipped] == [(table.items[0], 1 / 3)]


def test_findings_are_listed_by_rule_errors_first() -> None:
    d = doc("a", findings=(SAFE, ERROR, SAFE))
    assert [(g.code, len(g.findings), g.lines) for g in by_rule(d)] == [
        ("PC203", 1, "2"),
        ("PC603", 2, "1, 3"),
    ]


def test_heat_runs_from_red_to_green() -> None:
    assert heat(0.0).startswith("hsl(0 ") and heat(1.0).startswith("hsl(120 ")


def test_work_meanwhile_runs_once_and_every_result_comes_through() -> None:
    ran: list[int] = []
    assert list(_meanwhile(iter(range(5)), lambda: ran.append(1))) == list(range(5))
    assert ran == [1]
    assert list(_meanwhile(iter(()), lambda: ran.append(1))) == [] and ran == [1]
