"""`factledger lsp` end to end: a real client (pytest-lsp) talking to the server process over stdio, on a copy
of tests/fixtures/lsp. Each test opens what it needs and closes it after (the server is shared: it starts once)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from support import FIXTURES

pytestmark = pytest.mark.asyncio(loop_scope="module")
WAIT = 120  # seconds before a test gives up waiting for the server (never reached unless it is broken)


def server_config(**env: str) -> ClientServerConfig:
    return ClientServerConfig(server_command=[sys.executable, "-m", "factledger", "lsp"],
                              server_env={**os.environ, "FACTLEDGER_NO_CACHE": "1", **env})


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("editor") / "project"
    shutil.copytree(FIXTURES / "lsp", folder)
    return folder


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(root: Path) -> AsyncIterator[LanguageClient]:
    started = await server_config().start()
    assert isinstance(started, LanguageClient)
    started.registrations = []  # type: ignore[attr-defined]

    @started.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # as an editor does: it watches the files asked for
        started.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    await started.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), "project")]))
    yield started
    await started.shutdown_session()
    await started.stop()


def uri(root: Path, name: str) -> str:
    return (root / "data" / name).as_uri()


def text(root: Path, name: str) -> str:
    return (root / "data" / name).read_text(encoding="utf-8")


Check = Callable[[Sequence[types.Diagnostic]], bool]


async def published(client: LanguageClient, address: str, check: Check = lambda found: True
                    ) -> Sequence[types.Diagnostic]:
    """The diagnostics published for ``address`` (since they were last popped from the client's) that pass
    ``check``: those already received, or the next."""
    async def wait() -> Sequence[types.Diagnostic]:
        while True:
            found = client.diagnostics.get(address)
            if found is not None and check(found):
                return found
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return await asyncio.wait_for(wait(), WAIT)


def codes(found: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in found)


class Document:
    """An open document, edited by replacing its whole text."""

    def __init__(self, client: LanguageClient, address: str, content: str) -> None:
        self.client, self.uri, self.content, self.version = client, address, content, 1

    async def change(self, content: str, check: Check = lambda found: True) -> Sequence[types.Diagnostic]:
        self.version += 1
        self.content = content
        self.client.diagnostics.pop(self.uri, None)
        end = types.Position(len(content.splitlines()) + 1, 0)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(self.version, self.uri),
            [types.TextDocumentContentChangePartial(types.Range(types.Position(0, 0), end), content)]))
        return await published(self.client, self.uri, check)

    def at(self, line: int, column: int) -> dict[str, Any]:
        return {"text_document": types.TextDocumentIdentifier(self.uri), "position": types.Position(line, column)}

    def find(self, needle: str, after: int = 0) -> types.Position:
        """The position of ``needle`` (plus ``after`` characters) in the document."""
        for number, line in enumerate(self.content.splitlines()):
            if needle in line:
                return types.Position(number, line.index(needle) + after)
        raise AssertionError(f"{needle!r} is not in the document")


@asynccontextmanager
async def opened(client: LanguageClient, root: Path, name: str, content: str | None = None,
                 check: Check = lambda found: True) -> AsyncIterator[Document]:
    address = uri(root, name)
    content = text(root, name) if content is None else content
    client.diagnostics.pop(address, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(address, "yaml", 1, content)))
    document = Document(client, address, content)
    await published(client, address, check)
    try:
        yield document
    finally:
        client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(address)))


def applied(content: str, edits: Sequence[types.TextEdit]) -> str:
    """``content`` with ``edits`` made (positions in UTF-16 units, as the client asked for them)."""
    lines = content.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character if position.line < len(lines) else len(content)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        content = content[:offset(edit.range.start)] + edit.new_text + content[offset(edit.range.end):]
    return content


def factledger(*args: str) -> Any:
    import subprocess

    done = subprocess.run([sys.executable, "-m", "factledger", *args], capture_output=True, text=True, timeout=WAIT)
    return done


# -- diagnostics as you type ------------------------------------------------------------------------------

async def test_a_mistyped_source_is_reported_as_it_is_typed_with_its_code_linked(client: LanguageClient,
                                                                                 root: Path) -> None:
    async with opened(client, root, "claims/troops.yaml", check=lambda found: "FL501" in codes(found)) as doc:
        found = await doc.change(doc.content.replace("source: NIS", "source: NIZ"), lambda f: "FL202" in codes(f))
        mistyped = next(d for d in found if d.code == "FL202")
        assert "NIZ" in mistyped.message and "did you mean 'NIS'" in mistyped.message
        assert mistyped.range.start == doc.find("NIZ") and mistyped.range.end == doc.find("NIZ", 3)
        assert mistyped.severity == types.DiagnosticSeverity.Error and mistyped.source == "factledger"
        assert mistyped.code_description is not None
        assert mistyped.code_description.href.endswith("docs/diagnostics.md#fl202-unknown-source")
        # As `check FILE`: a file with an error is not cross-checked, so its conflict is not said meanwhile.
        assert "FL501" not in codes(found)
        fixed = await doc.change(doc.content.replace("source: NIZ", "source: NIS"), lambda f: "FL202" not in codes(f))
        assert codes(fixed) == ["FL501", "FL501", "FL502", "FL513"]  # the conflict at both claims, and the links


async def test_findings_are_told_at_their_claims_with_the_other_side_related(client: LanguageClient,
                                                                            root: Path) -> None:
    async with opened(client, root, "claims/troops.yaml", check=lambda found: "FL501" in codes(found)) as doc:
        conflict = [d for d in client.diagnostics[doc.uri] if d.code == "FL501"]
        lines = {doc.find("id: nis-troops").line, doc.find("id: ua-troops").line}
        assert {d.range.start.line for d in conflict} == lines
        assert all(d.related_information and len(d.related_information) == 1 for d in conflict)
        assert "do not overlap" in conflict[0].message
    async with opened(client, root, "claims/denials.yaml") as doc:
        # The dispute, a finding about a claim here; as `check FILE`, without the informational ones `--all` adds.
        assert codes(client.diagnostics[doc.uri]) == ["FL502"]


async def test_an_edit_introduces_then_removes_a_cross_file_error(client: LanguageClient, root: Path) -> None:
    async with opened(client, root, "sources.yaml") as sources, \
            opened(client, root, "claims/denials.yaml", check=lambda found: "FL202" not in codes(found)) as denials:
        # Renaming the source where it is defined, by hand: the other open file now cites an unknown source.
        client.diagnostics.pop(denials.uri, None)
        await sources.change(sources.content.replace("id: KCNA", "id: KCNA-news"))
        broken = await published(client, denials.uri, lambda found: "FL202" in codes(found))
        assert [d.range.start for d in broken if d.code == "FL202"] == [denials.find("KCNA")]
        client.diagnostics.pop(denials.uri, None)
        await sources.change(sources.content.replace("id: KCNA-news", "id: KCNA"))
        await published(client, denials.uri, lambda found: "FL202" not in codes(found))
        # A claim that another file disputes is renamed in the editor: the dispute names nothing now.
        async with opened(client, root, "claims/troops.yaml") as troops:
            client.diagnostics.pop(denials.uri, None)
            await troops.change(troops.content.replace("id: nis-troops", "id: nis-troops-sent"))
            gone = await published(client, denials.uri, lambda found: "FL204" in codes(found))
            assert "'nis-troops' is not a defined claim" in next(d.message for d in gone if d.code == "FL204")
            client.diagnostics.pop(denials.uri, None)
            await troops.change(troops.content.replace("id: nis-troops-sent", "id: nis-troops"))
            await published(client, denials.uri, lambda found: "FL204" not in codes(found))


async def test_broken_yaml_is_its_fl001_and_everything_else_keeps_working(client: LanguageClient,
                                                                          root: Path) -> None:
    async with opened(client, root, "claims/more.yaml") as more, opened(client, root, "claims/denials.yaml") as other:
        broken = await more.change(more.content.replace("supports: [nis-troops]", "supports: [nis-troops"),
                                   lambda found: "FL001" in codes(found))
        assert codes(broken) == ["FL001"]
        hover = await client.text_document_hover_async(types.HoverParams(
            **other.at(*_at(other.find("source: KCNA", 9)))))
        assert hover is not None and "Korean Central News Agency" in hover.contents.value  # type: ignore[union-attr]
        offered = await client.text_document_completion_async(types.CompletionParams(
            **other.at(*_at(other.find("source: KCNA", 8)))))
        assert offered is not None and "NIS" in {i.label for i in _items(offered)}
        await more.change(more.content.replace("supports: [nis-troops", "supports: [nis-troops]"),
                          lambda found: "FL001" not in codes(found))


def _at(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def _items(found: types.CompletionList | Sequence[types.CompletionItem]) -> list[types.CompletionItem]:
    return list(found.items) if isinstance(found, types.CompletionList) else list(found)


# -- completion -------------------------------------------------------------------------------------------

async def _offered(client: LanguageClient, doc: Document, line: int, column: int) -> dict[str, types.CompletionItem]:
    """The items offered, each with its documentation as the editor asks for it when it shows the item."""
    found = await client.text_document_completion_async(types.CompletionParams(**doc.at(line, column)))
    assert found is not None
    assert not any(item.documentation for item in _items(found))  # each item's is asked for (resolve)
    return {item.label: await client.completion_item_resolve_async(item) for item in _items(found)}


async def test_completion_of_fields_values_and_ids_each_with_what_to_choose_by(client: LanguageClient,
                                                                            root: Path) -> None:
    async with opened(client, root, "claims/denials.yaml") as doc:
        # A new field of a claim: those it does not have yet, with their help.
        await doc.change(doc.content.replace("    disputes: [nis-troops]\n", "    disputes: [nis-troops]\n    \n"))
        fields = await _offered(client, doc, doc.find("disputes").line + 1, 4)
        assert {"subject", "property", "value", "status", "supersedes"} <= set(fields)
        assert not {"statement", "sources", "disputes", "id"} & set(fields)  # already there
        assert fields["qualifiers"].documentation is not None
        # Values by position: statuses, the sources of the ledger, claims, documents, units, tags, subjects.
        await doc.change(doc.content.replace("    \n", "    status: \n", 1))
        statuses = await _offered(client, doc, doc.find("status: ").line, 12)
        assert set(statuses) == {"reported", "confirmed", "disputed", "denied", "retracted"}
        sources = await _offered(client, doc, *_at(doc.find("source: KCNA", 8)))
        assert {"NIS", "KCNA", "UA-intel", "relay"} == set(sources)
        nis = sources["NIS"]
        assert nis.detail == "National Intelligence Service"
        assert "reliability B" in nis.documentation.value  # type: ignore[union-attr]
        assert nis.text_edit is not None and nis.text_edit.range.start == doc.find("KCNA")  # type: ignore[union-attr]
        claims = await _offered(client, doc, *_at(doc.find("disputes: [nis-troops", 11)))
        assert {"nis-troops", "ua-troops", "nis-planned"} <= set(claims)
        assert "1,500 soldiers" in claims["nis-troops"].documentation.value  # type: ignore[union-attr]
        assert set(await _offered(client, doc, *_at(doc.find("document: report", 10)))) == {"report"}
        assert "soldiers" in await _offered(client, doc, *_at(doc.find("unit: shells", 6)))
        assert "munitions" in await _offered(client, doc, *_at(doc.find("tags: [munitions", 7)))
        assert "north-korea" in await _offered(client, doc, *_at(doc.find("subject: north-korea", 9)))


# -- navigation -------------------------------------------------------------------------------------------

async def test_definition_and_references_across_files(client: LanguageClient, root: Path) -> None:
    async with opened(client, root, "claims/more.yaml") as doc:
        where = await client.text_document_definition_async(types.DefinitionParams(
            **doc.at(*_at(doc.find("source: NIS", 9)))))
        assert isinstance(where, list) and len(where) == 1
        assert where[0].uri == uri(root, "sources.yaml") and where[0].range.start == types.Position(1, 8)
        claim = await client.text_document_definition_async(types.DefinitionParams(
            **doc.at(*_at(doc.find("supports: [nis-troops", 12)))))
        assert isinstance(claim, list) and claim[0].uri == uri(root, "claims/troops.yaml")
        used = await client.text_document_references_async(types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=True), **doc.at(*_at(doc.find("source: NIS", 9)))))
        assert used is not None
        assert sorted((Path(u.uri).name, u.range.start.line) for u in used) == [
            ("denials.yaml", 14), ("more.yaml", 4), ("scales.yaml", 3), ("sources.yaml", 1), ("troops.yaml", 8)]


async def test_outline_and_any_id_by_name(client: LanguageClient, root: Path) -> None:
    async with opened(client, root, "sources.yaml") as doc:
        outline = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
            types.TextDocumentIdentifier(doc.uri)))
        assert outline is not None
        assert [s.name for s in outline] == ["NIS", "KCNA", "UA-intel", "relay", "report"]  # type: ignore[union-attr]
        assert outline[0].detail == "National Intelligence Service"  # type: ignore[union-attr]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="troops"))
    assert found is not None
    assert {s.name for s in found} >= {"nis-troops", "ua-troops"}


# -- hover: the numbers are the command line's -------------------------------------------------------------

async def test_hover_on_a_claim_says_what_show_says(client: LanguageClient, root: Path) -> None:
    data = root / "data"
    shown = json.loads(factledger("show", "nis-troops", "--format", "json", "--data", str(data)).stdout)
    async with opened(client, root, "claims/more.yaml") as doc:
        hovered = await client.text_document_hover_async(types.HoverParams(**doc.at(*_at(doc.find("[nis-troops", 3)))))
    assert hovered is not None
    said = hovered.contents.value  # type: ignore[union-attr]
    assert shown["statement"] in said and "≈1,500 soldiers" in said and shown["date"] in said
    for citation in shown["sources"]:
        assert f"`{citation['source']}` {citation['source_name']}" in said
        assert f"reliability {citation['reliability']}" in said
    assert f"independent origins: {shown['independent_origins']}" in said
    assert [f["code"] for f in shown["findings"]] == [line.split("**")[1] for line in said.splitlines()
                                                      if line.startswith("- **FL")]
    assert all(f["kind"] in said for f in shown["findings"])
    assert shown["camp"] and shown["camp"] in said


async def test_hover_on_a_source_counts_what_sources_counts(client: LanguageClient, root: Path) -> None:
    listed = json.loads(factledger("sources", "--format", "json", "--data", str(root / "data")).stdout)
    nis = next(s for s in listed if s["id"] == "NIS")
    relay = next(s for s in listed if s["id"] == "relay")
    async with opened(client, root, "claims/troops.yaml") as doc:
        said = await client.text_document_hover_async(types.HoverParams(**doc.at(*_at(doc.find("source: NIS", 9)))))
        relayed = await client.text_document_hover_async(types.HoverParams(**doc.at(*_at(doc.find("[relay", 2)))))
    assert said is not None and relayed is not None
    assert f"originates {nis['claims']} claims, relays {nis['relayed']} claims" in said.contents.value  # type: ignore
    assert "reliability B" in said.contents.value  # type: ignore[union-attr]
    assert (nis["claims"], relay["relayed"]) == (3, 1)
    assert f"originates {relay['claims']} claims, relays {relay['relayed']} claim" in relayed.contents.value  # type: ignore


async def test_hover_on_a_problem_explains_its_code(client: LanguageClient, root: Path) -> None:
    async with opened(client, root, "claims/more.yaml") as doc:
        await doc.change(doc.content.replace("{source: NIS}", "{source: NIZ}"), lambda f: "FL202" in codes(f))
        said = await client.text_document_hover_async(types.HoverParams(**doc.at(*_at(doc.find("NIZ", 1)))))
        assert said is not None
        value = said.contents.value  # type: ignore[union-attr]
        assert "**FL202** unknown-source (error)" in value and "Reference to a source that does not exist" in value
        assert "docs/diagnostics.md#fl202-unknown-source" in value
        code = await client.text_document_hover_async(types.HoverParams(**doc.at(*_at(doc.find("FL504", 2)))))
        assert code is not None and "**FL504** uncorroborated" in code.contents.value  # type: ignore[union-attr]


# -- rename and quick fixes: the edit engine's edits ---------------------------------------------------------

def _edited(root: Path, edit: types.WorkspaceEdit, opened_texts: dict[str, str] | None = None) -> dict[str, str]:
    """Each file the edit changes or creates, with its text after it (as the editor holds it, else on disk)."""
    texts: dict[str, str] = {}
    changes = dict(edit.changes or {})
    for operation in edit.document_changes or []:
        if isinstance(operation, types.TextDocumentEdit):
            changes.setdefault(operation.text_document.uri, []).extend(
                e for e in operation.edits if isinstance(e, types.TextEdit))
    for address, edits in changes.items():
        path = Path(address.removeprefix("file://"))
        before = (opened_texts or {}).get(address) or (path.read_text(encoding="utf-8") if path.exists() else "")
        texts[str(path.relative_to(root / "data"))] = applied(before, edits)
    return texts


def _saved_copy(root: Path, texts: dict[str, str], folder: Path) -> Path:
    shutil.copytree(root / "data", folder)
    for name, content in texts.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


async def test_rename_across_three_files_is_the_rename_command(client: LanguageClient, root: Path,
                                                              tmp_path: Path) -> None:
    async with opened(client, root, "claims/more.yaml") as doc:
        place = doc.find("source: NIS", 9)
        ready = await client.text_document_prepare_rename_async(types.PrepareRenameParams(**doc.at(*_at(place))))
        assert isinstance(ready, types.Range) and ready.start == doc.find("NIS") and ready.end == doc.find("NIS", 3)
        edit = await client.text_document_rename_async(types.RenameParams(new_name="KR-NIS", **doc.at(*_at(place))))
    assert edit is not None
    texts = _edited(root, edit)
    assert sorted(texts) == ["claims/denials.yaml", "claims/more.yaml", "claims/troops.yaml", "scales.yaml",
                             "sources.yaml"]
    assert texts["scales.yaml"].endswith("publishers: [KR-NIS]\n")  # a rating scale's publishers are references
    # The same bytes as `factledger rename` writes.
    cli = _saved_copy(root, {}, tmp_path / "cli")
    done = factledger("rename", "NIS", "KR-NIS", "--data", str(cli))
    assert done.returncode == 0, done.stderr
    for name, content in texts.items():
        assert content == (cli / name).read_text(encoding="utf-8"), name


async def test_a_rename_that_would_collide_is_refused_with_the_reason(client: LanguageClient, root: Path) -> None:
    from pygls.exceptions import JsonRpcException

    async with opened(client, root, "claims/more.yaml") as doc:
        with pytest.raises(JsonRpcException, match="a source 'KCNA' already exists"):
            await client.text_document_rename_async(types.RenameParams(
                new_name="KCNA", **doc.at(*_at(doc.find("source: NIS", 9)))))
        with pytest.raises(JsonRpcException, match="there is no id here to rename"):
            await client.text_document_prepare_rename_async(types.PrepareRenameParams(
                **doc.at(*_at(doc.find("statement:", 3)))))


async def _actions(client: LanguageClient, doc: Document, line: int) -> dict[str, types.CodeAction]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(doc.uri), types.Range(types.Position(line, 0), types.Position(line, 80)),
        types.CodeActionContext(list(client.diagnostics.get(doc.uri, [])))))
    assert found is not None
    return {a.title: a for a in found if isinstance(a, types.CodeAction)}


async def test_quick_fixes_are_the_fix_commands(client: LanguageClient, root: Path) -> None:
    async with opened(client, root, "claims/more.yaml") as doc:
        await doc.change(doc.content.replace("{source: NIS}", "{source: nis}"), lambda f: "FL208" in codes(f))
        offered = await _actions(client, doc, doc.find("{source: nis}").line)
        safe = offered["Fix FL208: writes 'NIS' for 'nis'"]
        assert safe.is_preferred and safe.diagnostics and safe.diagnostics[0].code == "FL208"
        assert safe.edit is not None
        assert _edited(root, safe.edit, {doc.uri: doc.content})["claims/more.yaml"] == text(root, "claims/more.yaml")


async def test_a_missing_source_is_created_as_a_stub(client: LanguageClient, root: Path, tmp_path: Path) -> None:
    async with opened(client, root, "claims/more.yaml") as doc:
        await doc.change(doc.content.replace("{source: NIS}", "{source: KR-MND}"), lambda f: "FL202" in codes(f))
        offered = await _actions(client, doc, doc.find("KR-MND").line)
        stub = offered["Create the source 'KR-MND' in sources.yaml (a stub: give its name and kind)"]
        assert stub.edit is not None
        texts = {**_edited(root, stub.edit), "claims/more.yaml": doc.content}
    assert texts["sources.yaml"].startswith(text(root, "sources.yaml").split("documents:")[0])
    assert "  - id: KR-MND\n    name: KR-MND\n    kind: other\n" in texts["sources.yaml"]
    done = factledger("validate", "--data", str(_saved_copy(root, texts, tmp_path / "stub")))
    assert done.returncode == 0, done.stdout


async def test_a_conflict_is_assessed_with_its_claims_filled_in(client: LanguageClient, root: Path,
                                                              tmp_path: Path) -> None:
    async with opened(client, root, "claims/troops.yaml", check=lambda f: "FL501" in codes(f)) as doc:
        offered = await _actions(client, doc, doc.find("id: ua-troops").line)
        record = offered["Record an assessment of nis-troops, ua-troops (known-discrepancy)"]
        assert record.edit is not None and record.diagnostics and record.diagnostics[0].code == "FL501"
        texts = _edited(root, record.edit)
    assert texts["claims/troops.yaml"].endswith(
        "assessments:\n  - id: nis-troops-ua-troops\n    claims: [nis-troops, ua-troops]\n"
        "    verdict: known-discrepancy\n")
    done = factledger("check", "--all", "--format", "json", "--data", str(_saved_copy(root, texts, tmp_path / "a")))
    kinds = {f["kind"] for f in json.loads(done.stdout)["findings"]}
    assert "acknowledged" in kinds and "conflict" not in kinds


# -- robust: errors are answers, never the end ---------------------------------------------------------------

async def test_bad_input_is_answered_and_the_server_goes_on(client: LanguageClient, root: Path) -> None:
    from pygls.exceptions import JsonRpcException

    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("factledger/no-such-method", {})
    server = client._server  # the process, to write to it what no client would send
    assert server is not None and server.stdin is not None
    wrong = json.dumps({"jsonrpc": "2.0", "id": "wrong", "method": types.TEXT_DOCUMENT_HOVER,
                        "params": {"textDocument": 5, "position": "x"}}).encode()
    for message in (b"{not json", wrong, b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {}}'):
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(message) + message)
    await server.stdin.drain()
    outside = (root / "notes.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(outside, "yaml", 1, "x: [")))
    assert await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(outside),
                                                                    types.Position(0, 1))) is None
    async with opened(client, root, "sources.yaml") as doc:
        far = await client.text_document_hover_async(types.HoverParams(**doc.at(500, 500)))
        assert far is None
        said = await client.text_document_hover_async(types.HoverParams(**doc.at(*_at(doc.find("id: NIS", 5)))))
        assert said is not None and "National Intelligence Service" in said.contents.value  # type: ignore
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(outside)))


async def test_shutdown_then_exit_ends_cleanly_and_exit_alone_says_so(root: Path) -> None:
    for orderly in (True, False):
        started = await server_config().start()
        assert isinstance(started, LanguageClient)
        await started.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim"),
                                                                root_uri=root.as_uri()))
        if orderly:
            await started.shutdown_session()
        else:
            started.exit(None)
        assert started._server is not None
        assert await asyncio.wait_for(started._server.wait(), WAIT) == (0 if orderly else 1)
        await started.stop()
