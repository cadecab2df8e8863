"""The interchange use cases: export in every format, and import of what fact-checkers publish."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

from factledger.api.common import crash_notes, load, parse_date, selected
from factledger.api.results import Exported, Imported
from factledger.export.inputs import ExportInput as ExportInput  # served by factledger.api from here
from factledger.export.inputs import ExportOptions as ExportOptions
from factledger.pipeline import check_ledger, load_ledger
from factledger.problems.diagnostics import EXIT_DATA, EXIT_OK, exit_code
from factledger.problems.errors import DataError, UsageError
from factledger.query.select import ClaimFilter
from factledger.system.collector import without_cyclic_gc
from factledger.text.plural import plural


def datasette_name(given: str) -> str:
    """The name Datasette gives a database: its file's name without the extension, so 'ledger',
    'ledger.db' and 'exports/ledger.db' all name the database 'ledger'."""
    name = Path(given.strip()).name
    for suffix in (".db", ".sqlite3", ".sqlite"):
        name = name.removesuffix(suffix)
    if not name.strip():
        raise UsageError("--database needs the database's name: the SQLite file's name without .db",
                         option="--database")
    return name


def _claimreview_options(options: ExportOptions) -> None:
    from factledger.model.urls import web_url

    if not options.publisher or not options.publisher.strip():
        raise UsageError("ClaimReview names who reviewed the claims: give --publisher NAME", option="--publisher")
    if not options.base_url:
        raise UsageError("ClaimReview requires each review's url: give --base-url URL (the page the reviews are "
                         "published on)", option="--base-url")
    if web_url(options.base_url) is None or "#" in options.base_url:
        raise UsageError("must be an http(s) address without a #fragment (each review's url is it plus #claim-id)",
                         option="--base-url")
    if options.publisher_url is not None and web_url(options.publisher_url) is None:
        raise UsageError("must be an http(s) address", option="--publisher-url")
    parse_date(options.review_date, "--date")


def export(data_dir: Path, fmt: str, wanted: ClaimFilter | None = None,
           options: ExportOptions | None = None) -> Exported:
    """The ledger, or the claims ``wanted`` selects, in format ``fmt`` (see :mod:`factledger.export.registry`).
    A ledger that does not validate is not exported: publishing from broken data would mislead."""
    from factledger.export.registry import find

    writer = find(fmt)
    options = options or ExportOptions()
    if writer.name == "claimreview":
        _claimreview_options(options)
    if writer.name == "datasette":
        options = dataclasses.replace(options, database=datasette_name(options.database))
    result = load(data_dir)
    claims, notices = selected(result, wanted or ClaimFilter())
    if result.errors:
        raise DataError("the ledger does not validate, so it was not exported", result)
    # Only the formats that show findings pay for the cross-check, with the options given.
    checked = check_ledger(result.ledger, options.check) if writer.with_findings else None
    generated = (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                 if options.timestamp else "")
    given = ExportInput(result.ledger, sorted(claims, key=lambda c: c.id), checked, options,
                        (wanted or ClaimFilter()).describe(), generated, Path(data_dir))
    with without_cyclic_gc(keep=False):  # an export is millions of short-lived strings and rows
        produced = writer.writer()(given)
    if writer.name == "claimreview" and produced.strip() == "[]":
        notices.append("no claim has a verdict (a status other than 'reported'), so there is nothing to review")
    crashes = checked.diagnostics if checked is not None else []
    if writer.binary:
        return Exported(result, notices, exit_code(crashes), crash_notes(crashes), format=writer.name, fill=produced)
    return Exported(result, notices, exit_code(crashes), crash_notes(crashes), format=writer.name, text=produced)


IMPORT_HEADER = "# Imported from "


def written_by_import(path: Path) -> bool:
    """Whether ``path`` is a file an earlier import wrote (its first line says so)."""
    from factledger.system import fs

    try:
        first = fs.read_file(path, fs.max_file_size()).split(b"\n", 1)[0].decode("utf-8", errors="replace")
    except (fs.FileProblem, fs.LimitError):
        return False
    return first.startswith(IMPORT_HEADER) and first.endswith("by 'factledger import claimreview'.")


def import_header(name: str | None) -> str:
    """The first line of an imported file. The input's name is written as an ASCII JSON string, so that no
    character in it (a newline, U+2028, at which YAML 1.1 readers also end a line) can end the comment and
    put what follows into the ledger."""
    import json

    shown = "standard input" if name is None else json.dumps(Path(name).name, ensure_ascii=True)
    return f"{IMPORT_HEADER}{shown} by 'factledger import claimreview'.\n"


def read_input(path: Path) -> bytes:
    """The bytes of an import input given on the command line (a UsageError if it cannot be read)."""
    from factledger.system import fs

    try:
        return fs.read_file(path, fs.max_file_size())
    except fs.LimitError as exc:
        raise UsageError(str(exc)) from None
    except fs.FileProblem as exc:
        raise UsageError(f"cannot read '{path}': {exc}") from None


def import_claimreview(data: bytes, name: str | None = None, joining: Path | None = None,
                       replacing: Path | None = None, force: bool = False, strict: bool = False) -> Imported:
    """ClaimReview input (``data``, from the file ``name`` or standard input) as ledger YAML.

    With ``joining`` (a data directory), its sources are reused, reviews it already holds are skipped and
    its ids not taken again; with ``replacing`` (the file the output will replace), that file's own entries
    do not count, and it is refused unless an earlier import wrote it or ``force``. Reviews that cannot be
    imported are listed in ``failures`` and make the exit code 1; the others are still written, unless
    ``strict``. Input that cannot be read at all is a DataError.
    """
    from factledger.formats.writers import to_yaml
    from factledger.importers.claimreview import ImportProblem
    from factledger.importers.claimreview import import_claimreview as convert
    from factledger.system import fs

    shown = "standard input" if name is None else f"'{name}'"
    if replacing is not None and not force and fs.kind(replacing) == "file" and not written_by_import(replacing):
        raise UsageError(f"'{replacing}' exists and was not written by 'import claimreview'; replacing it would lose "
                         "what it holds. Choose another file, or pass --force")
    try:
        text = data.decode("utf-8-sig")  # strictly: a misread name would be written into the ledger
    except UnicodeDecodeError as exc:
        raise DataError(f"cannot import {shown}: it is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start})") from None
    existing = None
    if joining is not None:
        # Re-importing over a file: its own entries are written again, not skipped (and it is not read).
        skip = fs.resolve(replacing) if replacing is not None and fs.kind(replacing) == "file" else None
        existing = load_ledger(Path(joining), skip=skip).ledger
    try:
        report = convert(text, existing)
    except ImportProblem as exc:
        raise DataError(f"cannot import {shown}: {exc}") from None
    refused = [f"refused {r.where + ': ' if r.where else ''}{r.reason}" for r in report.refused]
    summary = _import_summary(report)
    if refused and (strict or not report.reviews):
        why = "--strict refuses the whole input" if report.reviews else "no review could be imported"
        return Imported(None, [], EXIT_DATA, [*refused, f"nothing was written: {why}"], summary=summary)
    if not report.reviews:
        return Imported(None, [], EXIT_OK, summary=summary)
    return Imported(None, [], EXIT_DATA if refused else EXIT_OK, refused,
                    text=import_header(name) + to_yaml(report.ledger), summary=summary)


def _import_summary(report: Any) -> str:
    parts = [f"imported {plural(report.reviews, 'review', grouped=True)} "
             f"({plural(report.claims, 'new claim', grouped=True)}) from {report.format}"]
    if report.refused:
        parts.append(f"refused {len(report.refused):,} (listed above)")
    if report.skipped:
        parts.append(f"skipped {report.skipped:,} the ledger already holds")
    if report.repeated:
        parts.append(f"skipped {report.repeated:,} given twice in the input")
    if report.unresolved:
        parts.append(f"{plural(report.unresolved, 'address', 'addresses', grouped=True)} could not be used "
                     "(relative with no page to resolve against, or not http(s)): kept in the notes")
    if not report.reviews and (report.skipped or report.repeated):
        parts.append("nothing new to write")
    return "; ".join(parts)
