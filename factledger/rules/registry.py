"""The validation rules, in the order they run; every rule runs, whatever the others found."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from factledger.problems.diagnostics import Diagnostic
from factledger.rules.assessments import check_assessments
from factledger.rules.base import RuleContext
from factledger.rules.documents import check_document_files, check_quotes
from factledger.rules.duplicates import check_duplicate_ids
from factledger.rules.questions import check_question_rules, check_scale_references
from factledger.rules.references import (
    check_assessment_references,
    check_cycles,
    check_references,
    check_review_references,
)

Rule = Callable[[RuleContext], Iterable[Diagnostic]]

VALIDATION_RULES: tuple[Rule, ...] = (
    check_duplicate_ids,
    check_references,
    check_assessment_references,
    check_review_references,
    check_assessments,
    check_question_rules,
    check_scale_references,
    check_cycles,
    check_document_files,
    check_quotes,
)

__all__ = ["Rule", "RuleContext", "VALIDATION_RULES"]
