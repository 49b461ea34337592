"""The summary's three findings, from small hand-made tables: wording, numbers and graceful degradation."""

from __future__ import annotations

import pandas as pd
import pytest
from report_helpers import read_page

from analysis.article import article_from_text
from analysis.present.summary import body_shares, key_findings, summary_html, tone_balance

ARTICLE = article_from_text(
    "Minister: – Ingen krise\n2024-03-01\n\nOla Nordmann sa at budsjettet er stramt.\n\n"
    "– Dette er en krise, sier Kari Hansen.\n\n– Vi er trygge, sa Ola Nordmann.\n"
)


def quotes_frame(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kind", "zone", "text", "start", "end", "speaker", "cue"])


QUOTES = quotes_frame(
    ("direct", "headline", "Ingen krise", 12, 23, "Ola Nordmann", "–"),
    ("direct", "body", "Dette er en krise og en skandal for byen", 80, 120, "Kari Hansen", "sier"),
    ("direct", "body", "Vi er trygge", 130, 142, "Ola Nordmann", "sa"),
    ("direct", "body", "Hvorfor nå", 150, 160, "JOURNALIST", "spurte"),
    ("indirect", "body", "budsjettet er stramt", 40, 60, "Ola Nordmann", "sa"),
)
SPEAKERS = pd.DataFrame(
    {
        "name": ["Kari Hansen", "Ola Nordmann"],
        "kind": ["person", "person"],
        "direct_words": [9, 3],
        "share": [0.75, 0.25],
        "direct": [1, 1],
        "indirect": [0, 1],
    }
)
CUES = pd.DataFrame(
    {
        "term": ["krise", "skandal", "stramt", "trygge", "krise"],
        "category": ["conflict", "conflict", "fear", "deescalation", "conflict"],
        "polarity": [-2.0, -3.0, -1.0, 2.0, -2.0],
        "start": [92, 104, 170, 136, 175],
        "end": [97, 111, 176, 142, 180],
        "negated": [False, False, False, False, True],
    }
)


def test_findings_from_full_inputs_in_norwegian():
    first, second, third = key_findings(ARTICLE, SPEAKERS, QUOTES, CUES, "nb")
    assert first.startswith("Kari Hansen har flest siterte ord: 75\u00a0%")
    assert "(9 av 12 ord)" in first and "Ola Nordmann med 25\u00a0%" in first
    assert second == (
        "Tittelen gir ordet til Ola Nordmann, men hovedstemmen i brødteksten er Kari Hansen "
        "(75\u00a0% av de siterte ordene)."
    )
    assert third.startswith(
        "Tonen er overveiende negativ, mest preget av konflikt og trussel (2 av 5 stemningsord)."
    )
    assert "Flest stemningsord står i kildenes sitater (3, mest hos Kari Hansen)" in third


def test_findings_in_english():
    findings = key_findings(ARTICLE, SPEAKERS, QUOTES, CUES, "en")
    assert findings[0].startswith("Kari Hansen holds most of the quoted words: 75%")
    assert findings[1].startswith(
        "The headline gives the say to Ola Nordmann, but the body's main voice is Kari"
    )
    assert findings[2].startswith("The tone is mainly negative, mostly conflict and threat")


def test_shares_fall_back_to_quotes_and_leave_out_the_reporter():
    shares = body_shares(None, QUOTES)
    assert list(shares["name"]) == ["Kari Hansen", "Ola Nordmann"]
    assert shares["share"].sum() == pytest.approx(1.0)
    assert key_findings(ARTICLE, None, QUOTES, None, "nb")[0].startswith("Kari Hansen har flest siterte ord")


def test_same_voice_in_headline_and_body():
    quotes = QUOTES.assign(speaker=QUOTES["speaker"].replace({"Ola Nordmann": "Kari Hansen"}))
    assert key_findings(ARTICLE, None, quotes, None, "nb")[1] == (
        "Tittelens stemme er også hovedstemmen i brødteksten: Kari Hansen."
    )


@pytest.mark.parametrize(
    ("speakers", "quotes", "tone", "expected"),
    [
        (
            None,
            None,
            None,
            [
                "Sitatene er ikke analysert i denne rapporten.",
                "Sitatene er ikke analysert i denne rapporten.",
                "Tonen er ikke analysert i denne rapporten.",
            ],
        ),
        (
            pd.DataFrame(columns=["name", "direct_words", "share"]),
            quotes_frame(),
            CUES.iloc[0:0],
            [
                "Ingen sitater funnet: artikkelen gir ingen kilde ordet.",
                "Tittelen siterer ingen kilde.",
                "Tonen er nøytral: ingen stemningsord funnet.",
            ],
        ),
    ],
    ids=["not-analysed", "nothing-found"],
)
def test_findings_degrade_gracefully(speakers, quotes, tone, expected):
    assert key_findings(ARTICLE, speakers, quotes, tone, "nb") == expected


def test_only_indirect_quotes():
    quotes = QUOTES[QUOTES["kind"] == "indirect"]
    first, second, _ = key_findings(ARTICLE, None, quotes, None, "nb")
    assert first == "Ingen direkte sitater i brødteksten; Ola Nordmann gjengis oftest (1 indirekte sitat)."
    assert second == "Tittelen siterer ingen kilde."


def test_tone_from_aggregates():
    aggregates = pd.DataFrame(
        {
            "scope": ["article", "zone", "zone", "reporter", "speaker", "speaker"],
            "name": ["a.txt", "headline", "body", "reporter", "Kari Hansen", "Ola Nordmann"],
            "cues": [10, 1, 9, 7, 2, 1],
            "valence": [-8.0, -1.0, -7.0, -6.0, -2.0, 0.0],
            "conflict": [2, 0, 2, 1, 1, 0],
            "fear": [5, 1, 4, 4, 1, 0],
        }
    )
    balance = tone_balance(aggregates)
    assert (balance.cues, balance.sources, balance.narration, balance.category) == (10, 3, 7, "fear")
    finding = key_findings(ARTICLE, None, None, aggregates, "nb")[2]
    assert finding.startswith(
        "Tonen er overveiende negativ, mest preget av frykt og uro (5 av 10 stemningsord)."
    )
    assert "Flest stemningsord står i journalistens egen tekst (7)" in finding


def test_summary_html_escapes_and_has_the_findings():
    hostile = article_from_text("<b>Tittel</b> {{7*7}}\n2024-03\n\nTekst her.\n")
    markup = summary_html(hostile, ["<script>x</script>", "to", "tre"], "nb")
    page = read_page(markup)
    assert not page.errors
    assert {e.tag for e in page.elements} <= {"section", "header", "h1", "h2", "p", "span", "ol", "li", "a"}
    text = "".join(page.text)
    assert "<b>Tittel</b> {{7*7}}" in text and "<script>x</script>" in text
    assert "Dato: mars 2024" in text
    assert [e.attrs.get("id") for e in page.tags("section")] == ["summary"]
