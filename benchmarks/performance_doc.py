"""Rewrites one marked section of docs/performance.md (between `<!-- NAME:start -->` and `<!-- NAME:end -->`)
with a benchmark's figures, leaving every other byte as it was."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def rewrite(name: str, figures: str) -> None:
    start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
    text = DOC.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise SystemExit(f"docs/performance.md has no section marked {name}")
    DOC.write_text(re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: start + figures + end, text,
                          flags=re.S), encoding="utf-8")
