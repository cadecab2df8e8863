"""`export html` in a real browser: Debian's chromium, headless, driven by Playwright (never its own
downloaded browsers: the machine has no network). The page loads with no console error and no request;
filtering by a source gives exactly the claims `list --source` gives; `#claim-ID` shows that claim, in each
of the budget's three forms; the hostile ledger runs nothing; a keyboard alone reaches the filters and the
table. Screenshots at 1280 and 390 px wide are saved for a person to look at (never compared).

Skipped only where chromium is not installed and this is not CI; .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factledger.export.html.budget import Budget

from support import FIXTURES, REPO, html_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it, and on CI these tests run)")

EXPORT, BUNDLED, HOSTILE = FIXTURES / "export", REPO / "data", FIXTURES / "html" / "hostile"
# The budget's three forms: everything written and shown; details written but found on demand (the table
# drawn by the script, two rows a page); details built from the data when opened.
FORMS = {"written": None, "found": Budget(rows=0, page=2), "built": Budget(rows=0, page=2, details=0)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for name, data in (("export", EXPORT), ("bundled", BUNDLED), ("hostile", HOSTILE)):
        for form, budget in FORMS.items():
            path = folder / f"{name}-{form}.html"
            path.write_text(html_report(data, budget), encoding="utf-8")
            made[(name, form)] = path
    return made


class Opened:
    """A page of the report, with every console message, page error, dialog and request it made."""

    def __init__(self, browser: Any, path: Path, fragment: str = "", width: int = 1280,
                 scheme: str = "light") -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        self.messages: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.messages.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.messages.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.messages.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("html[data-ready]")

    def rows(self) -> list[str]:
        """The ids of every claim the table shows, through every page of it."""
        found: list[str] = []
        while True:
            found += self.page.eval_on_selector_all("#claims-table tbody tr:not([hidden]) td.cid a",
                                                    "links => links.map(a => a.textContent)")
            following = self.page.locator("#next")
            if not self.page.locator("#pager").is_visible() or following.is_disabled():
                return found
            following.click()

    def first_page(self) -> None:
        while self.page.locator("#pager").is_visible() and not self.page.locator("#prev").is_disabled():
            self.page.locator("#prev").click()

    def go(self, fragment: str) -> None:
        self.page.evaluate("fragment => { location.hash = fragment; }", fragment)

    def close(self) -> None:
        self.page.close()


def listed(invoke, data: Path, *args: str) -> list[str]:
    result = invoke("list", "--data", str(data), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [c["id"] for c in json.loads(result.stdout)]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["export", "bundled", "hostile"])
def test_the_page_loads_and_is_used_with_no_console_error_and_no_request(browser, reports, name: str,
                                                                       form: str) -> None:
    opened = Opened(browser, reports[(name, form)])
    page = opened.page
    for select in page.locator("form.filters select").all():
        if select.locator("option").count() > 1:
            select.select_option(index=1)
        select.select_option(index=0)
    page.fill("#f-search", "a")
    for header in page.locator("#claims-table th button").all():
        header.click()
    page.locator("#claims-table tbody tr:not([hidden]) td.cid a").first.click()
    page.wait_for_selector(".claim:target, .claim.opened, .claim:not([hidden])")
    assert opened.messages == []
    assert opened.requests == [opened.url]  # the file itself, and nothing else, ever
    opened.close()


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name, data", [("export", EXPORT), ("bundled", BUNDLED), ("hostile", HOSTILE)])
def test_filtering_by_a_source_gives_exactly_the_claims_list_source_gives(browser, reports, invoke, name: str,
                                                                         data: Path, form: str) -> None:
    opened = Opened(browser, reports[(name, form)])
    every = opened.rows()
    assert every == listed(invoke, data)  # in the order `list` gives: by date
    values = opened.page.eval_on_selector_all("#f-source option", "options => options.map(o => o.value)")[1:]
    assert len(values) >= 3
    for value in values:
        opened.page.select_option("#f-source", value)
        # `list --source` takes the source's members (part_of) and never the claims it only relayed (via).
        assert opened.rows() == listed(invoke, data, "--source", value), value
        opened.first_page()
    opened.close()


def test_the_filters_and_the_search_combine_as_lists_do(browser, reports, invoke) -> None:
    opened = Opened(browser, reports[("export", "written")])
    opened.page.select_option("#f-property", "troops")
    opened.page.fill("#f-search", "SOLDIERS")
    expected = listed(invoke, EXPORT, "--property", "troops", "--search", "soldiers")
    assert 0 < len(expected) < len(listed(invoke, EXPORT, "--property", "troops"))  # the search narrows
    opened.page.wait_for_selector(f"#count:has-text('{len(expected)} of 6 claims match')")
    assert opened.rows() == expected
    opened.page.click("#f-reset")
    opened.page.wait_for_selector("#count:not(:has-text('match'))")
    assert opened.rows() == listed(invoke, EXPORT)
    opened.close()


def test_a_source_s_count_and_a_question_s_link_show_their_claims_in_the_table(browser, reports, invoke) -> None:
    opened = Opened(browser, reports[("bundled", "written")])
    links = opened.page.locator("#sources a[data-source]")
    assert links.count() >= 3
    for n in range(links.count()):
        link = links.nth(n)
        source = link.get_attribute("data-source") or ""
        opened.page.fill("#f-search", "no such words")  # the link clears what was chosen before
        link.click()
        assert opened.page.input_value("#f-source") == source
        assert opened.page.input_value("#f-search") == ""
        assert opened.rows() == listed(invoke, BUNDLED, "--source", source), source
    opened.close()
    opened = Opened(browser, reports[("export", "written")])  # a question of one claim links to it alone
    question = opened.page.locator("#questions a[data-subject]").first
    subject, prop = question.get_attribute("data-subject") or "", question.get_attribute("data-property") or ""
    opened.page.select_option("#f-status", "denied")
    question.click()
    expected = listed(invoke, EXPORT, "--subject", subject, "--property", prop)
    assert 1 < len(expected) < len(listed(invoke, EXPORT))
    assert opened.rows() == expected
    assert opened.page.input_value("#f-status") == ""
    opened.close()


def test_sorting_by_a_column_and_back(browser, reports, invoke) -> None:
    opened = Opened(browser, reports[("export", "written")])
    value = opened.page.locator("#claims-table th[data-key=value] button")
    value.click()
    # By the figure drawn on a chart (a bound's threshold, a range's middle); values that are no number last.
    assert opened.rows() == ["troops-oct", "hostile", "troops-dec", "troops-jan", "munitions", "undated-text"]
    assert opened.page.get_attribute("#claims-table th[data-key=value]", "aria-sort") == "ascending"
    value.click()
    assert opened.rows()[0] == "undated-text"
    opened.page.click("#claims-table th[data-key=date] button")
    assert opened.rows() == listed(invoke, EXPORT)
    opened.close()


def _in_view(opened: Opened, selector: str) -> bool:
    box = opened.page.locator(selector).bounding_box()
    return box is not None and box["height"] > 0 and -1 < box["y"] < 900


@pytest.mark.parametrize("form", FORMS)
def test_an_address_shows_its_claim(browser, reports, form: str) -> None:
    opened = Opened(browser, reports[("export", form)], "#claim-troops-oct")
    article = opened.page.locator("#claim-troops-oct")
    assert article.is_visible() and _in_view(opened, "#claim-troops-oct")
    assert "North Korea has dispatched about 1,500 soldiers." in article.inner_text()
    opened.go("#claim-troops-jan")  # and another, from within the page
    opened.page.wait_for_selector("#claim-troops-jan", state="visible")
    assert _in_view(opened, "#claim-troops-jan")
    assert "Up to 12,000 soldiers by January." in opened.page.locator("#claim-troops-jan").inner_text()
    opened.close()


def _text(opened: Opened, claim: str) -> str:
    opened.go(f"#claim-{claim}")
    opened.page.wait_for_selector(f"#claim-{claim}", state="visible")
    return " ".join(opened.page.locator(f"#claim-{claim}").inner_text().split())


@pytest.mark.parametrize("data", [EXPORT, BUNDLED], ids=["export", "bundled"])
def test_a_detail_built_on_demand_says_what_the_written_one_says(browser, reports, invoke, data: Path) -> None:
    name = "export" if data == EXPORT else "bundled"
    written, built = Opened(browser, reports[(name, "written")]), Opened(browser, reports[(name, "built")])
    for claim in listed(invoke, data):
        assert _text(built, claim) == _text(written, claim), claim
    written.close()
    built.close()


def _parts(opened: Opened) -> list[str]:
    """The anchors of the questions and kinds of findings the page lists: written, or built when opened."""
    return opened.page.eval_on_selector_all(
        "#questions table.contents a, #questions article.question, #findings table.finding-counts a, section.kind",
        "found => [...new Set(found.map(e => e.id || e.getAttribute('href').slice(1)))]")


def _part_text(opened: Opened, anchor: str) -> str:
    opened.go(f"#{anchor}")
    opened.page.wait_for_selector(f"[id='{anchor}']", state="visible")
    return " ".join(opened.page.locator(f"[id='{anchor}']").inner_text().split())


@pytest.mark.parametrize("data", [EXPORT, BUNDLED], ids=["export", "bundled"])
def test_a_question_or_a_kind_of_findings_built_on_demand_says_what_the_written_one_says(browser, reports,
                                                                                         data: Path) -> None:
    """Above the budget each question and kind of findings is shown when its address is opened (from the lists
    at their heads, a claim's detail or another question): the same text, its charts and links, as written."""
    name = "export" if data == EXPORT else "bundled"
    written, built = Opened(browser, reports[(name, "written")]), Opened(browser, reports[(name, "built")])
    anchors = _parts(written)
    assert anchors == _parts(built) and any(a.startswith("kind-") for a in anchors), anchors
    assert built.page.locator("article.question, section.kind").count() == 0  # none written into the page
    for anchor in anchors:
        assert _part_text(built, anchor) == _part_text(written, anchor), anchor
        assert _in_view(built, f"[id='{anchor}']")
    if data == EXPORT:  # a question with a chart: drawn too
        _part_text(built, written.page.eval_on_selector("article.question:has(svg)", "a => a.id"))
        assert built.page.locator("#questions-on-demand svg[role=img]").count() >= 1
        built.page.locator("#questions-on-demand a[data-subject]").first.click()  # its link sets the filters
        assert built.page.input_value("#f-subject") != ""
    assert written.messages == built.messages == []
    written.close()
    built.close()


_ATTRIBUTES = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on") || /^\\s*javascript:/i.test(attribute.value)) found.push(attribute.name);
    }
  }
  return {handlers: found, scripts: document.scripts.length, pwned: window.__pwned === undefined ? null : String(window.__pwned),
          injected: document.querySelectorAll("img, iframe, object, embed, body b, body style, body script:not([id^=report-]):not(:last-of-type)").length};
}"""


@pytest.mark.parametrize("form", ["written", "built"])
def test_the_hostile_ledger_runs_nothing(browser, reports, invoke, form: str) -> None:
    opened = Opened(browser, reports[("hostile", form)])
    page = opened.page
    for claim in listed(invoke, HOSTILE):  # every detail shown, every text hovered and focused
        _text(opened, claim)
    for anchor in _parts(opened):  # every question and kind of findings, built when opened above the budget
        _part_text(opened, anchor)
    page.evaluate("""() => { for (const e of document.querySelectorAll("body *")) {
        for (const kind of ["mouseover", "focus", "click"]) { if (kind !== "click" || e.tagName !== "A")
          e.dispatchEvent(new Event(kind)); } } }""")
    for select in page.locator("form.filters select").all():
        for index in range(select.locator("option").count()):
            select.select_option(index=index)
    found = page.evaluate(_ATTRIBUTES)
    assert found == {"handlers": [], "scripts": 2 if form == "written" else 4, "pwned": None, "injected": 0}
    assert opened.messages == [] and opened.requests == [opened.url]
    opened.close()


def test_the_hostile_check_can_fail(browser, tmp_path: Path) -> None:
    """The same probes see a page that does run an injected script (so a pass above means something)."""
    path = tmp_path / "injected.html"
    path.write_text("<!DOCTYPE html><title>t</title><img src=x onerror=\"window.__pwned='yes'\">"
                    "<script>document.documentElement.dataset.ready = 1</script>", encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    page.wait_for_timeout(100)
    found = page.evaluate(_ATTRIBUTES)
    assert found["pwned"] == "yes" and found["handlers"] == ["onerror"] and found["injected"] == 1
    opened.close()


def _focused(opened: Opened) -> dict[str, str]:
    return opened.page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, text: e.textContent.trim().slice(0, 40),
                outline: getComputedStyle(e).outlineStyle, width: getComputedStyle(e).outlineWidth}; }""")


