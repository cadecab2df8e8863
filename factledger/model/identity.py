"""When two records are one: the one policy for a review's identity.

A review is identified by the address it is published at, compared as people mean it (the scheme,
the host's case, a ``www.`` prefix and a trailing slash do not matter); a review without an address
by who published it, what it rated, when, and the rating's words. The importer derives stable ids
from this identity (so importing a review again finds it), and ``check`` reports two reviews that
share it.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from factledger.model.ids import fold
from factledger.model.urls import site
from factledger.text.quotes import normalise


def url_identity(url: str) -> tuple[str, ...]:
    """An address as a key: ``http://WWW.Example.org/a/`` and ``https://example.org/a`` are one."""
    try:
        parts = urlsplit(url.strip())
        host = site(parts.hostname or "")
    except ValueError:
        return ("text", url.strip())
    return ("url", host, str(parts.port or ""), parts.path.rstrip("/") or "/", parts.query)


def review_identity(url: str | None, reviewer: str, statement: str, date: str | None,
                    label: str | None) -> tuple[str, ...]:
    if url:
        return url_identity(url)
    return ("content", fold("source", reviewer), " ".join(normalise(statement).casefold().split()), date or "",
            " ".join((label or "").casefold().split()))


def fingerprint(key: tuple[str, ...], length: int = 8) -> str:
    """A short, stable hexadecimal digest of ``key``, for ids that must come out the same every run."""
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:length]
