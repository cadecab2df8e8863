"""Finding and reading the configuration file, whatever is in it and whoever wrote it.

Reading: at most :data:`LIMIT` bytes are read; a file that is not UTF-8, holds a NUL, nests arrays or
inline tables deeper than :data:`DEPTH`, is not TOML, or has ``tool`` that is not a table is one usage
error naming the file and the line, never a traceback (a ``pyproject.toml`` of another project in a
parent folder is read too, so anything can be in it).

Trust: a configuration file can turn every error off (``ignore = ["FL"]``), so one that another user
could have put there is not used, as git does not use a repository another user owns (CVE-2022-24765).
A file is used when it belongs to the current user or to root, and no other user may write to it, or
lies inside the git work tree the command runs in (a ``.git`` of the current user's or root's: the
repository vouches for its own files); outside a work tree every file is held to its owner and mode. A
link is judged by the file it leads to: a link in the work tree to a file outside it is held to that
file's owner. Any other is passed over with a warning naming it, unless :data:`TRUST_VARIABLE` names it,
its folder, or ``*`` (the variable's entries are stripped of surrounding space: " *" is "*").
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factledger.problems.errors import UsageError
from factledger.system import fs, user, witness

LIMIT = 1 << 20  # a configuration file is a few lines; a megabyte is far more than any needs
DEPTH = 32  # nothing factledger reads nests deeper than a table of lists
TRUST_VARIABLE = "FACTLEDGER_TRUSTED_CONFIG"


@dataclass(frozen=True)
class Candidate:
    """A configuration file found on the way up, and the table of settings it holds (None: none here)."""

    path: Path
    table: Any


def candidates(start: Path, ignored: list[str]) -> Iterator[Candidate]:
    """Every configuration file from ``start`` upwards, in the order they apply: in each folder
    ``factledger.toml``, else ``pyproject.toml``'s ``[tool.factledger]`` (None when it has none). A file
    that cannot be trusted is not read: a warning naming it is added to ``ignored``."""
    top = _work_tree(start)
    for folder in (start, *start.parents):
        for name in ("factledger.toml", "pyproject.toml"):
            path = folder / name
            witness.look(path)  # a kept answer depends on whether it is there (cli.answers)
            if not path.is_file():
                continue
            # What is read is the file a link leads to: that is what must lie in the work tree.
            trusted = _inside(_resolved(path).parent, top) or _opted_in(path)
            try:
                document, text = read(path, None if trusted else _owned)
            except _Foreign as foreign:
                ignored.append(f"ignoring the configuration '{path}'{foreign.leads(path)}: {foreign.why}; "
                               f"to use it, set {TRUST_VARIABLE}={path}")
                continue
            yield Candidate(path, table_of(path, document, text))


def table_of(path: Path, document: dict[str, Any], text: str) -> Any:
    """The settings a configuration file holds: a factledger.toml's whole table, a pyproject.toml's
    ``[tool.factledger]`` (None when it has none)."""
    return document if path.name == "factledger.toml" else _tool_table(document, text, path)


class _Foreign(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why

    @staticmethod
    def leads(path: Path) -> str:
        resolved = _resolved(path)
        return f" (a link to '{resolved}')" if resolved != path.absolute() else ""


def _resolved(path: Path) -> Path:
    try:
        return fs.resolve(path)  # (the one home: a kept answer depends on where it leads, cli.answers)
    except fs.FileProblem:  # a link loop: nothing is read through it anyway
        return path.absolute()


def _owned(path: Path, info: os.stat_result) -> None:
    """Refuse a file another user owns, or reaches through their link, or that every user may write to
    (root's included: anyone could have put the settings in it): what is checked is the file opened, so
    what is checked is what is read."""
    link = user.foreign_owner(path)
    if link is not None:
        raise _Foreign(f"it belongs to another user (uid {link}) and is outside this repository")
    if not user.trusted_owner(info.st_uid):
        raise _Foreign(f"it belongs to another user (uid {info.st_uid}) and is outside this repository")
    if info.st_mode & stat.S_IWOTH:
        raise _Foreign("every user may write to it (its mode has o+w) and it is outside this repository")


def _work_tree(start: Path) -> Path | None:
    """The top of the git work tree holding ``start``, when its ``.git`` is the current user's or root's
    (git itself refuses another's); else None."""
    for folder in (start, *start.parents):
        marker = folder / ".git"
        witness.look(marker)
        try:
            exists = marker.exists()
        except OSError:
            return None
        if exists:
            return folder if user.foreign_owner(marker) is None else None
    return None


def _inside(folder: Path, top: Path | None) -> bool:
    return top is not None and folder.is_relative_to(top)


def _opted_in(path: Path) -> bool:
    given = os.environ.get(TRUST_VARIABLE, "")
    for entry in (e.strip() for e in given.split(os.pathsep)):
        if entry == "*":
            return True
        if entry:
            try:
                chosen = fs.resolve(Path(entry))  # where it leads now: a kept answer depends on it (cli.answers)
            except (fs.FileProblem, ValueError):
                continue
            if chosen in (path, path.parent) or _resolved(path) == chosen:
                return True
    return False


def _tool_table(document: dict[str, Any], text: str, path: Path) -> Any:
    tool = document.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise UsageError(f"{_where(path, text, 'tool')}: 'tool' must be a table ([tool.factledger]), "
                         f"not {_kind(tool)}")
    return tool.get("factledger")


def read(path: Path, examine: Callable[[Path, os.stat_result], None] | None = None) -> tuple[dict[str, Any], str]:
    """The TOML document at ``path``, and its text; a usage error, naming where, for anything that is not one.
    ``examine`` is shown the open file's status before it is read, and may refuse it."""
    try:
        data = fs.read_file(path, LIMIT, None if examine is None else lambda info: examine(path, info))
    except fs.FileProblem as exc:
        why = (f"it is over the limit of {fs.describe_size(LIMIT)} for a configuration file" if exc.too_large
               else str(exc))
        raise UsageError(f"cannot read the configuration '{path}': {why}") from None
    return decoded(data, path)


def decoded(data: bytes, path: Path) -> tuple[dict[str, Any], str]:
    """A configuration file's bytes (from the disk, or a git revision's tree) as a TOML document and its
    text, within the same limits; a usage error, naming where, for anything that is not one."""
    if len(data) > LIMIT:
        raise UsageError(f"cannot read the configuration '{path}': it is over the limit of "
                         f"{fs.describe_size(LIMIT)} for a configuration file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data[: exc.start].decode("utf-8", errors="replace"))
        raise UsageError(f"{path}:{line}:{column}: the configuration is not UTF-8 (byte 0x{data[exc.start]:02x}); "
                         "re-save it as UTF-8") from None
    if "\x00" in text:
        line, column = _position(text[: text.index("\x00")])
        raise UsageError(f"{path}:{line}:{column}: the configuration holds a NUL character; is it a binary file?")
    deep = _too_deep(text)
    if deep is not None:
        line, column = _position(text[:deep])
        raise UsageError(f"{path}:{line}:{column}: arrays or inline tables nest more than {DEPTH} deep; "
                         "a configuration needs far fewer")
    return _parsed(text, path), text


def _parsed(text: str, path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 reads TOML with tomli, the same parser
        # tomli is a dependency only on Python 3.10, so a checker run elsewhere may not find it
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]  # absent where Python >= 3.11
    try:
        document: dict[str, Any] = tomllib.loads(text)
        return document
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"cannot read the configuration '{path}': {exc}") from None
    except RecursionError:  # a shape the depth scan does not see; never a traceback
        raise UsageError(f"cannot read the configuration '{path}': it nests too deeply") from None


def _position(before: str) -> tuple[int, int]:
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# What opens or closes a level, and what the scan steps over whole: strings (basic and literal, single
# and multi-line) and comments, where brackets are text.
_TOKEN = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
                    re.DOTALL)


def _too_deep(text: str) -> int | None:
    """Where brackets and braces first nest more than :data:`DEPTH` deep, or None. Table headers
    (``[a]``, ``[[a]]``) open and close on their line, so they never count for more than two."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > DEPTH:
                return match.start()
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


def _where(path: Path, text: str, key: str) -> str:
    """``path:line`` of the line that sets ``key`` (the parsed form has no positions), or ``path``."""
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return f"{path}:{_position(text[: match.start()])[0]}" if match else str(path)


def _kind(value: Any) -> str:
    names = {str: "a text", bool: "true or false", int: "a number", float: "a number", list: "a list"}
    return names.get(type(value), type(value).__name__)
