"""Which node each comment belongs to, so that a layout that moves nodes moves their comments with them.

* A comment alone on its line leads the next key or list item (the outermost one starting there: a
  comment above ``- id: x`` leads the entry, not its first key), with whether a blank line came
  before it; the comments after the last node of the file close the file.
* A comment after something on its line trails the last node that ends on that line (a value, a key
  whose value starts below, a closing bracket); one with nothing before it on its line but a ``-``
  leads the next node, as if alone.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from factledger.parse.spans import Comment, Span, Spans, walk


@dataclass
class Notes:
    """The comments of one file, by the node they belong to (``id()`` of a span)."""

    leading: dict[int, list[tuple[Comment, bool]]] = field(default_factory=dict)  # comment, blank line before it
    trailing: dict[int, list[Comment]] = field(default_factory=dict)
    closing: list[tuple[Comment, bool]] = field(default_factory=list)  # after everything
    blank_before: set[int] = field(default_factory=set)  # slots with a blank line just above them
    inside: set[int] = field(default_factory=set)  # collections holding a comment (kept in block style)


def _slots(root: Span) -> list[Span]:
    """Every key and list item, in document order; at one offset the outermost first."""
    found: list[Span] = []
    for node in walk(root):
        if node.kind == "mapping":
            found.extend(key for key, _ in node.pairs)
        elif node.kind == "sequence":
            found.extend(node.items)
    return sorted(found, key=lambda n: n.start)  # stable: an item before the first key of its mapping


def _blank_line_above(spans: Spans, offset: int) -> bool:
    line, _ = spans.position(offset)
    if line < 2:
        return False
    start, end = spans.line_starts[line - 2], spans.line_starts[line - 1]
    return not spans.text[start:end].strip()


def attach(spans: Spans) -> Notes:
    """Where each comment of ``spans`` belongs."""
    notes = Notes()
    root = spans.root
    if root is None:
        notes.closing = [(c, _blank_line_above(spans, c.start)) for c in spans.comments]
        return notes
    slots = _slots(root)
    starts = [s.start for s in slots]
    ending: dict[int, list[Span]] = {}
    for node in walk(root):
        if node.kind == "scalar" or node.flow:
            ending.setdefault(node.end_line, []).append(node)
    parents = _parents(root)
    for comment in spans.comments:
        alone = comment.own_line or _after_dash(spans, comment)
        owner = None if alone else _ending_before(ending.get(comment.line, []), comment)
        if owner is not None:
            notes.trailing.setdefault(id(owner), []).append(comment)
            _mark_inside(notes, parents, owner, comment)
            continue
        index = bisect.bisect_right(starts, comment.start)
        blank = _blank_line_above(spans, comment.start)
        if index == len(slots):
            notes.closing.append((comment, blank))
            continue
        slot = slots[index]
        notes.leading.setdefault(id(slot), []).append((comment, blank))
        _mark_inside(notes, parents, slot, comment)
    for slot in slots:
        if _blank_line_above(spans, slot.start):
            notes.blank_before.add(id(slot))
    return notes


def _after_dash(spans: Spans, comment: Comment) -> bool:
    start = spans.line_starts[comment.line - 1]
    return spans.text[start:comment.start].strip() in ("-", "- -")


def _ending_before(nodes: list[Span], comment: Comment) -> Span | None:
    """Of the scalars and flow collections ending on the comment's line, the one ending last before it (the
    outermost, where several end together: a flow list and its last item)."""
    best: Span | None = None
    for node in nodes:
        if node.end <= comment.start and (best is None or node.end > best.end
                                          or node.end == best.end and node.start < best.start):
            best = node
    return best


def _parents(root: Span) -> dict[int, Span]:
    parents: dict[int, Span] = {}
    for node in walk(root):
        children = [n for pair in node.pairs for n in pair] if node.kind == "mapping" else node.items
        for child in children:
            parents[id(child)] = node
    return parents


def _mark_inside(notes: Notes, parents: dict[int, Span], node: Span, comment: Comment) -> None:
    """Every collection around ``node`` that the comment sits inside holds it: it cannot be put on one line."""
    current = parents.get(id(node))
    while current is not None:
        if current.start < comment.start < current.end or (not current.flow and current.start <= comment.start):
            notes.inside.add(id(current))
        current = parents.get(id(current))
