"""A project's settings: `[tool.factledger]` in `pyproject.toml`, or `factledger.toml`.

Found from the current directory upwards: in each folder `factledger.toml` is taken if there is one,
else a `pyproject.toml` that has a `[tool.factledger]` table; the first folder with either wins
(a `pyproject.toml` without the table is passed over). Precedence, for each setting: an option on
the command line, then the environment (`FACTLEDGER_DATA`), then the file, then the default.

Keys (an unknown key, code or value is a usage error with a suggestion, never ignored):

* ``data``: the data directory, relative to the file's folder;
* ``window``, ``tolerance``, ``strict``: as `check`'s options (``strict`` for `validate` too);
* ``all``: as `check --all`: list the per-claim notes, and annotate informational findings (GitHub, SARIF);
* ``select``: the codes reported (default: all); ``extend-select`` adds to it; ``ignore`` removes;
  each a list of codes (``FL115``), slugs (``numeric-text-value``) or code prefixes (``FL5``);
* ``per-file-ignores``: ``{"legacy/*.yaml" = ["FL115"]}``: codes not reported for files matching a
  pattern (fnmatch-style, against the path relative to the data directory or to the file's folder);
* ``severity``: ``{FL504 = "warning"}``: a code's severity (error, warning, info), which decides
  exit codes as the catalogue's would;
* ``exclude``, ``extend-exclude``: files and folders that are not read at all (drafts, say): patterns as
  for ``per-file-ignores``, a folder's excluding everything in it (``exclude`` has no default, so the two
  differ only in intent: ``extend-exclude`` is for adding to a shared ``exclude``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from factledger.problems.catalogue import CATALOGUE, UNREADABLE, Severity
from factledger.problems.diagnostics import Diagnostic
from factledger.problems.errors import UsageError
from factledger.system import fs
from factledger.text.suggest import did_you_mean

if TYPE_CHECKING:
    from factledger.check.findings import Finding

NAMES = ("factledger.toml", "pyproject.toml")
KEYS = ("data", "window", "tolerance", "strict", "all", "select", "extend-select", "ignore", "per-file-ignores",
        "severity", "exclude", "extend-exclude")
P = TypeVar("P", Diagnostic, "Finding")  # what a policy is applied to: validation's problems, or check's


@dataclass(frozen=True)
class Setting:
    name: str
    value: Any
    # "default", a file ("factledger.toml", "pyproject.toml [tool.factledger]"), "FACTLEDGER_DATA", "--data"
    source: str


@dataclass
class Config:
    """The file's settings, checked; ``path`` is None when no file was found."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()  # why each file found but not trusted was passed over (api.configfile)

    @property
    def label(self) -> str:
        if self.path is None:
            return "default"
        return f"{self.path} [tool.factledger]" if self.path.name == "pyproject.toml" else str(self.path)

    def data(self) -> Path | None:
        """The data directory the file names: relative to the current directory where it can be, so that
        every path shown from it is (the file is found as an absolute path)."""
        given = self.values.get("data")
        if given is None or self.path is None:
            return None
        return Path(given) if Path(given).is_absolute() else fs.shown(self.path.parent / given)


def find(start: Path | None = None) -> Config:
    """The configuration that applies in ``start`` (the current directory), or an empty one; a file another
    user could have put there is passed over, and named in ``ignored`` (api.configfile)."""
    from factledger.api.configfile import candidates

    ignored: list[str] = []
    folder = (start or Path.cwd()).resolve()
    for found in candidates(folder, ignored):
        if found.table is not None:  # a pyproject.toml without [tool.factledger] is passed over
            return _config(found.path, found.table, ignored)
    return Config(ignored=tuple(ignored))


def search(folders: Iterable[Path], read: Callable[[Path], bytes | None]) -> Config | None:
    """The first configuration in ``folders`` (nearest first), each file's bytes given by ``read`` (None:
    no such file): a git revision's, read within the limits a file on disk is. None when there is none."""
    from factledger.api.configfile import decoded, table_of

    for folder in folders:
        for name in ("factledger.toml", "pyproject.toml"):
            data = read(folder / name)
            if data is None:
                continue
            document, text = decoded(data, folder / name)
            table = table_of(folder / name, document, text)
            if table is not None:
                return _config(folder / name, table, [])
    return None


def _config(path: Path, table: Any, ignored: list[str]) -> Config:
    where = str(path) if path.name == "factledger.toml" else f"{path} [tool.factledger]"
    return Config(path, _checked(table, where), tuple(ignored))


