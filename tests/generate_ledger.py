"""Generated ledgers for scale tests and benchmarks: deterministic, many claims in few questions."""

from __future__ import annotations

import random
from pathlib import Path

from factledger.problems.diagnostics import Location
from factledger.model.entries import Citation, Claim, DateSpan, Ledger, PartialDate, Ref, Source, Value


def generated_ledger(claims: int, questions: int, sources: int = 200, seed: int = 1) -> Ledger:
    """A valid ledger in memory: sources in families of ten (part_of), claims spread over 24 months."""
    rng = random.Random(seed)
    where = Location("generated.yaml", 1, 1)
    ledger = Ledger()
    for i in range(sources):
        parent = None if i % 10 == 0 else Ref(f"S{i - i % 10}", where)
        ledger.sources.append(Source(id=f"S{i}", name=f"Source {i}", kind="government", location=where,
                                     part_of=parent))
    for i in range(claims):
        q = i % questions
        month = rng.randint(1, 24)
        date = PartialDate(2023 + (month - 1) // 12, (month - 1) % 12 + 1)
        citations = [Citation(source=Ref(f"S{rng.randrange(sources)}", where), location=where)
                     for _ in range(2 if i % 7 == 0 else 1)]
        ledger.claims.append(Claim(
            id=f"c{i}", statement=f"Claim {i} on question {q}.", location=Location("generated.yaml", i + 1, 5),
            subject=f"subject-{q % 100}", property=f"property-{q}",
            value=Value("approx", number=rng.choice((1000, 1050, 1500, 3000)), unit="soldiers"),
            date=DateSpan.single(date), citations=citations,
            status="disputed" if i % 20 == 0 else "confirmed" if i % 31 == 0 else "reported",
            disputes=[Ref(f"c{i - questions}", where)] if i % 50 == 0 and i >= questions else [],
            supports=[Ref(f"c{i - 1}", where)] if i % 13 == 0 and i else [],
        ))
    return ledger


def one_long_question(claims: int, sources: int = 50, seed: int = 2) -> Ledger:
    """One question asked again and again over the years, each claim on its own day."""
    import datetime as dt

    rng = random.Random(seed)
    where = Location("generated.yaml", 1, 1)
    ledger = Ledger()
    for i in range(sources):
        ledger.sources.append(Source(id=f"S{i}", name=f"Source {i}", kind="other", location=where))
    start = dt.date(1950, 1, 1).toordinal()
    for i in range(claims):
        day = dt.date.fromordinal(start + i)
        ledger.claims.append(Claim(
            id=f"c{i}", statement="s", location=where, subject="one", property="question",
            value=Value("exact", number=rng.choice((1, 2, 3))), date=DateSpan.single(PartialDate(day.year, day.month, day.day)),
            citations=[Citation(source=Ref(f"S{rng.randrange(sources)}", where), location=where)]))
    return ledger


def write_yaml_ledger(directory: Path, claims: int, questions: int, sources: int = 200, seed: int = 1,
                      per_file: int = 10_000) -> Path:
    """The same kind of ledger as YAML files, for benchmarking the whole command."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["sources:"]
    for i in range(sources):
        lines += [f"  - id: S{i}", f"    name: Source {i}", "    kind: government"]
        if i % 10:
            lines.append(f"    part_of: S{i - i % 10}")
    (directory / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for start in range(0, claims, per_file):
        lines = ["claims:"]
        for i in range(start, min(claims, start + per_file)):
            q = i % questions
            month = rng.randint(1, 24)
            lines += [
                f"  - id: c{i}",
                f"    statement: Claim {i} on question {q}.",
                f"    subject: subject-{q % 100}",
                f"    property: property-{q}",
                f"    value: {{approx: {rng.choice((1000, 1050, 1500, 3000))}, unit: soldiers}}",
                f"    date: {2023 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}",
                "    sources:",
                f"      - source: S{rng.randrange(sources)}",
            ]
        (directory / f"claims-{start // per_file:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory
