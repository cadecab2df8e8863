"""Where a cold parse goes: `python benchmarks/parse_bench.py [--claims N] [--rounds R] [--work DIR]`.

Generates (once, under --work) a realistic ledger of N claims (default 20,000; benchmarks/generate.py)
and times, in this one process and one interleaved run (every step once per round, in the same
order), the CPU time of reading every file of it, each step against PyYAML's C loader
(`yaml.load(text, Loader=yaml.CSafeLoader)`):

- libyaml's events alone (the parser factledger uses, no nodes);
- libyaml's own composer (`yaml._yaml.CParser`: PyYAML nodes with their marks built in C, scalars not
  resolved), alone and walked once from Python (what turning its tree into anything costs at least);
- factledger's composer (events → its nodes with positions, YAML 1.2 scalars, duplicate keys,
  refusals), as `factledger.parse.compose.load_bytes` builds the whole tree;
- factledger's whole parse of a file (composer and builder: `factledger.load.files.parse`).

One process and CPU time, so that it measures the code and not the cores or the machine's other
work. To measure another build of factledger (say one compiled with mypyc), put it first on
PYTHONPATH and run this from outside the repository. Never run by the tests.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402


def _steps(files: list[tuple[Path, bytes]]) -> dict[str, Callable[[], Any]]:
    import yaml
    from yaml import _yaml  # type: ignore[attr-defined]

    from factledger.load.files import parse
    from factledger.parse.compose import load_bytes
    from factledger.parse.nodes import LoadedFile

    class Unresolved(_yaml.CParser):  # type: ignore[misc]
        # Tags left unresolved: factledger resolves scalars itself (YAML 1.2), so the composer need not.
        def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
            return None

        def descend_resolver(self, *_: Any) -> None:
            pass

        def ascend_resolver(self, *_: Any) -> None:
            pass

    def c_loader() -> None:
        for _, data in files:
            yaml.load(data.decode(), Loader=yaml.CSafeLoader)

    def events() -> None:
        for _, data in files:
            parser = yaml.CSafeLoader(data.decode())
            while parser.get_event() is not None:
                pass
            parser.dispose()

    def composed(walk: bool) -> Callable[[], None]:
        def run() -> None:
            for _, data in files:
                parser = Unresolved(data.decode())
                node = parser.get_single_node()
                parser.dispose()
                stack = [node] if walk and node is not None else []
                while stack:  # each node's marks, style and children, as a converter must read them
                    node = stack.pop()
                    _ = (node.start_mark.line, node.start_mark.column, node.tag)
                    if isinstance(node.value, list):
                        stack.extend(part for item in node.value
                                     for part in (item if isinstance(item, tuple) else (item,)))
                    else:
                        _ = node.style
        return run

    def composer() -> None:
        for path, data in files:
            load_bytes(data, LoadedFile(path, str(path), None))

    def whole() -> None:
        for path, data in files:
            parse(data, str(path), path)

    return {"yaml.load (CSafeLoader)": c_loader, "libyaml events": events,
            "libyaml composer (CParser)": composed(False), "libyaml composer, walked": composed(True),
            "factledger composer": composer, "factledger parse (composer + builder)": whole}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/factledger-bench"))
    args = parser.parse_args()
    ledger = args.work / f"ledger-{args.claims}"
    if not ledger.exists():
        write_ledger(ledger, args.claims)
    files = [(path, path.read_bytes()) for path in sorted(ledger.rglob("*.yaml"))]
    steps = _steps(files)
    times: dict[str, list[float]] = {name: [] for name in steps}
    gc.disable()  # as factledger loads (system/collector.py); collected between steps
    for _ in range(args.rounds):
        for name, step in steps.items():
            start = time.process_time()
            step()
            times[name].append(time.process_time() - start)
            gc.collect()
    base = times["yaml.load (CSafeLoader)"]
    size = sum(len(data) for _, data in files) / 1e6
    print(f"{args.claims:,} claims, {len(files)} files, {size:.1f} MB; CPU time, medians of {args.rounds} rounds\n")
    print("| step | CPU time | ratio to yaml.load (CSafeLoader) |\n| --- | ---: | ---: |")
    for name, taken in times.items():
        ratio = statistics.median(a / b for a, b in zip(taken, base))
        print(f"| {name} | {statistics.median(taken):.2f} s | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
