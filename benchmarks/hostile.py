"""Time and peak memory of factledger on the large hostile inputs: `python benchmarks/hostile.py [--write]`.

Not a test (machines are noisy; the tests bound the work instead). Each command runs in its own
process, as a user would run it; its wall time and peak resident memory (from the kernel's
accounting of that process) are printed as a markdown table. With --write the table replaces
the one in docs/hardening.md, with the machine it came from.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = "sources:\n" + "".join(f"  - {{id: S{i}, name: Source {i}, kind: media}}\n" for i in range(50))


def claim(i: int, value: str, extra: str = "", source: str | None = None) -> str:
    return (f"  - id: c{i}\n    statement: Claim {i}.\n    subject: crowd\n    property: size\n    value: {value}\n"
            f"{extra}    sources: [{{source: {source or f'S{i % 50}'}}}]\n")


def agreeing(folder: Path) -> Path:
    """2,000 undated claims on one question, all agreeing."""
    (folder / "l.yaml").write_text(SOURCES + "claims:\n" + "".join(claim(i, "{approx: 1000}") for i in range(2000)))
    return folder


def agreeing_distinct(folder: Path) -> Path:
    """2,000 undated claims on one question with 2,000 different, overlapping values (no two alike)."""
    (folder / "l.yaml").write_text(SOURCES + "claims:\n" + "".join(
        claim(i, f"{{approx: {100_000 + i}}}") for i in range(2000)))
    return folder


def chain(folder: Path) -> Path:
    """A part_of chain of 10,000 sources, with claims citing its deepest members."""
    sources = "sources:\n  - {id: S0, name: S0, kind: government}\n" + "".join(
        f"  - {{id: S{i}, name: S{i}, kind: official, part_of: S{i - 1}}}\n" for i in range(1, 10_000))
    claims = "".join(claim(i, str(i), f"    date: {2000 + i // 12:04d}-{i % 12 + 1:02d}\n", f"S{9999 - i}")
                     for i in range(2000))
    (folder / "l.yaml").write_text(sources + "claims:\n" + claims)
    return folder


def statement(folder: Path) -> Path:
    """One 4 MB statement."""
    (folder / "l.yaml").write_text(SOURCES + "claims:\n  - id: c1\n    statement: " + "word " * 800_000 +
                                   "\n    sources: [{source: S1}]\n")
    return folder


def long_ids(folder: Path) -> Path:
    """Ten unknown ids among 2,000 long, similar ones."""
    sources = "".join(f"  - {{id: {'s' * 190}{i}, name: N, kind: media}}\n" for i in range(2000))
    claims = "".join(f"  - {{id: c{i}, statement: s, sources: [{{source: {'s' * 189}x{i}}}]}}\n" for i in range(10))
    (folder / "l.yaml").write_text("sources:\n" + sources + "claims:\n" + claims)
    return folder


def big_file(folder: Path) -> Path:
    """One 40 MB ledger file (under the default 64 MiB limit)."""
    with open(folder / "big.yaml", "w", encoding="utf-8") as out:
        out.write(SOURCES + "claims:\n")
        for i in range(78_000):
            out.write(claim(i, f"{{approx: {1000 + i % 500}, unit: people}}",
                            f"    date: 20{10 + i % 15}-{i % 12 + 1:02d}\n"
                            "    notes: A note of a realistic length, saying where the figure came from and how.\n"))
    return folder


def sparse(folder: Path) -> Path:
    """A sparse 40 GB ledger file beside a normal one."""
    (folder / "l.yaml").write_text(SOURCES + "claims:\n" + claim(1, "1"))
    with open(folder / "huge.yaml", "wb") as out:
        out.truncate(40 * 2**30)
    return folder


def wrong_quotes(folder: Path) -> Path:
    """900 quotes that are not in their 18 MB document."""
    import random

    rng = random.Random(1)
    words = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa")
    with open(folder / "doc.txt", "w", encoding="utf-8") as out:
        for _ in range(400_000):
            out.write(" ".join(rng.choice(words) for _ in range(8)) + "\n")
    claims = "".join(f"  - id: c{i}\n    statement: s\n    sources:\n      - source: S1\n        document: d\n"
                     f"        quote: {' '.join(rng.choice(words) for _ in range(6))} omega\n" for i in range(900))
    (folder / "l.yaml").write_text(SOURCES + "documents:\n  - {id: d, title: t, file: doc.txt}\nclaims:\n" + claims)
    return folder


def reviews(folder: Path) -> Path:
    """15,000 ClaimReviews of one claim text, to import."""
    one = {"@type": "ClaimReview", "claimReviewed": "The crowd was a million strong.",
           "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A speaker"}},
           "author": {"@type": "Organization", "name": "Checks"},
           "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1}}
    (folder / "reviews.json").write_text(json.dumps([{**one, "url": f"https://checks.example/{i}"}
                                                     for i in range(15_000)]))
    return folder


CASES: list[tuple[str, Callable[[Path], Path], list[list[str]]]] = [
    ("2,000 agreeing undated claims, one question", agreeing, [["check", "--all"], ["export", "markdown"]]),
    ("2,000 different overlapping values, one question", agreeing_distinct, [["check", "--all"]]),
    ("part_of chain of 10,000 sources", chain, [["validate"], ["check"]]),
    ("one 4 MB statement", statement, [["list"], ["show", "c1"]]),
    ("10 unknown ids among 2,000 long ones", long_ids, [["validate"]]),
    ("one 40 MB ledger file", big_file, [["validate"], ["list", "--format", "json"]]),
    ("a sparse 40 GB file beside the ledger", sparse, [["validate"]]),
    ("900 wrong quotes against an 18 MB document", wrong_quotes, [["validate"]]),
]


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one command, in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "factledger", *command], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    rows = ["| input | command | time | peak memory | exit |", "| --- | --- | ---: | ---: | ---: |"]
    with tempfile.TemporaryDirectory() as scratch:
        for name, build, commands in CASES:
            folder = Path(scratch) / build.__name__
            (folder / "data").mkdir(parents=True)
            build(folder / "data")
            for command in commands:
                seconds, megabytes, code = run([*command, "--data", "data"], folder)
                rows.append(f"| {name} | `factledger {' '.join(command)}` | {seconds:.2f} s | {megabytes:,.0f} MB "
                            f"| {code} |")
                print(rows[-1], flush=True)
        folder = Path(scratch) / "reviews"
        folder.mkdir()
        reviews(folder)
        seconds, megabytes, code = run(["import", "claimreview", "reviews.json", "-o", "out.yaml"], folder)
        rows.append(f"| 15,000 reviews of one claim text | `factledger import claimreview` | {seconds:.2f} s | "
                    f"{megabytes:,.0f} MB | {code} |")
        print(rows[-1])
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    table = "\n".join(rows) + f"\n\nMeasured on {machine}, {time.strftime('%Y-%m-%d')}.\n"
    if "--write" in sys.argv:
        doc = REPO / "docs" / "hardening.md"
        text = doc.read_text(encoding="utf-8")
        start, end = "<!-- benchmark:start -->\n", "<!-- benchmark:end -->"
        doc.write_text(re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: start + table + end, text,
                              flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    main()
