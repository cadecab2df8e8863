"""The HTML report in a real browser: `python benchmarks/html_report.py [--claims N] [--rounds R] [--write]`.

Exports the bundled ledger (data/) and a generated ledger of N claims (default 100,000; generated once
under --work with benchmarks/generate.py) with `factledger export html`, then opens each report from disk
in headless Chromium (Debian's chromium, driven by Playwright) R times in one run, interleaved, and
measures:

- the file's size, and how long the export took;
- load: from navigation to the moment the page answers (its script has read the data, drawn the claims
  table and listens: the `factledger-ready` performance mark), the target being at most 5 s at 100,000
  claims; against it, in the same rounds, the same file with its script taken out (what reading and laying
  out those bytes costs the browser, to its load event), so that the ratio says what the script adds
  whatever else the machine is doing, and a page of nothing;
- filter: choosing a source in the filter until the table says how many claims match;
- detail: opening a claim's address (`#claim-ID`) until its detail is on screen (above the budget the
  first one unpacks every detail's data).

Prints the table; with --write, replaces the figures in docs/performance.md. Never run by the tests
(machines are noisy): the tests check what the page does, this measures how fast.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_ledger  # noqa: E402
from performance_doc import rewrite  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-sync"]
TARGET = 5.0  # seconds, at 100,000 claims


def export(data: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "factledger", "export", "html", "--data", str(data), "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(browser, path: Path) -> dict[str, float]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri(), wait_until="commit", timeout=600_000)
    page.wait_for_selector("html[data-ready]", timeout=600_000)
    found = {"load": page.evaluate("performance.getEntriesByName('factledger-ready')[0].startTime") / 1000}
    start = time.perf_counter()
    page.select_option("#f-source", index=1)
    page.wait_for_selector("#count:has-text('match')", timeout=600_000)
    found["filter"] = time.perf_counter() - start
    # The first claim the filter left: one that exists in either ledger, the same in every round.
    claim = page.evaluate("document.querySelector('#claims-table tbody tr:not([hidden]) a').textContent")
    start = time.perf_counter()
    page.evaluate("claim => { location.hash = '#claim-' + claim; }", claim)
    page.wait_for_selector(f"[id='claim-{claim}']", state="visible", timeout=600_000)
    found["detail"] = time.perf_counter() - start
    page.close()
    return found


def inert(browser, path: Path) -> float:  # type: ignore[no-untyped-def]
    """The same page without its script: navigation to its load event."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    elapsed: float = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
    page.close()
    return elapsed


def without_script(report: Path) -> Path:
    text = report.read_text(encoding="utf-8")
    start = text.rindex('<script id="report-script">')
    copy = report.with_name(report.stem + "-inert.html")
    copy.write_text(text[:start] + text[text.index("</script>", start) + len("</script>"):], encoding="utf-8")
    return copy


def blank(browser, folder: Path) -> float:  # type: ignore[no-untyped-def]
    """What opening any page costs this browser: a page of nothing."""
    path = folder / "blank.html"
    path.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri())
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/factledger-bench"))
    parser.add_argument("--write", action="store_true", help="rewrite the figures in docs/performance.md")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    from playwright.sync_api import sync_playwright

    generated = args.work / f"ledger-{args.claims}"
    if not (generated / "sources.yaml").exists():
        print(f"generating {args.claims:,} claims under {generated}", flush=True)
        write_ledger(generated, args.claims)
    ledgers = {"bundled ledger (data/)": REPO / "data", f"generated, {args.claims:,} claims": generated}
    reports, exported = {}, {}
    for name, data in ledgers.items():
        reports[name] = args.work / f"report-{data.name}.html"
        print(f"exporting {name}", flush=True)
        exported[name] = export(data, reports[name])
    times: dict[str, list[dict[str, float]]] = {name: [] for name in ledgers}
    inerts = {name: without_script(path) for name, path in reports.items()}
    blanks = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
        for number in range(args.rounds):
            print(f"round {number + 1} of {args.rounds}", flush=True)
            blanks.append(blank(browser, args.work))
            for name in ledgers:
                times[name].append(measure(browser, reports[name]) | {"inert": inert(browser, inerts[name])})
        version = browser.version
        browser.close()
    report = _report(ledgers, reports, exported, times, blanks, args, version)
    print(report)
    if args.write:
        rewrite("html", report)


def _report(ledgers: dict[str, Path], reports: dict[str, Path], exported: dict[str, float],
            times: dict[str, list[dict[str, float]]], blanks: list[float], args: argparse.Namespace,
            version: str) -> str:
    rows = ["| report | file | export | load (to interactive) | without its script | ratio | choose a source | "
            "open a claim | target |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name in ledgers:
        def median(key: str, name: str = name) -> float:
            return statistics.median(t[key] for t in times[name])
        size = reports[name].stat().st_size
        load = median("load")
        target = ""
        if name.startswith("generated") and args.claims >= 100_000:
            target = f"load ≤ {TARGET:g} s ({'met' if load <= TARGET else 'not met'})"
        ratio = statistics.median(t["load"] / t["inert"] for t in times[name])
        rows.append(f"| {name} | {size / 1e6:.1f} MB | {exported[name]:.1f} s | {load:.2f} s | "
                    f"{median('inert'):.2f} s | {ratio:.1f}x | {median('filter'):.2f} s | {median('detail'):.2f} s "
                    f"| {target} |")
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    # The load average before and after: this machine is shared, and a figure in seconds says so.
    return ("\n".join(rows) + "\n\n"
            f"Medians of {args.rounds} rounds, interleaved, in one run; opening a page of nothing took "
            f"{statistics.median(blanks):.2f} s. Chromium {version} (headless), {platform.machine()}, "
            f"{os.cpu_count()} cores, load average {args.load_before:.1f} at the start and {load_avg:.1f} at the "
            f"end, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}.\n")


if __name__ == "__main__":
    main()
