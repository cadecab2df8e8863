"""A cross-check's result as plain data (tuples, lists, strings, numbers) and back, to pass it between
processes with marshal: a result computed in a child process (:mod:`factledger.system.forked`) must be the
result this process would have computed, field for field."""

from __future__ import annotations

from typing import Any

from factledger.check.findings import Camp, CheckResult, Finding, QuestionSummary, Side
from factledger.load.cache.codec import diagnostic, diagnostic_data
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


def to_data(result: CheckResult) -> tuple[Any, ...]:
    return ([_finding(f) for f in result.findings], result.independent_origins, result.comparisons,
            [diagnostic_data(d) for d in result.diagnostics], [_summary(q) for q in result.questions],
            sorted(result.withdrawn), {k: (list(v[0]), v[1]) for k, v in result.consistent_only.items()})


def from_data(data: Any) -> CheckResult:
    findings, origins, comparisons, diagnostics, questions, withdrawn, consistent = data
    return CheckResult([_finding_from(f) for f in findings], dict(origins), comparisons,
                       [diagnostic(d) for d in diagnostics], [_summary_from(q) for q in questions], set(withdrawn),
                       {k: (list(v[0]), v[1]) for k, v in consistent.items()})


class Sent:
    """A finding as a child process sent it: what matching needs (its code, claims and message) at once,
    the whole finding only when asked (:meth:`full`), so that a result of 150,000 findings costs the
    receiver only the few it shows."""

    __slots__ = ("claims", "code", "message", "_data")

    def __init__(self, code: str, claims: tuple[str, ...], message: str, data: bytes) -> None:
        self.code, self.claims, self.message, self._data = code, claims, message, data

    def full(self) -> Finding:
        import marshal

        return _finding_from(marshal.loads(self._data))


def findings_data(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """Each finding's code, claims and message, and the whole finding as marshal's bytes."""
    import marshal

    return [(f.code, f.claims, f.message, marshal.dumps(_finding(f))) for f in findings]


def findings_from(data: Any) -> list[Sent]:
    return [Sent(code, tuple(claims), message, whole) for code, claims, message, whole in data]


def questions_data(questions: list[QuestionSummary]) -> list[tuple[Any, ...]]:
    return [_summary(q) for q in questions]


def questions_from(data: Any) -> list[QuestionSummary]:
    return [_summary_from(q) for q in data]
