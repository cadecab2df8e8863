"""The language server's latency: `python benchmarks/lsp_latency.py [CLAIMS] [ROUNDS] [--write]`.

Generates a ledger of CLAIMS claims (10,000 unless told; benchmarks/generate.py), starts `factledger lsp`
on it as an editor does (a pygls client over standard input and output, the cache off, so the first read is
a whole one), opens one claim file of 500 claims and then, in one run, times as the client sees them:

- diagnostics after an edit: a one-line change in the open file (a claim's value changed; a source id
  mistyped; the mistake undone), from sending ``didChange`` to the arrival of the ``publishDiagnostics`` for
  that file (its last byte read: what the server published); and, apart, to when this client has parsed it
  (pygls turns each of the ~500 diagnostics into objects, in Python: a cost of this client, not the server's,
  that an editor parsing JSON in compiled code hardly has);
- completion of a source id after ``source:``, hover on a claim id, definition of a source id (in another
  file), each ROUNDS times (100 unless told);
- the protocol's own round trip, as the floor: a hover in a YAML file outside the ledger, answered ``null``.

Prints the median and 95th percentile of each, its ratio to the round trip (both measured here, in this
run), and whether the issue's target is met (diagnostics within 300 ms, the requests within 50 ms at the
95th percentile). With --write, the table replaces the one in docs/performance.md. Never imported by the tests.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pygls.io_
from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402 - the benchmarks' folder is not a package

REPO = Path(__file__).resolve().parent.parent
FILE = "claims-00010.yaml"  # a file in the middle of the ledger, 500 claims
TARGETS = {"diagnostics": 300.0, "request": 50.0}  # milliseconds, at the 95th percentile
EDITS = "diagnostics after an edit"
PARSED = "the same, parsed by this client"


class _Arrivals:
    """pygls's reading loop, seen from inside: when each message's last byte was read, before it is parsed."""

    last = 0.0

    @classmethod
    def loads(cls, body: bytes, **options: Any) -> Any:
        cls.last = time.perf_counter()
        return json.loads(body, **options)


pygls.io_.json = _Arrivals  # type: ignore[assignment]  # the loop calls only json.loads


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _find(lines: list[str], needle: str, start: int = 0) -> types.Position:
    for number in range(start, len(lines)):
        if needle in lines[number]:
            return types.Position(number, lines[number].index(needle))
    raise SystemExit(f"{needle!r} is not in {FILE}")


class Bench:
    def __init__(self, client: LanguageClient, uri: str, text: str) -> None:
        self.client, self.uri, self.lines, self.version = client, uri, text.splitlines(), 1
        self.published: asyncio.Queue[tuple[float, float]] = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            if params.uri == uri:  # (arrived, parsed)
                self.published.put_nowait((_Arrivals.last, time.perf_counter()))

    async def replace_line(self, number: int, new: str) -> tuple[float, float]:
        """Milliseconds from sending a change of line ``number`` to ``new`` to its file's diagnostics arriving,
        and to their being parsed."""
        old = self.lines[number]
        self.lines[number] = new
        self.version += 1
        while not self.published.empty():
            self.published.get_nowait()
        start = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(self.version, self.uri),
            [types.TextDocumentContentChangePartial(
                types.Range(types.Position(number, 0), types.Position(number, len(old))), new)]))
        arrived, parsed = await asyncio.wait_for(self.published.get(), 120)
        return (arrived - start) * 1000, (parsed - start) * 1000

    def at(self, position: types.Position, after: int) -> dict[str, Any]:
        return {"text_document": types.TextDocumentIdentifier(self.uri),
                "position": types.Position(position.line, position.character + after)}


async def _timed(request: Callable[[], Awaitable[Any]], check: Callable[[Any], bool], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        answer = await request()
        times.append((time.perf_counter() - start) * 1000)
        if not check(answer):
            raise SystemExit(f"a wrong answer: {answer!r}")
    return times


async def measure(data: Path, rounds: int) -> tuple[dict[str, list[float]], float]:
    client = LanguageClient("latency-benchmark", "1")
    await client.start_io(sys.executable, "-m", "factledger", "lsp", "--data", str(data),
                          env={**os.environ, "FACTLEDGER_NO_CACHE": "1"})
    path = data / FILE
    text = path.read_text(encoding="utf-8")
    bench = Bench(client, path.as_uri(), text)
    started = time.perf_counter()
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=data.parent.as_uri()))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(bench.uri, "yaml", 1, text)))
    await asyncio.wait_for(bench.published.get(), 300)
    first = (time.perf_counter() - started) * 1000

    value = _find(bench.lines, "value: {exact:")
    source = _find(bench.lines, "- source: ORG", value.line)
    original_value, original_source = bench.lines[value.line], bench.lines[source.line]
    times: dict[str, list[float]] = {EDITS: [], PARSED: []}
    for turn in range(max(rounds // 3, 10)):
        edits = [(value.line, original_value.replace("exact: ", f"exact: {turn + 1}")),
                 (source.line, original_source.replace("source: ORG", "source: ORX")),
                 (source.line, original_source), (value.line, original_value)]
        for line, new in edits:
            arrived, parsed = await bench.replace_line(line, new)
            times[EDITS].append(arrived)
            times[PARSED].append(parsed)

    claim = _find(bench.lines, "  - id: q")
    outside = (data.parent / "notes.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(outside, "yaml", 1, "a: 1\n")))
    requests: dict[str, tuple[Callable[[], Awaitable[Any]], Callable[[Any], bool]]] = {
        "completion (source ids)": (
            lambda: client.text_document_completion_async(types.CompletionParams(**bench.at(source, 10))),
            lambda found: found is not None and len(found.items if hasattr(found, "items") else found) > 100),
        "hover (a claim)": (
            lambda: client.text_document_hover_async(types.HoverParams(**bench.at(claim, 8))),
            lambda found: found is not None and "(16)" in found.contents.value),  # its statement
        "definition (a source, in sources.yaml)": (
            lambda: client.text_document_definition_async(types.DefinitionParams(**bench.at(source, 12))),
            lambda found: bool(found) and found[0].uri.endswith("sources.yaml")),
        "round trip (a hover answered null)": (
            lambda: client.text_document_hover_async(types.HoverParams(
                types.TextDocumentIdentifier(outside), types.Position(0, 0))),
            lambda found: found is None),
    }
    for request, check in requests.values():
        await _timed(request, check, 5)  # warm
    for name in requests:
        times[name] = []
    for _ in range(rounds):  # interleaved, so a drift in the machine's speed hits all alike
        for name, (request, check) in requests.items():
            times[name] += await _timed(request, check, 1)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, first


def table(times: dict[str, list[float]], first: float, claims: int, rounds: int) -> str:
    floor = statistics.median(times["round trip (a hover answered null)"])
    rows = ["| what | median | 95th percentile | ratio to the round trip (median) | target (95th) |",
            "| --- | ---: | ---: | ---: | ---: |"]
    for name, values in times.items():
        target = TARGETS["diagnostics" if name.startswith("diagnostics") else "request"]
        p95 = _p95(values)
        verdict = "" if name.startswith("round trip") or name == PARSED else \
            f"≤ {target:g} ms ({'met' if p95 <= target else 'NOT met'})"
        rows.append(f"| {name} | {statistics.median(values):.1f} ms | {p95:.1f} ms | "
                    f"{statistics.median(values) / floor:.1f}x | {verdict} |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    return ("\n".join(rows) + f"\n\nA ledger of {claims:,} claims in {claims // 500} files; {rounds} rounds of each "
            f"request, {len(times[EDITS])} edits; the first diagnostics came "
            f"{first / 1000:.1f} s after the editor connected (the whole ledger read and checked, no cache). "
            f"On {machine}, {time.strftime('%Y-%m-%d')}.\n")


def main() -> None:
    if {"-h", "--help"} & set(sys.argv[1:]):
        sys.exit(__doc__)
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    claims, rounds = (numbers + [10_000, 100][len(numbers):])[:2]
    with tempfile.TemporaryDirectory() as folder:
        data = write_ledger(Path(folder) / "data", claims)
        times, first = asyncio.run(measure(data, rounds))
    result = table(times, first, claims, rounds)
    print(result)
    if "--write" in sys.argv:
        doc = REPO / "docs" / "performance.md"
        start, end = "<!-- lsp:start -->\n", "<!-- lsp:end -->"
        text = doc.read_text(encoding="utf-8")
        doc.write_text(re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: start + result + end, text,
                              flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    main()
