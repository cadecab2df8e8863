"""Imported text made fit for a ledger: one line, nothing invisible, damage left visible."""

from __future__ import annotations

import html
import re

from factledger.text.escapes import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS

# Whitespace that would break a line (or a YAML 1.1 reader's line) becomes a space; invisible
# characters are dropped (nothing visible is lost); other controls and lone surrogates become
# U+FFFD, so that damage in the input stays visible in the ledger.
_SPACES = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_UNFIT = re.compile(f"[{CONTROL_CHARACTERS}\\ud800-\\udfff]")


def fit(text: str) -> str:
    """Text as a ledger can hold it: one line, no control or invisible characters, no lone surrogates."""
    if text.isascii() and text.isprintable():  # nothing to remove or replace: only spaces to fold
        return " ".join(text.split())
    text = _UNFIT.sub("\ufffd", _INVISIBLE.sub("", _SPACES.sub(" ", text)))
    return " ".join(text.split())


def clean(text: str) -> str:
    """Imported text: HTML entities decoded (pages escape them: "Singh&#039;s"), then :func:`fit`."""
    return fit(html.unescape(text)) if "&" in text else fit(text)
