"""The HTML pages `import claimreview` reads: the JSON-LD blocks a browser would see, and only those,
read as HTML's tokenizer reads them, whatever the page does to its markup."""

from __future__ import annotations

import pytest

from factledger.importers.html import scan

BLOCK = '<script type="application/ld+json">{"n": 1}</script>'


@pytest.mark.parametrize(("page", "blocks"), [
    (BLOCK, ['{"n": 1}']),
    ('<SCRIPT TYPE="Application/LD+JSON">{}</SCRIPT >', ["{}"]),
    ("<script type='application/ld+json'>[1]</script\t>", ["[1]"]),
    ("<script type=application/ld+json>{}</script/>", ["{}"]),
    ('<script type="text/javascript">var a = "<script type=application/ld+json>";</script>' + BLOCK, ['{"n": 1}']),
    ("<!-- " + BLOCK + " -->" + BLOCK.replace("1", "2"), ['{"n": 2}']),  # a commented-out block is no block
    ("<!-->" + BLOCK, ['{"n": 1}']),  # an empty comment closes at once
    ("<!--->" + BLOCK, ['{"n": 1}']),
    ("<!-- a --!>" + BLOCK, ['{"n": 1}']),
    ("<!-- never closed " + BLOCK, []),
    ('<a title="' + BLOCK + '">x</a>' + BLOCK.replace("1", "3"), ['{"n": 3}']),  # a block in an attribute
    ("<a title='" + BLOCK + "'>x</a>", []),
    ('<a title="never closed>' + BLOCK, []),  # a quote the page never closes: nothing after is markup
    ("<style>" + BLOCK + "</style>" + BLOCK, ['{"n": 1}']),
    ("<textarea>" + BLOCK + "</textarea>", []),
    ("<title>" + BLOCK + "</title>", []),
    ("<noscript>" + BLOCK + "</noscript>", []),
    ("<a <script type=application/ld+json>{}</script>", []),  # "<script" is an attribute of <a> here
    ("<?xml version='1.0'?><!DOCTYPE html>" + BLOCK, ['{"n": 1}']),
    ("<![CDATA[ x ]]>" + BLOCK, ['{"n": 1}']),
    ("</p class=\"a>b\">" + BLOCK, ['{"n": 1}']),
    ("1 < 2 and 3 <4 " + BLOCK, ['{"n": 1}']),
    ('<script type="application/ld+json">{"open": true}', ['{"open": true}']),  # a script runs to the end
    ("<a x=y\"z>" + BLOCK, ['{"n": 1}']),
    ("<a x=\"1\"y='2'z=3>" + BLOCK, ['{"n": 1}']),
    ("<a " * 1000 + BLOCK, []),
])
def test_the_blocks_a_browser_would_see(page: str, blocks: list[str]) -> None:
    assert [text for _, text in scan(page).blocks] == blocks


def test_each_block_knows_its_line() -> None:
    page = "<html>\n<head>\n" + BLOCK + "\n\n<!-- x\n-->\n" + BLOCK + "\r\n" + BLOCK
    assert [line for line, _ in scan(page).blocks] == [3, 7, 8]


@pytest.mark.parametrize(("page", "field", "address"), [
    ('<link rel="canonical" href="https://a.example/x">', "canonical", "https://a.example/x"),
    ('<LINK REL="alternate canonical" HREF=https://a.example/y>', "canonical", "https://a.example/y"),
    ('<link rel="stylesheet" href="/s.css"><link rel=canonical href="/z">', "canonical", "/z"),
    ('<base href="https://b.example/">', "base", "https://b.example/"),
    ('<meta property="og:url" content="https://c.example/?a=1&amp;b=2">', "og_url", "https://c.example/?a=1&b=2"),
    ('<!-- <base href="https://hidden.example/"> -->', "base", None),
    ('<link rel="canonical" href="https://first.example/"><link rel="canonical" href="https://second.example/">',
     "canonical", "https://first.example/"),
])
def test_the_pages_own_address(page: str, field: str, address: str | None) -> None:
    assert getattr(scan(page + BLOCK), field) == address
