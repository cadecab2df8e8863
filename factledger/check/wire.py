"""A cross-check's findings and questions as plain data (lists, strings, numbers) and back: to pass them
from a child process (:mod:`factledger.system.forked`) and to keep them in the cache. What comes back must
be what this process would have computed, field for field."""

from __future__ import annotations

import json
from typing import Any

from factledger.check.findings import Camp, Finding, QuestionSummary, Side
from factledger.model.entries import QuestionKey
from factledger.problems.catalogue import Severity
from factledger.problems.diagnostics import Location


def _key(key: QuestionKey | None) -> Any:
    return None if key is None else (key.subject, key.property, tuple(tuple(q) for q in key.qualifiers))


def _key_from(data: Any) -> QuestionKey | None:
    return None if data is None else QuestionKey(data[0], data[1], tuple(tuple(q) for q in data[2]))


def _finding(f: Finding) -> tuple[Any, ...]:
    sides = tuple((s.claim, s.sources, s.date, s.said, s.value) for s in f.sides)
    return (f.code, f.message, f.claims, f.sources, f.subject, f.property_name,
            tuple(tuple(loc) for loc in f.locations), sides, f.suggestion, f.reason, f.questions, _key(f.question),
            f.severity_override.value if f.severity_override else None)


def _finding_from(d: Any) -> Finding:
    return Finding(d[0], d[1], tuple(d[2]), tuple(d[3]), d[4], d[5], tuple(Location(*loc) for loc in d[6]),
                   tuple(Side(s[0], tuple(s[1]), s[2], s[3], s[4]) for s in d[7]), d[8], d[9],
                   tuple(tuple(q) for q in d[10]), _key_from(d[11]), Severity(d[12]) if d[12] else None)


def _summary(q: QuestionSummary) -> tuple[Any, ...]:
    return (_key(q.key), q.claims, q.positions,
            [(c.claims, c.sources, c.label, c.low, c.high, c.scale) for c in q.camps], q.superseded, q.withdrawn,
            q.spread, q.consistent_only, q.consistent_total)


def _summary_from(d: Any) -> QuestionSummary:
    key = _key_from(d[0])
    assert key is not None
    return QuestionSummary(key, list(d[1]), list(d[2]), [Camp(tuple(c[0]), tuple(c[1]), *c[2:]) for c in d[3]],
                           [tuple(p) for p in d[4]], list(d[5]), d[6], [tuple(p) for p in d[7]], d[8])


class Sent:
    """A finding as another process sent it, or the cache kept it: what matching needs (its code, claims and
    message) at once, the whole finding only when asked (:meth:`full`), so that a result of 150,000
    findings costs the receiver only the few it shows."""

    __slots__ = ("claims", "code", "message", "_data")

    def __init__(self, code: str, claims: tuple[str, ...], message: str, data: str) -> None:
        self.code, self.claims, self.message, self._data = code, claims, message, data

    def full(self) -> Finding:
        return _finding_from(json.loads(self._data))


def findings_data(findings: list[Finding]) -> list[list[Any]]:
    """Each finding as [code, claims, message, the whole finding as JSON text]: plain data that marshal
    and JSON both carry."""
    return [[f.code, list(f.claims), f.message, json.dumps(_finding(f), ensure_ascii=False)] for f in findings]


def findings_from(data: Any) -> list[Sent]:
    """The findings :func:`findings_data` gave; ValueError for anything else (a cache entry gone wrong)."""
    found = []
    for code, claims, message, whole in data:
        if not (isinstance(code, str) and isinstance(message, str) and isinstance(whole, str)):
            raise ValueError("finding")
        found.append(Sent(code, tuple(claims), message, whole))
    return found


def questions_data(questions: list[QuestionSummary]) -> list[Any]:
    return [_summary(q) for q in questions]


def questions_from(data: Any) -> list[QuestionSummary]:
    return [_summary_from(q) for q in data]
