"""How a catalogue example is kept and shown: the files of a data directory (texts, bytes, links) and
their environment, rewritten from the compact flow style the catalogue writes them in to the block style
a ledger is written in by hand, for `factledger codes`, docs/diagnostics.md and the test that runs them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias, TypeGuard


@dataclass(frozen=True)
class Link:
    """A symbolic link in an example's data directory, to ``target``."""

    target: str


@dataclass(frozen=True)
class Example:
    files: dict[str, str | bytes | Link]
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Examples:
    failing: Example
    passing: Example
    options: str = ""  # what changes whether (or how) the code is reported
    also: tuple[str, ...] = ()  # codes that come with it by its nature (a withdrawal is a supersession)
    passing_also: tuple[str, ...] = ()  # what the near miss reports instead (an assessment in use, a revision)


# Showing an example. The catalogue writes examples compactly, in flow style; they are shown, run by
# the test and written into the docs in block style, the way a ledger is written by hand. The
# rewrite moves only whole flow items to their own lines and keeps every scalar's text as written
# (quotes and all), so it cannot change what the example means; a line it cannot read whole (a
# syntax error is the point of FL001) is shown as written.

# A flow node as read: a scalar's text as written, or a list of nodes, or of a mapping's (key, node) pairs.
_Flow: TypeAlias = "str | list[_Item]"
_Item: TypeAlias = "_Flow | tuple[str, _Flow]"

_FLOW_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][\w-]*: )?(?P<flow>[\[{].*)$")


def _scan(text: str, i: int) -> tuple[_Flow, int]:
    """One flow node at ``text[i]``: a list, a list of (key, node) pairs, or a scalar's text as written."""
    if text[i] in "[{":
        closing, mapping = ("]", False) if text[i] == "[" else ("}", True)
        items: list[_Item] = []
        i += 1
        while True:
            while text[i] == " ":
                i += 1
            if text[i] == closing:
                return items, i + 1
            if mapping:
                colon = text.index(": ", i)
                key, (node, i) = text[i:colon].strip(), _scan(text, colon + 2)
                items.append((key, node))
            else:
                node, i = _scan(text, i)
                items.append(node)
            while text[i] == " ":
                i += 1
            if text[i] == ",":
                i += 1
            elif text[i] != closing:
                raise ValueError(text[i:])
    start = i
    if text[i] in "\"'":
        quote, i = text[i], i + 1
        while text[i] != quote or (quote == "'" and text[i + 1 : i + 2] == "'"):
            i += 3 if quote == "'" and text[i] == "'" else 2 if text[i] == "\\" and quote == '"' else 1
        return text[start : i + 1], i + 1
    while text[i] not in ",]}":
        i += 1
    return text[start:i].strip(), i


def _flow(node: _Flow) -> str:
    if isinstance(node, str):
        return node
    pairs = [n for n in node if isinstance(n, tuple)]
    if node and len(pairs) == len(node):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in pairs) + "}"
    return "[" + ", ".join(_flow(n) for n in node if not isinstance(n, tuple)) + "]"  # a list holds no pairs


_NARROW = 56  # an example line longer than this is written out further, so it reads at 60 columns


def _expandable(node: object) -> TypeGuard[list[_Item]]:
    return isinstance(node, list) and bool(node)


def _block(node: _Flow, indent: str, depth: int) -> list[str]:
    """``node`` as block lines at ``indent``: lists and mappings ``depth`` levels deep (deeper where a
    line would be too long for a narrow terminal), flow below."""
    lines: list[str] = []
    for item in node:
        if isinstance(item, tuple):
            key, value = item
            line = f"{indent}{key}: {_flow(value)}"
            if _expandable(value) and (depth > 1 or len(line) > _NARROW):
                lines += [f"{indent}{key}:", *_block(value, indent + "  ", depth - 1)]
            else:
                lines.append(line)
        elif _expandable(item) and all(isinstance(n, tuple) for n in item) and (
                depth > 1 or len(f"{indent}- {_flow(item)}") > _NARROW):
            inner = _block(item, indent + "  ", depth - 1)
            lines += [indent + "- " + inner[0][len(indent) + 2 :], *inner[1:]]
        else:
            lines.append(f"{indent}- {_flow(item)}")
    return lines


def _blocked(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        match = _FLOW_LINE.match(line)
        try:
            node, end = _scan(line, match.start("flow")) if match else (None, 0)
        except (ValueError, IndexError):
            node = None
        if node is None or end != len(line) or not node or not match:
            out.append(line)
            continue
        indent, depth = match["indent"], 2
        if match["key"]:
            out.append(f"{indent}{'- ' if match['dash'] else ''}{match['key'].rstrip()}")
            indent += "    " if match["dash"] else "  "
            node = [node] if isinstance(node, list) and node and isinstance(node[0], tuple) else node
        elif match["dash"]:
            node = [node]
            depth = 2
        out += _block(node, indent, depth)
    return "\n".join(out)


def shown(example: Example) -> dict[str, str | bytes | Link]:
    """The example's files as they are shown and run: YAML texts in block style."""
    def block(name: str, content: str | bytes | Link) -> str | bytes | Link:
        if not name.endswith(".yaml") or isinstance(content, Link):
            return content
        if isinstance(content, bytes):  # the raw bytes are kept exactly through the rewrite
            return _blocked(content.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        return _blocked(content)

    return {name: block(name, content) for name, content in example.files.items()}


def materialise(example: Example, directory: Path) -> None:
    """Write the example's files (as shown) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in shown(example).items():
        path = directory / name
        if isinstance(content, Link):
            path.symlink_to(content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def file_text(content: str | bytes | Link) -> str:
    """A file of an example as it is shown: raw bytes and invisible characters as visible escapes."""
    from factledger.text.escapes import safe

    if isinstance(content, Link):
        return f"(a symbolic link to {content.target})"
    if isinstance(content, bytes):
        return safe(content.decode("utf-8", errors="backslashreplace"))
    return safe(content)


def escaped(content: str | bytes | Link) -> bool:
    """Whether the file as shown is not the file as it is (raw bytes or characters are shown escaped)."""
    return isinstance(content, bytes) or isinstance(content, str) and file_text(content) != content


def example_data(example: Example) -> dict[str, object]:
    """An example in JSON: each file's text as shown, and its exact bytes where no text holds them."""
    import base64

    files: list[dict[str, object]] = []
    for name, content in shown(example).items():
        entry: dict[str, object] = {"name": name, "text": file_text(content)}
        if isinstance(content, (bytes, str)) and escaped(content):  # the text shows escapes: the bytes are exact
            raw = content if isinstance(content, bytes) else content.encode("utf-8")
            entry["base64"] = base64.b64encode(raw).decode("ascii")
        elif isinstance(content, Link):
            entry["link"] = content.target
        files.append(entry)
    return {"files": files, "env": example.env}
