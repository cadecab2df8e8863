"""The warm reading commands against their floor: `python benchmarks/warm_floor.py [--claims N] [--rounds R] [--write]`.

Issue 24's target is a warm `list`, `show`, `sources` and `stats` on 20,000 claims at most 0.1x a cold
`validate`. Each is a fresh Python process, so none can be faster than start-up alone: this times, in
one interleaved run on a generated ledger (benchmarks/generate.py, default 20,000 claims), a cold
`validate` (--no-cache), the four warm commands, and the same `list` on a ledger of ten claims (what
start-up and the command's own machinery cost with almost nothing to read), each as a ratio to the
cold validate of the same round. If the floor alone is above 0.1x, no snapshot read by a fresh
process can meet the target. With --write, replaces the figures in docs/performance.md.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402
from scale_bench import FACTLEDGER, Measure, _median, _ratio, arguments, interleaved, write_figures  # noqa: E402

TARGET = 0.1


def _ledger(work: Path, claims: int) -> Path:
    folder = work / f"ledger-{claims}"
    if not (folder / "sources.yaml").exists():
        print(f"generating {claims:,} claims in {folder}", flush=True)
        write_ledger(folder, claims)
    return folder


def _claim_id(folder: Path) -> str:
    """A claim in the middle of the ledger (show reads one claim)."""
    files = sorted(folder.glob("claims-*.yaml"))
    for line in files[len(files) // 2].read_text(encoding="utf-8").splitlines():
        if line.startswith("  - id: "):
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
    measures = [
        Measure("validate (cold)", fl("validate", "--no-cache", "--data", str(big))),
        Measure("list --source ORG3 (warm)", fl("list", "--source", "ORG3", "--data", str(big))),
        Measure("show ID (warm)", fl("show", _claim_id(big), "--data", str(big))),
        Measure("sources (warm)", fl("sources", "--data", str(big))),
        Measure("stats (warm)", fl("stats", "--data", str(big))),
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
        target = "" if m is cold or m.name == "python -c pass" else (
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
