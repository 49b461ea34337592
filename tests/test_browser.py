"""The reports in a real browser: Debian's Chromium, headless, driven by Playwright over file:// URLs.

For the seed's report and the hostile article's: no JavaScript dialog, no console error, no request that
leaves the file, the summary on the first screen at 1280×800 and 390×844, no sideways scrolling on a phone.
Screenshots land in reports/screenshots/ (committed, shown in the README).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import launched_chromium, needs_chromium
from report_helpers import report_notebook

from analysis.report import render_report

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "reports" / "screenshots"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "malicious_article.txt"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory, seed_path) -> dict[str, Path]:
    """The seed's report and the hostile article's, rendered once for the module through render_report."""
    work = tmp_path_factory.mktemp("browser")
    notebook = report_notebook(work)
    return {
        "seed": render_report(seed_path, work / "out", notebook=notebook).html_path,
        "hostile": render_report(HOSTILE, work / "out", notebook=notebook).html_path,
    }


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


class Visit:
    """One page load with everything the page tried to do recorded: dialogs, console errors, requests."""

    def __init__(self, browser, path: Path, viewport: dict[str, int]):
        self.url = path.resolve().as_uri()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport=viewport, java_script_enabled=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_timeout(300)  # let late scripts (there must be none) show themselves

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _route(self, route) -> None:
        # Only the report file itself may load; anything else is recorded and never reaches a network.
        url = route.request.url
        if url == self.url or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def box(self, selector: str) -> dict[str, float]:
        return self.page.locator(selector).bounding_box()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(path: Path, viewport: dict[str, int]) -> Visit:
        opened.append(Visit(browser, path, viewport))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


@pytest.mark.parametrize("report", ["seed", "hostile"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_report_is_inert_and_self_contained(reports, visit, report, viewport):
    page = visit(reports[report], viewport)
    assert page.dialogs == [], "a JavaScript dialog opened"
    assert page.errors == [], "console errors"
    assert page.blocked == [], "requests that leave the file"
    assert all(url == page.url or url.startswith("data:") for url in page.requests), page.requests
    assert page.page.evaluate("document.scripts.length") == 0


@pytest.mark.parametrize("report", ["seed", "hostile"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_summary_is_visible_without_scrolling(reports, visit, report, viewport):
    page = visit(reports[report], viewport)
    summary = page.box("#summary")
    assert summary is not None, "the summary section is missing"
    assert summary["y"] >= 0 and summary["x"] >= 0
    assert summary["y"] + summary["height"] <= viewport["height"], f"summary ends at {summary}"
    assert summary["x"] + summary["width"] <= viewport["width"]
    assert page.page.locator("#summary .wb-findings li").count() == 4
    assert page.page.locator("#summary h1").is_visible()
    name = f"{report}-{viewport['width']}x{viewport['height']}.png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / name))


@pytest.mark.parametrize("report", ["seed", "hostile"])
def test_no_sideways_scrolling_on_a_phone(reports, visit, report):
    page = visit(reports[report], PHONE)
    widths = page.page.evaluate(
        "[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"
    )
    assert max(widths[:2]) <= widths[2], f"page is wider than the phone: {widths}"
    too_wide = page.page.evaluate(
        """[...document.querySelectorAll('.wb-report *')]
            .filter(e => !e.closest('.wb-scroll') && e.getBoundingClientRect().right > innerWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert too_wide == [], f"elements wider than the phone: {too_wide}"


def test_quote_links_land_on_their_passages(reports, visit):
    page = visit(reports["seed"], PHONE)
    anchors = page.page.evaluate(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href'))"
    )
    assert anchors, "the report links to its passages"
    for href in set(anchors):
        assert page.page.locator(href).count() == 1, f"{href} points at no single element"
    if page.page.locator("#q1").count():
        page.page.locator('.wb-legend a[href="#q1"]').first.click()
        top = page.page.evaluate("document.querySelector('#q1').getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"], "following a legend link brings the quote into view"


def test_annotated_text_screenshot(reports, visit):
    """A screenshot of the annotated text on a laptop, for the README: quotes by speaker, cues marked."""
    page = visit(reports["seed"], DESKTOP)
    assert page.page.locator("#article-text .wb-article").count() == 1
    page.page.evaluate("document.querySelector('#article-text .wb-legend').scrollIntoView()")
    page.page.screenshot(path=str(SCREENSHOTS / "seed-article-text-1280x800.png"))
