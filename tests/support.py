"""Paths the tests share. (Imported by test modules and conftest alike: importing conftest itself as a
module would load it a second time, with its fixtures and hooks.)"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
