"""Start-up cost: `python benchmarks/startup.py [ROUNDS] [--write]`.

Times, in one interleaved run (A B C A B C …, so a drift in the machine's speed hits all three
alike), `factledger list --source NIS` on the bundled ledger, `factledger --help`, and
`python -c pass`, each in its own process; prints the median of each and the median of the
per-round ratios to `python -c pass`, in wall time (the target) and in CPU time (user and system,
of the child process: what a machine shared with other work changes least). With --write, the figures replace those in
docs/performance.md, with the machine they came from. Targets: list at most 10x, help at most 9x.

The floor is the interpreter with no start-up hooks, `python -S -c pass` (the 12 to 15 ms the issue
quotes for `python -c pass`): a plain `python -c pass` also runs whatever `.pth` files its site-packages
hold (the base interpreter here imports a sandbox's certificate bundle, about 60 ms), and a floor that
includes such costs makes every ratio look smaller; the environment's own `python -c pass` is timed
beside the others, for comparison, with no target. `--help` is timed twice: as every run after the first
writes it (the page kept by the command line), and laid out afresh (FACTLEDGER_NO_CACHE=1), as the first
run after an install or an upgrade does. `list` is timed twice too: as every run after the first writes it
while the ledger is unchanged (the answer kept by the command line), and run (an environment variable that
is new at every run, so no answer was kept for it: the first run after an edit, with the ledger's per-file
cache warm).
"""

from __future__ import annotations

import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = {
    "factledger list --source NIS": [sys.executable, "-m", "factledger", "list", "--source", "NIS", "--data",
                                     str(REPO / "data")],
    # The same command run, as the first one after the ledger changed is (its files' cache warm).
    "factledger list --source NIS, run (no answer kept)": [sys.executable, "-m", "factledger", "list", "--source",
                                                           "NIS", "--data", str(REPO / "data")],
    "factledger --help": [sys.executable, "-m", "factledger", "--help"],
    # The same page laid out by Typer and Rich, as the first --help after an install or upgrade is (the
    # command line keeps the page it wrote, and writes it again while nothing it depends on changed).
    "factledger --help, laid out (FACTLEDGER_NO_CACHE=1)": [sys.executable, "-m", "factledger", "--help"],
    "python -S -c pass": [sys.executable, "-S", "-c", "pass"],
    "python -c pass (this environment)": [sys.executable, "-c", "pass"],
}
ENVIRONMENTS = {"factledger --help, laid out (FACTLEDGER_NO_CACHE=1)": {"FACTLEDGER_NO_CACHE": "1"}}
FRESH = {"factledger list --source NIS, run (no answer kept)"}  # a new environment at every run
TARGETS = {"factledger list --source NIS": 10.0, "factledger --help": 9.0}


def _time(command: list[str], extra: dict[str, str] | None = None, fresh: bool = False) -> tuple[float, float]:
    """Wall time and CPU time (user and system) of one run of ``command``, ``extra`` added to its environment
    (and, if ``fresh``, a variable no run had before: nothing kept is written for it)."""
    if fresh:
        extra = {**(extra or {}), "FACTLEDGER_BENCH_RUN": os.urandom(8).hex()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "COLUMNS": "120", **(extra or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    if {"-h", "--help"} & set(sys.argv[1:]):
        sys.exit(__doc__)
    # Bytecode as Python writes it on a first import: without it (PYTHONDONTWRITEBYTECODE and no .pyc
    # files) every run compiles every module, and what is measured is the compiler.
    import sysconfig

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "factledger"),
                    sysconfig.get_paths()["purelib"]], check=False,
                   stdout=subprocess.DEVNULL, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    rounds = int(next((a for a in sys.argv[1:] if a.isdigit()), "21"))
    for name, command in COMMANDS.items():  # warm the file cache and the bytecode (and keep the help page)
        _time(command, ENVIRONMENTS.get(name), name in FRESH)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, command in COMMANDS.items():
            wall, used = _time(command, ENVIRONMENTS.get(name), name in FRESH)
            times[name].append(wall)
            cpu[name].append(used)
    rows = ["| command | median | ratio to `python -S -c pass` | target | CPU time | CPU ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name in COMMANDS:
        ratio = _ratio(times, name)
        target = TARGETS.get(name)
        verdict = "" if target is None else f"≤ {target:g}x ({'met' if ratio <= target else 'NOT met'})"
        rows.append(f"| `{name}` | {statistics.median(times[name]) * 1000:.0f} ms | {ratio:.1f}x | {verdict} "
                    f"| {statistics.median(cpu[name]) * 1000:.0f} ms | {_ratio(cpu, name):.1f}x |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    load = "load average {:.1f} at the end".format(os.getloadavg()[0])
    table = "\n".join(rows) + (f"\n\nMedians of {rounds} interleaved rounds on {machine}, {load}, "
                               f"{time.strftime('%Y-%m-%d')}.\n")
    print(table)
    if "--write" in sys.argv:
        doc = REPO / "docs" / "performance.md"
        start, end = "<!-- startup:start -->\n", "<!-- startup:end -->"
        text = doc.read_text(encoding="utf-8")
        doc.write_text(re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: start + table + end, text, flags=re.S),
                       encoding="utf-8")


def _ratio(times: dict[str, list[float]], name: str) -> float:
    """The median of the per-round ratios of ``name`` to the floor, ``python -S -c pass``."""
    return statistics.median(a / b for a, b in zip(times[name], times["python -S -c pass"]))


if __name__ == "__main__":
    main()