def test_a_keyboard_alone_reaches_the_filters_and_the_table(browser, reports) -> None:
    opened = Opened(browser, reports[("export", "written")])
    keys = opened.page.keyboard
    keys.press("Tab")
    first = _focused(opened)
    assert first["cls"] == "skip" and first["outline"] == "solid"  # a visible focus, the skip link first
    keys.press("Enter")
    keys.press("Tab")
    assert _focused(opened)["id"] == "f-search"
    keys.type("desperation")
    opened.page.wait_for_selector("#count:has-text('1 of 6 claims match')")
    reached, presses = [], 0
    while presses < 20 and not reached or reached[-1]["tag"] != "a":
        keys.press("Tab")
        presses += 1
        reached.append(_focused(opened))
    assert [r["id"] for r in reached[:5]] == ["f-source", "f-subject", "f-property", "f-status", "f-tag"]
    assert all(r["outline"] == "solid" and r["width"] != "0px" for r in reached)
    assert [r["text"] for r in reached if r["tag"] == "button"][-6:] == ["id", "date", "statement", "value",
                                                                        "sources", "status"]
    assert reached[-1]["text"] == "undated-text"  # the one claim the search left, in the table
    keys.press("Enter")
    opened.page.wait_for_selector("#claim-undated-text", state="visible")
    assert _in_view(opened, "#claim-undated-text")
    opened.close()


@pytest.fixture(scope="module")
def screenshots(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = request.config.getoption("--screenshots")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("html-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config._html_screenshots = folder  # type: ignore[attr-defined]  # said in the terminal summary
    return folder


@pytest.mark.parametrize("name", ["export", "bundled"])
def test_screenshots_at_1280_and_390_pixels_wide(browser, reports, screenshots: Path, name: str) -> None:
    for width, scheme in ((1280, "light"), (390, "light"), (1280, "dark")):
        opened = Opened(browser, reports[(name, "written")], width=width, scheme=scheme)
        height = opened.page.evaluate("document.documentElement.scrollHeight")
        # In parts of at most 8,000 pixels: the browser cannot capture a taller image at once.
        for part, top in enumerate(range(0, height, 8000), 1):
            shot = screenshots / f"{name}-{width}-{scheme}-{part}.png"
            opened.page.screenshot(path=str(shot), full_page=True,
                                   clip={"x": 0, "y": top, "width": width, "height": min(8000, height - top)})
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        # Nothing wider than the screen but what scrolls inside its own box (a table, a chart).
        overflow = opened.page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, (width, overflow)
        opened.close()
