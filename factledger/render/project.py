"""`factledger config` and `factledger schema`: the settings in force, and a ledger file's JSON Schema."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from factledger.formats.writers import to_json
from factledger.render.lines import Lines
from factledger.system.fs import describe_size
from factledger.text.escapes import safe
from factledger.text.plural import plural

if TYPE_CHECKING:
    from factledger.api.results import CacheState, ConfigShown, LedgerSchema


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    return safe(json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list, bool)) else str(value),
                keep_newlines=False)


def config_text(result: ConfigShown) -> Lines:
    shown = Lines()
    found = safe(result.file, keep_newlines=False) if result.file else "none found (searched from here upwards)"
    shown.add(("configuration file: ", "dim"), (found, ""))
    width = max(len(s.name) for s in result.settings)
    for s in result.settings:
        shown.add((f"{s.name:<{width}}  ", "bold"), (_shown(s.value), ""),
                  (f"  ({safe(s.source, keep_newlines=False)})", "dim"))
    return shown


def cache_text(result: CacheState) -> Lines:
    shown = Lines()
    if result.removed is not None:
        shown.add((f"removed {plural(result.removed, 'cached file', grouped=True)}", ""))
    shown.add(("folder    ", "dim"), (safe(result.folder, keep_newlines=False) or "none", ""))
    shown.add(("holds     ", "dim"), (f"{result.files:,} files, {result.bytes / 1e6:,.1f} MB", ""))
    shown.add(("limit     ", "dim"), (describe_size(result.limit), ""),
              ("  (FACTLEDGER_CACHE_SIZE; past it, the entries used longest ago are removed)", "dim"))
    shown.add(("this one  ", "dim"), (result.current, ""),
              ("  (other versions' folders are never read, and removed as this one is written)", "dim"))
    shown.add(("in use    ", "dim"), ("yes" if result.enabled else f"no: {result.why_off}", ""))
    return shown


def cache_json(result: CacheState) -> str:
    return to_json({"folder": result.folder, "current": result.current, "versions": result.versions,
                    "files": result.files, "bytes": result.bytes, "limit": result.limit, "enabled": result.enabled,
                    **({"removed": result.removed} if result.removed is not None else {})})


def config_json(result: ConfigShown) -> str:
    return to_json({"file": result.file, "settings": [{"name": s.name, "value": s.value, "source": s.source}
                                                      for s in result.settings]})


def schema_json(result: LedgerSchema) -> str:
    return json.dumps(result.schema, indent=2, ensure_ascii=False) + "\n"
