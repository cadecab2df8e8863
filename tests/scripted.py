"""A scripted git repository for the diff and history tests: a real repository (git itself, run as a user
would), commits with fixed authors and dates, so that commit ids are the same on every run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

# A ledger in the image of real reporting on a rally's size (invented): several sources whose figures
# disagree, and a second question. Each test edits it and commits.
BASE = """\
sources:
  - {id: CITY-POLICE, name: City police, kind: government}
  - {id: ORGANISERS, name: The rally's organisers, kind: ngo}
  - {id: CROWD-LAB, name: University crowd-counting lab, kind: academic}
  - {id: DAILY-NEWS, name: The Daily News, kind: media}
  - {id: HOSPITALS, name: City hospitals, kind: official}
claims:
  - id: police-day
    statement: The police put the crowd at about 12,000 on the day.
    subject: rally
    property: attendance
    value: {approx: 12000, unit: people}
    date: 2026-05-01
    sources: [{source: CITY-POLICE, date: 2026-05-01}]
  - id: lab
    statement: The crowd lab estimated 11,000 to 14,000 from aerial images.
    subject: rally
    property: attendance
    value: {low: 11000, high: 14000, unit: people}
    date: 2026-05-01
    sources: [{source: CROWD-LAB, date: 2026-05-04}]
  - id: newspaper
    statement: The Daily News counted at least 30,000.
    subject: rally
    property: attendance
    value: {at_least: 30000, unit: people}
    date: 2026-05-01
    sources: [{source: DAILY-NEWS, date: 2026-05-02}]
  - id: injured
    statement: The police said 12 people were injured.
    subject: rally
    property: injured
    value: {exact: 12, unit: people}
    date: 2026-05-01
    sources: [{source: CITY-POLICE, date: 2026-05-01}]
"""


class Scripted:
    """A repository at ``root`` whose commits are made by :meth:`commit` (author, date and time fixed)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commits = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self) -> dict[str, str]:
        stamp = f"2026-05-{1 + self.commits:02d}T12:00:00+00:00"
        return {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": os.devnull, "GIT_COMMITTER_NAME": "Keeper", "GIT_COMMITTER_EMAIL": "k@example.org"}

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=self.root, env=self.env(),
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def commit(self, message: str, author: str = "Ann Analyst") -> str:
        self.git("add", "-A")
        self.git("-c", f"user.name={author}", "-c", "user.email=a@example.org", "commit", "-q", "--allow-empty",
                 "-m", message)
        self.commits += 1
        return self.git("rev-parse", "HEAD").strip()


def claim(claim_id: str, statement: str, value: str, source: str, prop: str = "attendance",
          extra: str = "") -> str:
    """One claim as a ledger file writes it, to insert under ``claims:``."""
    return (f"  - id: {claim_id}\n    statement: {statement}\n    subject: rally\n    property: {prop}\n"
            f"    value: {value}\n    date: 2026-05-01\n    sources: [{{source: {source}, date: 2026-05-02}}]\n{extra}")


def based(tmp_path: Path, monkeypatch: Any) -> Scripted:
    """The base ledger, committed, with the current folder at the repository's root (a fixture's body)."""
    scripted = Scripted(tmp_path / "repo")
    scripted.write("data/ledger.yaml", BASE)
    scripted.commit("The rally's first figures")
    monkeypatch.chdir(scripted.root)
    return scripted