def _checked(table: Any, where: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table of settings")
    for key in table:
        if key not in KEYS:
            raise UsageError(f"unknown setting '{key}' in {where}{did_you_mean(key, KEYS)}; "
                             f"the settings are {', '.join(KEYS)}")
    types: dict[str, type | tuple[type, ...]] = {"data": str, "window": int, "tolerance": (int, float), "strict": bool,
                                                  "all": bool}
    for key, kind in types.items():
        if key in table and (not isinstance(table[key], kind) or isinstance(table[key], bool) != (kind is bool)):
            raise UsageError(f"'{key}' in {where} must be a {_kind_name(key)}, not {table[key]!r}")
    if "\x00" in table.get("data", ""):
        raise UsageError(f"'data' in {where} holds a NUL character, which no folder's name can")
    if "window" in table and not 0 <= table["window"] <= 3_660_000:
        raise UsageError(f"'window' in {where} must be a number of days from 0 to 3660000")
    if "tolerance" in table and not 0 <= table["tolerance"] <= 1:
        raise UsageError(f"'tolerance' in {where} must be a fraction from 0 to 1")
    _checked_lists(table, where)
    for pattern, chosen in _table(table, "per-file-ignores", where).items():
        codes(_strings(chosen, f"per-file-ignores '{pattern}'", where), f"'per-file-ignores' in {where}")
    for code, level in _table(table, "severity", where).items():
        codes([code], f"'severity' in {where}")
        if level not in ("error", "warning", "info"):
            raise UsageError(f"severity of {code} in {where} must be error, warning or info, not {level!r}"
                             f"{did_you_mean(str(level), ['error', 'warning', 'info'])}")
    return dict(table)


def _checked_lists(table: dict[str, Any], where: str) -> None:
    """The settings that are lists: codes to select or ignore, patterns to exclude."""
    for key in ("select", "extend-select", "ignore"):
        if key in table:
            codes(_strings(table[key], key, where), f"'{key}' in {where}")
    for key in ("exclude", "extend-exclude"):
        if key in table and (not isinstance(table[key], list) or not all(isinstance(v, str) for v in table[key])):
            raise UsageError(f"'{key}' in {where} must be a list of file or folder patterns, such as [\"drafts\"]")


def _kind_name(key: str) -> str:
    return {"data": "text (a folder)", "window": "whole number of days", "tolerance": "number from 0 to 1",
            "strict": "true or false", "all": "true or false"}[key]


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"'{key}' in {where} must be a list of codes, such as [\"FL115\", \"FL5\"]")
    return value


def _table(table: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"'{key}' in {where} must be a table, such as {{\"legacy/*.yaml\" = [\"FL115\"]}}")
    return value


def codes(selectors: Iterable[str], where: str) -> set[str]:
    """The codes that ``selectors`` name: codes, slugs or code prefixes ("FL1" is every FL1xx)."""
    slugs = {c.slug: c.code for c in CATALOGUE.values()}
    found: set[str] = set()
    for raw in selectors:
        for selector in (s.strip() for s in raw.split(",")):
            if not selector:
                continue
            upper = selector.upper()
            if selector.lower() in slugs:
                found.add(slugs[selector.lower()])
            elif upper.startswith("FL") and any(code.startswith(upper) for code in CATALOGUE):
                found.update(code for code in CATALOGUE if code.startswith(upper))
            else:
                known = [*CATALOGUE, *slugs]
                raise UsageError(f"'{selector}' in {where} is not a code, a slug or a code prefix"
                                 f"{did_you_mean(selector, known, casefold=True)}; 'factledger codes' lists them")
    return found


