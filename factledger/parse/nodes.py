"""The YAML nodes the composer builds: each knows where it was written (1-based line and column)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factledger.parse.spans import Comment
from factledger.parse.yaml12 import is_null, resolve_plain
from factledger.problems.diagnostics import Diagnostic


@dataclass(slots=True)
class Scalar:
    """A scalar as written (``raw``); ``value`` is it resolved by the YAML 1.2 core schema.

    Resolution is done on demand: most scalars are keys and texts, read as written.
    """

    raw: str
    line: int
    column: int
    plain: bool

    @property
    def value(self) -> Any:
        return resolve_plain(self.raw) if self.plain else self.raw

    @property
    def is_null(self) -> bool:
        return self.plain and is_null(self.raw)


@dataclass(slots=True)
class Mapping:
    """A mapping; ``items`` maps each key's text to its key node and value node, in file order."""

    items: dict[str, tuple[Scalar, Node]]
    line: int
    column: int

    # Keys are stored by their text; a plain key that YAML reads as something other than text
    # (1, true, null) is stored under a name no field has, so that 1 and 01 are one key.


@dataclass(slots=True)
class Sequence:
    """A list; ``streamed`` when its items were handed to a sink instead of kept here."""

    items: list[Node]
    line: int
    column: int
    streamed: bool = False


@dataclass(slots=True)
class Invalid:
    """Stands where the loader refused a node (an alias, a complex key); already reported."""

    line: int
    column: int


Node = Scalar | Mapping | Sequence | Invalid


@dataclass
class LoadedFile:
    """One ledger file: its display path, its root node (``None`` when empty or unparseable).

    ``parsed`` is false when the file could not be read or parsed to its end: then whatever a
    sink was given from it must be discarded (the file contributes nothing, as FL001 says).
    """

    path: Path
    display: str
    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    has_control_characters: bool = False
    parsed: bool = False
    directives: list[Comment] = field(default_factory=list)  # comments saying "factledger: ..." (suppressions)


# Called with (section key, index in the section, entry) for each entry of a top-level list.
Sink = Callable[[Scalar, int, "Node"], None]


def plain_data(node: Node) -> Any:
    """A node as plain data (dicts, lists, texts, numbers, booleans, None), as YAML 1.2 reads it."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Mapping):
        return {key: plain_data(value) for key, (_, value) in node.items.items()}
    if isinstance(node, Sequence):
        return [plain_data(item) for item in node.items]
    return None
