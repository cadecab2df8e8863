"""The warm reading commands against their floor: `python benchmarks/warm_floor.py [--claims N] [--rounds R] [--write]`.

Issue 24's target is a warm `list`, `show`, `sources` and `stats` on 20,000 claims at most 0.1x a cold
`validate`. Each is a fresh Python process, so none can be faster than start-up alone: this times, in
one interleaved run on a generated ledger (benchmarks/generate.py, default 20,000 claims), a cold
`validate` (--no-cache), the four warm commands, and the same `list` on a ledger of ten claims (what
start-up and the command's own machinery cost with almost nothing to read), each as a ratio to the
cold validate of the same round. If the floor alone is above 0.1x, no snapshot read by a fresh
process can meet the target. With --write, replaces the figures in docs/performance.md.

Each warm command is timed three ways: as every run after the first writes it while the ledger is unchanged
(its answer kept by the command line, cli/answers.py); run, with the ledger's per-file cache warm but no
answer kept (an environment variable new at every run: as after an edit to a file the command does not
read, or in a new terminal); and, for `list`, after one file of the ledger changed (untimed, before each run).
`check`, `questions` and `export markdown` (to standard output) are timed warm and after one file changed,
against their own target (at most 1.5x the cold validate); `check` also run with no answer kept, every question
taken from the cache (check/kept.py). After one file changed, only the questions that file's claims are on are
checked again.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402
from scale_bench import (  # noqa: E402
    FACTLEDGER,
    Measure,
    _median,
    _ratio,
    _toggler,
    arguments,
    edited_copy,
    interleaved,
    write_figures,
)

TARGET = 0.1
_CHECKING = ("check", "questions", "export markdown")  # their target: at most 1.5x the cold validate


def _ledger(work: Path, claims: int) -> Path:
    folder = work / f"ledger-{claims}"
    if not (folder / "sources.yaml").exists():
        print(f"generating {claims:,} claims in {folder}", flush=True)
        write_ledger(folder, claims)
    return folder


def _claim_id(folder: Path) -> str:
    """A claim in the middle of the ledger (show reads one claim)."""
    files = sorted(folder.glob("claims-*.yaml"))
    section = ""
    for line in files[len(files) // 2].read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            section = line.split(":")[0]  # a claim file holds the documents its claims quote, too
        elif section == "claims" and line.startswith("  - id: "):
            return line.removeprefix("  - id: ").strip()
    raise SystemExit(f"no claim found in {files[len(files) // 2]}")


def main() -> None:
    args = arguments(__doc__.split("\n")[0], Path("/tmp/factledger-bench"))
    if "--claims" not in sys.argv:
        args.claims = 20_000
    big, tiny = _ledger(args.work, args.claims), _ledger(args.work, 10)
    env = {**os.environ, "FACTLEDGER_CACHE_DIR": str(args.work / "cache-floor"), "COLUMNS": "80"}
    env.pop("FACTLEDGER_NO_CACHE", None)
    fl = lambda *words: [*FACTLEDGER, *words]  # noqa: E731
    fresh = {**env}  # its variable made new before each run: no answer was kept for it

    def renew() -> None:
        fresh["FACTLEDGER_BENCH_RUN"] = os.urandom(8).hex()

    warm = {"list --source ORG3": fl("list", "--source", "ORG3", "--data", str(big)),
            "show ID": fl("show", _claim_id(big), "--data", str(big)),
            "sources": fl("sources", "--data", str(big)), "stats": fl("stats", "--data", str(big))}
    measures = [Measure("validate (cold)", fl("validate", "--no-cache", "--data", str(big)))]
    measures += [Measure(f"{name} (warm)", command) for name, command in warm.items()]
    measures += [Measure(f"{name} (warm, run: no answer kept)", command, renew, fresh)
                 for name, command in warm.items()]
    # The runs after an edit read a copy of the ledger: an edit to the one the warm runs read would leave them
    # no answer to write again (the ledger changed).
    edited = edited_copy(big)
    edit = _toggler(sorted(edited.glob("claims-*.yaml"))[0])
    measures += [
        Measure("list --source ORG3 (one file changed)", fl("list", "--source", "ORG3", "--data", str(edited)), edit),
        Measure("check (warm)", fl("check", "--data", str(big))),
        # Nothing changed, but no answer kept for this run's environment: every question taken from the cache.
        Measure("check (warm, run: no answer kept)", fl("check", "--data", str(big)), renew, fresh),
        Measure("check (one file changed)", fl("check", "--data", str(edited)), edit),
        Measure("questions (warm)", fl("questions", "--data", str(big))),
        Measure("questions (one file changed)", fl("questions", "--data", str(edited)), edit),
        Measure("export markdown (warm)", fl("export", "markdown", "--data", str(big))),
        Measure("export markdown (one file changed)", fl("export", "markdown", "--data", str(edited)), edit),
        Measure("list --source ORG3, 10 claims (warm): the floor", fl("list", "--source", "ORG3", "--data", str(tiny))),
        Measure("python -c pass", [sys.executable, "-c", "pass"]),
    ]
    interleaved(measures, env, args.rounds)
    cold = measures[0]
    lines = [f"{args.claims:,} claims, medians of {args.rounds} interleaved rounds, each a ratio to the cold "
             "`validate` of its round:", "", "| command | median | ratio to cold `validate` | target |",
             "| --- | ---: | ---: | --- |"]
    for m in measures:
        ratio = _ratio(m, cold)
        target = f"≤ 1.5x ({'met' if ratio <= 1.5 else 'not met'})" if m.name.startswith(_CHECKING) else (
            "" if m is cold or m.name == "python -c pass" or "one file" in m.name else
            f"≤ {TARGET:g}x ({'met' if ratio <= TARGET else 'not met'})")
        lines.append(f"| `{m.name}` | {_median(m):.3f} s | {ratio:.3f}x | {target} |")
    load = os.getloadavg()
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()}, {time.strftime('%Y-%m-%d')}, load average {load[0]:.1f} at the end")
    lines += ["", f"Measured on {machine}.", ""]
    report = "\n".join(lines)
    print(report)
    if args.write:
        write_figures("floor", report)


if __name__ == "__main__":
    main()
