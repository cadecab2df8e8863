"""Realistic generated ledgers for benchmarks: `python benchmarks/generate.py CLAIMS OUT_DIR`.

Deterministic (a seed), valid (every quote occurs in its document), and shaped like a working
ledger: sources in organisations (``part_of``) with some ``depends_on``, documents with text files
and quotes, questions with several claims over time, numeric values with hedges and units,
categorical and boolean values, partial dates, relations between claims, a few statuses. About
420 bytes of YAML per claim, 500 claims a file. Never imported by the tests.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

PER_FILE = 500
ORGANISATIONS = 20
MEMBERS = 9
KINDS = ("government", "intelligence", "media", "ngo", "international-organization", "academic")
UNITS = ("soldiers", "people", "shells", "tonnes", "vehicles")
SUBJECTS = ("north-korea", "russia", "ukraine", "belarus", "iran", "china", "moldova", "georgia")
WORDS = ("reported", "estimated", "confirmed", "officials", "according", "sources", "troops", "border", "supplies",
         "region", "deployment", "figures", "independent", "analysts", "satellite", "imagery", "statement")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + f" ({n})."


def _sources(rng: random.Random) -> list[str]:
    lines = ["sources:"]
    for org in range(ORGANISATIONS):
        kind = KINDS[org % len(KINDS)]
        lines += [f"  - id: ORG{org}", f"    name: Organisation {org}", f"    kind: {kind}",
                  f"    reliability: {'ABCDEF'[org % 6]}"]
        if org % 7 == 3:
            lines.append(f"    depends_on: [ORG{(org + 1) % ORGANISATIONS}]")
        for member in range(MEMBERS):
            lines += [f"  - id: ORG{org}-M{member}", f"    name: Office {member} of organisation {org}",
                      "    kind: official", f"    part_of: ORG{org}"]
    return lines


def _value(rng: random.Random, base: int, unit: str) -> str:
    hedge = rng.random()
    figure = max(1, int(base * rng.uniform(0.8, 1.25)))
    if hedge < 0.35:
        return f"{{approx: {figure}, unit: {unit}}}"
    if hedge < 0.5:
        return f"{{at_least: {figure}, unit: {unit}}}"
    if hedge < 0.6:
        return f"{{low: {figure}, high: {figure + base // 5 + 1}, unit: {unit}}}"
    if hedge < 0.65:
        return f"{{more_than: {figure}, unit: {unit}}}"
    return f"{{exact: {figure}, unit: {unit}}}"


def write_ledger(directory: Path, claims: int, seed: int = 1) -> Path:
    """Write a ledger of ``claims`` claims under ``directory`` (created); returns it."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "documents").mkdir(exist_ok=True)
    (directory / "sources.yaml").write_text("\n".join(_sources(rng)) + "\n", encoding="utf-8")
    question = 0
    for start in range(0, claims, PER_FILE):
        number = start // PER_FILE
        document = f"doc-{number:05d}"
        sentences: list[str] = []
        lines = ["documents:", f"  - id: {document}", f"    title: Report number {number}",
                 f"    url: https://reports.example.org/{number}", f"    published: 20{10 + number % 15}-06",
                 f"    file: documents/{document}.txt", "claims:"]
        remaining = 0
        base, unit, categorical = 1000, "soldiers", False
        previous: list[str] = []
        for i in range(start, min(claims, start + PER_FILE)):
            if remaining == 0:  # a new question: several claims over time, from several sources
                question += 1
                remaining = rng.choice((1, 2, 3, 4, 5, 6, 8, 12))
                base, unit = rng.choice((400, 1500, 3000, 12000, 80000)), rng.choice(UNITS)
                categorical = rng.random() < 0.2
                previous = []
            remaining -= 1
            org = rng.randrange(ORGANISATIONS)
            source = f"ORG{org}" if rng.random() < 0.4 else f"ORG{org}-M{rng.randrange(MEMBERS)}"
            # A question's claims follow each other over months, two or three to a month.
            year, month = 2014 + question % 11, 1 + (question + len(previous) // 3) % 12
            date = f"{year}-{month:02d}" if rng.random() < 0.6 else f"{year}-{month:02d}-{1 + len(previous) % 28:02d}"
            claim_id = f"q{question}-c{i}"
            lines += [f"  - id: {claim_id}", f"    statement: {_sentence(rng, 16)}",
                      f"    subject: {SUBJECTS[question % len(SUBJECTS)]}", f"    property: measure-{question}"]
            if categorical:
                lines.append(f"    value: {'true' if rng.random() < 0.7 else 'false'}")
            else:
                lines.append(f"    value: {_value(rng, base, unit)}")
            lines += [f"    date: {date}", "    sources:", f"      - source: {source}"]
            if rng.random() < 0.3:
                quote = _sentence(rng, 7)
                sentences.append(quote)
                lines += [f"        document: {document}", f"        quote: {quote}"]
            if rng.random() < 0.15:
                lines.append(f"        via: [ORG{(org + 3) % ORGANISATIONS}]")
            if rng.random() < 0.1:
                lines.append(f"        date: {year}-{month:02d}")
            if previous and rng.random() < 0.08:
                lines.append(f"    supersedes: [{previous[-1]}]")
            elif previous and rng.random() < 0.05:
                lines.append(f"    disputes: [{previous[0]}]")
            elif previous and rng.random() < 0.05:
                lines.append(f"    supports: [{previous[-1]}]")
            if rng.random() < 0.1:
                lines.append(f"    tags: [{rng.choice(('troops', 'munitions', 'casualties'))}]")
            if i % 97 == 0:
                lines.append("    status: confirmed")
            if rng.random() < 0.4:
                lines.append(f"    notes: {_sentence(rng, 12)}")
            previous.append(claim_id)
        (directory / "documents" / f"{document}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
        (directory / f"claims-{number:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py CLAIMS OUT_DIR")
    out = write_ledger(Path(sys.argv[2]), int(sys.argv[1]))
    print(f"wrote {sys.argv[1]} claims under {out}")
