"""Reading JSON-LD strictly: a key given twice is found with its JSON path (JSON readers keep one of
the two values silently), every object is found at any depth, and types are compared by name
("ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are one type)."""

from __future__ import annotations

import json
import re
from typing import Any, Iterator


class ImportProblem(Exception):
    """The input (or one review in it) cannot be imported; the message says what is missing and where."""


def types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    kinds = [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []
    # "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are the same type.
    return [re.split(r"[/:#]", k)[-1] for k in kinds]


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the keys it was given more than once."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        result.duplicates = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return result


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
