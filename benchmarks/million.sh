#!/usr/bin/env bash
# A million claims on one machine: `bash benchmarks/million.sh [WORK_DIR]`.
# Generates the ledger once (benchmarks/generate.py), then runs each command once, printing its wall
# time and peak memory (GNU time): a cold validate, the validate that fills the cache, a warm list,
# check, and the jsonl and sqlite exports; then the same data loaded as plain Python objects from JSON
# (json.load of `export json`), the baseline of the memory target. Figures are recorded in
# docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/factledger-million}"
mkdir -p "$work"
[ -f "$work/ledger/sources.yaml" ] || python "$here/generate.py" 1000000 "$work/ledger"
export FACTLEDGER_CACHE_DIR="$work/cache"
rm -rf "$FACTLEDGER_CACHE_DIR"
# Exit 1 is an answer (findings, or data errors), not a failure of the run: only 2 and above stop it.
run() { /usr/bin/time -f "%e s, %M KB peak: factledger $*" python -m factledger "$@" --data "$work/ledger" > /dev/null \
  || [ $? -eq 1 ]; }
run validate --no-cache
run validate
run list --source ORG3 --format json
run check
run export jsonl -o "$work/ledger.jsonl"
run export sqlite -o "$work/ledger.db" --force
run export json -o "$work/ledger.json"
/usr/bin/time -f "%e s, %M KB peak: json.load of the same data" \
  python -c "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))" "$work/ledger.json"
