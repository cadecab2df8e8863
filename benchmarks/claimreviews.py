"""Generated ClaimReviews in the image of real fact-checkers' markup, and the import benchmark.

`python benchmarks/claimreviews.py [REVIEWS] [--bad N] [--write FILE]` writes REVIEWS reviews
(5,800 by default, the size of the public research dataset) as one JSON-LD array, times
`factledger import claimreview` on them against `factledger validate` on what it wrote (the target:
importing takes no longer than validating the result), and checks that `check --strict` passes on it.
It then times the import of 1 MB HTML pages built to be slow to read (unfinished tags, deep nesting,
comments, quotes) against an ordinary page of the same size: each must take well under a second, and
about as long as the ordinary one (the standard library's parser took 11-15 s on 130 KB of unfinished
tags). Not a test (machines are noisy); the tests use small inputs written by hand.

The reviews vary as real ones do: many publishers, each with its own rating scale and language
(labels in English, Spanish, Portuguese, French, German, Italian, Arabic and Chinese), numbers that
measure truth or index labels, claims reviewed by two fact-checkers, claimants that are people,
organisations or missing, appearances, licences, relative addresses, and a few broken reviews.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PUBLISHERS = [  # (name, site, labels as (label, value, best))
    ("PolitiFact", "www.politifact.com", [("True", 6, 6), ("Mostly True", 5, 6), ("Half True", 4, 6),
                                          ("Mostly False", 3, 6), ("False", 2, 6), ("Pants on Fire!", 1, 6),
                                          ("Half Flip", None, None)]),
    ("The Washington Post", "www.washingtonpost.com", [("Four Pinocchios", None, None), ("Two Pinocchios", None, None),
                                                       ("Geppetto Checkmark", None, None)]),
    ("FactCheck.org", "www.factcheck.org", [("Distorts the Facts", None, None), ("No Evidence", None, None),
                                            ("False", None, None)]),
    ("Agência Lupa", "lupa.uol.com.br", [("Falso", 4, 6), ("Verdadeiro, mas", 2, 6), ("Exagerado", 3, 6)]),
    ("Aos Fatos", "www.aosfatos.org", [("não é bem assim", 5, 6), ("Falso", 1, 6)]),
    ("AFP Factuel", "factuel.afp.com", [("Faux", None, None), ("Trompeur", None, None)]),
    ("Newtral", "www.newtral.es", [("Falso", 1, 5), ("Engañoso", 2, 5)]),
    ("Correctiv", "correctiv.org", [("Falsch", None, None), ("Teilweise falsch", None, None)]),
    ("Pagella Politica", "pagellapolitica.it", [("Pinocchio andante", None, None), ("C'eri quasi", None, None)]),
    ("Fatabyyano", "fatabyyano.net", [("زائف", None, None), ("مضلل", None, None)]),
    ("台灣事實查核中心", "tfc-taiwan.org.tw", [("錯誤", None, None), ("部分錯誤", None, None)]),
    ("Full Fact", "fullfact.org", [("Incorrect. The figure was lower.", None, None), ("Correct", None, None)]),
]


def reviews(count: int, bad: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    for i in range(count):
        name, site, labels = PUBLISHERS[i % len(PUBLISHERS)]
        label, value, best = rng.choice(labels)
        rating: dict = {"@type": "Rating", "alternateName": label}
        if value is not None:
            rating.update(ratingValue=value, bestRating=best, worstRating=1)
        claim_number = i if i % 10 else i - 5  # every tenth review reviews a claim another one reviewed
        item: dict = {"@type": "Claim", "datePublished": f"20{18 + claim_number % 6}-0{1 + claim_number % 9}-1{claim_number % 9}"}
        if i % 97:
            kind = "Person" if i % 3 else "Organization"
            item["author"] = {"@type": kind, "name": f"Claimant {claim_number % 400}"}
        if i % 4 == 0:
            item["appearance"] = [{"@type": "CreativeWork", "url": f"https://social.example/post/{claim_number}"},
                                  {"@type": "CreativeWork", "url": f"https://video.example/{claim_number}"}]
        review = {
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": f"https://{site}/check/{i}" if i % 50 else f"/check/{i}",
            "claimReviewed": f"Claim number {claim_number} about topic {claim_number % 37} &amp; more",
            "datePublished": f"20{18 + i % 6}-1{i % 3}-2{i % 8}",
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": name, "url": f"https://{site}/"},
            "reviewRating": rating,
            "sdLicense": "https://creativecommons.org/licenses/by-nc/4.0/",
            "inLanguage": "en",
        }
        if i % 7 == 0:
            review["author"] = {"@type": "Person", "name": f"Reporter {i % 30}"}
            review["publisher"] = {"@type": "Organization", "name": name, "url": f"https://{site}/"}
        out.append(review)
    for i in rng.sample(range(count), bad):  # a handful of broken ones, as real files have
        out[i] = {"@type": "ClaimReview", "itemReviewed": {"@type": "Claim"}} if i % 2 else \
            {"@type": "ClaimReview", "claimReviewed": "No reviewer named at all"}
    return out


BLOCK = ('<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": "A claim", '
         '"url": "https://checks.example.net/a", "author": {"@type": "Organization", "name": "Checker"}, '
         '"reviewRating": {"alternateName": "False"}}</script>')


def hostile_pages(size: int = 1_000_000) -> dict[str, str]:
    """Pages of about ``size`` characters, each ending with one good review: an ordinary page, and shapes
    that make an HTML reader slow (each makes some reader rescan, or nest, or give up)."""
    def fill(unit: str, tail: str = BLOCK) -> str:
        return unit * (size // len(unit)) + tail

    return {
        "ordinary page": fill('<p class="text">A paragraph &amp; a <a href="/x">link</a>.</p>\n'),
        "unfinished tags, closed at the end": fill("<a ", ">" + BLOCK),
        "unfinished tags": fill("<a b", "<a " + BLOCK[1:]),
        "deep nesting": fill("<div>"),
        "empty comments": fill("<!---->"),
        "an unclosed quote per tag": fill('<a x="', '">' + BLOCK),
        "lone angle brackets": fill("< <", "" + BLOCK),
        "meta tags": fill('<meta name="x" content="y">'),
        "script blocks": fill(BLOCK),
    }


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    args = sys.argv[1:]
    count = int(args[0]) if args and args[0].isdigit() else 5_800
    bad = int(args[args.index("--bad") + 1]) if "--bad" in args else 6
    generated = reviews(count, bad)
    if "--write" in args:
        Path(args[args.index("--write") + 1]).write_text(json.dumps(generated), encoding="utf-8")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "reviews.json"
        source.write_text(json.dumps(generated), encoding="utf-8")
        data = Path(folder) / "data"
        data.mkdir()
        target = data / "imported.yaml"
        cli = [sys.executable, "-m", "factledger"]
        imported = _time([*cli, "import", "claimreview", str(source), "-d", str(data), "-o", str(target)])
        validated = _time([*cli, "validate", "-d", str(data)])
        strict = subprocess.run([*cli, "check", "--strict", "-d", str(data)], capture_output=True, text=True)
        print(f"{count:,} reviews ({bad} broken): import {imported:.2f} s, validate of the result {validated:.2f} s "
              f"(import / validate = {imported / validated:.2f}); check --strict exit {strict.returncode}")
        _pages(Path(folder))


def _pages(folder: Path) -> None:
    """Reading each hostile page (the page alone, in this process) against the ordinary one, and the
    whole import of each (a process, as a user runs it)."""
    from factledger.importers.html import scan

    timed = {}
    for name, page in hostile_pages().items():
        start = time.perf_counter()
        scan(page)
        read = time.perf_counter() - start
        path = folder / "page.html"
        path.write_text(page, encoding="utf-8")
        timed[name] = (read, _time([sys.executable, "-m", "factledger", "import", "claimreview", str(path)]))
    ordinary = timed["ordinary page"][0]
    for name, (read, whole) in timed.items():
        print(f"1 MB page, {name}: read {read:.3f} s ({read / ordinary:.1f} x the ordinary page), "
              f"import {whole:.2f} s")


if __name__ == "__main__":
    main()
