"""One git repository, as git itself answers about it: where it is, what a revision names, a merge base.

Every question is asked of the ``git`` program (its plumbing commands, whose output is stable), never by
reading ``.git`` by hand, and nothing here writes to the repository: no checkout, no worktree, no index
update. What git refuses is a :class:`GitError` carrying git's own message, which the use cases turn into
a usage error (exit 2).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEEPEN = ("fetch more of it with 'git fetch --deepen=100' (repeat as needed) or 'git fetch --unshallow'; "
          "in GitHub Actions, check out with 'fetch-depth: 0'")


class GitError(Exception):
    """What git refused, in git's words where it has any (its first line, without 'fatal: ')."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _said(stderr: bytes) -> str:
    """Git's message: its first line that says something, without the 'fatal: ' or 'error: ' it starts with."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            for prefix in ("fatal: ", "error: "):
                line = line.removeprefix(prefix)
            return line
    return "git failed without saying why"


def run(args: Sequence[str], cwd: Path, given: bytes | None = None) -> bytes:
    """The standard output of ``git ARGS`` run in ``cwd``; a GitError with git's message when it fails."""
    # Pathspecs are paths, never patterns or magic ('data[1]' is a folder name); no pager, no prompt.
    env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(["git", "--no-pager", *args], cwd=cwd, input=given, capture_output=True, env=env,
                              check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); diff and history read revisions through it") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        raise GitError(_said(done.stderr))
    return done.stdout


@dataclass(frozen=True)
class Repo:
    """A repository's working tree (``root``) and where the command runs inside it (``prefix``, '' or 'a/b/')."""

    root: Path
    prefix: str

    @classmethod
    def at(cls, cwd: Path) -> Repo:
        """The repository ``cwd`` is in; a GitError with git's message when it is in none."""
        out = run(["rev-parse", "--show-toplevel", "--show-prefix"], cwd).decode("utf-8", "surrogateescape")
        lines = out.split("\n")
        if len(lines) < 2 or not lines[0]:
            raise GitError(f"'{cwd}' is not inside a git working tree (a bare repository has no data directory)")
        return cls(Path(lines[0]), lines[1])

    def git(self, *args: str, given: bytes | None = None) -> bytes:
        return run(args, self.root, given)

    def shallow(self) -> bool:
        try:
            return self.git("rev-parse", "--is-shallow-repository").strip() == b"true"
        except GitError:
            return False

    def commit(self, revision: str) -> str:
        """The commit ``revision`` names (any form git reads: a branch, a tag, HEAD~2, an id)."""
        if not revision or revision.startswith("-"):
            raise GitError(f"'{revision}' is not a revision (a revision never starts with '-')")
        try:
            return self.git("rev-parse", "--verify", "--quiet", "--end-of-options",
                            f"{revision}^{{commit}}").decode("ascii").strip()
        except GitError:
            pass
        if self.shallow():
            raise GitError(f"'{revision}' is not in this shallow clone: {DEEPEN}") from None
        try:
            self.git("rev-parse", revision)  # git's own words for what is wrong with it
        except GitError as exc:
            raise GitError(exc.message) from None
        raise GitError(f"'{revision}' names no commit")

    def merge_base(self, a: str, b: str, names: tuple[str, str]) -> str:
        """The best common ancestor of commits ``a`` and ``b`` (``names``: as the person wrote them)."""
        try:
            found = self.git("merge-base", a, b).decode("ascii").strip()
        except GitError as exc:
            if self.shallow():
                raise GitError(f"the merge base of {names[0]} and {names[1]} is not in this shallow clone: "
                               f"{DEEPEN}") from None
            if exc.message == "git failed without saying why":  # merge-base exits 1 in silence when there is none
                raise GitError(f"{names[0]} and {names[1]} have no common ancestor, so '...' has no base; "
                               f"compare them with '{names[0]}..{names[1]}'") from None
            raise
        return found

    def relative(self, path: Path) -> str | None:
        """``path`` (absolute, links followed) as a path inside the repository ('' for its root), or None
        when it lies outside it."""
        root = Path(os.path.realpath(self.root))
        try:
            inside = Path(os.path.realpath(path)).relative_to(root)
        except ValueError:
            return None
        return "" if inside == Path(".") else inside.as_posix()
