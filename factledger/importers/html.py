"""What the importer needs from an HTML page, in one pass whose time grows with the page's size: its
JSON-LD script blocks (each with the line it starts on) and the page's own address (a canonical link,
a <base>, an og:url).

Only HTML's tokenizer matters here (which text is a tag, a comment, a script's body), never its tree.
The page is tokenized as the HTML standard says, for the states that decide those: start and end tags
with quoted and unquoted attributes, comments (and bogus ones: ``<!DOCTYPE>``, ``<?...>``,
``<![CDATA[``), and the elements whose content is text, not markup (script, style, textarea, title,
noscript and the rest). A tag the page never closes ends the page, as in a browser. The standard
library's parser and the libraries tried do not serve a hostile page: html.parser rescans every
unfinished tag to the end of the page (130 KB of them took 11-15 s, growing with the square of the
size), lxml stops at 256 levels of nesting and drops what follows without a word, and lexbor takes
minutes on deep nesting. The one state left out: a script whose text holds ``<!--<script`` ends at
the first ``</script>`` here (JSON-LD never holds it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_WS = "\t\n\f\r "
# One attribute, matched atomically ((?=(...))\1: Python 3.10 has no atomic groups), so that a tag that
# does not match is given up in time proportional to its length: the space or slashes before it, its
# name, and its value if a "=" follows (a quoted value must close: one that does not runs to the end).
_ATTRIBUTE = (rf"(?=([{_WS}/]*[^{_WS}/>][^{_WS}/=>]*(?:[{_WS}]*=[{_WS}]*(?:\"[^\"]*\"|'[^']*'|(?![\"'])[^{_WS}>]*)"
              rf"|(?![{_WS}]*=))))\{{n}}")
_PARTS = re.compile(rf"[{_WS}/]*([^{_WS}/>][^{_WS}/=>]*)(?:[{_WS}]*=[{_WS}]*(\"[^\"]*\"|'[^']*'|[^{_WS}>]*))?")
_NAME = re.compile(rf"[A-Za-z][^{_WS}/>]*")
_TAG = re.compile(rf"[A-Za-z][^{_WS}/>]*(?:{_ATTRIBUTE.format(n=1)})*[{_WS}/]*>")
# Elements whose content is text up to their own end tag (the standard's RAWTEXT, RCDATA and script
# data; noscript as a browser with scripting on reads it), and the tags whose attributes are wanted.
_TEXT_ELEMENTS = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                            "noscript"})
_WANTED = "|".join(_TEXT_ELEMENTS)
# The tags that may give the page's address: the field of Page each fills, and a word it must hold.
_ADDRESSES = {"link": ("canonical", "canonical"), "base": ("base", "href"), "meta": ("og_url", "og:url")}
_END_OF = {name: re.compile(f"</{name}[{_WS}/>]", re.IGNORECASE) for name in _TEXT_ELEMENTS}
# What needs no more than skipping, as long a run of it as there is, matched in one go: text, a "<" that
# starts nothing, a closed comment or bogus comment, and whole tags other than those of an element whose
# content is text and those that may give the page's address (a link, base or meta tag with the word
# that could give it before its first ">").
_SKIP = re.compile(
    rf"(?:[^<]+|<(?![A-Za-z/!?])[^<]*|<!---?>|<!--[\s\S]*?--!?>|<(?!!--)[!?][^>]*>|</(?![A-Za-z])[^>]*>"
    rf"|</[A-Za-z](?:[^\"'>]*>|[^{_WS}/>]*(?:{_ATTRIBUTE.format(n=1)})*[{_WS}/]*>)"
    rf"|<(?!(?:{_WANTED})[{_WS}/>]|(?:link|base|meta)[{_WS}/>][^>]*(?:canonical|href|og:url))"
    rf"[A-Za-z](?:[^\"'>]*>|[^{_WS}/>]*(?:{_ATTRIBUTE.format(n=2)})*[{_WS}/]*>))*",
    re.IGNORECASE)


@dataclass
class Page:
    blocks: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of each JSON-LD script
    canonical: str | None = None
    base: str | None = None
    og_url: str | None = None


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.page = Page()
        self._line, self._counted = 1, 0  # the line at offset _counted, counted as the scan moves on

    def line_at(self, offset: int) -> int:
        self._line += self.text.count("\n", self._counted, offset)
        self._counted = offset
        return self._line

    def start_tag(self, at: int) -> int:
        """A wanted start tag at ``at`` (after its ``<``); the offset to go on from."""
        text = self.text
        tag = _TAG.match(text, at)
        if tag is None:
            return len(text)  # a tag the page never closes (or a quote it never closes): nothing after is markup
        name_match = _NAME.match(text, at)
        assert name_match is not None
        name, after = name_match.group().lower(), tag.end()
        if name in _ADDRESSES and (getattr(self.page, _ADDRESSES[name][0]) is not None
                                   or _ADDRESSES[name][1] not in text[at:after].lower()):
            return after  # an address already found, or a tag that cannot give one: its attributes are not read
        attributes: dict[str, str] = {}
        for part in _PARTS.finditer(text, name_match.end(), after - 1):
            value = part.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            attributes.setdefault(part.group(1).lower(), html.unescape(value) if "&" in value else value)
        self.note(name, attributes)
        if name not in _TEXT_ELEMENTS:
            return after
        end = _END_OF[name].search(text, after)
        stop = end.start() if end else len(text)
        if name == "script" and "ld+json" in attributes.get("type", "").lower():
            self.page.blocks.append((self.line_at(at - 1), text[after:stop]))
        return stop

    def note(self, name: str, attributes: dict[str, str]) -> None:
        page = self.page
        if name == "link" and "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            page.canonical = page.canonical or attributes["href"]
        elif name == "base" and attributes.get("href"):
            page.base = page.base or attributes["href"]
        elif name == "meta" and attributes.get("property", "").lower() == "og:url" and attributes.get("content"):
            page.og_url = page.og_url or attributes["content"]


def scan(text: str) -> Page:
    """The page's JSON-LD blocks and address, in time that grows with its length."""
    scanner = _Scanner(text)
    at, end = 0, text.rfind(">") + 1  # no markup ends after the last ">": what follows it is text, or unclosed
    while at < end:
        skipped = _SKIP.match(text, at, end)
        at = skipped.end() if skipped else at
        if at >= end:
            break
        # What the skip stopped at: a wanted start tag, or markup the page never closes.
        at = scanner.start_tag(at + 1) if _NAME.match(text, at + 1, end) else end
    return scanner.page
