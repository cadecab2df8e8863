"""The diff and history targets, measured: `python benchmarks/diff_bench.py [--claims N] [--rounds R] [--write]`.

Builds (once, under --work, default /tmp/factledger-diff-bench) a git repository holding a realistic
ledger of N claims (default 100,000; benchmarks/generate.py), then 200 commits each changing one file
(one in ten revising the figure of one claim, the one whose history is asked). Then times, in one
interleaved run (each command once per round, in the same order, each in its own process, output to
/dev/null):

- `diff A..B` of two revisions that differ in one file, against a warm `check` of one revision
  (target: at most 1.5x): once both revisions' conclusions are kept (a diff run again), with only A's
  kept (a pull request's first run, its base checked before), and with none kept, on two cores (the old
  side checked in a child process) and on one;
- `history` of the claim over the 200 commits (target: a few seconds).

Every command is run once first (the factledger cache filled, as on a working machine). Prints the
table; with --write, replaces the figures in docs/performance.md. Never run by the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402
from scale_bench import FACTLEDGER, Measure, _median, _ratio, arguments, interleaved, write_figures  # noqa: E402

COMMITS = 200
CLAIM_FILE = "claims-00100.yaml"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@example.org"}
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout


def _repository(work: Path, claims: int) -> tuple[Path, str]:
    """The repository, and the id of the claim whose figure the commits revise."""
    repo = work / f"repo-{claims}"
    marker = repo / ".bench-done"
    data = repo / "data"
    if not marker.exists():
        print(f"generating {claims:,} claims and {COMMITS} commits in {repo}", flush=True)
        subprocess.run(["rm", "-rf", str(repo)], check=True)
        write_ledger(data, claims)
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "the ledger")
        files = sorted(data.glob("claims-*.yaml"))
        for n in range(COMMITS):
            path = data / CLAIM_FILE if n % 10 == 0 else files[(n * 7) % len(files)]
            text = path.read_text(encoding="utf-8")
            if n % 10 == 0:  # the tracked claim's figure, revised
                text = re.sub(r"value: \{[^}]*\}", f"value: {{exact: {1000 + n}, unit: soldiers}}", text, count=1)
            else:
                text = text.replace("statement: ", f"statement: (edit {n}) ", 1)
            path.write_text(text, encoding="utf-8")
            _git(repo, "commit", "-q", "-am", f"edit {n}")
        marker.write_text("", encoding="utf-8")
    # the file's first claim, whose value the commits revise (its document is listed before it)
    tracked = re.search(r"^claims:\n  - id: (\S+)", (data / CLAIM_FILE).read_text(encoding="utf-8"), re.M)
    assert tracked is not None
    return repo, tracked.group(1)


def main() -> None:
    args = arguments(__doc__.split("\n")[0], Path("/tmp/factledger-diff-bench"))
    args.work.mkdir(parents=True, exist_ok=True)
    repo, tracked = _repository(args.work, args.claims)
    env = {**os.environ, "FACTLEDGER_CACHE_DIR": str(args.work / "cache"), "COLUMNS": "80"}
    env.pop("FACTLEDGER_NO_CACHE", None)
    os.chdir(repo)
    first, second = _git(repo, "rev-list", "--reverse", "main").split()[:2]  # one file apart
    pair = f"{first}..{second}"
    _git(repo, "checkout", "-q", "main")  # history reads from HEAD: the last of the commits
    one_core = {**env, "FACTLEDGER_JOBS": "1"}  # no child process (and no workers, which a warm run needs not)
    cache = args.work / "cache"

    def forget(base_kept: bool) -> Callable[[], None]:
        def before() -> None:
            for folder in cache.glob("*/conclusions"):
                shutil.rmtree(folder)
            if base_kept:  # the base's conclusions kept, as a run on the base branch leaves them
                subprocess.run([*FACTLEDGER, "diff", f"{first}..{first}"], env=env, check=True,
                               stdout=subprocess.DEVNULL)
        return before

    measures = [
        Measure("check (warm)", [*FACTLEDGER, "check"]),
        Measure("diff, both kept", [*FACTLEDGER, "diff", pair]),
        Measure("diff, the base kept", [*FACTLEDGER, "diff", pair], forget(True)),
        Measure("diff, none kept", [*FACTLEDGER, "diff", pair], forget(False)),
        Measure("diff, none kept, one core", [*FACTLEDGER, "diff", pair], forget(False), env=one_core),
        Measure(f"history of one claim over {COMMITS} commits", [*FACTLEDGER, "history", tracked]),
    ]
    interleaved(measures, env, args.rounds)
    report = _report(measures, args)
    print(report)
    if args.write:
        write_figures("diff", report)


_SAID = {
    "diff, both kept": "`diff A..B` (one file apart), both revisions' conclusions kept",
    "diff, the base kept": "`diff A..B`, only A's kept (a pull request's first run)",
    "diff, none kept": "`diff A..B`, none kept, two cores",
    "diff, none kept, one core": "`diff A..B`, none kept, one core (`FACTLEDGER_JOBS=1`)",
}


def _report(measures: list[Measure], args: argparse.Namespace) -> str:
    check, *diffs, history = measures
    lines = [f"{args.claims:,} claims in a git repository of {COMMITS + 1} commits, medians of {args.rounds} "
             "interleaved rounds (the cache of files warm):", "",
             "| command | median | ratio to a warm `check` | target |", "| --- | ---: | ---: | --- |",
             f"| `check` (warm) | {_median(check):.2f} s | 1.00x | |"]
    for diff in diffs:
        ratio = _ratio(diff, check)
        lines.append(f"| {_SAID[diff.name]} | {_median(diff):.2f} s | {ratio:.2f}x | ≤ 1.5x "
                     f"({'met' if ratio <= 1.5 else 'not met'}) |")
    lines += [f"| `history` of one claim, {COMMITS} commits | {_median(history):.2f} s | | a few seconds "
              f"({'met' if _median(history) <= 5 else 'not met'}) |", ""]
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()}, {time.strftime('%Y-%m-%d')}")
    lines += [f"Measured on {machine}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
