"""What the page's script reads, embedded as JSON: the claims table's rows and, above the size budget, every
claim's detail, one claim a line, parsed only when that claim is opened.

Above the budget the data is large (a hundred thousand claims: about a hundred megabytes of JSON), so it
is packed: the same JSON, gzip-compressed and written in base64 (no character of which is markup), and
unpacked in the page by the browser's own DecompressionStream. Below the budget it is written as it is.

A text that occurs more than once (a source's name, a label, a camp, a document's address, a statement
both in its row and in its detail) is written once, in ``strings``, and referred to by its index; a
text value in the data is either that index or the text itself. Everything is written through
formats.writers.to_json with ``html_safe``: '<', '>', '&', U+2028 and U+2029 escaped, so no text can end
the data block or be read as markup, and a record never spans two lines.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from factledger.export.html.details import KEEPER, Detail, Link, Part, Row, text
from factledger.formats.writers import to_json, to_json_line
from factledger.model.ids import fold
from factledger.model.vocabulary import STATUSES
from factledger.text.quotes import TYPOGRAPHIC

SHORTEST = 4  # a text shorter than this is written as it is: its index would save nothing

# A row: [id, date, statement, value, figure (a number or null, to sort by), sources, status (with reviews),
# the status itself, subject, property, tags, cited sources (folded ids), quotes]. Texts are those of
# TEXT_FIELDS; the figure is a number, the rest exact values the filters compare.
TEXT_FIELDS = (1, 2, 3, 5, 6)


def row_data(r: Row) -> list[Any]:
    c = r.claim
    figure = c.value.figure if c.value is not None and c.value.is_numeric else None
    return [c.id, text(c.date or "—"), text(c.statement), text(r.value), figure, text(r.sources), text(r.status),
            c.status, c.subject or "", c.property or "", list(c.tags),
            sorted({fold("source", x.source.id) for x in c.citations}), [text(x.quote) for x in c.citations if x.quote]]


def _href(href: str) -> list[str]:
    """An address split before its fragment, so that a page cited many times is written once."""
    base, mark, fragment = href.partition("#")
    return [base, mark + fragment] if mark and base else [href]


def detail_data(detail: Detail) -> list[Any]:
    """[id, status, [[title, [[head parts, [[label, part…]…]]…]]…]]; a part is a text, or [href, text] with the
    href a list of texts to join."""
    def parts(found: list[Part]) -> list[Any]:
        return [[_href(p.href), p.text] if isinstance(p, Link) else p for p in found]
    return [detail.id, detail.status, [[b.title, [[parts(e.head), [[label, *parts(shown)] for label, shown in e.rows]]
                                                  for e in b.entries]] for b in detail.blocks]]


class Strings:
    """The texts written once: counted over everything first, then each text of two or more occurrences
    becomes its index."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.index: dict[str, int] = {}
        self.table: list[str] = []

    def count(self, texts: Iterable[str]) -> None:
        self.counts.update(t for t in texts if len(t) >= SHORTEST)

    def ref(self, value: str) -> int | str:
        if self.counts[value] < 2:
            return value
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.table)
            self.table.append(value)
        return found


def _detail_texts(data: list[Any]) -> Iterator[str]:
    for block in data[2]:
        yield block[0]
        for head, rows in block[1]:
            yield from _part_texts(head)
            for label, *shown in rows:
                yield label
                yield from _part_texts(shown)


def _part_texts(parts: list[Any]) -> Iterator[str]:
    for part in parts:
        if isinstance(part, str):
            yield part
        else:
            yield from part[0]
            yield part[1]


def _encode_detail(data: list[Any], ref: Callable[[str], int | str]) -> list[Any]:
    def parts(found: list[Any]) -> list[Any]:
        return [ref(p) if isinstance(p, str) else [[ref(h) for h in p[0]], ref(p[1])] for p in found]
    return [data[0], data[1], [[ref(title), [[parts(head), [[ref(label), *parts(shown)] for label, *shown in rows]]
                                             for head, rows in entries]] for title, entries in data[2]]]


def _encode_row(data: list[Any], ref: Callable[[str], int | str]) -> list[Any]:
    return [ref(v) if i in TEXT_FIELDS else [ref(q) for q in v] if i == 12 else v for i, v in enumerate(data)]


def pack(text: str) -> str:
    """``text`` gzip-compressed (with no time in its header: the same text gives the same bytes), in base64."""
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")


def _detail_lines(details: Iterable[Detail]) -> str:
    """The texts the details share, then each detail, one a line. Each detail is made once: its texts counted
    and its data kept as a line of JSON (never all the details themselves at once), then each line read back
    to be written with the texts it shares as their indexes."""
    shared, kept = Strings(), []
    for detail in details:
        made = detail_data(detail)
        shared.count(_detail_texts(made))
        kept.append(json.dumps(made, ensure_ascii=False, separators=(",", ":")))
    written = [to_json_line(_encode_detail(json.loads(line), shared.ref), html_safe=True) for line in kept]
    return "\n".join([to_json_line(shared.table, html_safe=True), *written])


def encode(rows: list[Row], details: Iterable[Detail] | None, members: dict[str, list[str]],
           page_size: int) -> tuple[str, str | None]:
    """The page's data (JSON), and (when ``details`` is given) every detail, one claim a line (JSON Lines)
    after a first line of the texts they share, both packed.
    Each has its own texts: what the page reads as it opens is the table's alone (a detail's texts are
    unpacked when the first detail is opened)."""
    strings = Strings()
    row_list = [row_data(r) for r in rows]
    for r in row_list:
        strings.count(r[i] for i in TEXT_FIELDS)
        strings.count(r[12])
    encoded_rows = [_encode_row(r, strings.ref) for r in row_list]
    lines = _detail_lines(details) if details is not None else None
    data = {
        "strings": strings.table,
        "rows": encoded_rows,
        "members": members,
        "fold": {chr(k): v for k, v in sorted(TYPOGRAPHIC.items())},
        "statuses": list(STATUSES),
        "pageSize": page_size,
        "keeper": KEEPER,
    }
    if lines is None:
        return to_json(data, html_safe=True), None
    return pack(to_json(data, html_safe=True)), pack(lines)
