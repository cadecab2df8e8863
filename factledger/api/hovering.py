"""What an editor shows on hover, computed by the use cases the command line uses: on a claim's id, the claim
as ``factledger show`` gives it (its statement, value, date, sources with their reliability, and what the
cross-check finds about it: conflicts, corroboration, supersession); on a source's id, the source as
``factledger sources`` counts it (the claims it originates, and those it relays); on a document's id, the
document; on a problem's place or a code in a suppression comment, what the code means
(``factledger codes``).
"""

from __future__ import annotations

import re
from pathlib import Path

from factledger.api.live import LiveLedger
from factledger.api.navigation import target_at
from factledger.api.reading import claim_shown, sources_of
from factledger.api.results import Hovered, SourceList, SourceShown, Target
from factledger.model.suppressions import DIRECTIVE, code_of
from factledger.parse.cursor import token_end
from factledger.parse.spans import split_lines
from factledger.problems.catalogue import CATALOGUE, Code


def hover(live: LiveLedger, path: Path, line: int, column: int) -> Hovered:
    text = live.text_of(path)
    lines = split_lines(text)
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    found = Hovered()
    found.problems = [p for p in live.problems(path) if any(_covers(loc, current, line, column, str(path))
                                                               for loc in p.locations)]
    found.codes = list({p.code: CATALOGUE[p.code] for p in found.problems}.values())
    written = _suppressed_code(current, column)
    if written is not None:
        found.codes.append(written)
    target = target_at(live, path, line, column)
    if target is not None:
        found.target, found.place = target, target.place
        _describe(live, found, target)
    return found


def _describe(live: LiveLedger, found: Hovered, target: Target) -> None:
    result = live.current.result
    ledger = result.ledger
    if target.kind == "claim":
        claim = ledger.claim(target.id)
        if claim is not None:
            found.claim = claim_shown(result, claim, live.checked_claims([claim.id]), live.linked())
    elif target.kind == "source":
        source = ledger.source(target.id)
        if source is not None:
            listed = _sources(live)
            originates, relays = next((n, r) for s, n, r in listed.rows if s is source)
            found.source = SourceShown(None, source=source, originates=originates, relays=relays)
    elif target.kind == "document":
        found.document = ledger.document(target.id)


def _sources(live: LiveLedger) -> SourceList:
    """`factledger sources` of the ledger as it is now (once per version)."""
    snap = live.current
    if snap.sources is None:
        snap.sources = sources_of(snap.result)
    return snap.sources


def _covers(where: object, text: str, line: int, column: int, file: str) -> bool:
    loc_file, loc_line, loc_column = getattr(where, "file", ""), getattr(where, "line", 0), getattr(where, "column", 0)
    if loc_file != file or loc_line != line:
        return False
    return loc_column <= column < max(token_end(text, loc_column), loc_column + 1)


_CODE = re.compile(r"[A-Za-z0-9_\-]+")


def _suppressed_code(text: str, column: int) -> Code | None:
    """The code (or slug) a suppression comment names at ``column``, if the cursor is on one."""
    match = DIRECTIVE.search(text)
    if match is None or match.group(1) is None:
        return None
    start = match.start(1)
    for word in _CODE.finditer(match.group(1)):
        if start + word.start() < column <= start + word.end() + 1:
            code = code_of(word.group())
            return CATALOGUE[code] if code is not None else None
    return None
