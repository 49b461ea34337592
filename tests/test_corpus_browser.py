"""The corpus report over the real NDT news articles in Debian's Chromium (headless, via Playwright): no
script runs, nothing is requested beyond the file, no sideways scrolling on a laptop; the screenshot for the
README (reports/screenshots/corpus-report.png) shows outlets and quoted public figures, no article text."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, LAUNCH_ARGS
from test_browser import DESKTOP, SCREENSHOTS

from analysis.corpus.build import BuildOptions, build_corpus
from analysis.corpus.report import render_corpus_report
from analysis.corpus.samples import ndt_news_folder

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed"
    ),
]


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    folder = ndt_news_folder()
    if folder is None:
        pytest.skip("needs ../shared/eval/ndt_news")
    work = tmp_path_factory.mktemp("corpus_browser")
    summary = build_corpus(BuildOptions([folder], work / "dataset"))
    assert summary.total == 268 and summary.failed == 0, summary.failures[:3]
    # quote_chars 0: the rows name article ids and quote numbers, so the page shows no article text
    return render_corpus_report(work / "dataset", work / "corpus-report.html", {"quote_chars": 0})


def test_corpus_report_in_chromium(page_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport=DESKTOP)
            requests, errors, dialogs = [], [], []
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            assert not dialogs and not errors
            assert all(url == page.url or url.startswith("data:") for url in requests), requests
            text = page.inner_text("main")
            for outlet in (
                "Aftenposten",
                "Dagbladet",
                "Bergens Tidende",
                "Klassekampen",
                "Sunnmørsposten",
                "VG",
            ):
                assert outlet in text
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.set_viewport_size({"width": 1280, "height": 1500})
            page.screenshot(path=str(SCREENSHOTS / "corpus-report.png"))
            page.locator("#gender").screenshot(path=str(SCREENSHOTS / "corpus-report-gender.png"))
        finally:
            browser.close()
