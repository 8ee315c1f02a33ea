"""The rule table: every rule's code, name, default severity, fix availability, summary and
options, as plain data.

The file reader, the results, the cache and the command line read a rule's facts here
without importing the rules (and with them pydantic, the parser and the geometry). A rule
with a check (`plancheck.rules`) is declared by its code and takes everything else from
its entry; a rule that only names a diagnostic the core reports itself (the reader, the
linter, the engine) has no check at all, and its documentation is its entry's ``doc``.
Adding a rule: add its entry here, then its check (if it has one) in its family module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from plancheck import reported
from plancheck.diagnostics import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class FixAvailability(StrEnum):
    """Whether a rule's findings carry a fix: every one, some (the message says why not
    for the others), or none."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


ALWAYS, SOMETIMES, NEVER = FixAvailability.ALWAYS, FixAvailability.SOMETIMES, FixAvailability.NEVER

Value = TypeVar("Value", float, int, str, bool)


class OptionError(ValueError):
    """A rule option's value that cannot be used; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class RuleOption(Generic[Value]):
    """An option a rule declares: set under `[tool.plancheck.rules.<rule name>]` (in a
    `.plancheck.toml`, `[rules.<rule name>]`), documented on the rule's page."""

    name: str  # as written in the configuration, with hyphens
    kind: type[Value]
    default: Value
    doc: str
    minimum: float | None = None  # for numbers

    def validate(self, value: object) -> Value:
        """``value`` as the option's type; raises :class:`OptionError`."""
        given: object = value
        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            given = float(value)  # TOML writes `120` for a whole number of kilometres
        if not isinstance(given, self.kind) or (self.kind is not bool and isinstance(given, bool)):
            raise OptionError(f"expected {self.kind.__name__}, got {value!r}")
        if self.minimum is not None and isinstance(given, int | float) and given < self.minimum:
            raise OptionError(f"must be at least {self.minimum:g}, got {value!r}")
        return given  # checked to be self.kind just above


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's facts. ``body`` is the documentation of a rule without a check, below its
    summary; a check's is its docstring (both in the sections :mod:`plancheck.rules.docs`
    checks)."""

    code: str
    name: str
    severity: Severity
    fix: FixAvailability
    summary: str
    options: tuple[RuleOption[Any], ...] = ()
    body: str = ""

    @property
    def doc(self) -> str:
        """The user documentation: the summary, then the sections."""
        return f"{self.summary}\n\n{self.body.strip()}"

    @property
    def fixable(self) -> bool:
        """Whether some of its findings may carry a fix."""
        return self.fix is not FixAvailability.NEVER

    def option(self, name: str) -> RuleOption[Any] | None:
        return next((o for o in self.options if o.name == name), None)


# PC504's option; the other coordinate rules read it too, to tell a swapped pair.
COORDINATE_TOLERANCE: RuleOption[float] = RuleOption(
    "tolerance-km",
    float,
    50.0,
    "How far (km) a point may lie outside its country's boundary and still count as in "
    "it: the boundaries are low-resolution, and coasts and small islands move by tens of "
    "kilometres.",
    minimum=0.0,
)

UNREADABLE_FILE = RuleInfo(
    "PC002",
    "unreadable-file",
    ERROR,
    NEVER,
    "The file cannot be read (missing, a directory, no permission).",
    body=reported.UNREADABLE_FILE,
)

INVALID_ENCODING = RuleInfo(
    "PC003",
    "invalid-encoding",
    ERROR,
    NEVER,
    "The file is not UTF-8 text.",
    body=reported.INVALID_ENCODING,
)

UNUSED_SUPPRESSION = RuleInfo(
    "PC006",
    "unused-suppression",
    WARNING,
    NEVER,
    "An inline suppression comment that suppresses nothing, or names no rule.",
    body=reported.UNUSED_SUPPRESSION,
)

FILE_TOO_LARGE = RuleInfo(
    "PC007",
    "file-too-large",
    ERROR,
    NEVER,
    "The file is larger than the size limit, so it was not read.",
    body=reported.FILE_TOO_LARGE,
)

INTERNAL_ERROR = RuleInfo(
    "PC008",
    "internal-error",
    ERROR,
    NEVER,
    "plancheck failed on this file: a bug in plancheck, not in the document.",
    body=reported.INTERNAL_ERROR,
)

NOT_A_PLAN = RuleInfo(
    "PC009",
    "not-a-plan",
    INFO,
    NEVER,
    "The Markdown file is not a plan document, so it was not checked.",
)

# Every rule, in code order.
RULES: tuple[RuleInfo, ...] = (
    RuleInfo("PC001", "unknown-schema", ERROR, NEVER, "No schema fits the document."),
    UNREADABLE_FILE,
    INVALID_ENCODING,
    RuleInfo(
        "PC004", "empty-document", ERROR, NEVER, "The file is empty or holds only whitespace."
    ),
    RuleInfo("PC005", "missing-tag-block", ERROR, NEVER, "The document has no tag block."),
    UNUSED_SUPPRESSION,
    FILE_TOO_LARGE,
    INTERNAL_ERROR,
    NOT_A_PLAN,
    RuleInfo("PC101", "missing-tag", ERROR, NEVER, "A tag the template requires is absent."),
    RuleInfo(
        "PC102",
        "invalid-tag-value",
        ERROR,
        NEVER,
        "A tag's value does not have the format the schema gives it.",
    ),
    RuleInfo(
        "PC103",
        "duplicate-tag",
        WARNING,
        ALWAYS,
        "A tag is repeated: a single-valued tag given twice, or the same value twice.",
    ),
    RuleInfo(
        "PC104",
        "tag-syntax",
        ERROR,
        SOMETIMES,
        "A line of the tag block is not a well-formed `[[key:value]]` tag.",
    ),
    RuleInfo("PC105", "unknown-tag", WARNING, NEVER, "A tag key that the schema does not declare."),
    RuleInfo(
        "PC106",
        "malformed-url",
        WARNING,
        SOMETIMES,
        "A link that does not open: a URL-valued tag or a link in an answer that asks for "
        "links is not a well-formed web address.",
    ),
    RuleInfo(
        "PC107",
        "packed-tag",
        WARNING,
        SOMETIMES,
        "Several values packed into one tag of a multi-valued key.",
    ),
    RuleInfo(
        "PC201",
        "missing-title",
        ERROR,
        NEVER,
        "The document does not start with a `# title` line, or the title is not text.",
    ),
    RuleInfo("PC202", "empty-heading", WARNING, SOMETIMES, "A section heading `## ` with no text."),
    RuleInfo(
        "PC203", "missing-section", ERROR, NEVER, "A section the template requires is absent."
    ),
    RuleInfo(
        "PC204",
        "unknown-section",
        WARNING,
        NEVER,
        "A section heading that is not in the template and is not near any of its headings.",
    ),
    RuleInfo(
        "PC205",
        "section-order",
        WARNING,
        NEVER,
        "Sections out of template order, or a section repeated more than allowed.",
    ),
    RuleInfo(
        "PC206",
        "heading-drift",
        WARNING,
        ALWAYS,
        "A section heading that is a near miss of the template's heading.",
    ),
    RuleInfo(
        "PC301",
        "missing-prompt",
        ERROR,
        NEVER,
        "A prompt the template requires is absent from its section.",
    ),
    RuleInfo(
        "PC302", "prompt-drift", WARNING, ALWAYS, "A prompt whose text differs from the template's."
    ),
    RuleInfo(
        "PC303",
        "empty-answer",
        WARNING,
        NEVER,
        "A prompt whose answer the template requires is left empty.",
    ),
    RuleInfo(
        "PC304",
        "answer-constraint",
        WARNING,
        NEVER,
        "An answer breaks a constraint its prompt states; the message says which.",
    ),
    RuleInfo(
        "PC305",
        "placeholder",
        WARNING,
        SOMETIMES,
        "Text that holds a place for an answer that was never written.",
    ),
    RuleInfo(
        "PC401",
        "vocabulary-drift",
        WARNING,
        ALWAYS,
        "A tag value is a variant of a vocabulary term: it should be written as the term.",
    ),
    RuleInfo(
        "PC402",
        "unknown-term",
        ERROR,
        NEVER,
        "A tag with a closed vocabulary has a value that is not one of its terms.",
    ),
    RuleInfo(
        "PC403",
        "unknown-country",
        ERROR,
        NEVER,
        "A country tag names no country, territory or known region.",
    ),
    RuleInfo(
        "PC501",
        "malformed-coordinates",
        ERROR,
        SOMETIMES,
        "A coordinates value is not `latitude,longitude` in decimal degrees.",
    ),
    RuleInfo(
        "PC502",
        "coordinates-out-of-range",
        ERROR,
        NEVER,
        "A latitude outside -90..90 or a longitude outside -180..180.",
    ),
    RuleInfo(
        "PC503",
        "null-island",
        ERROR,
        NEVER,
        "Coordinates `0,0`: a default value left in place, not a location.",
    ),
    RuleInfo(
        "PC504",
        "coordinates-outside-country",
        WARNING,
        NEVER,
        "The coordinates do not lie in or near the country named before them.",
        options=(COORDINATE_TOLERANCE,),
    ),
    RuleInfo(
        "PC505",
        "swapped-coordinates",
        ERROR,
        ALWAYS,
        "Latitude and longitude are swapped: the point is outside its country (or off the "
        "globe), and the values the other way round lie inside it.",
    ),
    RuleInfo(
        "PC601",
        "html-entity",
        WARNING,
        SOMETIMES,
        "An HTML entity (`&amp;`, `&nbsp;`, `&quot;`, `&#39;`) in an answer or a prompt.",
    ),
    RuleInfo(
        "PC602",
        "html-residue",
        WARNING,
        SOMETIMES,
        "HTML left over from the platform's rich-text editor in an answer or free text.",
    ),
    RuleInfo(
        "PC603",
        "trailing-whitespace",
        INFO,
        SOMETIMES,
        "Spaces, tabs or no-break spaces at the end of a line.",
    ),
    RuleInfo(
        "PC604",
        "line-endings",
        WARNING,
        ALWAYS,
        "Line endings other than LF: CRLF (Windows) or a lone CR (old Mac, or pasted text).",
    ),
    RuleInfo("PC605", "bom", WARNING, ALWAYS, "The file starts with a byte order mark (U+FEFF)."),
    RuleInfo("PC606", "final-newline", WARNING, ALWAYS, "The file does not end with a line break."),
    RuleInfo("PC607", "tag-order", WARNING, SOMETIMES, "Tags out of the archive's order."),
    RuleInfo(
        "PC608",
        "mojibake",
        WARNING,
        ALWAYS,
        "Text whose UTF-8 was decoded in another encoding somewhere on its way.",
    ),
)

BY_CODE = {r.code: r for r in RULES}
BY_NAME = {r.name: r for r in RULES}


def lookup(selector: str) -> list[RuleInfo]:
    """Rules a selector names: a code (`PC101`), a code prefix (`PC1`, `PC`), a name."""
    if selector in BY_NAME:
        return [BY_NAME[selector]]
    upper = selector.upper()
    return [r for r in RULES if r.code.startswith(upper)] if upper.startswith("PC") else []
