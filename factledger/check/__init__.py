"""The cross-check engine, in one place: values as intervals and times as day ranges
(:mod:`.compare`), dependence between sources (:mod:`.origins`), groups of interchangeable claims
(:mod:`.groups`), the engine's stages (:mod:`.engine`, :mod:`.links`, :mod:`.perclaim`) and what
they report (:mod:`.findings`); :func:`factledger.check.engine.cross_check` runs it. Nothing
here prints.

Importing the package loads only its options, so the command line can name them cheaply.
"""

from factledger.check.options import MAX_WINDOW, CheckOptions

__all__ = ["MAX_WINDOW", "CheckOptions"]
