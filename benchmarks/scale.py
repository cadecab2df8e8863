"""Time factledger on a generated ledger: `python benchmarks/scale.py [CLAIMS] [QUESTIONS]`.

Not a test (machines are noisy): it prints how long each stage takes, for the record in
the README and for comparing changes. The tests bound the work instead (comparisons made).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generate_ledger import write_yaml_ledger  # noqa: E402

from factledger.pipeline import check_ledger, load_ledger  # noqa: E402
from factledger.render.listing import check_json  # noqa: E402


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    questions = int(sys.argv[2]) if len(sys.argv) > 2 else 3_000
    with tempfile.TemporaryDirectory() as folder:
        data = write_yaml_ledger(Path(folder) / "data", claims, questions)
        size = sum(p.stat().st_size for p in data.iterdir()) / 1e6
        print(f"{claims:,} claims in {questions:,} questions, {size:.0f} MB of YAML")
        start = time.perf_counter()
        result = load_ledger(data)
        loaded = time.perf_counter()
        print(f"load + validate: {loaded - start:6.2f} s  ({len(result.diagnostics)} diagnostics)")
        checked = check_ledger(result.ledger)
        done = time.perf_counter()
        print(f"cross-check:     {done - loaded:6.2f} s  ({len(checked.findings):,} findings, "
              f"{checked.comparisons:,} comparisons)")
        check_json(checked, checked.findings, result, True, checked.counts())
        print(f"json of all:     {time.perf_counter() - done:6.2f} s")


if __name__ == "__main__":
    main()
