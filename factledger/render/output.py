"""What a renderer returns when something goes to standard error as well as standard output."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Output:
    stdout: Any  # str | Lines | a Rich renderable
    stderr: Any = None  # Lines, for a summary that must not mix with machine output
