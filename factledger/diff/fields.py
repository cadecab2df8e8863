"""An entry's content as a diff compares it: what the normalised ledger writes for it (every field but
its place in a file), with the references to other entries known by field, so that a rename can be
followed through them, and each changed field said old → new.

"Content unchanged" is judged here: two entries have the same content when every field but the id is
equal once the references of the older one are mapped through the renames found (so a claim whose
citation followed its source's rename is unchanged). Values, dates and numbers compare as what they
mean (``1500`` and ``1500.0`` are one number), text compares exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from factledger.diff.model import FieldChange
from factledger.export.normalised import assessment_entry, claim_entry, document_entry, source_entry
from factledger.model.entries import Assessment, Claim, DateSpan, Document, QuestionKey, Review, Source, format_number
from factledger.model.ids import fold
from factledger.query.records import review_data

Renames = Mapping[str, Mapping[str, str]]  # by the section of the renamed entries: folded old id → new id

_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "sources": source_entry, "documents": document_entry, "claims": claim_entry,
    "assessments": assessment_entry, "reviews": review_data,
}
# Which fields refer to which kind of entry: (field, section referred to, a list?), and in a citation.
_REFERENCES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "sources": (("part_of", "sources", False), ("depends_on", "sources", True)),
    "documents": (("publisher", "sources", False),),
    "claims": (("supports", "claims", True), ("disputes", "claims", True), ("supersedes", "claims", True)),
    "assessments": (("claims", "claims", True), ("wrong", "claims", False)),
    "reviews": (("claim", "claims", False), ("by", "sources", False), ("appearances", "documents", True)),
}
_CITATION = (("source", "sources", False), ("document", "documents", False), ("via", "sources", True))
_KIND = {"sources": "source", "documents": "document", "claims": "claim", "assessments": "assessment",
         "reviews": "review"}


def key(section: str, entry_id: str) -> str:
    """The form under which two ids of a section are one id (model.ids decides)."""
    return fold(_KIND[section], entry_id)


def data(section: str, entry: Any) -> dict[str, Any]:
    """The entry as the normalised ledger writes it (absent fields left out)."""
    return _DATA[section](entry)


def content(section: str, written: dict[str, Any], renames: Renames | None = None) -> dict[str, Any]:
    """Every field but the id, references mapped through ``renames`` (of an older ledger into a newer)."""
    found = {k: v for k, v in written.items() if k != "id"}
    if renames:
        found = mapped(section, found, renames)
    return found


def signature(section: str, written: dict[str, Any], renames: Renames | None = None) -> str:
    """The content as one comparable text: equal texts, equal content."""
    return json.dumps(content(section, written, renames), sort_keys=True, ensure_ascii=False, default=str)


def mapped(section: str, written: dict[str, Any], renames: Renames) -> dict[str, Any]:
    """``written`` with every reference to a renamed entry changed to its new id."""
    out = dict(written)
    for name, target, many in _REFERENCES[section]:
        if name in out:
            out[name] = _map(out[name], target, many, renames)
    if section == "claims" and "sources" in out:
        out["sources"] = [_citation(c, renames) for c in out["sources"]]
    return out


def _citation(citation: dict[str, Any], renames: Renames) -> dict[str, Any]:
    out = dict(citation)
    for name, target, many in _CITATION:
        if name in out:
            out[name] = _map(out[name], target, many, renames)
    return out


def _map(value: Any, target: str, many: bool, renames: Renames) -> Any:
    table = renames.get(target, {})
    if not table:
        return value
    if many:
        return [table.get(key(target, v), v) for v in value]
    return table.get(key(target, value), value)


def references(section: str, written: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Every reference the entry holds: (field, section referred to, id)."""
    found = []
    for name, target, many in _REFERENCES[section]:
        value = written.get(name)
        for v in (value if many else [value]) if value is not None else []:
            found.append((name, target, v))
    if section == "claims":
        for n, citation in enumerate(written.get("sources", []), 1):
            for name, target, many in _CITATION:
                value = citation.get(name)
                for v in (value if many else [value]) if value is not None else []:
                    found.append((f"sources[{n}].{name}", target, v))
    return found


def changes(section: str, old: dict[str, Any], new: dict[str, Any], old_entry: Any,
            new_entry: Any) -> list[FieldChange]:
    """Each field that differs between ``old`` (mapped) and ``new``, in the order the entry writes them."""
    found = []
    for name in dict.fromkeys([*new, *old]):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name == "sources" and isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
            for n, (a, b) in enumerate(zip(before, after, strict=True), 1):
                for sub in dict.fromkeys([*b, *a]):
                    if a.get(sub) != b.get(sub):
                        found.append(FieldChange(f"sources[{n}].{sub}", a.get(sub), b.get(sub),
                                                 text(a.get(sub)), text(b.get(sub))))
            continue
        found.append(FieldChange(name, before, after, _shown(section, name, before, old_entry),
                                 _shown(section, name, after, new_entry)))
    return found


def title(section: str, entry: Any) -> str:
    """One line saying which entry this is."""
    if isinstance(entry, Claim):
        return entry.statement
    if isinstance(entry, Source):
        return entry.name
    if isinstance(entry, Document):
        return entry.title
    if isinstance(entry, Assessment):
        return f"{entry.verdict}: {entry.note}" if entry.note else entry.verdict
    if isinstance(entry, Review):
        return f"{entry.verdict} review of {entry.claim.id} by {entry.by.id}"
    return ""


def _shown(section: str, name: str, value: Any, entry: Any) -> str:
    """A field's value as people read it: a claim's value as the ledger's other outputs show it."""
    if value is None:
        return text(None)
    if section == "claims" and name == "value" and isinstance(entry, Claim) and entry.value is not None:
        return entry.value.display()
    if section == "assessments" and name == "question" and isinstance(entry, Assessment) and entry.question:
        return str(entry.question)
    held = getattr(entry, name, None) if name in ("date", "published", "retrieved") else None
    return str(held) if isinstance(held, DateSpan) else text(value)


def text(value: Any) -> str:
    """Any field's data as one line: lists in brackets, mappings as 'key: value'."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, DateSpan | QuestionKey):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {text(v)}" for k, v in value.items()) + "}"
    return str(value)
