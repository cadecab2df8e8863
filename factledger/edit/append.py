"""New entries into a ledger file, as an insertion after the last entry of their section (or a new section,
or a new file), written in the canonical layout (:mod:`factledger.edit.layout`) and in the file's own
style: its entries' indentation, one-line (``- {id: ...}``) or block entries, and blank lines between
them or not. Every byte already in the file stays where it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factledger.edit.engine import Original, TextEdit
from factledger.edit.layout import Layout
from factledger.edit.shapes import ROOT
from factledger.parse.spans import Span, Spans, read_spans


@dataclass(frozen=True)
class Style:
    dash: int = 2  # the column (from 0) of an entry's "-"
    flow: bool = False  # entries written on one line each
    blank: bool = True  # a blank line between entries


def style_of(spans: Spans, section: Span | None) -> Style:
    """How a file writes the entries of ``section`` (the canonical style when it has none to go by)."""
    if section is None or section.kind != "sequence" or section.flow or not section.items:
        return Style()
    first = section.items[0]
    start = spans.line_starts[first.line - 1]
    dash = spans.text.find("-", start, first.start)
    blank = any(spans.text[spans.line_starts[item.line - 2]:spans.line_starts[item.line - 1]].strip() == ""
                for item in section.items[1:] if item.line >= 2)
    flow = first.kind == "mapping" and first.flow
    # One entry says nothing of blank lines between entries: the canonical layout's, blocks apart, lines not.
    return Style(max(dash - start, 0) if dash >= 0 else 2, flow, blank if len(section.items) > 1 else not flow)


def entry_lines(section: str, entries: list[dict[str, Any]], style: Style) -> list[str]:
    """``entries`` of ``section`` as lines of YAML in the canonical layout and the given style."""
    spans = read_spans(json.dumps({section: entries}, ensure_ascii=False))  # JSON is YAML: laid out as any file
    layout = Layout(spans)
    if style.flow:
        assert spans.root is not None
        items = spans.root.pairs[0][1].items
        shape = ROOT.child(section).child(None)
        shown = [layout.flow_entry(item, shape) for item in items]
        if all(s is not None for s in shown):
            return [" " * style.dash + "- " + str(s) for s in shown]
    lines = layout.document().splitlines()[1:]  # the entries, without the section's key
    shift = style.dash - 2
    lines = [(" " * shift + line if shift >= 0 else line[-shift:]) if line else line for line in lines]
    return [line for line in lines if line or style.blank]


def insertion(original: Original | None, file: str, section: str, entries: list[dict[str, Any]]) -> tuple[
        list[TextEdit], str | None]:
    """Edits that add ``entries`` to ``section`` of ``original`` (None: a new file, whose text is returned)."""
    if original is None:
        return [], "\n".join([f"{section}:", *entry_lines(section, entries, Style())]) + "\n"
    spans = original.spans
    root = spans.root
    if root is not None and root.kind != "mapping":
        raise ValueError(f"'{file}' is not a mapping of sections")
    pair = next(((k, v) for k, v in root.pairs if k.value == section), None) if root is not None else None
    text = spans.text
    value = pair[1] if pair is not None else None
    if pair is None or value is None or value.kind == "scalar" or (value.flow and not value.items):
        lines = entry_lines(section, entries, style_of(spans, _any_section(root)))
        if pair is None:  # a new section at the end of the file
            prefix = ("\n" if text and not text.endswith(("\n", "\r")) else "") + ("\n" if text.strip() else "")
            at = spans.position(len(text))
            return [TextEdit(file, at, at, prefix + f"{section}:\n" + "\n".join(lines) + "\n")], None
        # "claims:" with nothing after it, null or [], becomes the list of the new entries (a comment on its
        # line stays there).
        assert value is not None
        after = text.index(":", pair[0].end) + 1
        line_end = next((m for m in (text.find("\r", after), text.find("\n", after)) if m >= 0), len(text))
        edits = [TextEdit(file, spans.position(after), spans.position(value.end), "")] if value.end > after else []
        at = spans.position(line_end)
        return [*edits, TextEdit(file, at, at, "\n" + "\n".join(lines))], None
    if value.flow:  # [..]: the new entries go before its closing bracket, each on one line
        shape = ROOT.child(section).child(None)
        json_spans = read_spans(json.dumps(entries, ensure_ascii=False))
        assert json_spans.root is not None
        layout = Layout(json_spans)
        shown = [layout.flow_entry(item, shape) or "" for item in json_spans.root.items]
        at = spans.position(value.end - 1)
        return [TextEdit(file, at, at, (", " if value.items else "") + ", ".join(shown))], None
    style = style_of(spans, value)
    lines = entry_lines(section, entries, style)
    last_line = value.end_line
    if last_line < len(spans.line_starts):
        at = (last_line + 1, 1)
        return [TextEdit(file, at, at, ("\n" if style.blank else "") + "\n".join(lines) + "\n")], None
    at = spans.position(len(text))  # the last entry ends the file, without a line break
    return [TextEdit(file, at, at, "\n" + ("\n" if style.blank else "") + "\n".join(lines))], None


def _any_section(root: Span | None) -> Span | None:
    """A section whose style a new one should follow: the first list of entries in the file."""
    if root is None or root.kind != "mapping":
        return None
    return next((v for _, v in root.pairs if v.kind == "sequence" and v.items), None)


def target_path(data_dir: Path, subject: str | None) -> Path:
    """Where a new claim goes when no file holds its subject: claims/SUBJECT.yaml under the data directory."""
    return data_dir / "claims" / f"{subject or 'claims'}.yaml"
