"""Speakers table, shares and resolution: the seed's figures and made-up fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.analysis import analyse_article
from analysis.article import article_from_text, load_article
from analysis.present.speakers import speakers_section
from analysis.speakers import (
    TABLE_COLUMNS,
    SpeakerRegistry,
    affiliation_shares,
    country_of,
    role_of,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_seed_shares_roles_and_affiliations(seed):
    table = analyse_article(seed).speakers_frame().set_index("name")
    assert list(table.reset_index().columns) == [
        "name",
        "id",
        *TABLE_COLUMNS[1:],
        "gender",
        "gender_evidence",
    ]
    assert table.loc["Antony Blinken", "share"] == pytest.approx(0.765, abs=0.01)
    assert table.loc["Sergej Lavrov", "share"] == pytest.approx(0.235, abs=0.01)
    assert table.loc["Antony Blinken", "role"] == "utenriksminister"
    assert table.loc["Antony Blinken", "affiliation"] == "USA"
    assert table.loc["Sergej Lavrov", "affiliation"] == "Russland"
    assert table.loc["Kreml", "kind"] == "organisation"
    assert table.loc["Regjeringen i Russland", "kind"] == "organisation"
    assert table.loc["Sergej Lavrov", "direct"] == 3  # headline, crosshead and body
    assert table.loc["Sergej Lavrov", "share_all"] > table.loc["Sergej Lavrov", "share"]
    assert table["share"].sum() == pytest.approx(1.0)


def test_affiliation_shares(seed):
    shares = affiliation_shares(analyse_article(seed).speakers_frame()).set_index("affiliation")
    assert shares.loc["USA", "share"] == pytest.approx(0.765, abs=0.01)
    assert shares.loc["Russland", "share"] == pytest.approx(0.235, abs=0.01)


def test_registry_merges_typos_and_reads_appositions(seed):
    registry = SpeakerRegistry(seed)
    assert registry.canonical_person("Anotny Blinken") == "Antony Blinken"
    assert registry.canonical_person("blinken") == "Antony Blinken"
    assert registry.canonical_person("Lavrov") == "Sergej Lavrov"
    assert registry.by_role("utenriksminister", "USA", len(seed.text)) == "Antony Blinken"
    assert registry.by_role("utenriksminister", "Russland", len(seed.text)) == "Sergej Lavrov"


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("utenriksministeren", "utenriksminister"),
        ("Utenriksministrene", "utenriksminister"),
        ("EU-ekspert", "eu-ekspert"),
        ("talsmann", "talsmann"),
        ("bilen", None),
        # where a role word starts and ends: a whole word of a phrase, after a hyphen, not inside a longer
        # word or before an underscore; text outside Latin-1 ("İ") takes the full pattern
        ("den russiske utenriksministeren", "utenriksminister"),
        ("sjeføkonom i Nordbanken", "sjeføkonom"),
        ("ministeren.", "minister"),
        ("MINISTRENE", "minister"),
        ("medlederne", "medleder"),
        ("Molde-kaptein", "molde-kaptein"),
        ("-minister", "-minister"),
        ("ministerpost", None),
        ("direktør_x", None),
        ("ministeren İ", "minister"),
    ],
)
def test_role_of(phrase, role):
    assert role_of(phrase) == role


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("den amerikanske", "USA"),
        ("Russlands", "Russland"),
        ("Regjeringen i Russland", "Russland"),
        ("i går", None),
    ],
)
def test_country_of(phrase, country):
    assert country_of(phrase) == country


def test_empty_table_for_article_without_quotes():
    article = load_article(FIXTURES / "quotes_none.txt")
    table = analyse_article(article).speakers_frame()
    assert table.empty and list(table.columns) == ["id", *TABLE_COLUMNS, "gender", "gender_evidence"]
    assert affiliation_shares(table).empty


def test_section_flags_headline_voice_and_escapes(seed):
    html_nb = speakers_section(analyse_article(seed))
    assert "wb-flag" in html_nb and "Sergej Lavrov" in html_nb and "Antony Blinken" in html_nb
    assert html_nb.count("<img") >= 2
    html_en = speakers_section(analyse_article(seed), language="en")
    assert "The headline gives the say to Sergej Lavrov" in html_en


def test_section_escapes_article_text():
    from analysis.article import article_from_text

    article = article_from_text(
        "Test\n2023-01-01\n\n– Vi liker <script>alert(1)</script> og «dette», sier Ola <b>Nordmann</b>.\n"
    )
    html = speakers_section(analyse_article(article))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_section_without_quotes():
    article = load_article(FIXTURES / "quotes_none.txt")
    assert "Ingen sitater" in speakers_section(analyse_article(article))
    assert "No quotes" in speakers_section(analyse_article(article), language="en")


def test_relatives_with_one_surname_are_two_people_but_typos_and_short_forms_merge():
    registry = SpeakerRegistry(
        article_from_text(
            "Hytta brant\n2026-07-01\n\n"
            "Per Dahle og Lise Dahle mistet hytta. Per Dahle sa at den var gammel. Pr Dahle ringte.\n\n"
            "Statsråd Ola Borten Moe var til stede. Borten Moe lovet hjelp.\n"
        )
    )
    assert registry.canonical_person("Lise Dahle") == "Lise Dahle"
    assert registry.canonical_person("Dahle") == "Per Dahle"  # the surname alone: the most named one
    assert registry.canonical_person("Pr Dahle") == "Per Dahle"
    assert registry.canonical_person("Borten Moe") == "Ola Borten Moe"


def test_names_with_two_particles_stay_whole():
    registry = SpeakerRegistry(
        article_from_text(
            "Toll\n2026-03-03\n\nKommisjonens leder Ursula von der Leyen svarte raskt. "
            "Trener Jan van den Berg var enig.\n"
        )
    )
    assert registry.canonical_person("Leyen") == "Ursula von der Leyen"
    assert registry.canonical_person("Berg") == "Jan van den Berg"


def test_title_with_employer_in_apposition_before_the_name_gives_the_role():
    article = article_from_text(
        "Renten\n2026-03-01\n\nSjeføkonom i Nordbanken, Kari Nordmann, venter uendret rente. "
        "Også sjeføkonom Per Olsen i Sørbanken tror på det.\n"
    )
    registry = SpeakerRegistry(article)
    assert registry.people["Kari Nordmann"].role == "sjeføkonom"
    assert registry.people["Per Olsen"].role == "sjeføkonom"
    # two holders: the one mentioned last before the offset
    assert registry.by_role("sjeføkonom", None, len(article.text)) == "Per Olsen"
