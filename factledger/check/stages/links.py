"""What the links say: recorded disputes (FL502), a source disowning a figure attributed to it (FL522,
retracted or not), supersedes links pointing back in time (FL514),
recorded supersessions the question stage did not see (FL503, across questions), and supersession
cycles (FL510, found before anything else, so that no stage treats a cycle as history)."""

from __future__ import annotations

from factledger.check.facts import Facts
from factledger.check.sink import Sink
from factledger.model.entries import Claim


def report_links(facts: Facts, sink: Sink, reported: frozenset[tuple[str, str]],
                 cyclic: frozenset[tuple[str, str]]) -> None:
    """A finding for every disputes and supersedes link (the sweep skips linked pairs); ``reported``:
    the (older, newer) supersessions the questions already reported."""
    seen: set[frozenset[str]] = set()
    for claim in facts.claims:
        for ref in claim.disputes:
            other = facts.by_id.get(ref.id) or facts.set_apart(ref.id)
            if other is None or other.id == claim.id:
                continue
            pair = frozenset((claim.id, other.id))
            if pair in seen:
                continue
            seen.add(pair)
            if facts.revises(claim, other):
                _disowned(facts, sink, claim, other)
                continue
            if other.status == "retracted":
                continue  # a retracted claim takes part in nothing; only its own source's word on it is news
            mutual = any(r.id == claim.id for r in other.disputes)
            same_question = (claim.subject, claim.property) == (other.subject, other.property) and claim.subject
            verb = "and {} dispute each other" if mutual else "disputes {}"
            text = f"{facts.side(claim)} " + verb.format(facts.side(other))
            why = f"{claim.id} " + verb.format(other.id)
            if not same_question:
                text += " (on a different question)"
                why += " (on a different question)"
            sink.emit("FL502", text, [claim, other], reason=why)
    spans = facts.spans
    done = set(reported)
    for claim in facts.claims:
        for ref in claim.supersedes:
            older = facts.by_id.get(ref.id)
            if older is None or older.id == claim.id or (older.id, claim.id) in done:
                continue
            if (claim.id, older.id) in cyclic:
                continue  # reported as a cycle
            if spans[claim.id].last < spans[older.id].first:
                sink.emit("FL514", f"{facts.side(claim)} supersedes {facts.side(older)}, which is later",
                          [claim, older], f"if {older.id} is the update, move the link: "
                                          f"'supersedes: [{claim.id}]' on {older.id}",
                          reason=f"{claim.id} supersedes {older.id}, which is dated after it")
                continue
            done.add((older.id, claim.id))
            sink.emit("FL503", f"{facts.side(claim)} updates {facts.side(older)} (recorded by supersedes)",
                      [older, claim], reason=f"{claim.id} updates {older.id} (recorded by supersedes)")


def _disowned(facts: Facts, sink: Sink, claim: Claim, other: Claim) -> None:
    """FL522: ``claim``, from ``other``'s own source (or the organisation it is part of), disputes it: the source
    withdrew the figure or denies giving it; the finding says only what the ledger records."""
    retracted = other.status == "retracted"
    marked = " (marked retracted)" if retracted else ""
    # Neutral words: a source may have withdrawn the figure, or denied ever giving it ("we never announced it").
    why = f"{claim.id} disputes {other.id}: the figure is disputed by its own source{marked}"
    sink.emit("FL522", f"{facts.side(claim)} disputes {facts.side(other)}: the figure is disputed by its own "
                       f"source{marked}", [claim, other], reason=why,
              suggestion=None if retracted else f"if its source has withdrawn it, mark {other.id} 'status: retracted'")


def supersession_cycles(facts: Facts, sink: Sink) -> frozenset[tuple[str, str]]:
    """Report each cycle of supersedes links once; return the (newer, older) links that are in one."""
    edges = {c.id: sorted(r.id for r in c.supersedes if r.id in facts.by_id and r.id != c.id) for c in facts.claims}
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
                in_cycles.update(zip(cycle, cycle[1:] + [child], strict=True))
                sink.emit("FL510", f"supersedes links form a cycle: {' → '.join(cycle + [child])}",
                          [facts.by_id[c] for c in cycle], "remove the link that points the wrong way",
                          sides=False)
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(edges[child])))
    return frozenset(in_cycles)
