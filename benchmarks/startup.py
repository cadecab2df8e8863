"""Start-up cost: `python benchmarks/startup.py [ROUNDS] [--write]`.

Times, in one interleaved run (A B C A B C …, so a drift in the machine's speed hits all three
alike), `factledger list --source NIS` on the bundled ledger, `factledger --help`, and
`python -c pass`, each in its own process; prints the median of each and the median of the
per-round ratios to `python -c pass`, in wall time (the target) and in CPU time (user and system,
of the child process: what a machine shared with other work changes least). With --write, the figures replace those in
docs/performance.md, with the machine they came from. Targets: list at most 10x, help at most 9x.
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
    "factledger --help": [sys.executable, "-m", "factledger", "--help"],
    "python -c pass": [sys.executable, "-c", "pass"],
}
TARGETS = {"factledger list --source NIS": 10.0, "factledger --help": 9.0}


def _time(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user and system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "COLUMNS": "120"})
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
    for command in COMMANDS.values():  # warm the file cache and the bytecode
        _time(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, command in COMMANDS.items():
            wall, used = _time(command)
            times[name].append(wall)
            cpu[name].append(used)
    rows = ["| command | median | ratio to `python -c pass` | target | CPU time | CPU ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name in COMMANDS:
        ratio = _ratio(times, name)
        target = TARGETS.get(name)
        verdict = "" if target is None else f"≤ {target:g}x ({'met' if ratio <= target else 'NOT met'})"
        rows.append(f"| `{name}` | {statistics.median(times[name]) * 1000:.0f} ms | {ratio:.1f}x | {verdict} "
                    f"| {statistics.median(cpu[name]) * 1000:.0f} ms | {_ratio(cpu, name):.1f}x |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    table = "\n".join(rows) + f"\n\nMedians of {rounds} interleaved rounds on {machine}, {time.strftime('%Y-%m-%d')}.\n"
    print(table)
    if "--write" in sys.argv:
        doc = REPO / "docs" / "performance.md"
        start, end = "<!-- startup:start -->\n", "<!-- startup:end -->"
        text = doc.read_text(encoding="utf-8")
        doc.write_text(re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: start + table + end, text, flags=re.S),
                       encoding="utf-8")


def _ratio(times: dict[str, list[float]], name: str) -> float:
    """The median of the per-round ratios of ``name`` to ``python -c pass``."""
    return statistics.median(a / b for a, b in zip(times[name], times["python -c pass"]))


if __name__ == "__main__":
    main()
