"""What a kept answer depends on, for the tests of it (tests/test_answers.py, tests/test_answers_more.py):
every run is a real process started as the console script is. Two things are set through a prelude that is
the same for every run (so it is part of every answer's key alike): the settling time is 0 rather than 2 s,
so that an answer is kept from a ledger written a moment before; and when the file :func:`blocker` names exists, Typer
cannot be imported, so a run that succeeds then was answered from what was kept, and one that fails was run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support import REPO

PRELUDE = (
    "import os, sys\n"
    "from factledger.system import witness\n"
    "witness.RACY_NS = 0\n"
    "if os.path.exists(os.environ['ANSWERS_BLOCK']): sys.modules['typer'] = None\n"
    "from factledger.cli.entry import main\n"
    "sys.argv[0] = 'factledger'\n"
    "main()\n"
)
LIST = ("list", "--source", "NIS")


def blocker(place: Path) -> Path:
    """Where the file that blocks Typer is put: beside the working folder, not in it (a folder the run lists,
    for its imports under ``python -c``, would change with it)."""
    return place.with_name(place.name + "-BLOCK")


def copied(tmp_path: Path) -> Path:
    """A folder holding a copy of the bundled ledger (``data``), to run in (the ``place`` fixture)."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def _run(place: Path, *args: str, block: bool = False, cache: bool = True,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    marker = blocker(place)
    if block:
        marker.touch()
    else:
        marker.unlink(missing_ok=True)
    environment = {**os.environ, "ANSWERS_BLOCK": str(marker), **(env or {})}
    if not cache:
        environment["FACTLEDGER_NO_CACHE"] = "1"
    try:
        return subprocess.run([sys.executable, "-c", PRELUDE, *args], capture_output=True, cwd=place,
                              env=environment, timeout=120)
    finally:
        marker.unlink(missing_ok=True)


def _answered(place: Path, *args: str, env: dict[str, str] | None = None) -> bool:
    """Whether the run was answered from what was kept (it could not have run: Typer is blocked)."""
    done = _run(place, *args, block=True, env=env)
    if done.returncode in (0, 1) and not done.stderr:
        return True
    assert b"typer" in done.stderr or b"import" in done.stderr.lower(), done.stderr.decode()[-2000:]
    return False
