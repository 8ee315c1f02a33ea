"""`github`: workflow commands GitHub Actions turns into annotations, properly escaped."""

from __future__ import annotations

import re

from tests.reporters.sample import ALL, ODD, render

# ::command key=value,key=value::data; the toolkit escapes what would end a value or a line
COMMAND = re.compile(
    r"::(?P<command>error|warning|notice) (?P<properties>[^:\r\n]*)::(?P<data>[^\r\n]*)"
)
PROPERTY = re.compile(r"(?P<key>file|line|col|endLine|endColumn|title)=(?P<value>[^,:\r\n]*)")
ESCAPE = re.compile(r"%(?!25|0D|0A|3A|2C)")  # a '%' that is not an escape


def unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.fullmatch(line)
    assert match, line
    properties = {}
    for part in match["properties"].split(","):
        prop = PROPERTY.fullmatch(part)
        assert prop, part
        properties[prop["key"]] = unescape(prop["value"])
    assert not ESCAPE.search(match["data"]) and not ESCAPE.search(match["properties"])
    return match["command"], properties, unescape(match["data"])


def lines() -> list[str]:
    """The runner reads commands line by line, at LF (CR LF); U+2028 does not end one."""
    out = render("github")
    assert out.endswith("\n")
    return out[:-1].split("\n")


def test_every_line_is_a_workflow_command() -> None:
    commands = [parse(line)[0] for line in lines()]
    assert len(commands) == len(ALL)
    assert commands == ["error", "error", "warning", "notice", "notice", "warning"]


def test_path_message_and_title_escape_and_round_trip() -> None:
    _, props, data = parse(lines()[0])
    assert props == {
        "file": ODD,
        "line": "1",
        "col": "1",
        "endLine": "1",
        "endColumn": "12",
        "title": "PC201 [missing-title]",
    }
    assert data == ALL[0].message
    assert "file=plans/my plan%2C draft%3A v2.md," in render("github")
    assert "::the title '100%25 plan' is 100%25 wrong%3A" not in render("github")  # data keeps ':'
    assert "is 100%25 wrong:%0Asecond line%0D%0Athird, with a comma" in render("github")


def test_a_fix_is_a_second_line_of_the_message() -> None:
    _, _, data = parse(lines()[1])
    assert data == f"{ALL[1].message}\nFix (safe): Rewrite as [[methods:Pilots]]"


def test_a_span_over_lines_has_no_columns() -> None:
    _, props, _ = parse(lines()[2])
    assert (props["line"], props["endLine"]) == ("4", "5")
    assert "col" not in props and "endColumn" not in props


def test_nothing_for_clean_files() -> None:
    assert render("github", []) == ""
