"""`factledger add --from -`: entries in ledger form (YAML or JSON) from standard input, added as `add` adds
claims: each claim to the file holding its subject, new sources to the sources' file, ids made where
left out, and the whole checked before anything is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factledger.api.adding import (
    ClaimInput,
    Draft,
    claims_file,
    proposed_id,
    source_checked,
    sources_file,
    write_draft,
)
from factledger.api.results import Edited
from factledger.model.ids import fold
from factledger.pipeline import load_ledger
from factledger.problems.errors import UsageError
from factledger.text.escapes import clip


def add_entries(data_dir: Path, text: str, dry_run: bool = False) -> Edited:
    """Add the entries of ``text`` (YAML or JSON: a claim, a list of claims, or sections such as
    ``{sources: [...], claims: [...]}`` in ledger form; a claim's id may be left out, to be made)."""
    before = load_ledger(Path(data_dir))
    ledger = before.ledger
    sections = _sections(_read_input(text))
    draft = Draft()
    new_sources = {fold("source", s.get("id", "")) for s in sections.get("sources", []) if isinstance(s, dict)}
    for source in sections.get("sources", []):
        draft.put(sources_file(ledger, Path(data_dir)), "sources", source)
    for number, claim in enumerate(sections.get("claims", []), 1):
        if not isinstance(claim, dict):
            raise UsageError(f"claim {number} of the input is not a mapping of fields")
        cited = [c.get("source") for c in claim.get("sources") or [] if isinstance(c, dict)]
        for source in cited:
            if isinstance(source, str) and fold("source", source) not in new_sources:
                source_checked(ledger, source, f"claim {number}'s source")
        if "id" not in claim:
            first = cited[0] if cited and isinstance(cited[0], str) else ""
            made = ClaimInput(source=first, subject=claim.get("subject"), property=claim.get("property"),
                              date=claim.get("date") if isinstance(claim.get("date"), str) else None)
            claim = {"id": proposed_id(ledger, made, draft.taken), **claim}
        draft.taken.add(str(claim["id"]))
        place = ClaimInput(subject=claim.get("subject") if isinstance(claim.get("subject"), str) else None)
        draft.put(claims_file(ledger, place, Path(data_dir)), "claims", claim)
    for other in sections:
        if other not in ("sources", "claims"):
            for entry in sections[other]:
                draft.put(claims_file(ledger, ClaimInput(), Path(data_dir)), other, entry)
    return write_draft(Path(data_dir), before, draft, dry_run)


def _read_input(text: str) -> Any:
    """Standard input's YAML or JSON, read as the ledger is (strictly, YAML 1.2); a UsageError saying where
    it is not well formed."""
    from factledger.parse.compose import load_bytes
    from factledger.parse.nodes import LoadedFile, plain_data

    read = load_bytes(text.encode("utf-8"), LoadedFile(Path("-"), "standard input", None))
    if read.diagnostics:
        first = read.diagnostics[0]
        raise UsageError(f"{first.location}: {first.message}", option="--from")
    return plain_data(read.root) if read.root is not None else None


def _sections(data: Any) -> dict[str, list[Any]]:
    if isinstance(data, list):
        return {"claims": data}
    if isinstance(data, dict) and "statement" in data:
        return {"claims": [data]}
    if isinstance(data, dict) and data and all(isinstance(v, list) for v in data.values()):
        from factledger.schema.tables import SECTIONS

        unknown = [k for k in data if k not in SECTIONS]
        if unknown:
            raise UsageError(f"'{clip(unknown[0])}' is not a section of a ledger ({', '.join(SECTIONS)})",
                             option="--from")
        return data
    raise UsageError("the input holds no entries: give a claim, a list of claims, or sections such as "
                     "{claims: [...]}", option="--from")
