"""The performance targets, measured: `python benchmarks/scale_bench.py [--claims N] [--rounds R] [--write]`.

Generates (once, under --work, default /tmp/factledger-bench) realistic ledgers of N claims (default
100,000) and 10,000 claims (benchmarks/generate.py), then times, in one interleaved run (every command
once per round, in the same order, so a drift in the machine's speed hits all alike), each command
against its baseline, each in its own process:

- cold `validate` (--no-cache) against PyYAML's C loader reading the same files;
- warm `list --source ORG3` (nothing changed since the last run), and the same after one file of 500
  claims changed, against the cold validate;
- `check` and `export markdown`, cold and warm, against the cold validate;
- on 10,000 claims, `validate` against yamllint plus check-jsonschema on the same files (where they
  are installed: `pip install yamllint check-jsonschema`);
- peak memory of the cold validate against the same data loaded as plain Python objects from JSON.

Prints every ratio with its baseline and target; with --write, replaces the figures in
docs/performance.md, with the machine they came from. Never run by the tests (machines are noisy).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FACTLEDGER = [sys.executable, "-m", "factledger"]
LOAD_YAML = ("import pathlib, sys, yaml\n"
             "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
             "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)")
LOAD_JSON = "import json, sys\njson.load(open(sys.argv[1], encoding='utf-8'))"


@dataclass
class Measure:
    name: str
    command: list[str]
    before: Callable[[], None] | None = None  # run before each timing, untimed (a file changed)
    env: dict[str, str] | None = None  # its own environment, where not the run's
    times: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)


def _run(measure: Measure, env: dict[str, str]) -> None:
    if measure.before is not None:
        measure.before()
    start = time.perf_counter()
    child = subprocess.Popen(measure.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=measure.env or env)
    _, status, usage = os.wait4(child.pid, 0)
    measure.times.append(time.perf_counter() - start)
    measure.peak_kb.append(usage.ru_maxrss)  # kilobytes on Linux
    child.returncode = os.waitstatus_to_exitcode(status)


def _ledgers(work: Path, claims: int) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    made = []
    for size in (claims, 10_000):
        folder = work / f"ledger-{size}"
        if not (folder / "sources.yaml").exists():
            print(f"generating {size:,} claims in {folder}", flush=True)
            write_ledger(folder, size)
        made.append(folder)
    return made[0], made[1]


def _toggler(path: Path) -> Callable[[], None]:
    """Change one file a little, differently each time (as an edit would)."""
    original = path.read_text(encoding="utf-8")
    count = [0]

    def change() -> None:
        count[0] += 1
        path.write_text(original.replace("statement: ", f"statement: (edit {count[0]}) ", 1), encoding="utf-8")

    return change


def edited_copy(folder: Path) -> Path:
    """A copy of the ledger in ``folder``, for the runs after an edit (made once)."""
    copy = folder.with_name(folder.name + "-edited")
    if not copy.exists():
        shutil.copytree(folder, copy)
    return copy


def arguments(description: str, work: Path) -> argparse.Namespace:
    """The options every benchmark takes: the ledger's size, the rounds, its work folder, --write."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=work)
    parser.add_argument("--write", action="store_true", help="replace the figures in docs/performance.md")
    return parser.parse_args()


def main() -> None:
    args = arguments(__doc__.split("\n")[0], Path("/tmp/factledger-bench"))
    big, small = _ledgers(args.work, args.claims)
    cache = args.work / "cache"
    env = {**os.environ, "FACTLEDGER_CACHE_DIR": str(cache), "COLUMNS": "80"}
    env.pop("FACTLEDGER_NO_CACHE", None)
    as_json = args.work / f"ledger-{args.claims}.json"
    if not as_json.exists():
        subprocess.run([*FACTLEDGER, "export", "json", "--data", str(big), "-o", str(as_json)], env=env, check=True,
                       stderr=subprocess.DEVNULL)
    # The runs after an edit read a copy of the ledger: an edit to the one the warm runs read would leave
    # them no kept answer (cli/answers.py) to write again.
    copy = edited_copy(big)
    edited = _toggler(sorted(copy.glob("claims-*.yaml"))[len(list(copy.glob("claims-*.yaml"))) // 2])
    fl = lambda *words: [*FACTLEDGER, *words]  # noqa: E731
    measures = [
        Measure("yaml.load (CSafeLoader) of the files", [sys.executable, "-c", LOAD_YAML, str(big)]),
        Measure("json.load of the same data", [sys.executable, "-c", LOAD_JSON, str(as_json)]),
        Measure("validate (cold)", fl("validate", "--no-cache", "--data", str(big))),
        Measure("list --source ORG3 (warm)", fl("list", "--source", "ORG3", "--data", str(big))),
        Measure("list --source ORG3 --format json (warm)", fl("list", "--source", "ORG3", "--format", "json",
                                                              "--data", str(big))),
        Measure("list --source ORG3 (one file changed)", fl("list", "--source", "ORG3", "--data", str(copy)), edited),
        Measure("check (cold)", fl("check", "--no-cache", "--data", str(big))),
        Measure("check (warm)", fl("check", "--data", str(big))),
        Measure("check (one file changed)", fl("check", "--data", str(copy)), edited),
        Measure("export markdown (cold)", fl("export", "markdown", "--no-cache", "--data", str(big), "-o", os.devnull)),
        Measure("export markdown (warm)", fl("export", "markdown", "--data", str(big), "-o", os.devnull)),
        Measure("validate, 10,000 claims (cold)", fl("validate", "--no-cache", "--data", str(small))),
    ]
    linters = _linters(small)
    measures += linters
    shutil.rmtree(cache, ignore_errors=True)
    interleaved(measures, env, args.rounds)
    report = _report(measures, linters, args)
    print(report)
    if args.write:
        write_figures("scale", report)


def interleaved(measures: list[Measure], env: dict[str, str], rounds: int) -> None:
    """Every measure run once to prime (the page cache, the bytecode, the factledger cache for the warm
    runs), then ``rounds`` rounds of every measure once, in the same order, so that a drift in the
    machine's speed hits all alike."""
    for m in measures:
        _run(m, env)
    for m in measures:
        m.times.clear()
        m.peak_kb.clear()
    for round_number in range(rounds):
        print(f"round {round_number + 1} of {rounds}", flush=True)
        for m in measures:
            _run(m, env)


def write_figures(name: str, report: str) -> None:
    """Replace the figures between docs/performance.md's <!-- NAME:start --> and <!-- NAME:end -->."""
    doc = REPO / "docs" / "performance.md"
    start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: start + report + end, text,
                          flags=re.S), encoding="utf-8")


