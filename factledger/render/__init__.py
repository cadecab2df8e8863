"""Renderers: one module per output format. Each function takes what the core computed and
returns either a string (machine formats, written as is) or a Rich renderable (human formats).
Renderers never decide anything: no filtering, no exit codes.
"""

from __future__ import annotations

import enum


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"


class ReportFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


class DetailFormat(str, enum.Enum):
    text = "text"
    json = "json"


class TableFormat(str, enum.Enum):
    table = "table"
    json = "json"
