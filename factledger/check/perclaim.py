"""What holds for each claim alone: its independent origins (FL504, FL506), circular reporting
(FL507), dependent support (FL513), unsupported statuses (FL511), dates after reports (FL512) and
its corroborators (FL505)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factledger.check.compare import first_reported
from factledger.check.groups import Circle
from factledger.model.entries import Claim

if TYPE_CHECKING:
    from factledger.check.engine import Engine

def report_per_claim(self: Engine) -> dict[str, int]:
    """The per-claim findings; returns each claim's number of independent origins."""
    origins: dict[str, int] = {}
    dependence = self.dependence
    circles: dict[int, Circle] = {}
    def by_group(claim: Claim) -> tuple[str, str]:
        group = self.group_of.get(claim.id)
        return (group.members[0].id if group is not None else "", claim.id)

    for claim in sorted(self.claims, key=by_group):
        own = self.sources[claim.id]
        group = self.group_of.get(claim.id)
        circle = None
        if group is not None and (len(group.members) > 1 or group.corroborating):
            # Claims are visited group by group, so each group's circle is built once and let go.
            circle = circles.get(id(group))
            if circle is None:
                circles.clear()
                circle = circles[id(group)] = Circle(group, self.lineage, self.sources, dependence, self.withdrawn)
        # Independent origins behind the claim: its own sources and those of every contemporaneous
        # claim that corroborates it (and still stands), counted so that dependent ones count once.
        origins[claim.id] = circle.origins_of(claim) if circle is not None else dependence.independent_count(own)
        if origins[claim.id] <= 1:
            self.emit("FL504", f"{claim.id} rests on one origin ({', '.join(own)}), and no independent "
                               "contemporaneous claim corroborates it", [claim], sides=False)
        if claim.status == "confirmed" and origins[claim.id] < 2 and not _reviewed_as(self, claim, "confirmed"):
            self.emit("FL506", f"{claim.id} is marked confirmed but has {origins[claim.id]} independent "
                               "origin", [claim], "cite an independent source, or set the status back to reported")
        if len(own) > 1:
            common = dependence.common_origin(own)
            if common is not None:
                origin = self.ledger.source(common)
                self.emit("FL507", f"{claim.id} cites {', '.join(own)}, which all come down to "
                                   f"{origin.id if origin else common}: one origin, not corroboration", [claim])
        for ref in claim.supports:
            target = self.by_id.get(ref.id)
            if target is not None and target.id != claim.id and not self.independent(claim, target):
                how = "the same source" if set(own) == set(self.sources[target.id]) else "a dependent origin"
                self.emit("FL513", f"{claim.id} ({', '.join(own)}) supports {target.id} "
                                   f"({', '.join(self.sources[target.id])}) from {how}: "
                                   "not independent corroboration", [claim, target], sides=False)
        if (claim.status == "disputed" and claim.id not in self.in_conflict
                and claim.id not in self.disputed_ids and not _reviewed_as(self, claim, "disputed")):
            self.emit("FL511", f"{claim.id} is marked disputed, but no claim disputes it and none conflicts "
                               "with it", [claim], f"add the disputing claim with 'disputes: [{claim.id}]', "
                                                   "or change the status")
        reported = first_reported(claim)
        span = self.spans[claim.id]
        if claim.date is not None and reported is not None and span.first > reported:
            self.emit("FL512", f"{claim.id} is dated {claim.date} but a source said it earlier "
                               f"({self._said(claim)})", [claim],
                      "correct the date; for a forecast, say so in the statement")
        if circle is not None:
            corroborated(self, claim, circle)
    return origins

def _reviewed_as(self: Engine, claim: Claim, verdict: str) -> bool:
    """Whether a fact-checker independent of the claim's origins published this verdict on it: then the
    status rests on that review, not on the claim's own sources (a claimant cannot review itself)."""
    lineage = self.lineage[claim.id]
    return any(r.verdict == verdict and self.dependence.roots(r.by.id).isdisjoint(lineage)
               for r in self.reviews_of.get(claim.id, ()))


def corroborated(self: Engine, claim: Claim, circle: Circle) -> None:
    """One finding naming the claim's corroborators: at most MAX_NAMED of them, then how many more."""
    named, total = circle.corroborators(claim, self.lineage[claim.id])
    if not total:
        return
    more = f" and {total - len(named):,} more" if total > len(named) else ""
    chosen = [self.by_id[c] for c in named]
    self.emit("FL505", f"{self.side(claim)} is corroborated by "
                       f"{', '.join(str(self.side(c)) for c in chosen)}{more}, from independent origins",
              [claim, *chosen],
              reason=f"{claim.id} is corroborated by {', '.join(named)}{more}, from independent origins")
