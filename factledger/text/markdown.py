"""Ledger text as markdown that renders as exactly that text: the one home of markdown escaping, for the
markdown export, the diff's pull-request comment and an editor's hover alike. Nothing the data holds can
become markup, a link, an HTML element or a hidden character."""

from __future__ import annotations

import re

from factledger.text.escapes import UNSAFE_CHARACTERS, safe

# Backslash-escape what would become markup: emphasis, code, links, tables, HTML, entities, math,
# strikethrough. CommonMark allows a backslash before any ASCII punctuation.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")
# Anything md() would change: markup, an autolink pattern, or a character escapes.safe() escapes.
_PLAIN_RISK = re.compile(f"(?i)[\\\\`*_\\[\\]<>|~&$@{UNSAFE_CHARACTERS}]|://|www\\.")


def md(value: object) -> str:
    """Ledger text as inline markdown that renders as exactly that text, on one line.

    Runs of whitespace (newlines and tabs too) become one space and the ends are trimmed: markdown
    would do the same, and a trailing space inside ** or * would stop the emphasis working.
    """
    text = " ".join(str(value).split()) if value is not None else ""
    if not _PLAIN_RISK.search(text) and not text.startswith(("#", "+", "-", "=", ">")):
        return text  # most ids, names and dates: nothing to escape (a large export spells a million of them)
    return escaped(text)


def escaped(text: str) -> str:
    """``text`` (one line) with everything escaped that markdown would read as markup."""
    text = safe(text, keep_newlines=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # GitHub turns bare URLs, www. names and e-mail addresses into links: break the pattern.
    text = _AUTOLINK.sub(lambda m: {"://": r":\/\/", "@": r"\@"}.get(m.group(1), m.group(1)[:-1] + r"\."), text)
    if text.startswith(("#", "+", "-", "=", ">")):
        text = "\\" + text
    return text


def code(text: str) -> str:
    """An id as a code span (backslash escapes do not work inside one, so backticks are removed)."""
    return "`" + safe(" ".join(text.split()), keep_newlines=False).replace("`", "") + "`"
