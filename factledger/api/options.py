"""The options faces build for the use cases: how claims are compared."""

from __future__ import annotations

from factledger.check.options import CheckOptions

__all__ = ["CheckOptions"]
