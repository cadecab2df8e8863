"""The field table of a ledger's own rating scales (the ``scales`` section: labels a team's fact-checkers
publish, read by `import claimreview` before the bundled table). Checked like every entry
(:func:`factledger.schema.fields.fields`); the JSON Schema is made from it.
"""

from __future__ import annotations

from typing import Any

from factledger.model.vocabulary import STATUSES
from factledger.parse.nodes import Node
from factledger.schema.fields import (
    SKIP,
    Context,
    FieldSpec,
    choice,
    claim_id,
    list_of,
    pairs,
    shaped,
    source_ref,
    text,
)

_VERDICT = choice(STATUSES)


def labels(node: Node, ctx: Context, name: str) -> Any:
    """A rating scale's labels: a mapping of each label, as published, to the verdict it means."""
    given = pairs(node, ctx, name, "each label to its verdict, such as {Onwaar: denied, Klopt: confirmed}")
    if given is SKIP:
        return SKIP
    found: dict[str, str] = {}
    for key_node, value_node in given:
        label = text(key_node, ctx, f"{name} label")
        if label is SKIP or label is None:
            continue
        verdict = _VERDICT(value_node, ctx, "verdict")
        if verdict is not SKIP and verdict is not None:
            found[str(label)] = verdict
    if not found and not given:
        return ctx.report("FL112", f"'{name}' needs at least one label", node)
    return found


shaped(labels, {"type": "object", "minProperties": 1,
                "additionalProperties": {"enum": list(STATUSES)}})


SCALE_FIELDS = {
    "id": FieldSpec(claim_id, True, "unique among scales; lowercase letters, digits, '.', '_', '-'"),
    "labels": FieldSpec(labels, True, "each label as published, and the verdict it means (a claim status)"),
    "language": FieldSpec(text, help="the labels' language (a BCP 47 tag such as nl or pt-BR)"),
    "publishers": FieldSpec(list_of(source_ref), help="the sources whose reviews are read on this scale first"),
    "notes": FieldSpec(text),
}
