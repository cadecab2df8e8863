"""The one table of output formats: (result kind, format name) → renderer.

Every `--format` choice, its help text and its default come from
:data:`FORMATS`. The same name means the same thing on every command: ``text`` is the human
format everywhere (``table``, its old name on some commands, is still accepted), ``json`` is one
JSON document, ``github`` is GitHub Actions annotations for any result that has located problems.
Adding a format to a command is one renderer and one row here.

Renderers are named by ``module:function`` and imported only when used, so that a command
loads the one renderer it prints with, and none of the others.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from factledger.problems.errors import UsageError


@dataclass(frozen=True)
class Format:
    kind: str  # what is rendered: diagnostics, findings, claims, claim, sources, stats, timeline, codes, ...
    name: str
    target: str  # "module:function", the renderer; it takes the result and returns what to print
    help: str
    aliases: tuple[str, ...] = ()
    binary: bool = False  # writes a file (a database), never standard output

    @property
    def human(self) -> bool:
        """Read by people in a terminal or log, not parsed by a program."""
        return self.name == "text"

    def renderer(self) -> Callable[..., Any]:
        module, function = self.target.split(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return found


_HUMAN = "factledger.render.human"
_CLAIMS = "factledger.render.claims"
_MACHINE = "factledger.render.listing"
_GITHUB = "factledger.render.github"

FORMATS: tuple[Format, ...] = (
    Format("diagnostics", "text", f"{_HUMAN}:validation_text", "one line per problem, then a summary", ("table",)),
    Format("diagnostics", "json", f"{_MACHINE}:validation_json", "one JSON object: ok, counts, diagnostics"),
    Format("diagnostics", "github", f"{_GITHUB}:validation_annotations", "GitHub Actions annotations"),
    Format("diagnostics", "sarif", "factledger.render.sarif:validation_sarif", "SARIF 2.1.0, for code scanning"),
    Format("findings", "text", f"{_HUMAN}:check_text", "findings grouped by question, then a summary", ("table",)),
    Format("findings", "json", f"{_MACHINE}:check_json", "one JSON object: ok, counts, findings, diagnostics"),
    Format("findings", "github", f"{_GITHUB}:check_annotations", "GitHub Actions annotations"),
    Format("findings", "sarif", "factledger.render.sarif:check_sarif", "SARIF 2.1.0, for code scanning"),
    Format("questions", "text", "factledger.render.questions:questions_text", "a block per question", ("table",)),
    Format("questions", "json", "factledger.render.questions:questions_json", "one JSON object: questions"),
    Format("claims", "text", f"{_CLAIMS}:claims_text", "a table, or a block per claim when narrow", ("table",)),
    Format("claims", "json", f"{_MACHINE}:claims_json", "every field, plus file and line"),
    Format("claims", "csv", f"{_MACHINE}:claims_csv_listing", "one row per claim, formula-safe"),
    Format("claims", "yaml", f"{_MACHINE}:claims_yaml", "every field, plus file and line"),
    Format("claim", "text", f"{_CLAIMS}:claim_text", "the claim in full", ("table",)),
    Format("claim", "json", f"{_MACHINE}:claim_json", "the claim in full, with its findings"),
    Format("sources", "text", f"{_CLAIMS}:sources_text", "a table", ("table",)),
    Format("sources", "json", f"{_MACHINE}:sources_json", "every field, with claim counts"),
    Format("stats", "text", "factledger.render.reports:stats_text", "tables of counts", ("table",)),
    Format("stats", "json", f"{_MACHINE}:stats_json", "the counts as one object"),
    Format("timeline", "text", "factledger.render.reports:timeline_text", "claims in date order, and charts",
           ("table",)),
    Format("codes", "text", f"{_HUMAN}:codes_text", "a table, or one code in full", ("table",)),
    Format("codes", "json", f"{_MACHINE}:codes_json", "every code's catalogue entry"),
    Format("config", "text", "factledger.render.project:config_text", "a table: setting, value, where it came from",
           ("table",)),
    Format("config", "json", "factledger.render.project:config_json", "one JSON object: file, settings"),
    Format("cache", "text", "factledger.render.project:cache_text", "where the cache is and what it holds",
           ("table",)),
    Format("cache", "json", "factledger.render.project:cache_json", "one JSON object: folder, files, bytes"),
    Format("diff", "text", "factledger.render.diffing:diff_text", "a summary line, the entries, the conclusions",
           ("table",)),
    Format("diff", "json", "factledger.render.diffdata:diff_json", "one JSON object (docs/diff.md has its shape)"),
    Format("diff", "markdown", "factledger.render.diffmd:diff_markdown", "a pull-request comment, with its marker"),
    Format("diff", "github", f"{_GITHUB}:diff_annotations", "GitHub Actions annotations of what the change brings"),
    Format("history", "text", "factledger.render.diffing:history_text", "one block per commit, newest first",
           ("table",)),
    Format("history", "json", "factledger.render.diffdata:history_json", "one JSON object: id, kind, events"),
    Format("schema", "json", "factledger.render.project:schema_json", "a JSON Schema (draft 2020-12)"),
    Format("edited", "text", "factledger.render.editing:edited_text", "what was done, or the diff of what would be",
           ("table",)),
    Format("edited", "json", "factledger.render.editing:edited_json",
           "one JSON object: written, changed, created, said, diff, left_alone"),
)

def formats(kind: str) -> list[Format]:
    return [f for f in FORMATS if f.kind == kind]


def names(kind: str) -> list[str]:
    return [f.name for f in formats(kind)]


def find(kind: str, name: str) -> Format:
    """The format ``name`` (any case, or an old alias) of ``kind``; a UsageError with a suggestion if none."""
    wanted = name.strip().casefold()
    for candidate in formats(kind):
        if wanted == candidate.name or wanted in candidate.aliases:
            return candidate
    from factledger.text.escapes import clip
    from factledger.text.suggest import did_you_mean

    known = names(kind)
    raise UsageError(f"'{clip(name)}' is not one of {', '.join(known)}{did_you_mean(wanted, known)}", option="--format")


def default(kind: str, environ: Mapping[str, str] = os.environ) -> str:
    """GitHub annotations for results with located problems when running under GitHub Actions, else text."""
    if environ.get("GITHUB_ACTIONS") == "true" and "github" in names(kind):
        return "github"
    return names(kind)[0]


def described(kind: str) -> str:
    """The formats of ``kind`` as help text says them: 'text (default), json, github'."""
    shown = [f.name for f in formats(kind)]
    shown[0] += " (default)"
    return ", ".join(shown)
