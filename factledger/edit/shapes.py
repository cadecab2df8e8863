"""What the field tables say about writing a field: the order of an entry's keys, which values are
dates, numbers or texts, and which collections are written as blocks (entries and citations) rather
than on one line (values, dates, lists of ids and tags). Read from :mod:`factledger.schema.tables`, so
the layout follows the schema the loader checks against."""

from __future__ import annotations

from dataclasses import dataclass

from factledger.schema import fields as parsers
from factledger.schema import tables
from factledger.schema.fields import FieldSpec

Table = dict[str, FieldSpec]

# How a scalar is written: "text" (quoted where YAML needs it), "date", "number" (canonical, so YAML 1.1
# and 1.2 read one number), "value" (a claim's value: a number, true/false or a text, as YAML reads it),
# "loose" (a qualifier's value: kept as written when YAML reads it as a number or boolean).
_SCALARS = {parsers.partial_date: "date", parsers.single_date: "date", tables.date_or_range: "date",
            parsers._number: "number", tables.value_number: "number", parsers.credibility: "number",
            tables.value: "value",
            tables.qualifiers: "loose"}
_TABLES: dict[object, Table] = {tables.date_or_range: tables.RANGE_FIELDS, tables.value: tables.VALUE_FIELDS,
                                tables.question_ref: tables.QUESTION_FIELDS, tables.rating: tables.RATING_FIELDS}


@dataclass(frozen=True)
class Shape:
    """How a node is written: the table its mapping's keys follow (None: keys as written), how its
    scalars are written, and whether it is a block (one key or item a line) whatever its size."""

    table: Table | None = None
    scalar: str = "text"
    block: bool = False
    level: str = "inner"  # root, section, entry, inner

    def child(self, key: str | None) -> Shape:
        """The shape of the value under ``key`` (None: an item of this list)."""
        if self.level == "root":
            return Shape(tables.SCHEMA.get(key or ""), block=True, level="section")
        if self.level == "section":
            return Shape(self.table, block=True, level="entry")
        if key is None:  # an item of an inner list: as the list's own items are
            return Shape(self.table, self.scalar, self.block)
        spec = self.table.get(key) if self.table is not None else None
        if spec is None:
            return Shape(scalar="loose" if self.scalar == "loose" else "text")
        if self.table is tables.CLAIM_FIELDS and key == "sources":
            return Shape(tables.CITATION_FIELDS, block=True)
        inner = _TABLES.get(spec.parse)
        scalar = _SCALARS.get(spec.parse, "text")
        if spec.parse is tables.qualifiers:
            return Shape(None, "loose")
        return Shape(inner, scalar)

    def order(self, keys: list[str]) -> list[str]:
        """``keys`` in the table's order, those it does not have after them as written."""
        if self.table is None:
            return keys
        known = [k for k in self.table if k in keys]
        return known + [k for k in keys if k not in self.table]


ROOT = Shape(level="root")
