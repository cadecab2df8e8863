"""What an editor offers where the cursor is: the fields a mapping takes (the field tables', each with its
help), the values a field may take (statuses, kinds, reliabilities, verdicts: the tables' choices), the ids a
reference may name (sources after ``source:``, ``via``, ``part_of``, ``depends_on``; claims in ``supports``,
``disputes``, ``supersedes``, assessments and reviews; documents), and what the ledger already uses (subjects,
properties, units, tags, qualifier keys and values). Each with what a person needs to choose: a source's
name, kind and reliability, a claim's statement, value and date.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from factledger.api.live import LiveLedger
from factledger.api.results import Offer, Offers, Place
from factledger.model.entries import Claim, Ledger
from factledger.parse.cursor import Cursor, at
from factledger.schema.paths import KIND_OF_SECTION, Field, field_at, table_at
from factledger.text.escapes import clip, safe
from factledger.text.plural import plural
from factledger.text.suggest import typed_rank

MAX_OFFERS = 200  # beyond this many candidates, those holding what is typed; the editor asks again as it changes


def complete(live: LiveLedger, path: Path, line: int, column: int) -> Offers:
    """What may be written at ``line``/``column`` of ``path`` (its text as the editor holds it)."""
    cursor = at(live.text_of(path), line, column)
    where = Place(str(path), line, cursor.start, line, cursor.end)
    ledger = live.current.result.ledger
    if cursor.key is None:
        if cursor.path[-1:] == ("qualifiers",):
            return _chosen(where, cursor.word, "qualifier", _in_use(ledger, cursor.path, "qualifiers") or {})
        listed = _list_field(cursor)
        if listed is not None:
            return _values(ledger, cursor, listed, where)
        return Offers(_fields(cursor, where))
    found = field_at(cursor.path, cursor.key)
    if found is None:
        if cursor.path[-1:] == ("qualifiers",):
            return _chosen(where, cursor.word, "value", _qualifier_values(ledger, cursor.key))
        return Offers()
    return _values(ledger, cursor, found, where)


def _list_field(cursor: Cursor) -> Field | None:
    """At a new item of a list of values (``- |`` under ``disputes:``), the list's field."""
    if not cursor.path:
        return None
    found = field_at(cursor.path[:-1], cursor.path[-1])
    return found if found is not None and found.is_list and found.fields is None else None


def _fields(cursor: Cursor, where: Place) -> list[Offer]:
    taken = set(cursor.siblings)
    if not cursor.path:
        return [Offer(s, "section", f"a list of {s}", "", f"{s}:", where) for s in KIND_OF_SECTION if s not in taken]
    table = table_at(cursor.path)
    if table is None:
        return []
    return [Offer(name, "field", "required" if spec.required else "", spec.help, f"{name}: ", where)
            for name, spec in table.items() if name not in taken]


def _values(ledger: Ledger, cursor: Cursor, chosen: Field, where: Place) -> Offers:
    word = cursor.word
    if chosen.choices:
        return _chosen(where, word, "value", {c: "" for c in chosen.choices})
    if chosen.refers is not None and not (chosen.name == "id" and len(cursor.path) == 1):
        return _ids(ledger, chosen.refers, word, where)
    used = _in_use(ledger, cursor.path, chosen.name)
    return _chosen(where, word, chosen.name, used) if used is not None else Offers()


def _ids(ledger: Ledger, kind: str, word: str, where: Place) -> Offers:
    if kind == "source":
        return _chosen(where, word, "source", {s.id: _source(s) for s in ledger.sources})
    if kind == "document":
        return _chosen(where, word, "document", {d.id: safe(d.title) for d in ledger.documents})
    if kind == "claim":
        return _chosen(where, word, "claim", {c.id: _claim(c) for c in _matching(ledger.claims, word)})
    return Offers()


def _matching(claims: Iterable[Claim], word: str) -> list[Claim]:
    """The claims whose id holds ``word`` (any case): what is worth describing of ten thousand."""
    return [c for c in claims if typed_rank(c.id, word) is not None]


def _chosen(where: Place, word: str, kind: str, described: dict[str, str]) -> Offers:
    """``described`` (value → its description) as offers: all of them, or past :data:`MAX_OFFERS` those
    holding ``word``, those starting with it first."""
    names = sorted(described, key=lambda n: (_rank(n, word), n))
    incomplete = len(names) > MAX_OFFERS
    if incomplete:
        names = [n for n in names if typed_rank(n, word) is not None][:MAX_OFFERS]
    first_line = {n: described[n].split("\n", 1)[0] for n in names}
    return Offers([Offer(n, kind, clip(first_line[n], 80), described[n], n, where) for n in names], incomplete)


def _source(source: object) -> str:
    name = safe(getattr(source, "name", ""))
    facts = [f"kind {getattr(source, 'kind', '')}"]
    reliability = getattr(source, "reliability", None)
    facts.append(f"reliability {reliability}" if reliability else "reliability not graded")
    part_of = getattr(source, "part_of", None)
    if part_of is not None:
        facts.append(f"part of {part_of.id}")
    return f"{name}\n{', '.join(facts)}"


def _claim(claim: Claim) -> str:
    facts = [str(claim.value) if claim.value is not None else "", str(claim.date) if claim.date else "",
             ", ".join(claim.originators())]
    return f"{safe(claim.statement)}\n{' · '.join(safe(f) for f in facts if f)}"


def _in_use(ledger: Ledger, path: tuple[str, ...], name: str) -> dict[str, str] | None:
    """The values the ledger already gives the field ``name`` (subjects, properties, units, tags), by how often."""
    claims = ledger.claims
    values: list[str | None]
    if name in ("subject", "property"):
        values = [getattr(c, name) for c in claims]
        if path[:1] == ("assessments",):
            values += [getattr(a.question, name) for a in ledger.assessments if a.question is not None]
    elif name == "unit":
        values = [c.value.unit if c.value is not None else None for c in claims]
    elif name == "tags":
        values = [t for c in claims for t in c.tags]
    elif name == "qualifiers":
        values = [k for c in claims for k in c.qualifiers]
    else:
        return None
    return _counted(values)


def _qualifier_values(ledger: Ledger, key: str) -> dict[str, str]:
    return _counted([c.qualifiers.get(key) for c in ledger.claims])


def _counted(values: Iterable[str | None]) -> dict[str, str]:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return {v: f"used {plural(n, 'time')}" for v, n in counts.items()}


def _rank(name: str, word: str) -> int:
    found = typed_rank(name, word)
    return 2 if found is None else found
