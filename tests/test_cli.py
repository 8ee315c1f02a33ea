"""The command line, through click's runner and ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck.cli import cli, main
from tests.conftest import MINI_SCHEMA, SEED, SEEDS, VALID

FIELDS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "rule",
    "severity",
    "message",
    "fix",
    "export",  # true when the platform's export made the finding, not the author
    "invisible",  # true when the finding is about characters no reader sees
]


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "mini.yaml").write_text(MINI_SCHEMA, encoding="utf-8")
    return schemas


def run(*args: str, input: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.output


def test_seed_has_no_error_and_exits_zero() -> None:
    code, out = run("check", str(SEED))
    assert code == 0, out
    assert "error" not in out.split("Found")[-1]


def test_seed_detected_as_closing_report_2024() -> None:
    from plancheck.detect import detect
    from plancheck.parser import parse
    from plancheck.schema import load_schemas

    doc = parse(SEED.read_text(encoding="utf-8"))
    assert (schema := detect(doc, load_schemas()).schema) is not None
    assert schema.id == "closing-report-2024"


def test_concise_line_format(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(VALID.replace("[[year:2024]]", "[[year:20234]]"), encoding="utf-8")
    code, out = run("check", "--schema-path", str(mini_dir), "--output-format", "concise", str(doc))
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0]
        == f"{doc}:5:8: PC102 [invalid-tag-value] [[year]]: '20234' is not a year from 2000 to {__import__('datetime').date.today().year + 1}"
    )
    assert lines[-1] == "Found 1 problem (1 error) in 1 of 1 file."


def test_full_format_shows_the_line_and_a_caret(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(VALID.replace("[[year:2024]]", "[[year:20234]]"), encoding="utf-8")
    code, out = run("check", "--schema-path", str(mini_dir), str(doc))
    assert code == 1
    assert "  5 | [[year:20234]]\n" in out
    assert "    |        ^^^^^\n" in out


def test_json_output_has_exactly_the_documented_fields(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(VALID.replace("[[methods:Pilots]]", "[[ methods : Pilots ]]"), encoding="utf-8")
    code, out = run("check", "--schema-path", str(mini_dir), "--output-format", "json", str(doc))
    assert code == 1
    data = json.loads(out)
    assert [list(d) for d in data] == [FIELDS]
    d = data[0]
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (9, 1, 9, 23)
    assert (d["code"], d["rule"], d["severity"]) == ("PC104", "tag-syntax", "error")
    assert d["fix"] == {
        "applicability": "safe",
        "message": "Rewrite as [[methods:Pilots]]",
        "edits": [
            {
                "line": 9,
                "column": 1,
                "end_line": 9,
                "end_column": 23,
                "content": "[[methods:Pilots]]",
            }
        ],
    }


def test_json_output_for_a_clean_file_is_an_empty_array(mini_dir: Path, tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(VALID, encoding="utf-8")
    code, out = run("check", "--schema-path", str(mini_dir), "--output-format", "json", str(doc))
    assert (code, json.loads(out)) == (0, [])


def test_warnings_only_exit_zero(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(VALID.replace("## Closing", "## closing"), encoding="utf-8")
    code, out = run("check", "--schema-path", str(mini_dir), "--output-format", "concise", str(doc))
    assert code == 0
    assert "PC206 [heading-drift]" in out


def test_folders_recurse_into_markdown_files(tmp_path: Path, mini_dir: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.md").write_text(VALID, encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text(VALID, encoding="utf-8")
    (tmp_path / "a" / "notes.txt").write_text("not a plan", encoding="utf-8")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "x.md").write_text("", encoding="utf-8")
    code, out = run("check", "--schema-path", str(mini_dir), str(tmp_path / "a"))
    assert (code, out) == (0, "All checks passed (2 files).\n")


def test_stdin(mini_dir: Path) -> None:
    source = VALID.replace("## Closing", "## closing").encode()
    code, out = run(
        "check",
        "--schema-path",
        str(mini_dir),
        "--output-format",
        "concise",
        "--stdin-filename",
        "plans/mine.md",
        "-",
        input=source,
    )
    assert code == 0
    assert out.startswith("plans/mine.md:")


def test_select_and_ignore_take_codes_prefixes_and_names(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(
        VALID.replace("[[year:2024]]", "[[year:20234]]").replace("## Closing", "## closing")
    )
    base = ("check", "--schema-path", str(mini_dir), "--output-format", "concise", str(doc))
    assert "PC206" not in run(*base, "--ignore", "heading-drift")[1]
    assert "PC102" not in run(*base, "--ignore", "PC1")[1]
    out = run(*base, "--select", "PC206,PC2")[1]
    assert "PC206" in out and "PC102" not in out


def test_unknown_selector_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["check", "--select", "no-such-rule", str(SEED)]) == 2


def test_unknown_schema_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--schema", "nope", str(SEED)]) == 2
    assert "unknown schema 'nope'" in capsys.readouterr().err


def test_missing_path_exits_two_but_checks_the_others(tmp_path: Path) -> None:
    code, out = run("check", "--output-format", "concise", str(tmp_path / "absent.md"), str(SEED))
    assert code == 2
    assert f"{tmp_path / 'absent.md'}:1:1: PC002 [unreadable-file] no such file or directory" in out
    assert "2 files" in out


def test_broken_schema_file_exits_two_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: x\ntitle: X\ntype: t\ncolour: red\n")
    result = CliRunner().invoke(cli, ["check", "--schema-path", str(tmp_path), str(SEED)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'bad.yaml'}:4: colour: Extra inputs are not permitted" in result.output


def test_schema_list_show_and_check(tmp_path: Path) -> None:
    code, out = run("schema", "list")
    assert code == 0 and "closing-report-2024" in out and "learningplan-design" in out
    code, out = run("schema", "show", "learningplan-design")
    assert code == 0
    assert "## Challenge statement" in out and "at most 280 characters" in out
    assert run("schema", "show", "nope")[0] == 2
    good = Path(__file__).parent.parent / "schemas" / "experiment.yaml"
    assert run("schema", "check", str(good)) == (0, f"{good}: ok (experiment)\n")
    (tmp_path / "bad.yaml").write_text("id: x\n")
    code, out = run("schema", "check", str(tmp_path / "bad.yaml"))
    assert code == 2 and "title: Field required" in out


def test_rules_and_rule_docs() -> None:
    code, out = run("rules")
    assert code == 0 and "PC203  missing-section" in out
    code, out = run("rule", "prompt-drift")
    assert code == 0 and out.startswith("PC302 prompt-drift (warning, fixable)")


def test_main_returns_codes_without_exiting() -> None:
    assert main(["--version"]) == 0
    assert main(["fix"]) == 2  # fix names what it rewrites
    assert main(["no-such-command"]) == 2


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "plancheck",
            "check",
            "--output-format",
            "concise",
            str(SEEDS / "learningplan-closing-2024.md"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "in 1 of 1 file.\n" in done.stdout or done.stdout.startswith("All checks passed")


def test_committed_rule_docs_are_current() -> None:
    from plancheck.rules import ALL_RULES
    from plancheck.rules.docs import markdown

    committed = (SEEDS.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(), "run: plancheck rules --format markdown > docs/rules.md"
    for r in ALL_RULES:
        assert r.doc and f"### {r.name}" in committed


def test_statistics_count_per_rule_and_tag(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(
        VALID.replace("[[year:2024]]", "[[year:20234]]")
        .replace("[[methods:Pilots]]", "[[methods:Pilots]]\n[[method:X]]\n[[methd:Y]]")
        .replace("## Closing", "## closing"),
        encoding="utf-8",
    )
    code, out = run("check", "--schema-path", str(mini_dir), "--statistics", str(doc))
    assert code == 1
    assert out.splitlines() == [
        "2  PC105  warning  unknown-tag",
        "     1  methd",
        "     1  method",
        "1  PC102  error    invalid-tag-value",
        "     1  year",
        "1  PC206  warning  heading-drift [*]",
        "4 findings in 1 file.",
    ]


def test_the_rules_at_a_glance_list_every_rule() -> None:
    from plancheck.rules import ALL_RULES

    # docs/checking.md's table, or a documentation page's for rules it does not list yet
    pages = sorted((SEEDS.parent / "docs").glob("*.md"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for r in ALL_RULES:
        assert f"| {r.code} | {r.name} | {r.severity.value} |" in text, r.name


def test_rule_all_as_json() -> None:
    from plancheck.rules import ALL_RULES

    code, out = run("rule", "--all", "--output-format", "json")
    data = json.loads(out)
    assert code == 0 and [d["code"] for d in data] == [r.code for r in ALL_RULES]
    assert set(data[0]) == {"code", "name", "severity", "fixable", "fix", "summary", "doc"}
    code, out = run("rule", "PC302", "--output-format", "json")
    assert json.loads(out)["name"] == "prompt-drift"
    assert run("rule")[0] == 2


def test_exit_zero_quiet_and_output_file(tmp_path: Path, mini_dir: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(VALID.replace("[[year:2024]]", "[[year:20234]]"), encoding="utf-8")
    base = ("check", "--schema-path", str(mini_dir), "--output-format", "concise")
    code, out = run(*base, "--exit-zero", str(doc))
    assert code == 0 and "PC102" in out
    code, out = run(*base, "--quiet", str(doc))
    assert code == 1 and out.count("\n") == 1 and "Found" not in out
    report = tmp_path / "report.json"
    code, out = run(
        "check",
        "--schema-path",
        str(mini_dir),
        "--output-format",
        "json",
        "--output-file",
        str(report),
        str(doc),
    )
    assert code == 1 and out == ""
    assert json.loads(report.read_text())[0]["code"] == "PC102"
