"""The language server: pygls wiring, the per-document state, and debouncing.

Diagnostics are published when a document is opened or saved, and after a pause in
typing (``debounceMs``, 300 ms unless the client's ``initializationOptions`` say
otherwise). A configuration or schema problem is shown to the user once; any other
failure while checking is logged, and the last diagnostics published stay: the server
never dies of a document.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from plancheck import __version__
from plancheck.errors import ConfigError, SchemaError, SelectorError, UnknownSchema
from plancheck.lsp import actions, completion, hover
from plancheck.lsp.analysis import Analysis, analyse
from plancheck.lsp.diagnostics import to_lsp
from plancheck.lsp.positions import UTF16, from_position
from plancheck.options import Resolver
from plancheck.sources import Options

log = logging.getLogger("plancheck.lsp")

CONFIG_FILES = frozenset({"pyproject.toml", ".plancheck.toml"})
# What the user can act on: shown in the editor, not only logged.
USER_ERRORS = (ConfigError, SchemaError, SelectorError, UnknownSchema)

T = TypeVar("T")
P = TypeVar("P")


def _handler(method: Callable[[P], T]) -> Callable[[P], T]:
    """A plain function calling ``method``: pygls marks its handlers with attributes,
    which a bound method cannot take."""

    def handle(params: P) -> T:
        return method(params)

    return handle


class InitializationOptions(BaseModel):
    """What a client may pass as ``initializationOptions``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    debounce_ms: float = Field(
        300,
        ge=0,
        le=10_000,
        alias="debounceMs",
        description="How long to wait after the last change before checking again.",
    )


def read_options(raw: object) -> tuple[InitializationOptions, str | None]:
    """The client's options, or the defaults and the reason they were refused."""
    if raw is None:
        return InitializationOptions(), None
    try:
        return InitializationOptions.model_validate(raw), None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "initializationOptions"
        return InitializationOptions(), f"initializationOptions: {where}: {first['msg']}"


