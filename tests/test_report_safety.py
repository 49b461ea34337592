"""Article text is untrusted: a report rendered from a hostile article holds none of its markup as markup.

The fixture puts `<script>`, `<img onerror>`, `javascript:` links, `<b>`/`<i>`/`<style>` tags and a template
expression `{{7*7}}` in the headline, the body and the quotes; the report must show them as text (escaped),
run none of them, and never evaluate the template expression (no "49").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import read_page, report_notebook

from analysis.report import render_report

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "malicious_article.txt"

# Tags the report's own building blocks produce; anything else came from somewhere it should not have.
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "div",
    "section",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "ol",
    "ul",
    "li",
    "a",
    "mark",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "strong",
    "em",
    "small",
    "sup",
    "sub",
    "br",
    "figure",
    "figcaption",
    "caption",
    "nav",
    "footer",
}  # fmt: skip  (the hostile article's own <b>, <i>, <style>, <script> are deliberately not here)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("hostile")
    result = render_report(FIXTURE, work / "out", notebook=report_notebook(work))
    return result.html_path.read_text(encoding="utf-8")


def test_no_markup_from_the_article_survives(hostile_report):
    page = read_page(hostile_report)
    assert not page.errors, page.errors
    unexpected = {e.tag for e in page.elements} - ALLOWED_TAGS
    assert not unexpected, f"tags from the article reached the page: {unexpected}"
    assert not page.tags("script")
    assert len(page.tags("style")) == 1, "only the report's own stylesheet"
    for element in page.elements:
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"event handler on <{element.tag}>: {handlers}"
    for image in page.tags("img"):
        assert (image.attrs.get("src") or "").startswith("data:image/png;base64,"), image.attrs
    for link in page.tags("a"):
        assert (link.attrs.get("href") or "").startswith("#"), f"only in-page links: {link.attrs}"


def test_hostile_strings_are_shown_as_escaped_text(hostile_report):
    lowered = hostile_report.lower()
    for raw in ("<script", "<img src=x", '<a href="javascript:', "<b>ola</b>", "<i>per</i>", "<style>body"):
        assert raw not in lowered, f"raw markup in the report: {raw}"
    # The editor still sees what the article says, escaped: nothing is silently dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_report
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_report
    assert "&lt;b&gt;Ola&lt;/b&gt;" in hostile_report
    assert "javascript:alert(1)" in "".join(read_page(hostile_report).text)


def test_template_expressions_are_not_evaluated(hostile_report):
    text = "".join(read_page(hostile_report).text)
    # the article says "{{7*7}}" three times; each must survive literally in the annotated text
    assert text.count("{{7*7}}") >= 3
    for evaluated in ("kaos 49", "dette 49", "at 49", "regel 49"):
        assert evaluated not in text, "a template engine evaluated article text"


def test_title_and_meta_are_escaped(hostile_report):
    head = hostile_report.split("</head>")[0]
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; Ny regel {{7*7}}" in head
    assert 'http-equiv="Content-Security-Policy"' in head


def test_no_local_paths_of_the_rendering_machine(hostile_report):
    assert str(FIXTURE.parent) not in hostile_report
    assert "/tmp/" not in hostile_report and "/home/" not in hostile_report
    assert "malicious_article.txt" in hostile_report, "the article's file name is shown"


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidirectional_overrides_cannot_reverse_what_the_report_shows():
    # U+202E in a headline, a speaker's name and a quote would make each read backwards in the browser
    from analysis.analysis import analyse_article
    from analysis.article import article_from_text
    from analysis.present import article_text, overview, speakers, summary, terms, tone
    from analysis.report import page

    article = article_from_text(
        "Ny regel \u202eavslått\u202c i dag\n2024-03-01\n\n"
        "Kommunen vedtok regelen tirsdag, sier ordfører Kari \u202eNordmann\u202c.\n\n"
        "«Dette er en \u2067god\u2069 dag for byen», sa ordfører Kari \u202eNordmann\u202c til NTB.\n"
    )
    analysis = analyse_article(article, top_n=10)
    sections = [
        summary.summary_section(analysis, "nb"),
        speakers.speakers_section(analysis, "nb"),
        tone.tone_section(analysis, "nb"),
        terms.terms_section(analysis, "nb", top_n=10),
        article_text.annotated_text_html(analysis, "nb"),
        overview.zones_section(article, "nb"),
    ]
    markup = page("".join(sections), title=article.title)
    assert not any(control in markup for control in BIDI_CONTROLS)
    assert "&#x202e;" not in markup.lower() and "&#8238;" not in markup, "not escaped back into effect"
    assert "[U+202E]" in markup, "the editor sees that the article holds an override"
