"""Consistent but not corroborating: for each claim, the claims whose values it does not contradict
without supporting the same figure; for each question, such pairs among its current positions."""

from __future__ import annotations

from collections.abc import Mapping

from factledger.check.facts import Facts
from factledger.check.findings import QuestionSummary
from factledger.check.groups import Group

NAMED = 20  # claims or pairs a result names; beyond them it gives the count


def consistent_only(facts: Facts, group_of: Mapping[str, Group]) -> dict[str, tuple[list[str], int]]:
    """Per claim, the first few claims consistent with it that do not corroborate it, and how many."""
    found: dict[str, tuple[list[str], int]] = {}
    for claim in facts.claims:
        if (grp := group_of.get(claim.id)) is not None:
            others = sorted(m.id for g in grp.consistent if g not in grp.corroborating for m in g.members)
            if others:
                found[claim.id] = (others[:NAMED], len(others))
    return found


def consistent_positions(summary: QuestionSummary, group_of: Mapping[str, Group]) -> None:
    """The pairs of current positions that are consistent without corroborating each other (each once)."""
    positions = set(summary.positions)
    for claim_id in summary.positions:
        grp = group_of.get(claim_id)
        if grp is None:
            continue
        partners = sorted(m.id for g in grp.consistent if g not in grp.corroborating for m in g.members
                          if m.id in positions and m.id > claim_id)
        summary.consistent_total += len(partners)
        summary.consistent_only += [(claim_id, other) for other in partners][:NAMED - len(summary.consistent_only)]
