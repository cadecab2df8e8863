"""A data directory → its ledger files, in a stable order, and how each is named to a person."""

from __future__ import annotations

from pathlib import Path

from factledger.problems.diagnostics import Diagnostic, Location, make
from factledger.system import fs, witness


def discover(data_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``*.yaml``/``*.yml`` file (any case) below ``data_dir``, sorted, hidden ones skipped.

    Links are followed only inside the data directory (each real folder read once), so a link
    cannot loop or pull in a tree from elsewhere. A folder that cannot be listed, or a link that
    leads outside, is reported (FL003) rather than skipped in silence.
    """
    witness.tree(data_dir)  # a kept answer depends on all of it (cli.answers)
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path, problem in fs.walk(data_dir, (".yaml", ".yml")):
        if problem is None:
            found.append(path)
        else:
            problems.append(make("FL003", str(problem), Location(display_path(data_dir, path))))
    return sorted(found, key=lambda p: p.relative_to(data_dir).as_posix()), problems


def display_path(data_dir: Path, path: Path) -> str:
    """The path a user can open from where they ran the command: the data dir as given, plus the file.

    A file name that is not valid UTF-8 is shown with its bad bytes escaped, so it can always be printed.
    """
    shown = (data_dir / path.relative_to(data_dir)).as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
