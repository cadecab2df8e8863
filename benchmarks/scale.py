"""Time the stages of factledger on a generated ledger: `python benchmarks/scale.py [CLAIMS]`.

Not a test (machines are noisy): it prints how long loading, cross-checking and writing JSON take
in one process, for comparing changes. The tests bound the work instead (comparisons made).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from generate import write_ledger

from factledger import api
from factledger.render.listing import check_json


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        data = write_ledger(Path(folder) / "data", claims)
        size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file()) / 1e6
        print(f"{claims:,} claims, {size:.0f} MB")
        start = time.perf_counter()
        report = api.check(data, show_all=True)
        checked = time.perf_counter()
        print(f"load, validate and cross-check: {checked - start:6.2f} s  ({len(report.findings):,} findings, "
              f"{report.checked.comparisons:,} comparisons)")
        check_json(report)
        print(f"json of every finding:          {time.perf_counter() - checked:6.2f} s")


if __name__ == "__main__":
    main()
