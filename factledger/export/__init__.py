"""Exports: the ledger (or a filtered part of it) in formats other tools and people read.

Every exporter is a pure function of the ledger and its findings, and deterministic: the same
ledger gives byte-identical output, so exports can be committed, diffed and checked in CI.
"""