@dataclass(frozen=True)
class Policy:
    """Which codes are reported, where, and at what severity: applied to what validate and check report."""

    selected: frozenset[str] = frozenset(CATALOGUE)
    per_file: tuple[tuple[str, frozenset[str]], ...] = ()
    severities: tuple[tuple[str, Severity], ...] = ()
    roots: tuple[Path, ...] = ()  # where per-file patterns are matched from: the data directory, the file's folder
    notices: tuple[str, ...] = ()  # settings that name what no setting can hide (catalogue.UNREADABLE)

    @property
    def is_default(self) -> bool:
        return self.selected == frozenset(CATALOGUE) and not self.per_file and not self.severities

    def _ignored_in(self, file: str, code: str) -> bool:
        if not self.per_file:
            return False
        path = Path(file).resolve()
        relative = [str(path.relative_to(root)) for root in self.roots if path.is_relative_to(root)] or [file]
        return any(code in chosen and any(fnmatch.fnmatch(r, pattern) for r in relative)
                   for pattern, chosen in self.per_file)

    def apply(self, problems: Iterable[P]) -> list[P]:
        """The problems this policy reports, with their configured severities."""
        if self.is_default:
            return list(problems)
        levels = dict(self.severities)
        kept = []
        for problem in problems:
            code = problem.code
            if code in UNREADABLE:  # a file that could not be read: never hidden, never re-graded
                kept.append(problem)
                continue
            if code not in self.selected:
                continue
            files = {loc.file for loc in problem.locations if loc.file}
            if files and all(self._ignored_in(f, code) for f in files):
                continue
            if code in levels:
                problem = _regraded(problem, levels[code])
            kept.append(problem)
        return kept


@overload
def _regraded(problem: Diagnostic, severity: Severity) -> Diagnostic: ...
@overload
def _regraded(problem: Finding, severity: Severity) -> Finding: ...
def _regraded(problem: Diagnostic | Finding, severity: Severity) -> Diagnostic | Finding:
    """``problem`` at a configured severity: a diagnostic's is stored, a finding's overrides the catalogue's."""
    if isinstance(problem, Diagnostic):
        return replace(problem, severity=severity)
    return replace(problem, severity_override=severity)


def policy(config: Config, data_dir: Path | None, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Policy:
    """The policy from the file's settings; the command line's --select replaces the file's select,
    extend-select and ignore, and its --ignore removes codes from whichever applies."""
    values = config.values
    where = config.label
    select, ignore = list(select), list(ignore)
    if select:  # the command line's choice replaces the file's: what is asked for by name is shown
        chosen = codes(select, "--select")
    else:
        chosen = codes(values["select"], f"'select' in {where}") if "select" in values else set(CATALOGUE)
        chosen |= codes(values.get("extend-select", []), f"'extend-select' in {where}")
        chosen -= codes(values.get("ignore", []), f"'ignore' in {where}")
    chosen -= codes(ignore, "--ignore")
    per_file = tuple((pattern, frozenset(codes(_strings(v, pattern, where), where)))
                     for pattern, v in values.get("per-file-ignores", {}).items())
    severities = tuple((next(iter(codes([code], where))), Severity(level))
                       for code, level in values.get("severity", {}).items())
    roots = tuple(p.resolve() for p in (data_dir, config.path.parent if config.path else None) if p is not None)
    return Policy(frozenset(chosen), per_file, severities, roots, _unhidden(values, ignore))


def _unhidden(values: dict[str, Any], ignore: Iterable[str]) -> tuple[str, ...]:
    """A notice for each code of UNREADABLE that ``ignore``, per-file-ignores or severity names by its code
    or slug (a prefix such as "FL0" names it only in passing): it is still reported, as an error."""
    named = [*ignore, *values.get("ignore", []), *values.get("severity", {}),
             *(c for chosen in values.get("per-file-ignores", {}).values()
               for c in ([chosen] if isinstance(chosen, str) else chosen))]
    wanted = {s.strip().lower() for raw in named for s in raw.split(",")}
    return tuple(f"{c} ({CATALOGUE[c].slug}) is reported as an error whatever the settings say: a file that "
                 "cannot be read or parsed adds nothing to the ledger"
                 for c in sorted(UNREADABLE) if c.lower() in wanted or CATALOGUE[c].slug in wanted)


def exclusion(config: Config, data_dir: Path) -> Callable[[Path], bool] | None:
    """Whether a file is excluded from the ledger by the file's ``exclude`` and ``extend-exclude`` (None: no
    pattern): its path relative to the data directory or to the configuration's folder, or one of the
    folders it is in, matches a pattern."""
    patterns = [p.rstrip("/") for key in ("exclude", "extend-exclude") for p in config.values.get(key, [])]
    if not patterns:
        return None
    roots = [Path(os.path.abspath(r)) for r in (data_dir, config.path.parent if config.path else None) if r]

    def excluded(path: Path) -> bool:
        absolute = Path(os.path.abspath(path))
        for root in roots:
            if not absolute.is_relative_to(root):
                continue
            parts = absolute.relative_to(root).parts
            prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
            if any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes for pattern in patterns):
                return True
        return False

    return excluded


def environment_data() -> str | None:
    return os.environ.get("FACTLEDGER_DATA") or None
