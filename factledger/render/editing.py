"""What a command that writes the ledger says: what it did (or, with --dry-run or --diff, the unified diff of
what it would do, alone on standard output so that it can be piped to a patch tool)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factledger.formats.writers import to_json
from factledger.render.lines import Lines
from factledger.render.output import Output
from factledger.text.escapes import safe

if TYPE_CHECKING:
    from factledger.api.results import Edited


def _said(result: Edited) -> Lines:
    shown = Lines()
    for line in result.said:
        shown.add((safe(line, keep_newlines=False), ""))
    return shown


def edited_text(result: Edited) -> Output | Lines:
    if result.show_diff:
        return Output(result.diff, _said(result))  # the diff is safe already (engine.unified_diff escapes)
    return _said(result)


def edited_json(result: Edited) -> str:
    return to_json({"command": result.command, "written": result.written, "changed": result.changed,
                    "created": result.created, "said": result.said, "diff": result.diff,
                    "left_alone": [{"file": f, "why": why} for f, why in result.left_alone]})
