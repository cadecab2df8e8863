"""The project's own use cases: `factledger config` (the settings in force, as a result to render) and
`factledger cache info|clear` (where the cache of loading is, what it holds, and emptying it)."""

from __future__ import annotations

from typing import Any

from factledger.api.results import CacheState, ConfigShown

__all__ = ["CacheState", "ConfigShown", "cache_clear", "cache_info"]


def _state(found: dict[str, Any], removed: int | None = None) -> CacheState:
    from factledger.load.cache.store import disabled_by_environment
    from factledger.load.result import USE_CACHE

    why = ("FACTLEDGER_NO_CACHE is set" if disabled_by_environment() else
           "--no-cache was given" if not USE_CACHE.get() else found["problem"])
    return CacheState(None, folder=found["folder"], current=found["current"], versions=found["versions"],
                      files=found["files"], bytes=found["bytes"], limit=found["limit"], removed=removed,
                      enabled=why is None, why_off=why)


def cache_info() -> CacheState:
    from factledger.load.cache import upkeep

    return _state(_read(upkeep.info))


def cache_clear() -> CacheState:
    from factledger.load.cache import upkeep

    removed = _read(upkeep.clear)
    return _state(_read(upkeep.info), removed)


def _read(step: Any) -> Any:
    """``step()``, with a cache setting that cannot be used (FACTLEDGER_CACHE_SIZE) as a usage error."""
    from factledger.problems.errors import SetupError
    from factledger.system.fs import LimitError

    try:
        return step()
    except LimitError as exc:
        raise SetupError(str(exc)) from None
