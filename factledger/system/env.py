"""How factledger reads a switch from the environment."""

from __future__ import annotations

import os


def env_flag(name: str) -> bool:
    """Whether the environment variable ``name`` is set to something other than empty, 0, false or no:
    how every switch factledger reads from the environment (FACTLEDGER_NO_CACHE, CI) is read."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