class Plancheck:
    """The state of one session: the open documents' analyses and pending checks."""

    def __init__(self) -> None:
        self.ls = LanguageServer(
            "plancheck",
            __version__,
            # Whole-text sync: plan documents are small, and pygls applies incremental
            # changes on str.splitlines() lines, which break where LSP lines do not.
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
        )
        self.options = InitializationOptions()
        self.resolver = Resolver(Options())
        self._analyses: dict[str, Analysis] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._shown: set[str] = set()
        self._register()

    def _register(self) -> None:
        feature = self.ls.feature
        feature(types.INITIALIZE)(_handler(self.initialize))
        feature(types.TEXT_DOCUMENT_DID_OPEN)(_handler(self.did_open))
        feature(types.TEXT_DOCUMENT_DID_CHANGE)(_handler(self.did_change))
        feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))(
            _handler(self.did_save)
        )
        feature(types.TEXT_DOCUMENT_DID_CLOSE)(_handler(self.did_close))
        feature(
            types.TEXT_DOCUMENT_CODE_ACTION,
            types.CodeActionOptions(code_action_kinds=list(actions.KINDS)),
        )(_handler(self.code_action))
        feature(
            types.TEXT_DOCUMENT_COMPLETION,
            types.CompletionOptions(trigger_characters=completion.TRIGGERS),
        )(_handler(self.completion))
        feature(types.TEXT_DOCUMENT_HOVER)(_handler(self.hover))

    # --- state -------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        """The position encoding agreed at initialization."""
        kind = self.ls.workspace.position_encoding
        return str(getattr(kind, "value", kind) or UTF16)

    def opened(self, uri: str) -> TextDocument | None:
        """The open document ``uri`` names (pygls keys them by the percent-decoded URI)."""
        found: TextDocument | None = self.ls.workspace.text_documents.get(unquote(uri))
        return found

    def current(self, uri: str) -> Analysis | None:
        """The analysis of the open document's current text (None when it is not open)."""
        document = self.opened(uri)
        if document is None:
            return None
        cached = self._analyses.get(uri)
        fresh = cached is not None and cached.version == document.version
        if cached is not None and fresh and cached.text == document.source:
            return cached
        analysis = analyse(uri, document.version, document.source, self.resolver)
        self._analyses[uri] = analysis
        return analysis

    def safely(self, what: str, work: Callable[[], T]) -> T | None:
        """Run ``work``; on failure say so (once, in the editor, for a configuration or
        schema problem; in the log for anything else) and return None."""
        try:
            return work()
        except USER_ERRORS as exc:
            message = f"plancheck: {exc}"
            log.warning("%s: %s", what, message)
            if message not in self._shown:
                self._shown.add(message)
                self.ls.window_show_message(
                    types.ShowMessageParams(type=types.MessageType.Error, message=message)
                )
        except Exception as exc:
            log.exception("%s failed", what)
            self.ls.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error,
                    message=f"plancheck: {what} failed: {type(exc).__name__}: {exc}",
                )
            )
        return None

    def publish(self, uri: str) -> None:
        """Check the document now and publish; on failure, the last diagnostics stay."""
        self._cancel(uri)
        analysis = self.safely(f"checking {uri}", lambda: self.current(uri))
        if analysis is None:
            return
        found = self.safely(f"checking {uri}", lambda: analysis.diagnostics)
        if found is None:
            return
        lines, encoding = analysis.lines, self.encoding
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=analysis.version,
                diagnostics=[to_lsp(d, lines, encoding) for d in found],
            )
        )

    def schedule(self, uri: str) -> None:
        """Publish after a pause: each change restarts the wait."""
        self._cancel(uri)
        self._pending[uri] = asyncio.get_running_loop().create_task(self._later(uri))

    async def _later(self, uri: str) -> None:
        await asyncio.sleep(self.options.debounce_ms / 1000)
        self._pending.pop(uri, None)
        self.publish(uri)

    def _cancel(self, uri: str) -> None:
        task = self._pending.pop(uri, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    def reload(self) -> None:
        """Forget the configuration read so far (a configuration file was saved)."""
        self.resolver = Resolver(Options())
        self._analyses.clear()
        self._shown.clear()
        for document in list(self.ls.workspace.text_documents.values()):
            self.publish(document.uri)

    # --- notifications -------------------------------------------------------------------

    def initialize(self, params: types.InitializeParams) -> None:
        self.options, problem = read_options(params.initialization_options)
        if problem:
            log.warning("%s; using the defaults", problem)

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self.publish(params.text_document.uri)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        self.schedule(params.text_document.uri)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if PurePath(uri).name in CONFIG_FILES:
            self.reload()
        elif self.opened(uri) is not None:
            self.publish(uri)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self._cancel(uri)
        self._analyses.pop(uri, None)
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    # --- requests ------------------------------------------------------------------------

    def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        analysis = self.safely(f"checking {uri}", lambda: self.current(uri))
        if analysis is None:
            return None
        return self.safely(
            f"code actions for {uri}",
            lambda: actions.code_actions(
                analysis, params.range, params.context.only, self.encoding
            ),
        )

    def completion(self, params: types.CompletionParams) -> types.CompletionList | None:
        uri = params.text_document.uri
        analysis = self.safely(f"reading {uri}", lambda: self.current(uri))
        if analysis is None:
            return None
        line, column = from_position(analysis.lines, params.position, self.encoding)
        items = self.safely(
            f"completion in {uri}",
            lambda: completion.complete(analysis, line, column, self.encoding),
        )
        return types.CompletionList(is_incomplete=False, items=items or [])

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        analysis = self.safely(f"reading {uri}", lambda: self.current(uri))
        if analysis is None:
            return None
        line, column = from_position(analysis.lines, params.position, self.encoding)
        return self.safely(
            f"hover in {uri}", lambda: hover.hover(analysis, line, column, self.encoding)
        )


def serve() -> None:
    """Serve one client over standard input and output until it says exit."""
    Plancheck().ls.start_io()
