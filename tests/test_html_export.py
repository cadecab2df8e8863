"""`export html` without a browser: the page's policy and hashes, what it embeds and links to, the text
fragments, the size budget, the colours' contrast, and what it says against what the CLI says. (The page
in a real browser: tests/test_html_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.export.html import links
from factledger.export.html.budget import Budget

from support import FIXTURES, REPO, html_report

EXPORT = FIXTURES / "export"
HOSTILE = FIXTURES / "html" / "hostile"
CSS = REPO / "factledger" / "export" / "html" / "templates" / "report.css"


def page(invoke, data: Path, *args: str) -> str:
    result = invoke("export", "html", "--data", os.path.relpath(data, REPO), *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def rendered(data: Path, budget: Budget | None = None) -> str:
    return html_report(data, budget)


@pytest.fixture(autouse=True)
def from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


class Parsed(HTMLParser):
    """Every element with its attributes, the text of each <script> and <style>, and every id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.blocks.append((*self._open, data))
            self._open = None

    def ids(self) -> set[str]:
        return {str(attrs["id"]) for _, attrs in self.elements if attrs.get("id")}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_only_the_pages_own_style_and_script_by_their_hashes(invoke) -> None:
    html = page(invoke, EXPORT)
    parsed = Parsed(html)
    assert parsed.elements[1][0] == "head" and parsed.elements[2] == ("meta", {"charset": "utf-8"})
    tag, meta = parsed.elements[3]  # the policy comes before anything it governs
    assert tag == "meta" and meta["http-equiv"] == "Content-Security-Policy"
    policy = str(meta["content"])
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and "unsafe" not in policy
    style = [text for tag, _, text in parsed.blocks if tag == "style"]
    scripts = [text for tag, attrs, text in parsed.blocks if tag == "script" and "type" not in attrs]
    assert len(style) == len(scripts) == 1
    assert directives["style-src"] == _sha256(style[0]) and directives["script-src"] == _sha256(scripts[0])
    # Nothing else may run or load: no other script, no handler attribute, no style attribute, no external resource.
    assert [attrs.get("type") for tag, attrs in parsed.elements if tag == "script"] == ["application/json", None]
    assert [attrs for tag, attrs in parsed.elements if tag == "script" and "type" not in attrs] == [
        {"id": "report-script"}]  # the page's own, its id all it has
    for tag, attrs in parsed.elements:
        assert not [a for a in attrs if a.startswith("on") or a in ("style", "src", "srcset", "action")], (tag, attrs)
        assert tag not in ("img", "iframe", "object", "embed", "link", "base", "form") or tag == "form" and \
            "action" not in attrs


def test_the_same_ledger_gives_the_same_bytes_and_a_timestamp_only_when_asked(invoke) -> None:
    first, second = page(invoke, EXPORT), page(invoke, EXPORT)
    assert first == second and "Generated" not in first
    assert "Generated 20" in page(invoke, EXPORT, "--timestamp")


def test_wherever_the_ledger_is_the_page_is_the_same_and_names_no_folder_of_the_machine(invoke) -> None:
    result = invoke("export", "html", "--data", str(EXPORT))  # an absolute path
    assert result.exit_code == 0, result.output
    assert result.stdout == page(invoke, EXPORT)  # and a path relative to the working directory
    assert str(REPO) not in result.stdout and "</summary>defined at ledger.yaml:" in result.stdout


def _links(html: str) -> list[str]:
    return [str(attrs["href"]) for tag, attrs in Parsed(html).elements if tag == "a"]


@pytest.mark.parametrize("data", [EXPORT, HOSTILE, REPO / "data"], ids=["export", "hostile", "bundled"])
def test_links_go_to_http_addresses_or_to_anchors_that_exist(invoke, data: Path) -> None:
    html = page(invoke, data)
    ids = Parsed(html).ids()
    hrefs = _links(html)
    assert hrefs
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert re.match(r"https?://[^\s]+$", href), href


def test_the_embedded_data_escapes_what_would_end_its_block_and_reads_back_exactly(invoke) -> None:
    html = page(invoke, HOSTILE)
    blocks = [text for tag, attrs, text in Parsed(html).blocks if attrs.get("type") == "application/json"]
    assert blocks
    for text in blocks:
        assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    data = json.loads(blocks[0])
    texts = data["strings"] + [v for row in data["rows"] for v in row if isinstance(v, str)]
    statement = next(t for t in texts if t.startswith("</script><script>"))
    # As written, but for the invisible line separator, which every output shows as an escape.
    assert statement == "</script><script>window.__pwned='statement'</script> <!-- </script> --> \\u2028 line separator"


