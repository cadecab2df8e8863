"""What every rule is given."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from factledger.model import Ledger


@dataclass
class RuleContext:
    """The ledger, where it lives, and a cache rules may share (e.g. document texts)."""

    ledger: Ledger
    data_dir: Path
    cache: dict[str, object] = field(default_factory=dict)


def did_you_mean(wanted: str, known: Iterable[str], casefold: bool = False) -> str:
    """' (did you mean 'NIS'?)' when a known id is close to ``wanted``, else ''."""
    candidates = list(known)
    if casefold:
        lookup = {c.casefold(): c for c in candidates}
        close = difflib.get_close_matches(wanted.casefold(), list(lookup), n=1, cutoff=0.6)
        return f" (did you mean '{lookup[close[0]]}'?)" if close else ""
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
