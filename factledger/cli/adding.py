"""`factledger init` and `factledger add`: starting a ledger project, and writing claims into it (asked for
field by field on a terminal, or given as options or on standard input by a script)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factledger.cli.app import command, finish
from factledger.cli.options import DEFAULT_DATA, WORD, DataOption, DiffOption, DryRunOption, completer, format_option

EditedFormat = Annotated[str | None, format_option("edited")]


def _text(name: str, metavar: str, help_: str) -> typer.models.OptionInfo:
    option: typer.models.OptionInfo = typer.Option(name, metavar=metavar, show_default=False, help=help_)
    return option


@command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="[DIR]", show_default=False,
                                           help="Where to make the project (default: here).")] = Path("."),
    dry_run: DryRunOption = False, fmt_: EditedFormat = None,
) -> None:
    """Start a ledger project: data/sources.yaml and data/claims/ (a commented example source and claim),
    data/documents/, a commented factledger.toml, a pre-commit configuration with factledger's hooks, a
    GitHub Actions workflow (annotations and SARIF) and editor settings that check ledger files against
    the schema as they are typed. Nothing that exists is written over: what is left alone is listed.
    Works in an existing git repository.

    Example: factledger init my-ledger && cd my-ledger && factledger validate
    """
    from factledger.api.starting import init as start

    finish(start(folder, dry_run), "edited", fmt_)


@command()
def add(
    data: DataOption = DEFAULT_DATA,
    statement: Annotated[str | None, _text("--statement", "TEXT", "The claim, in a sentence.")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", "-s", metavar="ID", autocompletion=completer("sources"), show_default=False,
        help="The source that made the claim (its id).")] = None,
    new_source: Annotated[bool, typer.Option("--new-source", metavar="",
                                             help="Create the source (give --source-name and --source-kind).")] = False,
    source_name: Annotated[str | None, _text("--source-name", "NAME", "A new source's name.")] = None,
    source_kind: Annotated[str | None, _text("--source-kind", "KIND", "A new source's kind (media, official, "
                                                                      "government, ...).")] = None,
    document: Annotated[str | None, _text("--document", "ID", "The document the claim was read in.")] = None,
    new_document: Annotated[bool, typer.Option("--new-document", metavar="", help=(
        "Define the document (give --document-title and --document-file).")) ] = False,
    document_title: Annotated[str | None, _text("--document-title", "TITLE", "A new document's title.")] = None,
    document_file: Annotated[str | None, _text("--document-file", "FILE", "A new document's text copy, under the "
                                                                          "data directory.")] = None,
    quote: Annotated[str | None, _text("--quote", "TEXT", "The source's words (checked against the document).")] = None,
    value: Annotated[str | None, _text("--value", "WORDS", "The value in words: 'about 1,500 soldiers', "
                                                           "'between 10,000 and 12,000', 'true'.")] = None,
    date: Annotated[str | None, _text("--date", "DATE", "When: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    subject: Annotated[str | None, typer.Option(metavar="SLUG", autocompletion=completer("subjects"),
                                                   help="What the claim is about.")] = None,
    prop: Annotated[str | None, typer.Option("--property", metavar="SLUG", autocompletion=completer("properties"),
                                                help="What of the subject it measures.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", "-t", metavar="TAG", autocompletion=completer("tags"),
                                                     help="A tag (repeatable).")] = None,
    via: Annotated[list[str] | None, typer.Option(metavar="ID", autocompletion=completer("sources"),
                                                     help="A source that relayed it (repeatable).")] = None,
    url: Annotated[str | None, _text("--url", "URL", "Where the source said it.")] = None,
    claim_id: Annotated[str | None, _text("--id", "ID", "The claim's id (default: made from the source, subject, "
                                                        "property and date).")] = None,
    file: Annotated[str | None, _text("--file", "FILE", "The ledger file to write to (default: the one holding "
                                                        "the subject's claims, else claims/SUBJECT.yaml).")] = None,
    from_: Annotated[str | None, typer.Option("--from", metavar="-", click_type=WORD, help=(
        "Read entries in ledger form (YAML or JSON: a claim, a list, or sections) from standard input."))] = None,
    dry_run: DryRunOption = False, diff: DiffOption = False, fmt_: EditedFormat = None,
) -> None:
    """Add a claim. On a terminal, with no --statement, it asks for each field (Tab completes sources,
    subjects and properties; the value is read from words and shown back; a quote is checked against its
    document at once; the claim is shown before anything is written; Ctrl-C at any prompt writes nothing).
    Otherwise the options give the fields, or --from - gives entries on standard input. Bad input is a
    usage error naming the field; nothing is written that would add an error to the ledger.

    Example: factledger add --statement "The ministry counted 1,520 arrivals." --source MOD --value 1520
    """
    from factledger.api.adding import ClaimInput

    given = ClaimInput(statement or "", source or "", quote, value, date, subject, prop, tag or [], via or [], url,
                       document, claim_id, file, new_source, source_name, source_kind, new_document, document_title,
                       document_file)
    if from_ is None and statement is None and sys.stdin.isatty() and sys.stdout.isatty():
        from factledger.cli.prompts import interactive

        interactive(data, given, dry_run or diff)
    finish(_added(data, given, from_, dry_run or diff), "edited", fmt_)


def _added(data: Path, given: object, from_: str | None, dry_run: bool) -> object:
    """What the options (or standard input) add."""
    from factledger.api.adding import ClaimInput, add
    from factledger.problems.errors import UsageError

    if from_ is not None:
        if from_ != "-":
            raise UsageError("--from takes '-' (standard input); to read a file: factledger add --from - < FILE",
                             option="--from")
        from factledger.api.adding_input import add_entries

        return add_entries(data, sys.stdin.read(), dry_run)
    assert isinstance(given, ClaimInput)
    return add(data, [given], dry_run)
