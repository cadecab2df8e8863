"""How factledger reads a switch from the environment."""

from __future__ import annotations

import os


def env_flag(name: str) -> bool:
    """Whether the environment variable ``name`` is set to something other than empty, 0, false or no:
    how every switch factledger reads from the environment (FACTLEDGER_NO_CACHE, CI) is read."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


class SettingError(ValueError):
    """A setting from the environment that cannot be used; the message names the variable."""


def env_count(name: str) -> int | None:
    """The variable ``name`` as a whole number of at least 1 (``FACTLEDGER_JOBS``), None when unset or empty;
    :class:`SettingError` naming it for anything else."""
    given = os.environ.get(name, "").strip()
    if not given:
        return None
    if not given.isascii() or not given.isdigit() or int(given) < 1:
        shown = given if len(given) <= 40 else given[:39] + "…"
        raise SettingError(f"{name}={shown!r} is not a number of processes: give a whole number of at least 1 "
                           f"(1: no worker processes), or unset it to use every core")
    return int(given)
