"""The export use case, in every format (import is :mod:`.importing`)."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from factledger.api.common import crash_notes, load, parse_date, selected
from factledger.api.results import Exported
from factledger.export.inputs import ExportInput as ExportInput  # served by factledger.api from here
from factledger.export.inputs import ExportOptions as ExportOptions
from factledger.pipeline import check_loaded
from factledger.problems.diagnostics import exit_code
from factledger.problems.errors import DataError, UsageError
from factledger.query.select import ClaimFilter
from factledger.system import witness
from factledger.system.collector import without_cyclic_gc


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
    checked = check_loaded(result, options.check) if writer.with_findings else None
    generated = ""
    if options.timestamp:
        generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        witness.affected("the time of day is in the output")  # an answer no later run may repeat
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
