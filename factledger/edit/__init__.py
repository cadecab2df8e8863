"""Changing a person's ledger files: exact edits at known positions, checked, atomic (design: engine.py)."""
