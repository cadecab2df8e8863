"""Renderers: each takes a use case's result (factledger.api) and returns what to print; the
format registry (:mod:`.registry`) says which renderer a (result kind, format) pair uses.

A renderer returns a string (machine formats, written as is), :class:`~.lines.Lines` (line
reports), a Rich renderable (tables), or an :class:`Output` when something also goes to standard
error. Renderers never decide anything: no filtering, no exit codes.
"""
