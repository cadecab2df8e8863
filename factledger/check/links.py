"""What the links say: recorded disputes (FL502), supersedes links pointing back in time (FL514),
recorded supersessions the question stage did not see (FL503, across questions), and supersession
cycles (FL510, found before anything else, so that no stage treats a cycle as history)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factledger.check.engine import Engine


def report_links(self: Engine) -> None:
    """A finding for every disputes and supersedes link (the sweep skips linked pairs)."""
    seen: set[frozenset[str]] = set()
    for claim in self.claims:
        for ref in claim.disputes:
            other = self.by_id.get(ref.id)
            if other is None or other.id == claim.id:
                continue
            pair = frozenset((claim.id, other.id))
            if pair in seen:
                continue
            seen.add(pair)
            mutual = any(r.id == claim.id for r in other.disputes)
            same_question = (claim.subject, claim.property) == (other.subject, other.property) and claim.subject
            verb = "and {} dispute each other" if mutual else "disputes {}"
            text = f"{self.side(claim)} " + verb.format(self.side(other))
            why = f"{claim.id} " + verb.format(other.id)
            if not same_question:
                text += " (on a different question)"
                why += " (on a different question)"
            self.emit("FL502", text, [claim, other], reason=why)
    cyclic = self.cyclic
    spans = self.spans
    for claim in self.claims:
        for ref in claim.supersedes:
            older = self.by_id.get(ref.id)
            if older is None or older.id == claim.id or (older.id, claim.id) in self.recorded_supersessions:
                continue
            if (claim.id, older.id) in cyclic:
                continue  # reported as a cycle
            if spans[claim.id].last < spans[older.id].first:
                self.emit("FL514", f"{self.side(claim)} supersedes {self.side(older)}, which is later",
                          [claim, older], f"if {older.id} is the update, move the link: "
                                          f"'supersedes: [{claim.id}]' on {older.id}",
                          reason=f"{claim.id} supersedes {older.id}, which is dated after it")
                continue
            self.recorded_supersessions.add((older.id, claim.id))
            self.emit("FL503", f"{self.side(claim)} updates {self.side(older)} (recorded by supersedes)",
                      [older, claim], reason=f"{claim.id} updates {older.id} (recorded by supersedes)")

def supersession_cycles(self: Engine) -> set[tuple[str, str]]:
    """Report each cycle of supersedes links once; return the links that are in one."""
    edges = {c.id: sorted(r.id for r in c.supersedes if r.id in self.by_id and r.id != c.id) for c in self.claims}
    in_cycles: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the path, 2 done
    for start in edges:
        if state.get(start):
            continue
        path = [start]
        stack = [(start, iter(edges[start]))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child):]
                in_cycles.update(zip(cycle, cycle[1:] + [child]))
                self.emit("FL510", f"supersedes links form a cycle: {' → '.join(cycle + [child])}",
                          [self.by_id[c] for c in cycle], "remove the link that points the wrong way",
                          sides=False)
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(edges[child])))
    return in_cycles