def _linters(small: Path) -> list[Measure]:
    found = []
    files = [str(p) for p in sorted(small.rglob("*.yaml"))]
    if shutil.which("yamllint"):
        found.append(Measure("yamllint, 10,000 claims", ["yamllint", "-d", "relaxed", *files]))
    if shutil.which("check-jsonschema"):
        schema = small.parent / "ledger.schema.json"
        subprocess.run([*FACTLEDGER, "schema"], stdout=schema.open("w"), check=True)
        found.append(Measure("check-jsonschema, 10,000 claims", ["check-jsonschema", "--schemafile", str(schema),
                                                                 *files]))
    return found


def _median(m: Measure) -> float:
    return statistics.median(m.times)


def _ratio(a: Measure, b: Measure | list[Measure]) -> float:
    """The median of the per-round ratios (robust to a slow round)."""
    bases = b if isinstance(b, list) else [b]
    return statistics.median(x / sum(base.times[i] for base in bases) for i, x in enumerate(a.times))


def _report(measures: list[Measure], linters: list[Measure], args: argparse.Namespace) -> str:
    by = {m.name: m for m in measures}
    cold = by["validate (cold)"]
    rows = [
        ("validate (cold)", by["yaml.load (CSafeLoader) of the files"], "≤ 0.5x (stretch 0.2x)", 0.5),
        ("list --source ORG3 (warm)", cold, "≤ 0.1x", 0.1),
        ("list --source ORG3 --format json (warm)", cold, "≤ 0.1x", 0.1),
        ("list --source ORG3 (one file changed)", cold, "≤ 0.15x", 0.15),
        ("check (cold)", cold, "≤ 1.5x", 1.5),
        ("check (warm)", cold, "≤ 1.5x", 1.5),
        ("check (one file changed)", cold, "≤ 1.5x", 1.5),
        ("export markdown (cold)", cold, "≤ 1.5x", 1.5),
        ("export markdown (warm)", cold, "≤ 1.5x", 1.5),
    ]
    lines = [f"{args.claims:,} claims ({_size(args.work / f'ledger-{args.claims}')}), medians of {args.rounds} "
             "interleaved rounds:", "", "| command | median | baseline | ratio | target |",
             "| --- | ---: | --- | ---: | --- |"]
    for name, base, target, limit in rows:
        ratio = _ratio(by[name], base)
        lines.append(f"| `{name}` | {_median(by[name]):.2f} s | {base.name} | {ratio:.2f}x | {target} "
                     f"({'met' if ratio <= limit else 'not met'}) |")
    small = by["validate, 10,000 claims (cold)"]
    if len(linters) == 2:
        faster = 1 / _ratio(small, linters)
        lines.append(f"| `validate`, 10,000 claims | {_median(small):.2f} s | yamllint + check-jsonschema "
                     f"({sum(_median(m) for m in linters):.1f} s) | {faster:.0f}x faster | ≥ 50x faster (stretch "
                     f"100x) ({'met' if faster >= 50 else 'not met'}) |")
    memory = max(cold.peak_kb) / max(by["json.load of the same data"].peak_kb)
    lines += ["", f"Peak memory of the cold validate: {max(cold.peak_kb) / 1024:,.0f} MB, {memory:.1f}x that of "
              f"json.load of the same data ({max(by['json.load of the same data'].peak_kb) / 1024:,.0f} MB); "
              f"target ≤ 3x ({'met' if memory <= 3 else 'not met'}).", ""]
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()}, {time.strftime('%Y-%m-%d')}")
    lines += [f"Measured on {machine}.", ""]
    return "\n".join(lines)


def _size(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return f"{total / 1e6:,.0f} MB of YAML and documents"


if __name__ == "__main__":
    main()
