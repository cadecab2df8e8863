"""`export html`: the report spelt by Jinja2's templates, escaping every value by default, under a
Content-Security-Policy that lets nothing load and nothing run but the page's own style and script.

The style and the script are static files, written into the page whole; the policy names each by its
SHA-256 hash, computed here from the very text written, never by 'unsafe-inline'. The data the script
reads is JSON in a data block (never run) with '<', '>', '&', U+2028 and U+2029 escaped
(formats.writers.to_json), so no text in the ledger can end it or be read as markup.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

import jinja2
import markupsafe

from factledger.export.html.budget import Budget
from factledger.export.html.charts import marker
from factledger.export.html.data import pack
from factledger.export.html.details import KEEPER, Link
from factledger.export.html.page import Page, build
from factledger.export.inputs import ExportInput
from factledger.formats.writers import to_json
from factledger.model.vocabulary import STATUSES
from factledger.text.escapes import visible


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("factledger.export.html", "templates"),
        autoescape=True,  # every value, whatever the template's name
        undefined=jinja2.StrictUndefined,  # a misspelt name is an error, never an empty string
        finalize=_visible,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.tests["link"] = lambda part: isinstance(part, Link)
    environment.globals["STATUSES"] = STATUSES
    environment.globals["KEEPER"] = KEEPER
    environment.globals["marker"] = marker
    return environment


def _visible(value: object) -> object:
    """Every text a template writes, with its controls, bidi overrides and invisible characters shown as
    escapes (as every other output shows them): a page someone opens with ``cat`` or ``less`` must not
    drive their terminal. Markup the templates built from escaped parts passes as it is."""
    return visible(value) if isinstance(value, str) and not isinstance(value, markupsafe.Markup) else value


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """The page's Content-Security-Policy: nothing from anywhere (no fetch, image, font, frame or form
    target), the page's one style and one script by their hashes."""
    return (f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; img-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def render(given: ExportInput, budget: Budget | None = None) -> str:
    """The page of ``given`` (within ``budget``)."""
    environment = _environment()
    assert environment.loader is not None
    style = environment.loader.get_source(environment, "report.css")[0]
    script = environment.loader.get_source(environment, "report.js")[0]
    # Written raw between <style> and <script> tags: neither may hold what would end its element.
    assert "</" not in style and "</script" not in script.casefold() and "<!--" not in script
    page = build(given, budget)
    if not page.fit.details_written:
        page.on_demand = _on_demand(environment, page)
    return environment.get_template("report.html").render(page=page, style=style, script=script,
                                                           policy=policy(style, script))


def _on_demand(environment: jinja2.Environment, page: Page) -> str:
    """Above the budget, each listed question and kind of findings as the page below it writes them (the same
    macros, the same escaping), by its anchor, packed: the page's script shows one when its address is opened.
    Written out, their thousands of elements were most of what a browser spent opening a large report."""
    spelt = environment.get_template("macros.html").module
    found = {q.anchor: str(spelt.question(q)) for q in page.questions}  # type: ignore[attr-defined]
    found |= {f"kind-{g.kind}-{g.severity}": str(spelt.kind(g))  # type: ignore[attr-defined]
              for g in page.findings if g.listed}
    return pack(to_json(found, html_safe=True))


def export(given: ExportInput) -> str:
    """`export html`."""
    return render(given)
