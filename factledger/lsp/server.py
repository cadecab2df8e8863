"""`factledger lsp`: a language server over standard input and output (pygls), a face over the use cases
(:mod:`factledger.api`) as the command line is one: what it says of a file is what `validate` and `check` say
of it, its hover is what `show` and `sources` show, its rename is `rename`'s and its quick fixes are `fix`'s.

The ledger is read once when the editor connects, then kept up to date as files are opened, edited (their
unsaved text), saved, created and deleted; diagnostics are published for every open file after each change
(changes that come while one is being checked are taken together). A request that fails is answered with an
error and logged (standard error, and the client's log); nothing a client sends ends the server but
``exit``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from factledger import __version__
from factledger.api import navigation
from factledger.api.live import LiveLedger, setup
from factledger.api.results import Place
from factledger.lsp import convert
from factledger.problems.errors import DataError, UsageError

log = logging.getLogger("factledger.lsp")
T = TypeVar("T")
REQUEST_FAILED = -32803  # the protocol's code for a request that was valid but could not be done
SETTLE = 0.02  # seconds a change waits for the next one before the ledger is checked (a burst of keys is one)


class LedgerServer(LanguageServer):
    def __init__(self, data: Path | None) -> None:
        super().__init__("factledger", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.data = data
        self.root: Path | None = None  # the editor's folder, where the ledger is looked for
        self.live: LiveLedger | None = None
        self.dirty: set[str] = set()  # open documents changed since the ledger was last checked
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.converted = convert.Converted()  # each problem's diagnostics, as published last
        self.offered: dict[tuple[str, str], str] = {}  # the last completion's documentation, by (kind, label)
        self.waiting: asyncio.Task[None] | None = None
        self.shut_down = False  # the client asked for a shutdown (the exit code says whether it did, before exit)

    # -- the ledger ---------------------------------------------------------------------------------

    def start(self, root: Path | None) -> None:
        try:
            self.live = LiveLedger(setup(root, self.data))
            self.live.start()
        except (UsageError, DataError) as exc:
            self.live = None
            self.say(f"factledger: {exc}; the server answers nothing until this is fixed and the editor restarts it",
                     types.MessageType.Error)

    def path(self, uri: str) -> Path | None:
        """The ledger file an address names, or None (not a ledger file, or no ledger)."""
        found = convert.path_of(uri)
        if found is None or self.live is None:
            return None
        if self.live.belongs(found):
            return found
        data_dir = self.live.setup.data_dir
        try:  # the editor may name it through a link, or the ledger's folder may be one
            inside = found.resolve().relative_to(data_dir.resolve())
        except (OSError, ValueError):
            return None
        return data_dir / inside if self.live.belongs(data_dir / inside) else None

    def changed(self, uri: str) -> None:
        self.dirty.add(uri)
        if self.waiting is None or self.waiting.done():
            self.waiting = asyncio.ensure_future(self._settle())

    async def _settle(self) -> None:
        await asyncio.sleep(SETTLE)
        self.sync()

    def sync(self) -> None:
        """Give the ledger the open documents' texts changed since, check it, publish what changed."""
        live = self.live
        if live is None:
            return
        edited = self.dirty
        self.dirty = set()
        for uri in edited:
            path = self.path(uri)
            if path is not None:
                document = self.workspace.text_documents.get(uri)
                live.edit(path, document.source if document is not None else None)
        if not live.stale and not edited:
            return
        try:
            live.refresh()
        except Exception:  # noqa: BLE001 - a bug in checking must not end the server: said, and logged
            self.failed("checking the ledger")
            return
        self.publish(edited)

    def publish(self, edited: set[str]) -> None:
        live = self.live
        assert live is not None
        positions = self.positions()
        places = functools.partial(navigation.problem_places, live)
        for uri in [u for u in self.workspace.text_documents if self.path(u) is not None]:
            path = self.path(uri)
            assert path is not None
            shown: list[types.Diagnostic] = []
            for problem in live.problems(path):
                shown += self.converted.diagnostics(problem, str(path), positions, places)
            # The same diagnostics are sent again only for a file just edited (its client waits for them).
            if uri in edited or self.published.get(uri) != shown:
                self.published[uri] = shown
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, shown))
        self.converted.turn()

    def fresh(self) -> LiveLedger | None:
        """The ledger with every change the editor sent taken in (what a request must answer from)."""
        if self.dirty or (self.live is not None and self.live.stale):
            self.sync()
        return self.live

    def positions(self) -> convert.Positions:
        live = self.live

        def lines(file: str) -> Sequence[str]:
            document = self.workspace.text_documents.get(convert.uri_of(file))
            text = document.source if document is not None else live.text_of(file) if live is not None else ""
            return navigation.lines(text)

        return convert.Positions(self.workspace.position_codec, lines)

    def say(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_show_message(types.ShowMessageParams(kind, message))

    def failed(self, doing: str) -> str:
        """Log the exception being handled (standard error, and the client's log); the message to answer with."""
        said = f"factledger could not finish {doing}: {traceback.format_exc(limit=-1).strip().splitlines()[-1]}"
        log.error("%s\n%s", said, traceback.format_exc())
        with contextlib.suppress(Exception):  # the client may be gone; standard error has it
            self.window_log_message(types.LogMessageParams(types.MessageType.Error,
                                                           f"{said}\n{traceback.format_exc()}"))
        return said


def answered(doing: str) -> Callable[[Callable[..., T]], Callable[..., T | None]]:
    """A request's handler: a usage error is answered as the request having failed, with its message (an
    editor shows it); anything else as an internal error, logged; neither ends the server."""
    def wrap(handler: Callable[..., T]) -> Callable[..., T | None]:
        @functools.wraps(handler)
        def run(ls: LedgerServer, params: Any) -> T | None:
            try:
                return handler(ls, params)
            except (UsageError, DataError) as exc:
                raise JsonRpcException(str(exc), REQUEST_FAILED) from None
            except JsonRpcException:
                raise
            except Exception:  # noqa: BLE001 - logged, and answered as an error
                raise JsonRpcException(ls.failed(doing), REQUEST_FAILED) from None
        return run
    return wrap


def where(ls: LedgerServer, uri: str, position: types.Position) -> tuple[LiveLedger, Path, int, int] | None:
    """The fresh ledger, the file and the 1-based line and column a request is about (None: no ledger file)."""
    live = ls.fresh()
    path = ls.path(uri)
    if live is None or path is None:
        return None
    line, column = ls.positions().place(str(path), position)
    return live, path, line, column


def places(ls: LedgerServer, found: list[Place]) -> list[types.Location]:
    positions = ls.positions()
    return [positions.location(p) for p in found]


def serve(data: Path | None) -> None:
    """Serve the ledger (``data``: as the command line gives it; None: from the editor's folder) until the
    client says exit."""
    from factledger.lsp.features import registered

    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    server = registered(LedgerServer(data))
    server.start_io()
    # As the protocol says: 0 after a shutdown request, 1 when told to exit (or left) without one.
    raise SystemExit(0 if server.shut_down else 1)
