"""`factledger add` on a terminal: a guided entry in the spirit of `hledger add`. Each field is asked for in
turn, checked as it is given (a source not in the ledger is offered as a new one; a quote is looked for in
its document at once; a value in words is shown back in ledger form to confirm), with completion of the
ledger's names and defaults from the previous claim; the claim is shown as it will be written, and
nothing is written until it is confirmed. Ctrl-C or end of input at any prompt leaves every file as it was.

prompt_toolkit (prompts with completion) is imported here only, when `add` asks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer
from prompt_toolkit import PromptSession
from prompt_toolkit.completion import WordCompleter

from factledger.api.adding import ClaimInput
from factledger.api.results import Edited
from factledger.model.entries import Document
from factledger.model.vocabulary import SOURCE_KINDS
from factledger.problems.diagnostics import Location
from factledger.problems.errors import UsageError
from factledger.text.escapes import safe

Check = Callable[[str], Any]


class _Asker:
    def __init__(self) -> None:
        self.session: PromptSession[str] = PromptSession()

    def say(self, text: str) -> None:
        sys.stdout.write(safe(text) + "\n")
        sys.stdout.flush()

    def ask(self, label: str, default: str = "", names: list[str] | None = None, check: Check | None = None,
            required: bool = False) -> str:
        """One field: asked until it is empty (and not required) or ``check`` accepts it (a UsageError says why not)."""
        completer = WordCompleter(sorted(set(names)), ignore_case=True, sentence=True) if names else None
        while True:
            answer = self.session.prompt(f"{label}: ", default=default, completer=completer,
                                         complete_while_typing=False).strip()
            if not answer and not required:
                return ""
            if not answer:
                self.say(f"  {label.split(' (')[0].lower()} is needed")  # its name, without the prompt's hints
                continue
            try:
                if check is not None:
                    check(answer)
                return answer
            except UsageError as exc:
                self.say(f"  {exc.message}")

    def yes(self, question: str, default: bool = True) -> bool:
        shown = "[Y/n]" if default else "[y/N]"
        answer = self.session.prompt(f"{question} {shown} ").strip().lower()
        return default if not answer else answer.startswith("y")


def _names(ledger: Any) -> dict[str, list[str]]:
    return {"sources": [s.id for s in ledger.sources], "documents": [d.id for d in ledger.documents],
            "subjects": [c.subject for c in ledger.claims if c.subject],
            "properties": [c.property for c in ledger.claims if c.property],
            "tags": [t for c in ledger.claims for t in c.tags]}


def _source(asker: _Asker, ledger: Any, claim: ClaimInput, names: dict[str, list[str]]) -> ClaimInput:
    source = asker.ask("Source (Tab completes)", claim.source, names["sources"], required=True)
    if ledger.source(source) is not None:
        return replace(claim, source=ledger.source(source).id, new_source=False)
    from factledger.text.suggest import did_you_mean

    hint = did_you_mean(source, names["sources"], casefold=True)
    if not asker.yes(f"No source '{source}' in the ledger{hint}. Create it?", default=False):
        return _source(asker, ledger, replace(claim, source=""), names)
    name = asker.ask("  its name", required=True)
    kind = asker.ask(f"  its kind ({', '.join(SOURCE_KINDS)})", "", list(SOURCE_KINDS), required=True,
                     check=_kind)
    return replace(claim, source=source, new_source=True, source_name=name, source_kind=kind)


def _kind(kind: str) -> None:
    if kind not in SOURCE_KINDS:
        raise UsageError(f"the kind is one of {', '.join(SOURCE_KINDS)}")


def _document(asker: _Asker, data: Path, ledger: Any, claim: ClaimInput, names: dict[str, list[str]]) -> ClaimInput:
    from factledger.api import adding

    document = asker.ask("Document (optional; Tab completes)", claim.document or "", names["documents"])
    if not document:
        return replace(claim, document=None, quote=None)
    found = ledger.document(document)
    if found is None:
        if not asker.yes(f"No document '{document}' in the ledger. Define it?", default=False):
            return _document(asker, data, ledger, claim, names)
        title = asker.ask("  its title", required=True)
        file = asker.ask("  its text copy (a file under the data directory)", required=True,
                         check=lambda f: adding.inside(data, f, "file"))
        claim = replace(claim, document=document, new_document=True, document_title=title, document_file=file)
        found = Document(document, title, Location(""), file=adding.inside(data, file, "file"))
    else:
        claim = replace(claim, document=found.id, new_document=False)
    quote = asker.ask("Quote (the source's words; optional)", claim.quote or "",
                      check=lambda q: asker.say("  " + adding.quote_checked(data, found, q)))
    return replace(claim, quote=quote or None)


def _value(asker: _Asker, claim: ClaimInput) -> ClaimInput:
    from factledger.api import adding

    while True:
        words = asker.ask("Value, in words (e.g. about 1,500 soldiers; optional)", claim.value or "",
                          check=adding.value_data)
        if not words:
            return replace(claim, value=None)
        if asker.yes(f"  read as {adding.value_shown(adding.value_data(words))}: right?"):
            return replace(claim, value=words)
        claim = replace(claim, value=None)


def ask_claim(asker: _Asker, data: Path, ledger: Any, claim: ClaimInput) -> ClaimInput:
    """Every field of one claim, asked for in turn (``claim`` gives the defaults)."""
    from factledger.api import adding

    names = _names(ledger)
    claim = replace(claim, statement=asker.ask("Statement", claim.statement, required=True))
    claim = _source(asker, ledger, claim, names)
    claim = _document(asker, data, ledger, claim, names)
    claim = replace(claim, date=asker.ask("Date (YYYY, YYYY-MM or YYYY-MM-DD; optional)", claim.date or "",
                                          check=adding.date_checked) or None)
    claim = _value(asker, claim)
    claim = replace(claim, subject=asker.ask("Subject (a slug; optional)", claim.subject or "", names["subjects"],
                                             check=lambda s: adding.slug_checked(s, "subject")) or None)
    claim = replace(claim, property=asker.ask("Property (a slug; optional)", claim.property or "",
                                              names["properties"],
                                              check=lambda s: adding.slug_checked(s, "property")) or None)
    tags = asker.ask("Tags (comma-separated; optional)", ", ".join(claim.tags), names["tags"],
                     check=lambda t: [adding.slug_checked(x.strip(), "tag") for x in t.split(",") if x.strip()])
    via = asker.ask("Via (sources that relayed it, comma-separated; optional)", ", ".join(claim.via),
                    names["sources"], check=lambda t: [adding.source_checked(ledger, x.strip(), "via")
                                                       for x in t.split(",") if x.strip()])
    claim = replace(claim, tags=[t.strip() for t in tags.split(",") if t.strip()],
                    via=[v.strip() for v in via.split(",") if v.strip()])
    made = adding.proposed_id(ledger, claim, set())
    claim_id = asker.ask("Id", claim.id or made, required=True,
                         check=lambda i: adding.id_checked(ledger, i, set()))
    return replace(claim, id=claim_id)


def interactive(data: Path, given: ClaimInput, dry_run: bool) -> None:
    """Ask for claims until the person says no more; write each once it is confirmed. Exits when done."""
    from factledger.api import adding
    from factledger.cli.app import finish

    asker = _Asker()
    written = 0
    claim = given
    try:
        last = adding.loaded(data).ledger.claims[-1:]
        if last and not (claim.subject or claim.property):  # as hledger add does: the previous entry's
            claim = replace(claim, subject=last[0].subject, property=last[0].property)
        while True:
            before = adding.loaded(data)
            claim = ask_claim(asker, data, before.ledger, claim)
            draft = adding.Draft()
            adding.draft_claim(data, before.ledger, claim, draft)
            asker.say(adding.draft_text(draft))
            if asker.yes("Write it?"):
                result = adding.write_draft(data, before, draft, dry_run)
                for line in result.said:
                    asker.say(line)
                written += 0 if dry_run else 1
            if not asker.yes("Another claim?", default=False):
                break
            claim = ClaimInput(source=claim.source, document=claim.document, date=claim.date,
                               subject=claim.subject, property=claim.property, tags=claim.tags, file=claim.file)
    except (KeyboardInterrupt, EOFError):
        said = (f"nothing more was written (the {written} claim{'s' if written != 1 else ''} confirmed before stay)"
                if written else "nothing was written")
        sys.stderr.write(f"\nstopped: {said}\n")
        raise typer.Exit(130) from None
    except UsageError as exc:
        finish(Edited(None, exit_code=2, failures=[exc.message]), "edited", None)
    raise typer.Exit(0)
