"""`factledger lsp`: the ledger served to an editor (the language server is its own face, factledger.lsp)."""

from __future__ import annotations

import typer

from factledger.cli.app import command
from factledger.cli.options import DEFAULT_DATA, DataOption


@command("lsp")
def lsp(ctx: typer.Context, data: DataOption = DEFAULT_DATA) -> None:
    """Serve the ledger to an editor: a language server (LSP) over standard input and output, started by the
    editor. Diagnostics as you type (what validate and check say of each open file), completion of fields,
    values and ids, go to definition and references across files, an outline, hover (a claim as show gives
    it, a source with its counts, a code's meaning), rename across files and quick fixes.

    The ledger is --data or FACTLEDGER_DATA if given, else the data of the factledger.toml found from the
    editor's folder upwards, else the folder's data/. Set-ups for VS Code, Neovim, Helix and Emacs are in
    docs/editors.md.

    Example: factledger lsp
    """
    from factledger.cli import settings
    from factledger.lsp.server import serve

    serve(settings.given_data(ctx, data))
