"""One canonical layout of a ledger file (what ``factledger fmt`` writes), over the positioned nodes.

Sections in the file's order, a blank line between them; entries in their order, a blank line between
them, each a block of one field a line with its keys in the schema's order (those it does not know after
them, as written); citations a block each; every other value on its key's line (a value's hedge and
unit, a date range, lists of ids and tags), unless it holds a comment or is too long for a line, when it
is a block too. Two spaces of indentation, list items under their key. Quotes only where YAML needs them
(:mod:`factledger.edit.scalars`); long texts written as folded or literal blocks stay blocks, their lines
as written. Comments go with the node they belong to (:mod:`factledger.edit.comments`).

A file that cannot be laid out without changing what it means to someone is left alone:
:class:`Unformattable` says why (anchors and aliases, tags, several documents, a version directive,
an explicit indentation indicator). Whatever is written is checked by loading it
(:mod:`factledger.edit.formatting`): the same entries and diagnostics, or the file is left alone.
"""

from __future__ import annotations

import re

from factledger.edit import scalars
from factledger.edit.comments import Notes, attach
from factledger.edit.shapes import ROOT, Shape
from factledger.parse.spans import Span, Spans
from factledger.parse.yaml12 import resolve_plain

WIDTH = 100  # a value longer than this on its key's line is written as a block
_INDICATOR_DIGIT = re.compile(r"^[|>][-+]?[1-9]|^[|>][1-9]")


class Unformattable(Exception):
    """The file cannot be laid out safely; the message says why."""