def test_hostile_text_is_text(invoke) -> None:
    html = page(invoke, HOSTILE, "--title", "</title><script>window.__pwned=1</script>")
    body = html.split("<body>", 1)[1].split('<script type="application/json"', 1)[0]
    assert "<script" not in body and "<img" not in body and "<iframe" not in body and "<svg onload" not in body
    assert "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</h1>" in body
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;source name&#39;&#34;&gt;" in body


# -- text fragments ---------------------------------------------------------------------------------------

def test_a_quote_opens_the_cited_page_at_it() -> None:
    assert links.text_fragment("https://example.org/a?b=1", "North Korea has sent troops") == \
        "https://example.org/a?b=1#:~:text=North%20Korea%20has%20sent%20troops"
    # The spec's reserved characters are encoded, '-' too (urllib leaves it).
    assert links.text_fragment("https://example.org/", "well-known, A & B") == \
        "https://example.org/#:~:text=well%2Dknown%2C%20A%20%26%20B"
    # A long quote, or one with an omission, is found from its first words to its last.
    long = "one two three four five six seven eight nine ten eleven twelve"
    assert links.text_fragment("https://example.org/", long) == \
        "https://example.org/#:~:text=one%20two%20three%20four,nine%20ten%20eleven%20twelve"
    assert links.text_fragment("https://example.org/", "a start ... and an end") == \
        "https://example.org/#:~:text=a%20start,and%20an%20end"
    # A fragment the page already has is kept; no link without a web address or a quote.
    assert links.text_fragment("https://example.org/p#part", "x") == "https://example.org/p#part:~:text=x"
    assert links.text_fragment("javascript:alert(1)", "x") is None
    assert links.text_fragment("https://example.org/", None) is None


@given(st.text(min_size=1, max_size=80))
def test_a_text_directive_never_holds_its_own_syntax_and_decodes_to_the_quotes_words(quote: str) -> None:
    found = links.text_fragment("https://example.org/", quote)
    if found is None:
        assert not quote.split() or not "".join(quote.split()).strip(".…[] ")
        return
    directive = found.split("#:~:text=", 1)[1]
    assert not set(directive) & set("&-# \n") and directive.count(",") <= 1
    words = " ".join(unquote(part) for part in directive.split(","))
    assert words and set(words.split()) <= set(links.quote_fragments(quote)[0].split()) | set(
        links.quote_fragments(quote)[-1].split())


# -- the budget -------------------------------------------------------------------------------------------

def test_above_the_budget_the_page_says_what_it_left_out_and_how_to_get_it() -> None:
    full = rendered(FIXTURES / "check" / "crowd-count")
    assert "What this page leaves out" not in full and 'id="report-details"' not in full
    small = rendered(FIXTURES / "check" / "crowd-count", Budget(rows=1, page=2, details=2, charts=0, questions=1,
                                                               findings=1))
    note = unescape(small.split('<aside class="budget"', 1)[1].split("</aside>", 1)[0])
    assert "each claim's detail is built when you open it" in note
    assert re.search(r"\d+ findings: 1 shown", note) and "--subject, --property, --source" in note
    assert 'id="report-details"' in small and '<article class="claim"' not in small  # details are data
    assert "<svg" not in small and "<svg" in full
    assert small.index('<aside class="budget"') < small.index('id="overview"')  # at the top


def test_between_the_budgets_the_details_are_written_but_wait_to_be_found() -> None:
    html = rendered(EXPORT, Budget(rows=2))
    articles = re.findall(r'<article class="claim" id="claim-[^"]+"( hidden="until-found")?>', html)
    assert len(articles) == 6 and all(articles)
    assert 'class="cid"><a href="#claim-' not in html  # the table is drawn by the script


# -- colours ----------------------------------------------------------------------------------------------

def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _schemes() -> dict[str, dict[str, str]]:
    css = CSS.read_text(encoding="utf-8")
    light = css.split(":root {", 1)[1].split("}", 1)[0]
    dark = css.split("prefers-color-scheme: dark", 1)[1].split(":root {", 1)[1].split("}", 1)[0]
    return {name: dict(re.findall(r"(--[a-z0-9-]+):\s*(#[0-9a-f]{6});", block)) for name, block in
            (("light", light), ("dark", dark))}


