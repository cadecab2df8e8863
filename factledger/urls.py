"""What a web address may be: the one policy for every URL factledger publishes or imports.

Only well-formed http(s) addresses are ever turned into links, written into ClaimReview or read
from an import: never ``javascript:``, ``data:`` or ``file:`` ones, nothing with spaces,
control or invisible characters, and nothing Python's URL parser refuses (``http://[::1``,
a port that is not a number) — such input is refused, never a crash.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from factledger.escapes import safe


def web_url(value: object) -> str | None:
    """``value`` as a publishable http(s) address (surrounding space removed), or None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(c.isspace() for c in text) or safe(text, keep_newlines=False) != text:
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text