class Layout:
    def __init__(self, spans: Spans) -> None:
        self.spans = spans
        self.text = spans.text
        self.notes: Notes = attach(spans)
        self.placed: set[int] = set()  # the comments written out (by offset): every one must be

    def document(self) -> str:
        """The file in the canonical layout, with ``\\n`` line ends."""
        spans = self.spans
        if spans.refusals:
            raise Unformattable(spans.refusals[0])
        root = spans.root
        if root is not None and root.kind != "mapping":
            raise Unformattable("its top level is not a mapping of sections")
        lines = self._mapping(root, ROOT, 0) if root is not None else []
        for n, (comment, blank) in enumerate(self.notes.closing):
            if (blank or n == 0) and lines and lines[-1] != "":
                lines.append("")
            lines.append(comment.text)
            self.placed.add(comment.start)
        lost = [c for c in spans.comments if c.start not in self.placed]
        if lost:  # a comment the layout has no place for: never dropped, the file is left as it is
            raise Unformattable(f"the comment on line {lost[0].line} has no place in the layout")
        return "\n".join(lines) + "\n" if lines else ""

    def flow_entry(self, entry: Span, shape: Shape) -> str | None:
        """An entry on one line, as a file of one-line entries writes them (None: it holds a block)."""
        return self._flow(entry, Shape(shape.table), top=True)

    # -- comments --------------------------------------------------------------------------------

    def _leading(self, slot: Span, indent: int, separated: bool, keep_blanks: bool) -> list[str]:
        out = [""] if separated else []
        comments = self.notes.leading.get(id(slot), [])
        for n, (comment, blank) in enumerate(comments):
            if blank and keep_blanks and n > 0:
                out.append("")
            out.append(" " * indent + comment.text)
            self.placed.add(comment.start)
        if comments and keep_blanks and id(slot) in self.notes.blank_before:
            out.append("")
        return out

    def _absorbs_blank(self, node: Span, shape: Shape) -> bool:
        """Whether ``node``, laid out, ends with a block scalar that keeps its final line breaks (``|+``): a
        blank line written after it, to set the next entry apart, would be read as more of its text (its
        own blank lines already set the next entry apart)."""
        if node.kind == "scalar":
            header = self.text[node.start:node.end].split("\n", 1)[0].split("#")[0]
            return node.style in ("|", ">") and "+" in header
        if node.kind == "mapping" and node.pairs:
            key, value = self._ordered(node, shape)[-1]
            return self._absorbs_blank(value, shape.child(key.value))
        if node.kind == "sequence" and node.items:
            return self._absorbs_blank(node.items[-1], shape.child(None))
        return False

    def _trailing(self, *nodes: Span) -> str:
        said = [c for node in nodes for c in self.notes.trailing.get(id(node), [])]
        self.placed.update(c.start for c in said)
        return "".join(f"  {c.text}" for c in said)

    # -- blocks ----------------------------------------------------------------------------------

    def _ordered(self, node: Span, shape: Shape) -> list[tuple[Span, Span]]:
        keys = [k.value for k, _ in node.pairs]
        by_key = {k.value: (k, v) for k, v in node.pairs}
        return [by_key[k] for k in shape.order(keys)] if len(by_key) == len(keys) else list(node.pairs)

    def _mapping(self, node: Span, shape: Shape, indent: int, dash: bool = False) -> list[str]:
        """A block mapping at ``indent``; with ``dash``, its first line is a list item's (``- ``)."""
        out: list[str] = []
        keep = shape.level in ("root", "section")
        pairs = self._ordered(node, shape)
        for n, (key, value) in enumerate(pairs):
            lead_indent = indent - 2 if dash and n == 0 else indent
            separated = shape.level == "root" and n > 0 and not self._absorbs_blank(pairs[n - 1][1],
                                                                                     shape.child(pairs[n - 1][0].value))
            out += self._leading(key, lead_indent, separated, keep)
            lines = self._pair(key, value, shape.child(key.value), indent)
            if dash and n == 0:
                lines[0] = " " * (indent - 2) + "- " + lines[0][indent:]
            out += lines
        return out

    def _sequence(self, node: Span, shape: Shape, indent: int) -> list[str]:
        out: list[str] = []
        item_shape = shape.child(None)
        for n, item in enumerate(node.items):
            separated = shape.level == "section" and n > 0 and not self._absorbs_blank(node.items[n - 1], item_shape)
            out += self._leading(item, indent, separated, shape.level == "section")
            out += self._item(item, item_shape, indent)
        return out

    def _item(self, item: Span, shape: Shape, indent: int) -> list[str]:
        inline = None if item.kind == "mapping" and shape.block else self._inline(item, shape, indent + 2)
        if inline is not None:
            return [" " * indent + "- " + inline + self._trailing(item)]
        if item.kind == "scalar":  # a block scalar
            first, *rest = self._block_scalar(item, indent + 2)
            return [" " * indent + "- " + first, *rest]
        if item.kind == "mapping":
            lines = self._mapping(item, shape, indent + 2, dash=True)
            dash_line = next(n for n, line in enumerate(lines) if line.lstrip().startswith("- "))
            lines[dash_line] += self._trailing(item)  # a one-line entry's comment stays on its first line
            return lines
        return [" " * indent + "-" + self._trailing(item), *self._sequence(item, shape, indent + 2)]

    def _pair(self, key: Span, value: Span, shape: Shape, indent: int) -> list[str]:
        head = " " * indent + self._key(key) + ":"
        if value.kind == "scalar" and value.style in ("|", ">"):
            first, *rest = self._block_scalar(value, indent + 2)
            return [head + " " + first + self._trailing(key), *rest]
        if value.kind == "scalar" and value.plain and resolve_plain(value.value) is None:
            return [head + self._trailing(key, value)]
        inline = None if shape.block and value.kind != "scalar" else self._inline(value, shape, len(head) + 1)
        if inline is not None:
            return [head + " " + inline + self._trailing(key, value)]
        body = (self._mapping(value, shape, indent + 2) if value.kind == "mapping"
                else self._sequence(value, shape, indent + 2))
        return [head + self._trailing(key, value), *body]

    def _key(self, key: Span, flow: bool = False) -> str:
        if key.kind != "scalar" or key.style in ("|", ">"):
            raise Unformattable(f"a key on line {key.line} is not a plain text")
        return scalars.text(key.value, flow)

    # -- on one line -----------------------------------------------------------------------------

    def _inline(self, node: Span, shape: Shape, column: int) -> str | None:
        """``node`` on one line starting at ``column``, or None when it must be a block."""
        shown = self._flow(node, shape, top=True)
        if shown is None or node.kind == "scalar":
            return shown
        many = len(node.items) > 1 or len(node.pairs) > 1
        return None if many and column + len(shown) > WIDTH else shown

    def _flow(self, node: Span, shape: Shape, top: bool = False) -> str | None:
        if node.kind == "scalar":
            if node.style in ("|", ">"):
                return None
            return self._scalar(node, shape.scalar, flow=not top)
        if id(node) in self.notes.inside or (not top and self.notes.trailing.get(id(node))):
            return None
        if node.kind == "mapping":
            parts = []
            for key, value in self._ordered(node, shape):
                shown = self._flow(value, shape.child(key.value))
                if shown is None:
                    return None
                parts.append(f"{self._key(key, flow=True)}: {shown}")
            return "{" + ", ".join(parts) + "}"
        items = [self._flow(item, shape.child(None)) for item in node.items]
        return None if any(i is None for i in items) else "[" + ", ".join(i for i in items if i is not None) + "]"

    def _scalar(self, node: Span, kind: str, flow: bool) -> str:
        text = node.value
        if not node.plain:
            return scalars.date(text, flow) if kind == "date" else scalars.text(text, flow)
        read = resolve_plain(text)
        if read is None:
            return "null"
        if kind == "date":
            return scalars.date(text, flow)
        if isinstance(read, bool):
            return ("true" if read else "false") if kind in ("number", "value") else text
        if isinstance(read, (int, float)) and kind in ("number", "value"):
            return scalars.written_number(text)
        if not isinstance(read, str) and kind == "loose":
            return text
        return scalars.text(text, flow)

    # -- block scalars ---------------------------------------------------------------------------

    def _block_scalar(self, node: Span, indent: int) -> list[str]:
        """A folded or literal block, its header as written (with its comment) and its lines at ``indent``."""
        raw = self.text[node.start:node.end].replace("\r\n", "\n")
        header, _, body = raw.partition("\n")
        self.placed.update(c.start for c in self.spans.comments if node.start <= c.start < node.start + len(header))
        if _INDICATOR_DIGIT.match(header):
            raise Unformattable(f"the block on line {node.line} gives its indentation explicitly")
        lines = body.split("\n")
        if raw.endswith("\n"):
            lines.pop()  # what follows the last line break is the next line's
        if "+" not in header.split("#")[0]:
            while lines and not lines[-1].strip():
                lines.pop()
        written = [line for line in lines if line.strip()]
        old = min((len(line) - len(line.lstrip(" ")) for line in written), default=indent)
        out = [header.rstrip()]
        for line in lines:
            rest = line[old:] if len(line) > old else ""
            out.append(" " * indent + rest if rest else "")
        return out
