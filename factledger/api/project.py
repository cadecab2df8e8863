"""The project's own use cases: `factledger config` (the settings in force, as a result to render) and
`factledger cache info|clear` (where the cache of loading is, what it holds, and emptying it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factledger.api.common import Outcome


@dataclass
class ConfigShown:
    """What `factledger config` shows (rendered like every other result, by the format registry)."""

    file: str | None
    settings: list[Any] = field(default_factory=list)  # config.Setting
    notices: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0


@dataclass
class CacheState(Outcome):
    folder: str = ""
    current: str = ""  # this version's sub-folder (others are left by other versions, and never read)
    versions: list[str] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    removed: int | None = None  # after clear: how many files were removed
    enabled: bool = True
    why_off: str | None = None


def _state(found: dict[str, Any], removed: int | None = None) -> CacheState:
    from factledger.load.cache.store import disabled_by_environment, writable
    from factledger.load.result import USE_CACHE

    why = ("FACTLEDGER_NO_CACHE is set" if disabled_by_environment() else
           "--no-cache was given" if not USE_CACHE.get() else writable(found["folder"]))
    return CacheState(None, folder=found["folder"], current=found["current"], versions=found["versions"],
                      files=found["files"], bytes=found["bytes"], removed=removed, enabled=why is None, why_off=why)


def cache_info() -> CacheState:
    from factledger.load.cache import store

    return _state(store.info())


def cache_clear() -> CacheState:
    from factledger.load.cache import store

    removed = store.clear()
    return _state(store.info(), removed)
