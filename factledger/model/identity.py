"""When two records are one: the one policy for a claim's and a review's identity.

Two claims are one claim recorded twice when they have the same statement (compared as quoting
changes it: typographic quotes and dashes, spacing and case do not matter), the same origins (their
citations' sources, as ids compare), and the same value, date and question. ``check`` reports them
(FL519), and the importer makes one claim of two reviews of such a claim.

A review is identified by the address it is published at, compared as people mean it (the scheme,
the host's case, a ``www.`` prefix and a trailing slash do not matter; the ``#fragment`` does, as
one page often reviews several claims, each at an anchor of its own), and the statement it reviews
(so two claims reviewed on one page without anchors are two reviews); a review without an address
by who published it, what it rated, when, and the rating's words. Its rating is not part of it when
it has an address: a publisher who corrects a verdict corrects the same review. The importer derives
stable ids from this identity (so importing a review again finds it), and ``check`` reports two
reviews that share it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from urllib.parse import urlsplit

from factledger.model.ids import fold
from factledger.model.urls import site
from factledger.text.quotes import normalise


def statement_key(statement: str) -> str:
    """A statement as compared for identity: "the same words", whatever quotes, dashes, spacing and case."""
    return " ".join(normalise(statement).casefold().split())


def origin_key(source_ids: Iterable[str]) -> frozenset[str]:
    """A claim's origins as compared for identity: its citations' sources, as ids compare."""
    return frozenset(fold("source", s) for s in source_ids)


def claim_key(origins: frozenset[str], value: Hashable = None, date: str | None = None,
              question: Hashable = None) -> tuple[Hashable, ...]:
    """What two records of one claim share besides the statement (``statement_key`` completes it): their
    origins (``origin_key``), value (as the cross-check compares values: None for none), date and question.
    Kept apart from the statement because it is cheap, and most claims share it with none."""
    return (origins, value, date, question)


def url_identity(url: str) -> tuple[str, ...]:
    """An address as a key: ``http://WWW.Example.org/a/`` and ``https://example.org/a`` are one;
    ``https://example.org/a#one`` and ``https://example.org/a#two`` are two."""
    try:
        parts = urlsplit(url.strip())
        host = site(parts.hostname or "")
    except ValueError:
        return ("text", url.strip())
    return ("url", host, str(parts.port or ""), parts.path.rstrip("/") or "/", parts.query, parts.fragment)


def review_identity(url: str | None, reviewer: str, statement: str, date: str | None,
                    label: str | None) -> tuple[str, ...]:
    if url:
        return (*url_identity(url), statement_key(statement))
    return ("content", fold("source", reviewer), statement_key(statement), date or "",
            " ".join((label or "").casefold().split()))


def fingerprint(key: tuple[str, ...], length: int = 8) -> str:
    """A short, stable hexadecimal digest of ``key``, for ids that must come out the same every run."""
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:length]
