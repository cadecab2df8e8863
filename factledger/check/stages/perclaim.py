"""What holds for each claim alone: its independent origins (FL504, FL506), circular reporting
(FL507), dependent support (FL513), unsupported statuses (FL511), dates after reports (FL512) and
its corroborators (FL505)."""

from __future__ import annotations

from collections.abc import Mapping, Set

from factledger.check.compare import first_reported
from factledger.check.facts import Facts, said
from factledger.check.groups import Circle, Group
from factledger.check.sink import Sink
from factledger.model.entries import Claim


def report_per_claim(facts: Facts, sink: Sink, group_of: Mapping[str, Group], withdrawn: Set[str],
                     in_conflict: Set[str]) -> dict[str, int]:
    """The per-claim findings; returns each claim's number of independent origins. ``group_of``: each
    compared claim's group; ``withdrawn``: claims their own origin revised; ``in_conflict``: claims in a
    disagreement (all from the questions)."""
    origins: dict[str, int] = {}
    dependence = facts.dependence
    circles: dict[int, Circle] = {}

    def by_group(claim: Claim) -> tuple[str, str]:
        group = group_of.get(claim.id)
        return (group.members[0].id if group is not None else "", claim.id)

    for claim in sorted(facts.claims, key=by_group):
        own = facts.sources[claim.id]
        group = group_of.get(claim.id)
        circle = None
        if group is not None and (len(group.members) > 1 or group.corroborating):
            # Claims are visited group by group, so each group's circle is built once and let go.
            circle = circles.get(id(group))
            if circle is None:
                circles.clear()
                circle = circles[id(group)] = Circle(group, facts.lineage, facts.sources, dependence, withdrawn)
        # Independent origins behind the claim: its own sources and those of every contemporaneous
        # claim that corroborates it (and still stands), counted so that dependent ones count once.
        origins[claim.id] = circle.origins_of(claim) if circle is not None else dependence.independent_count(own)
        if origins[claim.id] <= 1:
            sink.emit("FL504", f"{claim.id} rests on one origin ({', '.join(own)}), and no independent "
                               "contemporaneous claim corroborates it", [claim], sides=False)
        if claim.status == "confirmed" and origins[claim.id] < 2 and not _reviewed_as(facts, claim, "confirmed"):
            sink.emit("FL506", f"{claim.id} is marked confirmed but has {origins[claim.id]} independent "
                               "origin", [claim], "cite an independent source, or set the status back to reported")
        if len(own) > 1:
            common = dependence.common_origin(own)
            if common is not None:
                origin = facts.ledger.source(common)
                sink.emit("FL507", f"{claim.id} cites {', '.join(own)}, which all come down to "
                                   f"{origin.id if origin else common}: one origin, not corroboration", [claim])
        for ref in claim.supports:
            target = facts.by_id.get(ref.id)
            if target is not None and target.id != claim.id and not facts.independent(claim, target):
                how = "the same source" if set(own) == set(facts.sources[target.id]) else "a dependent origin"
                sink.emit("FL513", f"{claim.id} ({', '.join(own)}) supports {target.id} "
                                   f"({', '.join(facts.sources[target.id])}) from {how}: "
                                   "not independent corroboration", [claim, target], sides=False)
        if (claim.status == "disputed" and claim.id not in in_conflict
                and claim.id not in facts.disputed_ids and not _reviewed_as(facts, claim, "disputed")):
            sink.emit("FL511", f"{claim.id} is marked disputed, but no claim disputes it and none conflicts "
                               "with it", [claim], f"add the disputing claim with 'disputes: [{claim.id}]', "
                                                   "or change the status")
        reported = first_reported(claim)
        span = facts.spans[claim.id]
        if claim.date is not None and reported is not None and span.first > reported:
            sink.emit("FL512", f"{claim.id} is dated {claim.date} but a source said it earlier "
                               f"({said(claim)})", [claim],
                      "correct the date; for a forecast, say so in the statement")
        if circle is not None:
            _corroborated(facts, sink, claim, circle)
    return origins


def _reviewed_as(facts: Facts, claim: Claim, verdict: str) -> bool:
    """Whether a fact-checker independent of the claim's origins published this verdict on it: then the
    status rests on that review, not on the claim's own sources (a claimant cannot review itself)."""
    lineage = facts.lineage[claim.id]
    return any(r.verdict == verdict and facts.dependence.roots(r.by.id).isdisjoint(lineage)
               for r in facts.reviews_of.get(claim.id, ()))


def _corroborated(facts: Facts, sink: Sink, claim: Claim, circle: Circle) -> None:
    """One finding naming the claim's corroborators: at most MAX_NAMED of them, then how many more."""
    named, total = circle.corroborators(claim, facts.lineage[claim.id])
    if not total:
        return
    more = f" and {total - len(named):,} more" if total > len(named) else ""
    chosen = [facts.by_id[c] for c in named]
    sink.emit("FL505", f"{facts.side(claim)} is corroborated by "
                       f"{', '.join(str(facts.side(c)) for c in chosen)}{more}, from independent origins",
              [claim, *chosen],
              reason=f"{claim.id} is corroborated by {', '.join(named)}{more}, from independent origins")
