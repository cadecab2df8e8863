"""Validation rules over a built ledger. Each rule is a function yielding diagnostics; none prints.

Rules run in :data:`VALIDATION_RULES` order; every rule runs, whatever the others found.
"""
