"""The summary's three findings, from small hand-made records: wording, numbers and graceful degradation."""

from __future__ import annotations

from report_helpers import read_page

from analysis.analysis import ArticleAnalysis, Cue
from analysis.article import article_from_text
from analysis.present.summary import body_shares, key_findings, summary_html, tone_balance
from analysis.records import Quote, Speaker

ARTICLE = article_from_text(
    "Minister: – Ingen krise\n2024-03-01\n\nOla Nordmann sa at budsjettet er stramt.\n\n"
    "– Dette er en krise, sier Kari Hansen.\n\n– Vi er trygge, sa Ola Nordmann.\n"
)


def quote(kind, zone, text, start, end, speaker, cue) -> Quote:
    return Quote(kind, zone, start, end, text, speaker, "person", cue)


def speaker(name, direct_words, share, direct, indirect, gender="unknown") -> Speaker:
    return Speaker(
        name.lower(),
        name,
        "person",
        None,
        None,
        1,
        direct,
        indirect,
        direct_words,
        share,
        share,
        gender,
        "none",
    )


def cue(term, category, polarity, start, negated=False) -> Cue:
    return Cue(term, term, category, polarity, start, start + len(term), negated, 0, "body")


QUOTES = [
    quote("direct", "headline", "Ingen krise", 12, 23, "Ola Nordmann", "–"),
    quote("indirect", "body", "budsjettet er stramt", 40, 60, "Ola Nordmann", "sa"),
    quote("direct", "body", "Dette er en krise og en skandal for byen", 80, 120, "Kari Hansen", "sier"),
    quote("direct", "body", "Vi er trygge", 130, 142, "Ola Nordmann", "sa"),
    quote("direct", "body", "Hvorfor nå", 150, 160, "JOURNALIST", "spurte"),
]
SPEAKERS = [speaker("Kari Hansen", 9, 0.75, 1, 0, "female"), speaker("Ola Nordmann", 3, 0.25, 1, 1, "male")]
CUES = [
    cue("krise", "conflict", -2.0, 92),
    cue("skandal", "conflict", -3.0, 104),
    cue("trygge", "deescalation", 2.0, 136),
    cue("stramt", "fear", -1.0, 170),
    cue("krise", "conflict", -2.0, 175, negated=True),
]


def analysis(quotes=(), speakers=(), cues=()) -> ArticleAnalysis:
    return ArticleAnalysis.with_sections(
        ARTICLE, quotes=list(quotes), speakers=list(speakers), cues=list(cues)
    )


def test_findings_from_full_inputs_in_norwegian():
    first, second, women, third = key_findings(analysis(QUOTES, SPEAKERS, CUES), "nb")
    assert first.startswith("Kari Hansen har flest siterte ord: 75\u00a0%")
    assert "(9 av 12 ord)" in first and "Ola Nordmann med 25\u00a0%" in first
    assert second == (
        "Tittelen gir ordet til Ola Nordmann, men hovedstemmen i brødteksten er Kari Hansen "
        "(75\u00a0% av de siterte ordene)."
    )
    assert women == "1 av 2 kilder er kvinner; de har 75\u00a0% av de siterte ordene."
    assert third.startswith(
        "Tonen er overveiende negativ, mest preget av konflikt og trussel (2 av 5 stemningsord)."
    )
    # the reporter's question (JOURNALIST) and the text outside quotes are narration
    assert "Flest stemningsord står i kildenes sitater (3, mest hos Kari Hansen)" in third


def test_findings_in_english():
    findings = key_findings(analysis(QUOTES, SPEAKERS, CUES), "en")
    assert findings[0].startswith("Kari Hansen holds most of the quoted words: 75%")
    assert findings[1].startswith(
        "The headline gives the say to Ola Nordmann, but the body's main voice is Kari"
    )


def test_shares_leave_out_the_reporter():
    with_reporter = [*SPEAKERS, speaker("JOURNALIST", 2, 0.0, 1, 0)]
    shares = body_shares(with_reporter)
    assert [s.name for s in shares] == ["Kari Hansen", "Ola Nordmann"]
    assert round(sum(s.share for s in shares), 6) == 1.0


def test_same_voice_in_headline_and_body():
    quotes = [quote("direct", "headline", "Ingen krise", 12, 23, "Kari Hansen", "–"), *QUOTES[2:]]
    assert key_findings(analysis(quotes, SPEAKERS), "nb")[1] == (
        "Tittelens stemme er også hovedstemmen i brødteksten: Kari Hansen."
    )


def test_nothing_found_says_so():
    assert key_findings(analysis(), "nb") == [
        "Ingen sitater funnet: artikkelen gir ingen kilde ordet.",
        "Tittelen siterer ingen kilde.",
        "Ingen personer siteres; kjønnsbalansen kan ikke måles.",
        "Tonen er nøytral: ingen stemningsord funnet.",
    ]


def test_only_indirect_quotes():
    first, second, women, _ = key_findings(
        analysis(QUOTES[1:2], [speaker("Ola Nordmann", 0, 0.0, 0, 1)]), "nb"
    )
    assert first == "Ingen direkte sitater i brødteksten; Ola Nordmann gjengis oftest (1 indirekte sitat)."
    assert second == "Tittelen siterer ingen kilde."
    assert women == "0 av 1 kilde er kvinner; ingen av dem siteres direkte. Kjønnet er ukjent for 1."


def test_women_among_sources_leave_out_organisations_and_the_reporter():
    people = [
        *SPEAKERS,
        speaker("Eva Berg", 4, 0.0, 1, 0, "unknown"),
        Speaker("nav", "NAV", "organisation", None, None, 1, 1, 0, 20, 0.0, 0.0),
        Speaker("journalist", "JOURNALIST", "person", None, None, 1, 1, 0, 5, 0.0, 0.0),
    ]
    english = key_findings(analysis(QUOTES, people, CUES), "en")[2]
    assert english == "1 of 3 sources are women; they hold 56% of the quoted words. Gender unknown for 1."


def test_tone_balance_counts_nested_and_outside_cues():
    balance = tone_balance(CUES, QUOTES)
    assert (balance.sources, balance.narration, balance.top_speaker) == (3, 2, "Kari Hansen")
    assert balance.score == -4.0 and balance.category == "conflict" and balance.category_count == 2


def test_findings_of_the_seed_come_from_its_analysis(seed):
    from analysis.analysis import analyse_article

    first, second, women, third = key_findings(analyse_article(seed), "nb")
    assert first.startswith("Antony Blinken har flest siterte ord: 76\u00a0%")
    assert women.startswith("0 av ")
    assert "Sergej Lavrov" in second and third.startswith("Tonen er overveiende negativ")


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


def test_every_detected_language_has_a_name_in_both_report_languages():
    from analysis.article import detect_language
    from analysis.present.overview import language_name

    for code in ("nb", "nn", "en", "sv", "da"):
        assert language_name(code, "nb") != code and language_name(code, "en") != code
    swedish = "Regeringen säger att det är för tidigt att veta hur många som drabbas och vad som händer nu."
    assert language_name(detect_language(swedish), "nb") == "svensk"
