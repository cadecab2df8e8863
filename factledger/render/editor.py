"""What an editor shows on hover, in markdown (which editors render): a claim as ``factledger show`` gives it,
a source as ``factledger sources`` counts it, a document, and the codes of the problems under the cursor
with what ``factledger codes`` says of them and a link to their documentation. Every value from the ledger
goes through :func:`factledger.text.markdown.md` (or is an id in a code span): nothing a statement holds
can become a link, HTML or structure.
"""

from __future__ import annotations

from factledger.api.results import ClaimView, Hovered, SourceShown
from factledger.model.entries import Document
from factledger.problems.catalogue import Code
from factledger.text.markdown import code, md
from factledger.text.plural import plural

_INVERSE = {"supports": "supported by", "disputes": "disputed by", "supersedes": "superseded by"}


def hover_markdown(found: Hovered) -> str:
    """The hover's text; "" when there is nothing to show."""
    parts: list[str] = []
    if found.claim is not None and found.claim.view is not None:
        parts.append(claim_markdown(found.claim.view))
    elif found.source is not None:
        parts.append(source_markdown(found.source))
    elif found.document is not None:
        parts.append(document_markdown(found.document))
    elif found.target is not None and not found.target.defining:
        parts.append(f"{code(found.target.id)}: not a defined {found.target.kind}")
    for problem in found.problems:
        parts.append(f"**{problem.code}** {md(problem.slug)} ({problem.severity.value}): {md(problem.message)}")
    parts += [code_markdown(c) for c in found.codes]
    return "\n\n---\n\n".join(parts)


def claim_markdown(view: ClaimView) -> str:
    claim = view.claim
    lines = [f"**claim** {code(claim.id)} · {md(claim.status)}", "", md(claim.statement), ""]
    facts = []
    if claim.subject or claim.property:
        facts.append(f"question: {md(claim.subject or '—')} / {md(claim.property or '—')}")
    facts.append(f"value: {md(claim.value) if claim.value is not None else '—'}")
    facts.append(f"date: {md(claim.date) if claim.date else '—'}")
    lines += [f"- {fact}" for fact in facts]
    lines += ["", f"**Sources** ({len(view.citations)})"]
    for cited in view.citations:
        source = cited.source
        said = f"- {code(cited.citation.source.id)}"
        if source is None:
            said += ": not a defined source"
        else:
            grade = f"reliability {md(source.reliability)}" if source.reliability else "reliability not graded"
            said += f" {md(source.name)} ({md(source.kind)}, {grade})"
        if cited.citation.via:
            said += " via " + ", ".join(code(r.id) for r in cited.citation.via)
        if cited.citation.quote:
            said += f": “{md(cited.citation.quote)}”"
        lines.append(said)
    relations = [f"- {out.relation} {code(out.claim_id)}" for out in view.outgoing]
    relations += [f"- {_INVERSE[into.relation]} {code(into.claim_id)}" for into in view.incoming]
    if relations:
        lines += ["", "**Relations**", *relations]
    lines += ["", "**Cross-check**", *_cross_check(view)]
    return "\n".join(lines)


def _cross_check(view: ClaimView) -> list[str]:
    if view.findings is None:
        return ["not cross-checked: the ledger has errors (`factledger validate` lists them)"]
    if view.claim.status == "retracted":
        return ["retracted: takes part in no comparison"]
    lines = [f"- independent origins: {view.independent_origins or 0}"]
    if view.camp:
        lines.append(f"- position: {md(view.camp)}")
    if view.consistent_with:
        more = view.consistent_count - len(view.consistent_with)
        lines.append("- consistent with " + ", ".join(code(c) for c in view.consistent_with)
                     + (f" and {more:,} more" if more > 0 else "") + " (no contradiction, no corroboration)")
    for finding in view.findings:
        said = finding.reason if finding.sides and finding.reason else finding.message
        lines.append(f"- **{finding.code}** {md(finding.kind)} ({finding.severity.value}): {md(said)}")
    return lines


def source_markdown(shown: SourceShown) -> str:
    source = shown.source
    assert source is not None  # a hover on a source shows a defined one
    facts = [md(source.kind)]
    if source.country:
        facts.append(md(source.country))
    facts.append(f"reliability {md(source.reliability)}" if source.reliability else "reliability not graded")
    lines = [f"**source** {code(source.id)}", "", md(source.name), "", f"- {', '.join(facts)}"]
    if source.part_of is not None:
        lines.append(f"- part of {code(source.part_of.id)}")
    if source.depends_on:
        lines.append("- depends on " + ", ".join(code(r.id) for r in source.depends_on))
    lines.append(f"- originates {plural(shown.originates, 'claim')}, relays {plural(shown.relays, 'claim')}")
    return "\n".join(lines)


def document_markdown(document: Document) -> str:
    lines = [f"**document** {code(document.id)}", "", md(document.title), ""]
    if document.publisher is not None:
        lines.append(f"- published by {code(document.publisher.id)}" +
                     (f" on {md(document.published)}" if document.published else ""))
    if document.url:
        lines.append(f"- {md(document.url)}")
    if document.file:
        lines.append(f"- text: {code(document.file)}")
    return "\n".join(lines)


def code_markdown(explained: Code) -> str:
    """What a code means, as `factledger codes` says it, with a link to its documentation."""
    return (f"**{explained.code}** {md(explained.slug)}: {md(explained.title)}\n\n{md(explained.why)}\n\n"
            f"*How to fix:* {md(explained.fix)}\n\n[{explained.code} in the documentation]({explained.documentation})")