def test_every_colour_meets_wcag_aa_in_both_schemes() -> None:
    schemes = _schemes()
    assert schemes["light"].keys() == schemes["dark"].keys()
    for name, colours in schemes.items():
        texts = {k: v for k, v in colours.items() if k.startswith("--t-")}
        marks = {k: v for k, v in colours.items() if k.startswith("--g-")}
        assert len(texts) >= 10 and len(marks) >= 8
        for key, value in texts.items():  # text: 4.5:1 on every background it is written on
            for background in ("--bg", "--bg-alt"):
                assert contrast(value, colours[background]) >= 4.5, (name, key, background)
        for key, value in marks.items():  # marks that carry meaning (WCAG 1.4.11): 3:1
            assert contrast(value, colours["--bg"]) >= 3, (name, key)


def test_the_contrast_check_can_fail() -> None:
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#545d68", "#ffffff")
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


# -- the report says what the CLI says ---------------------------------------------------------------------

def test_a_claims_detail_says_what_show_says(invoke) -> None:
    html = page(invoke, EXPORT)
    detail = html.split('id="claim-troops-oct"', 1)[1].split("</article>", 1)[0]
    shown = invoke("show", "troops-oct", "--data", os.path.relpath(EXPORT, REPO), "--format", "json")
    view = json.loads(shown.stdout)
    for citation in view["sources"]:
        assert citation["source"] in detail
    for finding in view["findings"]:
        assert finding["kind"] in detail
    assert "in camp" in detail and "independent origins" in detail
    assert 'href="https://example.org/report?a=1&amp;b=(2)#:~:text=North%20Korea%20has%20dispatched%20approximately' \
        '%201%2C500%20soldiers"' in detail


def test_a_review_names_its_reviewer_as_a_citation_names_its_source(invoke) -> None:
    html = page(invoke, HOSTILE)
    assert "CHECKER — &lt;a href=&#34;javascript:window.__pwned=&#39;link&#39;&#34;&gt;checker&lt;/a&gt;: denied" \
        in html.replace("&quot;", "&#34;")


def test_questions_say_what_the_questions_command_says(invoke) -> None:
    data = FIXTURES / "check" / "crowd-count"
    html = page(invoke, data)
    said = json.loads(invoke("questions", "--data", os.path.relpath(data, REPO), "--format", "json").stdout)
    text = unescape(html)
    for question in said["questions"]:
        assert question["summary"] in text
        for finding in question["findings"]:
            assert finding["kind"] in text


class _ReaderText(HTMLParser):
    """The page's text as a reader sees it with every fold closed: the keeper's folds apart."""

    def __init__(self) -> None:
        super().__init__()
        self.reader: list[str] = []
        self.keeper: list[str] = []
        self._depth = 0  # inside a keeper's fold (with its summary)
        self._skip = 0  # inside a script or style

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details" and ("class", "keeper") in attrs or self._depth and tag == "details":
            self._depth += 1
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._depth -= tag == "details" and self._depth > 0
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.keeper if self._depth else self.reader).append(data)


def _reader_and_keeper(html: str) -> tuple[str, str]:
    parsed = _ReaderText()
    parsed.feed(html)
    return "".join(parsed.reader), "".join(parsed.keeper)


@pytest.mark.parametrize("data", [FIXTURES / "check" / "crowd-count", FIXTURES / "check" / "FL501-conflict",
                                  FIXTURES / "check" / "FL515-historical-conflict", EXPORT])
def test_the_keepers_instructions_are_kept_apart_from_what_a_reader_reads(data: Path) -> None:
    reader, keeper = _reader_and_keeper(rendered(data))
    for instruction in ("'factledger ", "defined at", "verdict:", ".yaml:", "record it"):
        assert instruction not in reader, instruction
    assert "defined at" in keeper and "for the ledger's keeper" in keeper


def test_a_findings_suggestion_is_for_the_keeper() -> None:
    html = rendered(FIXTURES / "check" / "FL501-conflict")
    reader, keeper = _reader_and_keeper(html)
    assert "record it in an assessment" in keeper and "record it in an assessment" not in reader
    assert '<details class="keeper"><summary>for the ledger&#39;s keeper</summary>' in html


def test_a_superseded_figure_reads_with_its_value_and_date_and_those_of_what_took_its_place() -> None:
    html = rendered(FIXTURES / "check" / "FL503-superseded")
    rows = [unescape(re.sub(r"<[^>]+>", "", r)) for r in re.findall(r"<dt>superseded</dt><dd>(.*?)</dd>", html)]
    assert rows == ["director-dec: NIS-DIRECTOR ~11,000 (2024-12), by nis-feb: NIS ~12,000 (2025-02)",
                    "nis-oct: NIS ~1,500 (2024-10), by nis-feb: NIS ~12,000 (2025-02)"], rows


