"""The reading use cases: validate, list, show, sources, statistics, timeline, codes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factledger.api.common import crash_notes, load, loaded_exit, note_errors, selected
from factledger.api.results import (
    ClaimList,
    ClaimShown,
    Codes,
    LedgerSchema,
    SourceList,
    Statistics,
    Timeline,
    Validation,
)
from factledger.check.options import CheckOptions
from factledger.load.result import LoadResult
from factledger.model.entries import Claim
from factledger.pipeline import check_loaded, check_part
from factledger.problems.diagnostics import exit_code
from factledger.problems.errors import DataError, UsageError
from factledger.query.select import ClaimFilter, SortKey, sort_claims, source_claim_counts
from factledger.text.suggest import did_you_mean

if TYPE_CHECKING:  # the cross-check is imported by the commands that run it
    from factledger.check.findings import CheckResult
    from factledger.query.views import Linked

# -- reading -----------------------------------------------------------------------------------

def validate(data_dir: Path, strict: bool = False, policy: Any = None,
             files: Sequence[Path] | None = None) -> Validation:
    """Every problem in the ledger; exit 1 on errors (and on warnings, with ``strict``). ``policy`` (a
    config.Policy) chooses the codes and their severities; ``files`` (FILE arguments) narrows what is
    reported to the problems in them, and those elsewhere that fail the ledger (see :func:`common.load`):
    the exit code is the whole ledger's."""
    from factledger.api.common import elsewhere, load_named

    result, named, notices = load_named(data_dir, policy, files, strict, judge_checks=True)
    if named is not None and (shown := elsewhere(result.diagnostics, named, strict)):
        notices.append(shown)
    return Validation(result, notices, exit_code=exit_code(result.diagnostics, strict), strict=strict)


def list_claims(data_dir: Path, wanted: ClaimFilter, sort: SortKey | str = SortKey.date,
                limit: int | None = None) -> ClaimList:
    """The claims ``wanted`` selects, in ``sort`` order (date, id or file), at most ``limit`` of them."""
    result = load(data_dir)
    claims, notices = selected(result, wanted)
    sort = SortKey(sort)
    from factledger.query.views import reviews_by_claim

    matched = len(claims)
    claims = sort_claims(claims, sort)[:limit] if limit is not None else sort_claims(claims, sort)
    reviews = reviews_by_claim(result.ledger)
    return ClaimList(result, notices + note_errors(result), loaded_exit(result), claims=claims,
                     reviews={c.id: reviews[c.id] for c in claims if c.id in reviews}, matched=matched)


def show_claim(data_dir: Path, claim_id: str, options: CheckOptions | None = None) -> ClaimShown:
    """One claim in full. A claim not in the ledger is a UsageError, or a DataError when the ledger has
    errors (it may be in a file that could not be read)."""
    result = load(data_dir)
    ledger = result.ledger
    claim = ledger.claim(claim_id)
    if claim is None:
        hint = did_you_mean(claim_id, ledger.claim_ids(), True)
        if result.errors:
            raise DataError(f"no claim '{claim_id}' in what loaded{hint}", result)
        raise UsageError(f"no claim '{claim_id}' in the ledger{hint}; 'factledger list' shows the ids")
    # Cross-checking needs a valid ledger; an invalid one still shows the claim itself. Only the part of the
    # ledger the claim is compared with is cross-checked: what it finds about the claim is what the whole
    # ledger's cross-check finds (check.scope; tests/test_scope.py holds the two equal for every claim).
    checked = None if result.errors else check_part(ledger, claims=[claim.id], options=options)
    return claim_shown(result, claim, checked)


def claim_shown(result: LoadResult, claim: Claim, checked: CheckResult | None, linked: Linked | None = None
                ) -> ClaimShown:
    """One claim of a loaded ledger in full, with what ``checked`` (None: not cross-checked) found about it;
    ``linked``: what relates to each claim (:func:`factledger.query.views.linked_claims`), when known."""
    from factledger.query.views import claim_view

    crashes = checked.diagnostics if checked else []
    return ClaimShown(result, note_errors(result), max(loaded_exit(result), exit_code(crashes)), crash_notes(crashes),
                      view=claim_view(result.ledger, claim, checked, linked))


def list_sources(data_dir: Path) -> SourceList:
    return sources_of(load(data_dir))


def sources_of(result: LoadResult) -> SourceList:
    """Every source of a loaded ledger, with how many claims each originates and relays."""
    return SourceList(result, note_errors(result), loaded_exit(result), rows=source_claim_counts(result.ledger))


def statistics(data_dir: Path, wanted: ClaimFilter) -> Statistics:
    from factledger.query.stats import statistics as count

    result = load(data_dir)
    claims, notices = selected(result, wanted)
    return Statistics(result, notices + note_errors(result), loaded_exit(result), claims=len(claims),
                      tables=count(claims, result.ledger))


def timeline(data_dir: Path, wanted: ClaimFilter) -> Timeline:
    from factledger.query.timeline import numeric_series

    result = load(data_dir)
    claims, notices = selected(result, wanted)
    claims = sort_claims(claims, SortKey.date)
    # What superseded what is the cross-check's; a ledger with errors is not cross-checked, so there
    # only the recorded supersedes links can say it.
    superseded: dict[str, tuple[str, ...]] = {}
    withdrawn: set[str] = set()
    disowned: dict[str, str] = {}
    if not result.errors:
        checked = check_loaded(result)
        withdrawn, disowned = checked.withdrawn, checked.disowned
        superseded = checked.superseded_by()
    else:
        for claim in result.ledger.claims:
            for ref in claim.supersedes:
                superseded[ref.id] = superseded.get(ref.id, ()) + (claim.id,)
    return Timeline(result, notices + note_errors(result), loaded_exit(result), claims=claims,
                    series=numeric_series(claims, result.ledger, superseded, withdrawn, disowned))


def codes(code: str | None = None) -> Codes:
    """The catalogue, or one entry of it by code (FL103) or slug (unknown-field)."""
    from factledger.problems.catalogue import BY_SLUG, CATALOGUE

    if code is None:
        return Codes(None, codes=list(CATALOGUE.values()))
    found = CATALOGUE.get(code.upper()) or BY_SLUG.get(code.lower())
    if found is None:
        hint = did_you_mean(code.upper(), CATALOGUE) or did_you_mean(code.lower(), BY_SLUG)
        raise UsageError(f"no code '{code}'{hint}; 'factledger codes' lists them")
    return Codes(None, codes=[found])


def ledger_schema(data_dir: Path | None = None) -> LedgerSchema:
    """The JSON Schema of a ledger file; with ``data_dir``, references offer that ledger's ids (a ledger
    with errors still offers what loaded, with a notice)."""
    from factledger.schema.jsonschema import ledger_schema as make

    if data_dir is None:
        return LedgerSchema(None, schema=make())
    result = load(data_dir)
    ledger = result.ledger
    ids = {"source": [s.id for s in ledger.sources], "document": [d.id for d in ledger.documents],
           "claim": [c.id for c in ledger.claims]}
    # As `list`: what loaded is offered, and a ledger with errors fails (a script must not take it for valid).
    return LedgerSchema(result, note_errors(result), loaded_exit(result), schema=make(ids))
