"""Which files' validation a change to another file can change: what a live ledger re-checks besides the files
that changed, so that what it knows of every file stays what validating everything would say.

The rules read of other files only what their entries *define*: the ids of sources, documents, claims,
assessments and reviews as spelt (unknown, respelt and duplicate references, FL201-FL204, FL208), a source's
``part_of`` (cycles, FL205), a document's ``file`` (quotes, FL301-FL305) and a claim's question (an
assessment's ``wrong``, FL120). A file is affected by a change when it names (defines or refers to) an id
whose definition changed; a change to any source's ``part_of`` affects every file that defines sources, as a
cycle is reported at one of its members, wherever it is.
"""

from __future__ import annotations

from factledger.model.entries import Ledger
from factledger.model.ids import fold
from factledger.model.references import KINDS, references

Name = tuple[str, str]  # (kind, id as compared)
_ANY_SOURCE: Name = ("sources", "*")


def definitions(part: Ledger) -> frozenset[tuple[str, ...]]:
    """What the entries of ``part`` (one file's) define that checking other files reads."""
    found: set[tuple[str, ...]] = set()
    for s in part.sources:
        found.add(("source", fold("source", s.id), s.id, fold("source", s.part_of.id) if s.part_of else ""))
    for d in part.documents:
        found.add(("document", fold("document", d.id), d.id, d.file or ""))
    for c in part.claims:
        found.add(("claim", c.id, c.id, repr(c.question())))
    for a in part.assessments:
        found.add(("assessment", a.id, a.id, ""))
    for r in part.reviews:
        found.add(("review", r.id, r.id, ""))
    return frozenset(found)


def changed(before: frozenset[tuple[str, ...]], after: frozenset[tuple[str, ...]]) -> set[Name]:
    """The names whose definition differs between two versions of a file's ``definitions``."""
    differ = before ^ after
    names: set[Name] = {(d[0], d[1]) for d in differ}
    if any(d[0] == "source" for d in differ):
        names.add(_ANY_SOURCE)
    return names


def names(part: Ledger) -> frozenset[Name]:
    """Every id the entries of ``part`` define or refer to, by kind: a change to any of them may change what
    validating ``part`` finds."""
    found: set[Name] = set()
    for kind in KINDS:
        found.update((kind, fold(kind, ref.id)) for ref in references(part, kind))
    found.update(("source", fold("source", s.id)) for s in part.sources)
    found.update(("document", fold("document", d.id)) for d in part.documents)
    found.update(("claim", c.id) for c in part.claims)
    found.update(("assessment", a.id) for a in part.assessments)
    found.update(("review", r.id) for r in part.reviews)
    if part.sources:
        found.add(_ANY_SOURCE)
    return frozenset(found)