@pytest.mark.parametrize("data", ["FL522-disowned", "FL502-known-dispute", "ok-disputes-link"])
def test_a_yes_or_no_reads_as_its_claim_says_it_everywhere_on_the_page(data: str) -> None:
    reader, _ = _reader_and_keeper(rendered(FIXTURES / "check" / data))
    assert "says yes" in reader or "says no" in reader
    assert not re.search(r"\b(true|false)\b", reader), reader  # never 'SOURCE false', which reads 'SOURCE is false'


def test_a_camp_of_yeses_reads_as_its_claims_say_it() -> None:
    reader, _ = _reader_and_keeper(rendered(FIXTURES / "check" / "FL522-disowned"))
    assert "one position: SOCIETY: says yes" in reader and "in camp 1 of 1: SOCIETY: says yes" in reader
    assert "disowning (SOCIETY, 2026-02-09: says yes)" in reader


def test_the_date_key_names_no_year() -> None:
    key = unescape(rendered(EXPORT)).split("Dates as the ledger writes them:", 1)[1].split("</p>", 1)[0]
    assert "YYYY-MM a month" in key and not re.search(r"\d{4}", key), key


def test_a_finding_on_several_questions_is_said_once_among_them_and_the_others_point_to_it() -> None:
    html = rendered(FIXTURES / "check" / "FL518-uneven-qualifiers")
    questions = html.split('id="questions"', 1)[1].split('id="claims"', 1)[0]
    said = re.findall(r"uneven-qualifiers</dt><dd>(.*?)</dd>", questions)
    assert len(said) == 2 and said[0].startswith("the qualifier &#39;location&#39; is on 2 of the claims"), said
    assert said[1] == 'listed under <a href="#question-1">losses / killed</a>', said
    assert questions.count("give every claim on") == 1  # its suggestion too


def _overview(html: str, label: str) -> str:
    return unescape(re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", html).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("data", [FIXTURES / "check" / "crowd-count", EXPORT, REPO / "data"],
                         ids=["crowd-count", "export", "bundled"])
def test_the_overviews_counts_are_those_of_the_tables_below(data: Path) -> None:
    html = rendered(data)
    table = html.split('class="finding-counts"', 1)[1].split("</table>", 1)[0]
    counted: dict[str, int] = {}
    for severity, kind, count in re.findall(r'<td><span class="sev sev-(\w+)">\w+</span></td><td>(?:<a [^>]*>)?'
                                            r'([\w-]+).*?<td class="num">([\d,]+)</td></tr>', table):
        counted[severity] = counted.get(severity, 0) + int(count.replace(",", ""))
    said = _overview(html, "Findings")
    assert said.split(" (")[0] == ", ".join(f"{counted[s]:,} {s}" for s in ("error", "warning", "info")
                                            if s in counted), said
    assert "one per claim" in said
    sources = html.split('<table class="sources">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row".*?</tr>', sources)
    claims_cells = [re.sub(r"<[^>]+>", "", re.search(r'<td class="num">(.*?)</td>', r).group(1))  # type: ignore[union-attr]
                    for r in rows]
    with_claims = [c for c in claims_cells if c.split(" ")[0] != "0"]
    assert _overview(html, "Sources") == f"{len(with_claims):,} cited as a claim's source, of the " \
        f"{len(rows):,} source{'s' if len(rows) != 1 else ''} listed below"


def test_no_control_character_reaches_the_page(invoke, write_ledger) -> None:
    # A page opened with cat or less must not drive the terminal: ESC, OSC, and the 8-bit CSI (U+009B).
    data = write_ledger({"ledger.yaml": (
        'sources:\n  - {id: A, name: "Red\\e[31m source\\u009b2J", kind: government}\n'
        'claims:\n  - {id: c1, statement: "Said\\e]0;owned\\a it.", subject: s, property: p, value: 1,\n'
        '     date: 2024-10-01, sources: [{source: A}]}\n')})
    result = invoke("export", "html", "--data", str(data))
    assert result.exit_code == 0, result.output
    controls = {char for char in result.stdout if (ord(char) < 32 and char not in "\t\n") or 0x7F <= ord(char) < 0xA0}
    assert not controls, sorted(map(hex, map(ord, controls)))
    assert "Red\\x1b[31m source" in result.stdout  # shown, as every other output shows it
