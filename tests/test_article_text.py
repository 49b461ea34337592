"""The annotated article text: every character kept and escaped, quotes anchored, spans in any overlap."""

from __future__ import annotations

import pandas as pd
import pytest
from report_helpers import read_page

from analysis.article import article_from_text
from analysis.present.article_text import annotated_text
from analysis.present.html import speaker_colours, speaker_order

ARTICLE = article_from_text(
    "Ny regel <b>nå</b>\n2024-03-01\n\nKommunen innfører en regel & mer, skriver avisen.\n\n"
    "– Dette er en krise, sier Kari Hansen. – Vi er <i>ikke</i> redde, sa Ola.\n"
)
SKIP = {"wb-tag", "wb-q-tag", "wb-intro", "wb-legend"}  # labels the report adds around the article's words


def offsets(fragment: str) -> tuple[int, int]:
    start = ARTICLE.text.index(fragment)
    return start, start + len(fragment)


def quotes(*rows: tuple[str, str, str]) -> pd.DataFrame:
    records = [
        {
            "kind": kind,
            "zone": "body",
            "text": t,
            "start": offsets(t)[0],
            "end": offsets(t)[1],
            "speaker": who,
        }
        for t, who, kind in rows
    ]
    return pd.DataFrame(records, columns=["kind", "zone", "text", "start", "end", "speaker"])


def cues(*terms: str, negated: bool = False) -> pd.DataFrame:
    records = [
        {
            "term": t,
            "category": "fear",
            "polarity": -2,
            "start": offsets(t)[0],
            "end": offsets(t)[1],
            "negated": negated,
        }
        for t in terms
    ]
    return pd.DataFrame(records)


def article_words(markup: str) -> str:
    """The text of the article block alone, without the labels the report adds."""
    article_part = markup[markup.index('<div class="wb-article">') :]
    return "".join(read_page(article_part, SKIP).text)


def expected_words() -> str:
    return "".join(zone.text for zone in sorted(ARTICLE.zones, key=lambda z: z.start))


def test_plain_text_is_whole_and_escaped():
    markup = annotated_text(ARTICLE, None, None, "nb")
    page = read_page(markup)
    assert not page.errors
    assert not page.tags("b") and not page.tags("i")
    assert article_words(markup) == expected_words()
    assert "&lt;b&gt;nå&lt;/b&gt;" in markup and "&amp; mer" in markup
    assert "ikke analysert" in "".join(page.text)


def test_quotes_are_anchored_coloured_and_named():
    frame = quotes(
        ("Dette er en krise", "Kari Hansen", "direct"), ("Vi er <i>ikke</i> redde", "Ola", "direct")
    )
    markup = annotated_text(ARTICLE, frame, cues("krise"), "nb")
    page = read_page(markup)
    assert not page.errors
    assert article_words(markup) == expected_words()
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert {"q1", "q2", "c1"} <= set(ids) and len(ids) == len(set(ids)), ids
    badges = [e for e in page.elements if "wb-q-tag" in (e.attrs.get("class") or "") and e.tag == "span"]
    assert [b.attrs["id"] for b in badges] == ["q1", "q2"]
    # colour and underline pattern differ per speaker; the name is written out beside the colour
    classes = {e.attrs["class"] for e in page.elements if (e.attrs.get("class") or "").startswith("wb-q ")}
    assert classes == {"wb-q wb-sp-0 wb-pat-0", "wb-q wb-sp-1 wb-pat-1"}
    assert "Kari Hansen" in "".join(page.text)
    cue_marks = page.tags("mark")
    assert any("krise: fear" in (m.attrs.get("title") or "") for m in cue_marks)
    assert any("Sitat 1, Kari Hansen, direkte" in (e.attrs.get("title") or "") for e in page.elements)
    links = {e.attrs["href"] for e in page.tags("a")}
    assert links == {"#q1", "#q2"}, "the legend links to each speaker's first quote"


@pytest.mark.parametrize(
    "spans",
    [
        [("Kommunen innfører en regel", "Avisen", "indirect"), ("en regel & mer", "Kari Hansen", "direct")],
        [
            ("Dette er en krise, sier Kari Hansen. – Vi er", "Kari Hansen", "direct"),
            ("krise", "Ola", "direct"),
        ],
        [("Dette er en krise", "Kari Hansen", "direct"), ("Dette er en krise", "JOURNALIST", "direct")],
    ],
    ids=["crossing", "nested", "identical"],
)
def test_overlapping_spans_stay_well_formed(spans):
    frame = quotes(*spans)
    markup = annotated_text(ARTICLE, frame, cues("krise", "regel & mer", "Dette er"), "en")
    page = read_page(markup)
    assert not page.errors, page.errors
    assert article_words(markup) == expected_words()
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    assert {"q1", "q2"} <= set(ids)
    assert any("wb-q-overlap" in (e.attrs.get("class") or "") for e in page.elements)


def test_bad_offsets_and_missing_values_are_skipped():
    frame = pd.DataFrame(
        {
            "kind": ["direct", "direct", None, "direct"],
            "start": [5, float("nan"), 10, 10_000],
            "end": [2, 8, 20, 10_050],
            "speaker": ["A", "B", None, "C"],
        }
    )
    bad_cues = pd.DataFrame({"term": ["x"], "start": [None], "end": [3], "polarity": [float("nan")]})
    markup = annotated_text(ARTICLE, frame, bad_cues, "nb")
    page = read_page(markup)
    assert not page.errors
    assert article_words(markup) == expected_words()
    assert "ukjent kilde" in "".join(page.text), "a quote without a speaker is shown as such"


def test_negated_cues_are_signed_not_coloured_only():
    markup = annotated_text(ARTICLE, None, cues("redde", negated=True), "en")
    mark = read_page(markup).tags("mark")
    assert [m.attrs.get("data-sign") for m in mark if "id" in m.attrs] == ["¬"]
    assert any("negated" in (m.attrs.get("title") or "") for m in mark)


def test_speaker_order_and_colours_are_shared_with_charts():
    frame = quotes(
        ("Dette er en krise", "Kari Hansen", "direct"),
        ("Vi er <i>ikke</i> redde", "Ola", "direct"),
        ("Kommunen innfører en regel", "JOURNALIST", "direct"),
    )
    order = speaker_order(frame)
    assert order == ["Ola", "Kari Hansen", "JOURNALIST"], "most direct-quote words first, the reporter last"
    colours = speaker_colours(order)
    assert colours["Ola"] == "#0072B2" and colours["JOURNALIST"] == "#5F6368"
