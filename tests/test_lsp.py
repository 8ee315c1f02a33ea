"""`plancheck lsp`, driven by a real LSP client (pytest-lsp) over standard input and output.

One server runs for the whole module (starting it costs about a second); each test opens
its own document URI, so tests do not see each other's state. Edits the server proposes
are applied here by an independent UTF-16 implementation, as an editor would.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from plancheck import check_text, fix_text
from plancheck.cli import cli
from plancheck.lsp.actions import FIX_ALL, changed_region
from plancheck.lsp.positions import UTF8, UTF16, UTF32, from_position, to_position
from plancheck.lsp.server import read_options
from plancheck.rules import ALL_RULES
from plancheck.rules.docs import RULES_URL, rule_url
from plancheck.schema import load_schemas
from tests.conftest import ROOT, SEEDS
from tests.lsp.editor import (
    TIMEOUT,
    actions_at,
    apply,
    change_document,
    open_document,
    until,
    utf16,
    whole,
)

# The server tests share the module's event loop (and so its server); the in-process
# tests at the end are plain functions.
lsp_test = pytest.mark.asyncio(loop_scope="module")

BROKEN = (SEEDS / "broken" / "learningplan-design.md").read_text(encoding="utf-8")
VALID = (SEEDS / "learningplan-design.md").read_text(encoding="utf-8")
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
INITIALIZED: list[types.InitializeResult] = []  # the server's answer, kept by the fixture


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "plancheck", "lsp"]),
    scope="module",
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"debounceMs": 200},
        )
    )
    INITIALIZED.append(result)
    yield
    await lsp_client.shutdown_session()


def rules_of(diagnostics: Sequence[types.Diagnostic]) -> list[tuple[str, str]]:
    return [(str(d.code), d.data["rule"]) for d in diagnostics]


def expected_rules(text: str, path: str) -> list[tuple[str, str]]:
    """What the library reports for ``text``: the server must agree with `plancheck check`."""
    return [(d.code, d.rule) for d in check_text(text, load_schemas(), path=path)]


def document(tmp_path: Path, name: str = "plan.md") -> str:
    """A document's URI; the folder's name makes it percent-encoded, as editors send it."""
    return (tmp_path / "plans à jour" / name).as_uri()


# --- diagnostics ---------------------------------------------------------------------------


@lsp_test
async def test_initialize_advertises_the_features(client: LanguageClient) -> None:
    caps = INITIALIZED[-1].capabilities
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert caps.hover_provider
    assert caps.completion_provider is not None
    assert set(caps.completion_provider.trigger_characters or []) >= {":", "#", ">"}
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert list(caps.code_action_provider.code_action_kinds or []) == ["quickfix", FIX_ALL]
    sync = caps.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.change is types.TextDocumentSyncKind.Full
    assert sync.save


@lsp_test
async def test_diagnostics_on_open_have_codes_rules_and_links(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    found = await open_document(client, uri, BROKEN)
    assert "%20" in uri
    assert rules_of(found) == expected_rules(BROKEN, str(tmp_path / "plans à jour" / "plan.md"))
    assert {("PC104", "tag-syntax"), ("PC206", "heading-drift"), ("PC302", "prompt-drift")} <= set(
        rules_of(found)
    )
    tag = next(d for d in found if d.code == "PC104")
    # `[[ methods : Prototyping ]]` is all of line 12: 1-based columns 1..28, end exclusive.
    assert tag.range == types.Range(
        start=types.Position(line=11, character=0), end=types.Position(line=11, character=27)
    )
    assert tag.severity is types.DiagnosticSeverity.Error
    assert tag.source == "plancheck"
    assert tag.code_description is not None
    assert tag.code_description.href == f"{RULES_URL}#tag-syntax"
    assert tag.data == {"rule": "tag-syntax", "fix": "safe"}
    drift = next(d for d in found if d.code == "PC206")
    assert drift.severity is types.DiagnosticSeverity.Warning
    assert drift.data == {"rule": "heading-drift", "fix": "unsafe"}


@lsp_test
async def test_positions_count_utf16_code_units(client: LanguageClient, tmp_path: Path) -> None:
    # é is one UTF-16 unit, 🌱 (outside the Basic Multilingual Plane) two.
    answer = "Cutting post-harvest tomato losses in Dedza markets"
    words = "Réponse 🌱 déjà vu"
    text = VALID.replace(f"\n{answer}\n", f"\n{words}  \n")
    uri = document(tmp_path)
    found = await open_document(client, uri, text)
    line = text.split("\n").index(f"{words}  ")
    trailing = next(d for d in found if d.code == "PC603")
    assert trailing.range.start == types.Position(line=line, character=utf16(words))
    assert trailing.range.end == types.Position(line=line, character=utf16(words) + 2)
    assert utf16(words) == len(words) + 1

    actions = await actions_at(client, uri, trailing.range, only=["quickfix"])
    fix = next(a for a in actions if a.diagnostics and a.diagnostics[0].code == "PC603")
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply(text, fix.edit.changes[uri])
    assert fixed == VALID.replace(f"\n{answer}\n", f"\n{words}\n")
    after = await change_document(client, uri, 2, fixed)
    assert not [d for d in after if d.code == "PC603"]


@lsp_test
async def test_diagnostics_follow_changes(client: LanguageClient, tmp_path: Path) -> None:
    uri = document(tmp_path)
    await open_document(client, uri, BROKEN)
    mended = BROKEN.replace("[[ methods : Prototyping ]]", "[[methods:Prototyping]]")
    found = await change_document(client, uri, 2, mended)
    assert "PC104" not in [d.code for d in found]
    assert rules_of(found) == expected_rules(mended, str(tmp_path / "plans à jour" / "plan.md"))


@lsp_test
async def test_changes_in_quick_succession_are_checked_once(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    await open_document(client, uri, BROKEN)
    # Registered before the changes are sent, so the first publish after them is caught.
    first = asyncio.wrap_future(client.protocol.wait_for_notification(PUBLISH))
    for version, text in enumerate([BROKEN + "\nmore\n", BROKEN + "\nmore and more\n"], 2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    async with asyncio.timeout(TIMEOUT):
        published = await first
    assert published.uri == uri
    assert published.version == 3  # version 2 was superseded within the debounce window


@lsp_test
async def test_saving_checks_at_once(client: LanguageClient, tmp_path: Path) -> None:
    uri = document(tmp_path)
    await open_document(client, uri, BROKEN)
    mended = BROKEN.replace("[[ methods : Prototyping ]]", "[[methods:Prototyping]]")
    first = asyncio.wrap_future(client.protocol.wait_for_notification(PUBLISH))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=mended)],
        )
    )
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    async with asyncio.timeout(TIMEOUT):
        published = await first
    assert (published.uri, published.version) == (uri, 2)
    assert "PC104" not in [d.code for d in published.diagnostics]
    # The save replaced the pending debounced check: nothing more comes for this text.
    latest = client.diagnostics[uri]
    await asyncio.sleep(0.5)  # longer than the 200 ms debounce
    assert client.diagnostics[uri] is latest


@lsp_test
async def test_closing_a_document_clears_its_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    assert await open_document(client, uri, BROKEN)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await until(lambda: len(client.diagnostics[uri]) == 0)


@lsp_test
async def test_a_broken_configuration_is_shown_and_the_server_goes_on(
    client: LanguageClient, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".plancheck.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    shown = asyncio.wrap_future(client.protocol.wait_for_notification(types.WINDOW_SHOW_MESSAGE))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=(broken / "plan.md").as_uri(), language_id="markdown", version=1, text=BROKEN
            )
        )
    )
    async with asyncio.timeout(TIMEOUT):
        message = await shown
    assert message.type is types.MessageType.Error
    assert ".plancheck.toml" in message.message
    assert (broken / "plan.md").as_uri() not in client.diagnostics
    # Another document is still checked.
    assert await open_document(client, document(tmp_path, "other.md"), BROKEN)


@lsp_test
async def test_saving_a_configuration_file_checks_open_documents_again(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    assert "PC104" in [d.code for d in await open_document(client, uri, BROKEN)]
    config = tmp_path / "plans à jour" / ".plancheck.toml"
    config.parent.mkdir()
    config.write_text('ignore = ["tag-syntax"]\n', encoding="utf-8")
    before = client.diagnostics[uri]
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=config.as_uri())
        )
    )
    await until(lambda: client.diagnostics[uri] is not before)
    assert "PC104" not in [d.code for d in client.diagnostics[uri]]


@lsp_test
async def test_a_failure_is_logged_and_the_server_goes_on(
    client: LanguageClient, tmp_path: Path
) -> None:
    logged = asyncio.wrap_future(client.protocol.wait_for_notification(types.WINDOW_LOG_MESSAGE))
    # A path with a NUL byte cannot be looked up on disk (for its configuration).
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri="file:///tmp/nul%00byte.md", language_id="markdown", version=1, text=BROKEN
            )
        )
    )
    async with asyncio.timeout(TIMEOUT):
        message = await logged
    assert message.type is types.MessageType.Error
    assert "ValueError" in message.message
    assert await open_document(client, document(tmp_path), BROKEN)


# --- code actions --------------------------------------------------------------------------


@lsp_test
async def test_a_quick_fix_makes_its_diagnostic_go_away(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    found = await open_document(client, uri, BROKEN)
    tag = next(d for d in found if d.code == "PC104")
    actions = await actions_at(client, uri, tag.range)
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.diagnostics)
    assert fix.title == "Rewrite as [[methods:Prototyping]]"
    assert fix.is_preferred
    assert fix.diagnostics is not None and fix.diagnostics[0].code == "PC104"
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply(BROKEN, fix.edit.changes[uri])
    assert fixed.split("\n")[11] == "[[methods:Prototyping]]"
    after = await change_document(client, uri, 2, fixed)
    assert "PC104" not in [d.code for d in after]
    assert len(after) == len(found) - 1


@lsp_test
async def test_an_unsafe_fix_is_offered_and_labelled(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    found = await open_document(client, uri, BROKEN)
    drift = next(d for d in found if d.code == "PC206")
    actions = await actions_at(client, uri, drift.range, only=["quickfix"])
    fix = next(a for a in actions if a.diagnostics and a.diagnostics[0].code == "PC206")
    assert fix.title == "Replace with 'Challenge statement' (unsafe)"
    assert not fix.is_preferred
    # Safe fixes elsewhere in the document are not offered at this range, fix-all is not
    # (the drift here is unsafe), and no source action comes back for `only: quickfix`.
    assert [a.title for a in actions] == [fix.title]


@lsp_test
async def test_fix_all_applies_every_safe_fix(client: LanguageClient, tmp_path: Path) -> None:
    uri = document(tmp_path)
    await open_document(client, uri, BROKEN)
    actions = await actions_at(client, uri, whole(BROKEN), only=["source.fixAll"])
    assert [a.kind for a in actions] == [FIX_ALL]
    edit = actions[0].edit
    assert edit is not None and edit.changes is not None
    fixed = apply(BROKEN, edit.changes[uri])
    assert fixed == fix_text(BROKEN, load_schemas()).source
    after = await change_document(client, uri, 2, fixed)
    assert {"PC104", "PC302", "PC401"}.isdisjoint(d.code for d in after)
    assert [d for d in after if d.data["fix"] == "safe"] == []
    assert "PC206" in [d.code for d in after]  # unsafe: left alone
    # Nothing left to fix: no fix-all action.
    assert await actions_at(client, uri, whole(fixed), only=["source.fixAll"]) == []


# --- completion ----------------------------------------------------------------------------


async def complete(
    client: LanguageClient, uri: str, text: str, line: int, character: int | None = None
) -> list[types.CompletionItem]:
    lines = text.split("\n")
    at = types.Position(line=line, character=utf16(lines[line]) if character is None else character)
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at)
    )
    assert isinstance(found, types.CompletionList)
    return sorted(found.items, key=lambda i: i.sort_text or i.label)


def accept(text: str, item: types.CompletionItem) -> str:
    assert isinstance(item.text_edit, types.TextEdit)
    return apply(text, [item.text_edit])


@lsp_test
async def test_completion_offers_vocabulary_terms_after_a_tag_key(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = VALID.replace("[[methods:Prototyping]]", "[[methods:Proto")
    uri = document(tmp_path)
    await open_document(client, uri, text)
    items = await complete(client, uri, text, 11)
    labels = [i.label for i in items]
    methods = load_schemas()["learningplan-design"].vocabulary("methods")
    assert methods is not None
    assert "Prototyping" in labels
    assert set(labels) <= set(methods.index.terms)
    assert "Ethnography" not in labels  # already given on line 11
    chosen = next(i for i in items if i.label == "Prototyping")
    assert accept(text, chosen) == VALID

    # An alias finds its term, and the item says what else the term is written as.
    behavioral = next(i for i in items if i.label == "Behavioral Insights")
    assert "behavioural science" in (behavioral.filter_text or "")


@lsp_test
async def test_completion_of_countries_and_sdgs(client: LanguageClient, tmp_path: Path) -> None:
    text = VALID.replace("[[country:Malawi]]", "[[country:Mal]]")
    uri = document(tmp_path)
    await open_document(client, uri, text)
    line = text.split("\n").index("[[country:Mal]]")
    items = await complete(client, uri, text, line, len("[[country:Mal"))
    countries = [i.label for i in items]
    assert countries == sorted(countries, key=str.casefold)
    malawi = next(i for i in items if i.label == "Malawi")
    assert accept(text, malawi) == VALID  # the existing `]]` is kept, not doubled

    text = VALID.replace("[[sdgs:2. Zero hunger]]", "[[sdgs:")
    uri = document(tmp_path, "sdgs.md")
    await open_document(client, uri, text)
    items = await complete(client, uri, text, text.split("\n").index("[[sdgs:"))
    labels = [i.label for i in items]
    assert "2. Zero hunger" in labels
    assert "12. Responsible consumption and production" not in labels  # given on line 14
    assert len(labels) == 16


@lsp_test
async def test_completion_offers_the_missing_section_headings(
    client: LanguageClient, tmp_path: Path
) -> None:
    lines = VALID.split("\n")
    # Drop `## Partners` and its content (lines 57-93), and start a heading there.
    text = "\n".join([*lines[:56], "## ", *lines[93:]])
    uri = document(tmp_path)
    await open_document(client, uri, text)
    items = await complete(client, uri, text, 56)
    labels = [i.label for i in items]
    assert "Partners" in labels
    assert "Title" not in labels and "Closing" not in labels  # present
    assert "Learning questions" in labels  # repeatable
    partners = next(i for i in items if i.label == "Partners")
    assert accept(text, partners).split("\n")[56] == "## Partners"


@lsp_test
async def test_completion_offers_the_prompts_a_section_lacks_first(
    client: LanguageClient, tmp_path: Path
) -> None:
    lines = VALID.split("\n")
    value = next(i for i, line in enumerate(lines) if line.startswith("> Value proposition"))
    text = "\n".join([*lines[:value], "> ", *lines[value + 3 :]])
    uri = document(tmp_path)
    await open_document(client, uri, text)
    items = await complete(client, uri, text, value)
    assert items[0].label.startswith("Value proposition:")
    assert items[0].detail == "missing prompt of 'Challenge statement'"
    assert all(i.detail and i.detail.startswith("present") for i in items[1:])
    assert accept(text, items[0]).split("\n")[value] == lines[value]


# --- hover ---------------------------------------------------------------------------------


async def hover_at(
    client: LanguageClient, uri: str, line: int, character: int
) -> types.MarkupContent:
    found = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    return found.contents


@lsp_test
async def test_hover_on_a_prompt_shows_its_constraints(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = document(tmp_path)
    await open_document(client, uri, VALID)
    tweet = next(i for i, line in enumerate(VALID.split("\n")) if "tweet" in line)
    shown = await hover_at(client, uri, tweet, 10)
    assert "section *Challenge statement*" in shown.value
    assert "at most 280 characters" in shown.value


@lsp_test
async def test_hover_on_a_tag_shows_its_vocabulary_entry(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = VALID.replace("[[methods:Prototyping]]", "[[methods:behavioural science]]")
    uri = document(tmp_path)
    await open_document(client, uri, text)
    shown = await hover_at(client, uri, 10, 12)  # [[methods:Ethnography]]
    assert "Vocabulary: Innovation methods (`methods`)" in shown.value
    assert "**Ethnography** is a term of the vocabulary." in shown.value
    shown = await hover_at(client, uri, 11, 3)
    assert "`behavioural science` stands for **Behavioral Insights** (a listed alias)" in (
        shown.value
    )


# --- in-process: positions, regions, options, rule links, start-up cost ------------------


@pytest.mark.parametrize(("encoding", "character"), [(UTF16, 4), (UTF8, 7), (UTF32, 3)])
def test_positions_in_each_encoding(encoding: str, character: int) -> None:
    # Column 4 is the "r": after é (1 UTF-16 unit, 2 UTF-8 bytes), 🌱 (2 units, 4 bytes)
    # and the bar.
    lines = ["x", "é🌱|rest"]
    assert to_position(lines, 2, 4, encoding) == types.Position(line=1, character=character)
    assert from_position(lines, types.Position(line=1, character=character), encoding) == (2, 4)


def test_positions_past_the_end_are_clamped() -> None:
    lines = ["abc", ""]
    assert to_position(lines, 3, 1) == types.Position(line=1, character=0)
    assert to_position(lines, 1, 9) == types.Position(line=0, character=3)
    assert from_position(lines, types.Position(line=5, character=0)) == (2, 1)


@pytest.mark.parametrize(
    ("old", "new", "region"),
    [
        ("abc", "abc", (3, 3, "")),
        ("a  \nb", "a\nb", (1, 3, "")),
        ("a\r\nb\r\n", "a\nb\n", (1, 6, "\nb\n")),  # never between \r and \n
        ("x\r\ny", "x\r\nzy", (3, 3, "z")),
    ],
)
def test_changed_region(old: str, new: str, region: tuple[int, int, str]) -> None:
    start, end, text = changed_region(old, new)
    assert (start, end, text) == region
    assert old[:start] + text + old[end:] == new


def test_initialization_options() -> None:
    assert read_options(None)[0].debounce_ms == 300
    assert read_options({"debounceMs": 0}) == (read_options({"debounceMs": 0})[0], None)
    options, problem = read_options({"debounceMs": -1})
    assert options.debounce_ms == 300
    assert problem is not None and "debounceMs" in problem
    assert read_options({"colour": "red"})[1] is not None


def github_anchors(markdown: str) -> list[str]:
    """The anchors GitHub gives a file's headings: lower case, punctuation dropped,
    spaces as hyphens, and -1, -2 ... for repeats."""
    seen: dict[str, int] = {}
    anchors = []
    for heading in re.findall(r"^#+ (.+)$", markdown, flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.append(f"{slug}-{count}" if count else slug)
    return anchors


def test_rule_urls_point_at_the_rules_sections() -> None:
    anchors = github_anchors((ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
    for rule in ALL_RULES:
        url = rule_url(rule)
        assert url.startswith(RULES_URL + "#")
        assert url.split("#")[1] in anchors, rule.name


def test_check_does_not_import_the_language_server(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(VALID, encoding="utf-8")
    code = (
        "import sys; from plancheck.cli import main; "
        f"main(['check', '--quiet', {str(plan)!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip().endswith("[]")


def test_the_command_is_listed_and_documented() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["--help"])
    assert "lsp" in listed.output
    helped = runner.invoke(cli, ["lsp", "--help"])
    assert helped.exit_code == 0
    assert "docs/editors.md" in helped.output


def test_a_document_is_detected_and_aligned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings, the safe fixes' first pass and the features share one context: each
    document (the open one, then each text a fix pass makes) is detected and aligned once."""
    import plancheck.linter
    import plancheck.lsp.analysis
    import plancheck.rules.base
    from plancheck.lsp.analysis import analyse
    from plancheck.options import Resolver
    from plancheck.sources import Options

    # the documents themselves, kept alive so that no two share an id()
    detected: list[object] = []
    aligned: list[object] = []
    real_detect, real_align = plancheck.linter.detect, plancheck.rules.base.align

    def detect(document, *args):  # type: ignore[no-untyped-def]
        detected.append(document)
        return real_detect(document, *args)

    def align(document, *args):  # type: ignore[no-untyped-def]
        aligned.append(document)
        return real_align(document, *args)

    monkeypatch.setattr(plancheck.linter, "detect", detect)
    monkeypatch.setattr(plancheck.lsp.analysis, "detect", detect)
    monkeypatch.setattr(plancheck.rules.base, "align", align)
    analysis = analyse("file:///plan.md", 1, BROKEN, Resolver(Options(isolated=True)))
    assert analysis.diagnostics and analysis.schema is not None and analysis.alignment
    assert analysis.safely_fixed != BROKEN
    assert analysis.section_at(30) is not None
    opened = analysis.document
    assert [d is opened for d in detected].count(True) == 1
    assert [d is opened for d in aligned].count(True) == 1
    # every later pass of the fix is a new text, detected (forced) and aligned once too
    assert len({id(d) for d in detected}) == len(detected) > 1
    assert len({id(d) for d in aligned}) == len(aligned)
