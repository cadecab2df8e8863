"""Links the report makes to pages outside it: only http(s) addresses (model.urls.web_url), and a cited
page opened at the quote with a text fragment (https://wicg.github.io/scroll-to-text-fragment/)."""

from __future__ import annotations

from urllib.parse import quote as percent

from factledger.model.urls import web_url
from factledger.text.quotes import quote_fragments

# A quote of more words than this is found by its first and last few words (textStart,textEnd): a page
# that words its middle a little differently (a typographic dash, a line break) is still opened there.
_WHOLE = 10
_ENDS = 4


def _directive_text(text: str) -> str:
    """Text percent-encoded for a text directive: the spec reserves '-', ',' and '&' as its syntax, so
    they are encoded too (urllib leaves '-' as it is)."""
    return percent(text, safe="").replace("-", "%2D")


def text_fragment(url: str | None, quote: str | None) -> str | None:
    """``url`` opened at ``quote`` (an http(s) address with ``#:~:text=``), or None when ``url`` is not a
    web address or there is no quote. A quote with omissions ("a ... b") is found from its first part to
    its last."""
    address = web_url(url)
    if address is None or not quote:
        return None
    parts = quote_fragments(quote)
    if not parts:
        return None
    first, last = parts[0].split(), parts[-1].split()
    if len(parts) == 1 and len(first) <= _WHOLE:
        directive = _directive_text(" ".join(first))
    else:
        start = " ".join(first[:_ENDS])
        end = " ".join(last[-_ENDS:])
        directive = f"{_directive_text(start)},{_directive_text(end)}"
    base, _, fragment = address.partition("#")
    # A fragment the address already has is kept: the directive follows its ':~:' delimiter.
    return f"{base}#{fragment}:~:text={directive}"
