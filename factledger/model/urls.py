"""What a web address may be: the one policy for every URL factledger publishes or imports.

Only well-formed http(s) addresses are ever turned into links, written into ClaimReview or read
from an import: never ``javascript:``, ``data:`` or ``file:`` ones, nothing with spaces,
control or invisible characters, and nothing Python's URL parser refuses (``http://[::1``,
a port that is not a number) — such input is refused, never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from factledger.text.escapes import clip, holds_unsafe_characters


def web_url(value: object) -> str | None:
    """``value`` as a publishable http(s) address (surrounding space removed), or None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    # Printable ASCII without spaces holds no unsafe character: the common case, checked at C speed.
    if not (text.isascii() and text.isprintable() and " " not in text) and (
            any(c.isspace() for c in text) or holds_unsafe_characters(text, newlines=True)):
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def url_problem(value: str) -> tuple[str, str | None] | None:
    """Why ``value`` cannot be a ledger's web address (an absolute http or https one), with the address it
    probably means when there is one; None when it can. What the ledger holds is what exports link to,
    so an address no export would publish is refused where it is written, never dropped later."""
    if web_url(value) is not None:
        return None
    text = value.strip()
    if text.startswith("//") or _HOST_FIRST.match(text):
        return "has no scheme (https:// or http://)", with_scheme(text)
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme and scheme not in ("http", "https"):
        return f"uses the {scheme}: scheme: only http and https addresses are kept", None
    return "is not a web address (one that starts with https:// or http://)", None


_HOST_FIRST = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/?#:]|$)")


def resolve_url(value: object, base: str | None,
                show: Callable[[str], str] | None = None) -> tuple[str | None, str | None]:
    """``value`` as a web address, resolved against ``base`` (the page it came from) when it is relative
    or has no scheme. Returns (address, None), or (None, why not) for a value that is not one; ``show``
    writes the value in the reason (default: as a message shows it, escaped and clipped; an import that
    keeps the reason in the ledger gives its own, so that the data is not changed into its display)."""
    if value is None:
        return None, None
    found = web_url(value)
    if found is not None:
        return found, None
    if not isinstance(value, str) or not value.strip():
        return None, "is not a web address"
    text = value.strip()
    try:
        return _resolve(text, web_url(base), (show or _shown)(text))
    except ValueError:  # what Python's URL parser refuses ("http://[::1") is no address
        return None, f"'{(show or _shown)(text)}' is not a web address factledger can use"


def _shown(text: str) -> str:
    return clip(text, 80)


def with_scheme(value: str) -> str | None:
    """An address written without its scheme (``www.example.org/x``, ``//example.org/x``) with ``https:``
    put before it, when that makes a web address; else None. A guess (the page may be http only), so it is
    offered, never applied unasked."""
    text = value.strip()
    if text.startswith("//"):
        return web_url(f"https:{text}")
    return web_url(f"https://{text}") if _HOST_FIRST.match(text) else None


def _resolve(text: str, page: str | None, shown: str) -> tuple[str | None, str | None]:
    found = None  # an address with a scheme that web_url refused (javascript:, ftp:) stays refused
    if text.startswith("//") or _HOST_FIRST.match(text):
        # "//host/path", or "www.example.org/path": an address without its scheme. The page's scheme is
        # the one it was published with; without a page, guessing one would be inventing it.
        if page is None:
            return None, f"'{shown}' has no scheme (http or https), and the page it came from is not known"
        scheme = urlsplit(page).scheme
        found = web_url(f"{scheme}:{text}" if text.startswith("//") else f"{scheme}://{text}")
    elif not urlsplit(text).scheme:
        if page is None:
            return None, f"'{shown}' is relative, and the page it came from is not known"
        found = web_url(urljoin(page, text))
    return (found, None) if found is not None else (None, f"'{shown}' is not a web address factledger can use")


def host_of(url: str) -> str:
    """The host of an address ``web_url`` accepted, lowercased ('' if it has none): string work, no parser,
    for the thousands of addresses an import reads (bracketed IPv6 hosts go through the parser)."""
    rest = url.split("//", 1)[1] if "//" in url else url
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    if authority.startswith("["):
        return (urlsplit(url).hostname or "").casefold()
    return authority.split(":", 1)[0].casefold()


def site(host: str) -> str:
    """The site a host names: case ignored, and a leading ``www.`` (``WWW.Example.org`` is ``example.org``).
    The one rule for when two addresses are on one site (a review's identity, a publisher's pages)."""
    return host.casefold().removeprefix("www.")
