"""Reading JSON-LD strictly: a key given twice is found with its JSON path (JSON readers keep one of
the two values silently), every object is found at any depth, and types are compared by name
("ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are one type)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


class ImportProblem(Exception):
    """The input (or one review in it) cannot be imported; the message says what is missing and where."""


def types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    kinds = ([kind] if isinstance(kind, str)
             else [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else [])
    # "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are the same type.
    return [re.split(r"[/:#]", k)[-1] for k in kinds]


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result  # the common case: a plain dict, built in C
    marked = _Object(pairs)
    seen: set[str] = set()
    repeated: list[str] = []
    for k, _ in pairs:
        if k in seen:
            repeated.append(k)
        seen.add(k)
    marked.duplicates = tuple(dict.fromkeys(repeated))
    return marked


def member(path: str, key: str) -> str:
    return f"{path}.{key}" if re.fullmatch(r"[A-Za-z_@$][A-Za-z0-9_@$]*", key) else f"{path}[{json.dumps(key)}]"


def walk(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in ``value`` with its JSON path, in document order. Iterative: any depth the
    JSON reader accepted is searched, so no ClaimReview is left out for being deep."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            yield where, node
            stack.extend(reversed([(child, member(where, key)) for key, child in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([(child, f"{where}[{index}]") for index, child in enumerate(node)]))


@dataclass
class Scan:
    """What one pass over a JSON value finds: its ClaimReviews (with their paths), the nodes that other
    nodes can name by ``@id``, and every key given twice (by path)."""

    reviews: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    repeated: list[str] = field(default_factory=list)


def scan(value: Any) -> Scan:
    """One iterative pass (any depth the JSON reader accepted); a node's path is spelt out only for what
    is reported, since most of a large file is neither a review nor a repeated key."""
    found = Scan()
    # Each entry: the node, and the (parent entry, key or index) it hangs from, to spell its path later.
    stack: list[tuple[Any, Any]] = [(value, None)]
    while stack:
        entry = stack.pop()
        node = entry[0]
        if isinstance(node, dict):
            if "@type" in node and "ClaimReview" in types(node):
                found.reviews.append((_path(entry), node))
            ident = node.get("@id")
            if isinstance(ident, str) and len(node) > 1:
                found.nodes.setdefault(ident, node)
            if type(node) is _Object:
                found.repeated += [member(_path(entry), key) for key in node.duplicates]
            children = [(child, (entry, key)) for key, child in node.items() if isinstance(child, (dict, list))]
        elif isinstance(node, list):
            children = [(child, (entry, index)) for index, child in enumerate(node) if isinstance(child, (dict, list))]
        else:
            continue
        stack.extend(reversed(children))
    return found


def _path(entry: tuple[Any, Any]) -> str:
    steps = []
    while entry[1] is not None:
        entry, step = entry[1]
        steps.append(step)
    path = "$"
    for step in reversed(steps):
        path = f"{path}[{step}]" if isinstance(step, int) else member(path, step)
    return path


def repeated_keys(value: Any, path: str) -> list[str]:
    """The JSON path of every key given twice in one object within ``value``."""
    return [member(where, key) for where, node in walk(value, path) for key in getattr(node, "duplicates", ())]


def within(path: str, prefix: str) -> bool:
    """Whether the JSON path ``path`` is ``prefix`` or inside it (``$[3].a`` is in ``$[3]``, ``$[30]`` is not)."""
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")


def read_json(text: str) -> Any:
    """The JSON value of ``text``, with objects that remember repeated keys; ImportProblem if unreadable."""
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        what = exc.msg.removesuffix(" starting at").removesuffix(" at").lower()  # "Unterminated string starting at"
        raise ImportProblem(f"not valid JSON at line {exc.lineno}, column {exc.colno}: {what}") from None
    except RecursionError:
        raise ImportProblem("not JSON that can be read: it is nested too deeply (hundreds of levels of "
                            "arrays or objects inside each other)") from None
    except ValueError as exc:  # a number too long to read
        why = "a number has more digits than can be read" if "digits" in str(exc) else str(exc)
        raise ImportProblem(f"not JSON that can be read: {why}") from None
