"""What the language server answers, each a few lines over a use case: the document's life (open, change,
save, close, files created and deleted), completion, hover, definition, references, symbols, rename and
code actions."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from factledger.api import actions, completion, hovering, navigation
from factledger.lsp import convert
from factledger.lsp.server import LedgerServer, answered, places, where
from factledger.problems.errors import UsageError
from factledger.render.editor import hover_markdown

TRIGGERS = [":", " ", "[", ",", "{", "-"]


def registered(ls: LedgerServer) -> LedgerServer:
    """``ls`` with every feature registered."""
    _life(ls)
    _reading(ls)
    _writing(ls)
    return ls


def _root(params: types.InitializeParams) -> Path | None:
    folders = params.workspace_folders or []
    uri = folders[0].uri if folders else params.root_uri
    if uri:
        return convert.path_of(uri)
    return Path(params.root_path) if params.root_path else None


def _life(ls: LedgerServer) -> None:
    @ls.feature(types.INITIALIZE)
    def initialize(server: LedgerServer, params: types.InitializeParams) -> None:
        server.root = _root(params)

    @ls.feature(types.INITIALIZED)
    def initialized(server: LedgerServer, params: types.InitializedParams) -> None:
        server.start(server.root)
        watchers = [types.FileSystemWatcher(glob_pattern=p) for p in ("**/*.yaml", "**/*.yml", "**/*.YAML")]
        dynamic = server.client_capabilities.workspace
        if dynamic and dynamic.did_change_watched_files and dynamic.did_change_watched_files.dynamic_registration:
            server.client_register_capability(types.RegistrationParams([types.Registration(
                "factledger-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                types.DidChangeWatchedFilesRegistrationOptions(watchers))]))

    @ls.feature(types.SHUTDOWN)
    def shutdown(server: LedgerServer, params: None) -> None:
        server.shut_down = True

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(server: LedgerServer, params: types.DidOpenTextDocumentParams) -> None:
        server.changed(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(server: LedgerServer, params: types.DidChangeTextDocumentParams) -> None:
        server.changed(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(server: LedgerServer, params: types.DidSaveTextDocumentParams) -> None:
        server.changed(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(server: LedgerServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.changed(uri)
        if uri in server.published:  # what is said of a closed file is no longer kept up to date: cleared
            del server.published[uri]
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(server: LedgerServer, params: types.DidChangeWatchedFilesParams) -> None:
        live = server.live
        if live is None:
            return
        paths = [p for p in (server.path(c.uri) or convert.path_of(c.uri) for c in params.changes) if p is not None]
        listed = any(c.type != types.FileChangeType.Changed for c in params.changes)
        live.on_disk(paths, listed=listed)
        server.changed("")


def _reading(ls: LedgerServer) -> None:
    @ls.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS,
                                                                        resolve_provider=True))
    @answered("a completion")
    def complete(server: LedgerServer, params: types.CompletionParams) -> types.CompletionList | None:
        found = where(server, params.text_document.uri, params.position)
        if found is None:
            return None
        offers = completion.complete(*found)
        positions = server.positions()
        # The list goes without each item's documentation (two hundred sources' names and grades in every
        # answer, as a person types): the editor asks for the one it shows (completionItem/resolve).
        server.offered = {(o.kind, o.label): o.documentation for o in offers.items if o.documentation}
        return types.CompletionList(offers.incomplete, convert.completions(offers.items, positions))

    @ls.feature(types.COMPLETION_ITEM_RESOLVE)
    @answered("a completion's documentation")
    def resolve(server: LedgerServer, item: types.CompletionItem) -> types.CompletionItem:
        return convert.documented(item, server.offered.get((convert.offer_kind(item), item.label)))

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    @answered("a hover")
    def hover(server: LedgerServer, params: types.HoverParams) -> types.Hover | None:
        found = where(server, params.text_document.uri, params.position)
        if found is None:
            return None
        hovered = hovering.hover(*found)
        text = hover_markdown(hovered)
        if not text:
            return None
        shown = server.positions().range(hovered.place) if hovered.place is not None else None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), shown)

    @ls.feature(types.TEXT_DOCUMENT_DEFINITION)
    @answered("a definition")
    def definition(server: LedgerServer, params: types.DefinitionParams) -> list[types.Location] | None:
        found = where(server, params.text_document.uri, params.position)
        target = navigation.target_at(*found) if found is not None else None
        return places(server, navigation.defined_at(found[0], target)) if found and target else None

    @ls.feature(types.TEXT_DOCUMENT_REFERENCES)
    @answered("finding references")
    def references(server: LedgerServer, params: types.ReferenceParams) -> list[types.Location] | None:
        found = where(server, params.text_document.uri, params.position)
        target = navigation.target_at(*found) if found is not None else None
        if found is None or target is None:
            return None
        return places(server, navigation.used_at(found[0], target, params.context.include_declaration))

    @ls.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @answered("an outline")
    def outline(server: LedgerServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        live, path = server.fresh(), server.path(params.text_document.uri)
        if live is None or path is None:
            return None
        positions = server.positions()
        return [convert.symbol(s, positions) for s in navigation.outline(live, path)]

    @ls.feature(types.WORKSPACE_SYMBOL)
    @answered("a search for ids")
    def symbols(server: LedgerServer, params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol] | None:
        live = server.fresh()
        if live is None:
            return None
        positions = server.positions()
        return [convert.workspace_symbol(s, positions) for s in navigation.search(live, params.query)]


def _writing(ls: LedgerServer) -> None:
    @ls.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @answered("preparing a rename")
    def prepare_rename(server: LedgerServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = where(server, params.text_document.uri, params.position)
        if found is None:
            raise UsageError("this file is not one of the ledger's")
        return server.positions().range(actions.renamable(*found))

    @ls.feature(types.TEXT_DOCUMENT_RENAME)
    @answered("a rename")
    def rename(server: LedgerServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = where(server, params.text_document.uri, params.position)
        if found is None:
            raise UsageError("this file is not one of the ledger's")
        return convert.workspace_edit(actions.rename(*found, params.new_name), {}, server.positions())

    @ls.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @answered("code actions")
    def code_actions(server: LedgerServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        live, path = server.fresh(), server.path(params.text_document.uri)
        if live is None or path is None:
            return None
        positions = server.positions()
        found = actions.actions(live, path, params.range.start.line + 1, params.range.end.line + 1)
        made = []
        for action in found:
            fixed = [d for p in action.problems
                     for d in convert.diagnostic(p, navigation.problem_places(live, p), str(path), positions)]
            made.append(types.CodeAction(action.title, kind=types.CodeActionKind.QuickFix, diagnostics=fixed or None,
                                         is_preferred=action.preferred or None,
                                         edit=convert.workspace_edit(action.edits, action.created, positions)))
        return made
