"""`--output-format junit`: JUnit XML, one test case per file checked.

A file with a finding at error severity fails, and the failure lists those findings;
warnings and infos do not fail it and go to the test case's ``system-out``. CI services
(GitLab, Jenkins, Azure) show the files as tests.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from plancheck.diagnostics import Diagnostic, Severity

# Characters XML 1.0 cannot carry at all, not even as references (control characters).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def finding(d: Diagnostic) -> str:
    s = d.span
    return f"{d.path}:{s.line}:{s.column}: {d.code} [{d.rule}] {d.severity.value}: {d.message}"


def testcase(path: str, diagnostics: list[Diagnostic]) -> ET.Element:
    case = ET.Element("testcase", name=xml_text(path), classname="plancheck", file=xml_text(path))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    others = [d for d in diagnostics if d.severity is not Severity.ERROR]
    if errors:
        noun = "error" if len(errors) == 1 else "errors"
        failure = ET.SubElement(case, "failure", message=f"{len(errors)} {noun}", type="plancheck")
        failure.text = xml_text("\n".join(finding(d) for d in errors))
    if others:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(finding(d) for d in others))
    return case


class JunitReporter:
    def __init__(self) -> None:
        self._paths: dict[str, None] = {}  # every file checked, in order (clean ones too)

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        for p in [path] if path is not None else [d.path for d in diagnostics]:
            self._paths[p] = None
        return ""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        by_path: dict[str, list[Diagnostic]] = {p: [] for p in self._paths}
        for d in diagnostics:
            by_path.setdefault(d.path, []).append(d)
        cases = [testcase(p, ds) for p, ds in by_path.items()]
        failures = sum(1 for c in cases if c.find("failure") is not None)
        counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
        root = ET.Element("testsuites", {"name": "plancheck", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "plancheck", **counts, "skipped": "0"})
        suite.extend(cases)
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
