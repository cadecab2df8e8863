"""Verdicts from ClaimReview ratings, read on real rating scales.

The mapping is data (``data/ratings.csv``: one row per scale and label; ``data/publishers.csv``:
one row per publisher, naming its scales and whether its numbers measure truth), listed in
docs/ratings.md. A rating is read in this order, and the first reading that gives a verdict wins:

1. Its label, whole, after folding case, accents and punctuation: first on the publisher's own
   scales, then on every scale (where the scales agree on the label).
2. The label's first clause ("Incorrect. The figure was…"), whole, the same way.
3. The first clause's words: known phrases, with nothing left over but filler words ("this is",
   "the claim is"); a negation left over, or phrases that disagree, give no reading. Never
   substrings: "untrue" is a word of its own, not "true".
4. The number, on its scale (worstRating to bestRating, schema.org's defaults 1 and 5): the top
   quarter confirms, the bottom quarter denies, the rest disputes; unless the publisher's numbers
   are known to index its labels rather than measure truth.

A ledger's own scales (its ``scales`` section: :class:`OwnScales`) are read before all of these: a
label on a scale whose ``publishers`` name the reviewer first, then a label on any of the ledger's
scales where they agree; so a team's Dutch labels ("Onwaar", "Half waar", "Klopt") give verdicts.

A label that confirms while the number denies (or the reverse) gives no verdict: one of the two is
wrong, and saying either would be saying something false. A label that is about consistency or
gives no verdict (a Flip-O-Meter rating, "Satire", "Verdict Pending") reads as ``reported``.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypedDict

from factledger.importers.text import clean
from factledger.model.ids import fold as fold_id
from factledger.model.numbers import number_problem
from factledger.model.questions import RatingScale
from factledger.model.urls import site


class _Rating(TypedDict):
    """A rating as published, kept on the reading beside the verdict."""

    label: str | None
    value: float | None
    best: float | None
    worst: float | None


@dataclass(frozen=True)
class Reading:
    """What a rating says: the verdict (a claim status), the scale it was read on, and how."""

    verdict: str
    scale: str | None
    how: str  # for the review's notes: "label 'Pants on Fire' on politifact-truth-o-meter"
    label: str | None = None
    value: float | None = None
    best: float | None = None
    worst: float | None = None


@dataclass
class _Tables:
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # folded label → [(scale, verdict)]
    phrases: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # folded words → verdicts
    longest: int = 1
    publishers: list[dict[str, Any]] = field(default_factory=list)


# Words that may stand beside a verdict without changing it ("this is false", "c'est faux").
_FILLERS = frozenset(["this", "is", "it", "its", "the", "a", "an", "claim", "statement", "that", "rating", "verdict",
                      "our", "was", "are", "es", "esto", "eso", "la", "el", "lo", "afirmacion", "e", "isso", "o",
                      "afirmacao", "cest", "ce", "le", "das", "ist", "die", "der", "il"])
# Words that turn a verdict around: left over beside one, they leave the label unread.
_NEGATIONS = frozenset(["not", "no", "never", "isnt", "nor", "nao", "nem", "ne", "pas", "non", "nicht", "kein",
                        "keine", "nein", "ni", "غير", "ليس", "لا"])
_PUNCTUATION = re.compile(r"[^\w\s]+")
_CLAUSE = re.compile(r"[.:;!?()\[\]—–]|\s-\s|,")


@lru_cache(maxsize=65536)  # labels and names repeat across thousands of reviews
def fold(label: str) -> str:
    """A label as it is matched: no accents or other marks, no punctuation, case folded, one space."""
    decomposed = unicodedata.normalize("NFKD", label)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return " ".join(_PUNCTUATION.sub(" ", bare.casefold().replace("'", "")).split())


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("factledger.importers").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def scale_rows() -> list[dict[str, str]]:
    """Every row of the rating table (for docs and tests)."""
    return _rows("ratings.csv")


def publisher_rows() -> list[dict[str, str]]:
    return _rows("publishers.csv")


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    tables = _Tables()
    for row in scale_rows():
        folded = fold(row["label"])
        tables.labels.setdefault(folded, []).append((row["scale"], row["verdict"]))
        words = tuple(folded.split())
        tables.phrases.setdefault(words, set()).add(row["verdict"])
        tables.longest = max(tables.longest, len(words))
    for row in publisher_rows():
        tables.publishers.append({
            "id": row["publisher"], "names": {fold(n) for n in row["names"].split(";") if n.strip()},
            "hosts": [h.strip().casefold() for h in row["hosts"].split(";") if h.strip()],
            "scales": row["scales"].split(), "numbers": row["numbers"]})
    return tables


def publisher(name: str | None, hosts: list[str]) -> dict[str, Any] | None:
    """The known publisher with this name or web host (a subdomain counts), or None."""
    return _publisher(name, tuple(hosts))


@lru_cache(maxsize=4096)
def _publisher(name: str | None, hosts: tuple[str, ...]) -> dict[str, Any] | None:
    folded = fold(name) if name else None
    for known in _tables().publishers:
        if folded and folded in known["names"]:
            return known
        for host in hosts:
            host = site(host)
            if any(host == h or host.endswith("." + h) for h in known["hosts"]):
                return known
    return None


def _whole(folded: str, scales: list[str]) -> tuple[str, str] | None:
    rows = _tables().labels.get(folded)
    if not rows:
        return None
    own = [r for r in rows if r[0] in scales]
    if own:
        return own[0]
    verdicts = {verdict for _, verdict in rows}
    if len(verdicts) == 1:
        common = [r for r in rows if r[0].startswith("common-")]
        return (common or rows)[0]
    return None  # the scales disagree on this label, and the publisher's own does not say


def _words(folded: str) -> str | None:
    tables = _tables()
    words, found, left = folded.split(), set(), []
    i = 0
    while i < len(words):
        for size in range(min(tables.longest, len(words) - i), 0, -1):
            verdicts = tables.phrases.get(tuple(words[i:i + size]))
            if verdicts is not None:
                found |= verdicts
                i += size
                break
        else:
            left.append(words[i])
            i += 1
    if len(found) != 1 or any(w in _NEGATIONS or w not in _FILLERS for w in left):
        return None
    return found.pop()


def read_label(label: str, scales: list[str]) -> tuple[str, str | None, str] | None:
    """(verdict, scale, how) from the label alone, or None."""
    folded = fold(label)
    if not folded:
        return None
    whole = _whole(folded, scales)
    if whole is not None:
        return whole[1], whole[0], f"label '{label}' on {whole[0]}"
    clause = fold(_CLAUSE.split(label, maxsplit=1)[0])
    if clause and clause != folded:
        whole = _whole(clause, scales)
        if whole is not None:
            return whole[1], whole[0], f"label '{label}', by its first words, on {whole[0]}"
    verdict = _words(clause or folded)
    if verdict is not None:
        return verdict, None, f"label '{label}', by its words"
    return None


_NUMERIC = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def number(value: Any) -> float | None:
    """A finite number from a number or numeric text (ASCII digits only); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not _NUMERIC.fullmatch(value.strip()):
            return None
        value = value.strip()
    elif not isinstance(value, (int, float)):
        return None
    try:
        found = float(value)
    except (ValueError, OverflowError):
        return None
    # Bounded well inside float range, so that a scale's width (best - worst) is finite too; and a number
    # the ledger could hold (factledger.model.numbers), since the review keeps it.
    if not math.isfinite(found) or abs(found) > 1e15 or number_problem(found, repr(found)) is not None:
        return None
    return found


