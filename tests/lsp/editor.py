"""An editor's side of the conversation, for tests/test_lsp.py: positions counted in
UTF-16 code units, applying the server's edits, waiting for what it publishes."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence

from lsprotocol import types
from pytest_lsp import LanguageClient

TIMEOUT = 10.0  # seconds; a publish normally arrives in milliseconds (or after the debounce)

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def offset(text: str, position: types.Position) -> int:
    """The index into ``text`` of an LSP position counted in UTF-16 code units."""
    starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
    index = starts[position.line]
    units = 0
    while units < position.character:
        units += len(text[index].encode("utf-16-le")) // 2
        index += 1
    return index


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    spans = sorted(
        ((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(TIMEOUT):
        while not condition():
            await asyncio.sleep(0.01)


async def open_document(client: LanguageClient, uri: str, text: str) -> list[types.Diagnostic]:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    await until(lambda: uri in client.diagnostics)
    return list(client.diagnostics[uri])


async def change_document(
    client: LanguageClient, uri: str, version: int, text: str
) -> list[types.Diagnostic]:
    """Send the whole new text and wait for the diagnostics published for it."""
    before = client.diagnostics.get(uri)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await until(lambda: client.diagnostics.get(uri) is not before)
    return list(client.diagnostics[uri])


def whole(text: str) -> types.Range:
    lines = LINE_BREAK.split(text)
    return types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=len(lines) - 1, character=utf16(lines[-1])),
    )


async def actions_at(
    client: LanguageClient,
    uri: str,
    where: types.Range,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=where,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    assert found is not None
    return [a for a in found if isinstance(a, types.CodeAction)]
