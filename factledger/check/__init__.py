"""The cross-check engine, in one place: values as intervals and times as day ranges
(:mod:`.compare`), dependence between sources (:mod:`.origins`), groups of interchangeable claims
(:mod:`.groups`), the engine's stages (:mod:`.engine`, :mod:`.links`, :mod:`.perclaim`) and what
they report (:mod:`.findings`). Nothing here prints; :func:`cross_check` returns a CheckResult.
"""

from factledger.check.engine import MAX_WINDOW, CheckOptions, cross_check
from factledger.check.findings import KINDS, QUIET_KINDS, CheckResult, Finding, Side

__all__ = ["KINDS", "MAX_WINDOW", "QUIET_KINDS", "CheckOptions", "CheckResult", "Finding", "Side", "cross_check"]