def _text(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    return (clean(value) or None) if isinstance(value, str) and value.strip() else None


_OPPOSITE = {("confirmed", "denied"), ("denied", "confirmed")}


@dataclass(frozen=True)
class OwnScales:
    """A ledger's own rating scales, label by label: folded label → [(scale id, verdict, its publishers)]."""

    labels: dict[str, list[tuple[str, str, frozenset[str]]]]

    @classmethod
    def of(cls, scales: list[RatingScale]) -> OwnScales | None:
        labels: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
        for scale in sorted(scales, key=lambda r: r.id):
            publishers = frozenset(fold_id("source", p.id) for p in scale.publishers)
            for label, meaning in scale.labels.items():
                labels.setdefault(fold(label), []).append((scale.id, meaning, publishers))
        return cls(labels) if labels else None

    def read(self, label: str, reviewer: str | None) -> tuple[str, str | None, str] | None:
        """(verdict, scale, how) from the label on the ledger's scales, or None: whole, then its first clause."""
        clause = _CLAUSE.split(label, maxsplit=1)[0]
        for text, how in ((label, ""), (clause, ", by its first words")):
            rows = self.labels.get(fold(text))
            if not rows:
                continue
            own = [r for r in rows if reviewer is not None and fold_id("source", reviewer) in r[2]]
            if own or len({r[1] for r in rows}) == 1:
                scale, meaning, _ = (own or rows)[0]
                return meaning, scale, f"label '{label}'{how} on the ledger's scale {scale}"
        return None


def verdict(rating: Any, known: dict[str, Any] | None, own: OwnScales | None = None,
            reviewer: str | None = None) -> Reading:
    """What ``rating`` (a ClaimReview Rating, or a label alone) says, read for the publisher ``known``; the
    ledger's own scales ``own`` first (those naming ``reviewer``, a source id, before the others)."""
    if isinstance(rating, str) and rating.strip():
        rating = {"alternateName": rating}
    if not isinstance(rating, dict):
        return Reading("reported", None, "no rating was given")
    label = _text(rating, "alternateName") or _text(rating, "name") or _text(rating, "textualRating")
    value, best, worst = (number(rating.get(k)) for k in ("ratingValue", "bestRating", "worstRating"))
    scales = known["scales"] if known else []
    from_label = ((own.read(label, reviewer) if own is not None else None) or read_label(label, scales)) if label \
        else None
    from_number, why_not = _from_number(value, best, worst, known)
    kept = _Rating(label=label, value=value, best=best, worst=worst)
    if from_label is not None:
        status, scale, how = from_label
        if from_number is not None and (status, from_number) in _OPPOSITE:
            return Reading("reported", scale, f"{how} says {status}, but the number {_scale(value, best, worst)} "
                                              f"says {from_number}: one of the two is wrong, so no verdict", **kept)
        if from_number is not None and from_number != status:
            how += f" (the number {_scale(value, best, worst)} would say {from_number}; the label decides)"
        return Reading(status, scale, how, **kept)
    if from_number is not None:
        said = f"the number {_scale(value, best, worst)}"
        if label:
            said += f" (the label '{label}' is not on a known scale)"
        return Reading(from_number, None, said, **kept)
    if label:
        return Reading("reported", None, f"label '{label}' is not on a known scale{why_not}, so no verdict", **kept)
    return Reading("reported", None, f"the rating has no label{why_not}, so no verdict", **kept)


def _scale(value: float | None, best: float | None, worst: float | None) -> str:
    b, w = (5.0 if best is None else best), (1.0 if worst is None else worst)
    return f"{value:g} on {w:g} to {b:g}"


def _from_number(value: float | None, best: float | None, worst: float | None,
                 known: dict[str, Any] | None) -> tuple[str | None, str]:
    """(verdict, why there is none) from the number on its scale."""
    if value is None:
        return None, ""
    if known is not None and known["numbers"] != "truth":
        return None, f" and {known['id']}'s numbers index its labels rather than measure truth"
    b, w = (5.0 if best is None else best), (1.0 if worst is None else worst)
    if b == w:
        return None, f" and its number's scale ({w:g} to {b:g}) has no range"
    if not min(b, w) <= value <= max(b, w):
        return None, f" and its number {value:g} is outside its scale ({w:g} to {b:g})"
    place = (value - w) / (b - w)
    return ("confirmed" if place >= 0.75 else "denied" if place <= 0.25 else "disputed"), ""
