"""How claims are compared: the options of `check`, `show` and every cross-checking export."""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_WINDOW = 3_660_000  # days: ten thousand years, more than any two ledger dates are apart


@dataclass(frozen=True)
class CheckOptions:
    """How claims are compared; out-of-range values raise ValueError (the CLI refuses them first)."""

    window: int = 0  # days added to both sides of each claim's time
    tolerance: float = 0.1  # approx n covers n ± tolerance·|n|

    def __post_init__(self) -> None:
        if not 0 <= self.window <= MAX_WINDOW:
            raise ValueError(f"the window must be 0 to {MAX_WINDOW:,} days, not {self.window}")
        if not (math.isfinite(self.tolerance) and 0 <= self.tolerance <= 1):
            raise ValueError(f"the tolerance must be a fraction from 0 to 1, not {self.tolerance}")
