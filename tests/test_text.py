"""Tokens and sentences on tricky Bokmål fixtures: abbreviations, ordinals, quotes with dashes, numbers, æøå."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.article import article_from_text
from analysis.text import lemmatize, sentences, split_sentences, stem, tokenize

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.kind == "word"]


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ukraina-krisen skjerpes.", ["Ukraina-krisen", "skjerpes", "."]),
        ("Rundt 100.000 tropper", ["Rundt", "100.000", "tropper"]),
        ("Renten er 2,5 prosent.", ["Renten", "er", "2,5", "prosent", "."]),
        ("Møtet startet ved 11-tiden.", ["Møtet", "startet", "ved", "11-tiden", "."]),
        ("Kl. 15.30 på Blåbærhøgda", ["Kl", ".", "15.30", "på", "Blåbærhøgda"]),
        ("Hun sa – nei — ja − kanskje - ok", ["Hun", "sa", "–", "nei", "—", "ja", "−", "kanskje", "-", "ok"]),
        (
            "Dette gjelder bl.a. Oslo og f.eks. Tromsø.",
            ["Dette", "gjelder", "bl.a.", "Oslo", "og", "f.eks.", "Tromsø", "."],
        ),
        ("Fra t.o.m. mandag", ["Fra", "t.o.m.", "mandag"]),
        ("«Ærlig talt», sa Ødegård.", ["«", "Ærlig", "talt", "»", ",", "sa", "Ødegård", "."]),
        ("USAs og NTBs tall: 12 %", ["USAs", "og", "NTBs", "tall", ":", "12", "%"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_token_offsets_point_into_the_text() -> None:
    text = "Russlands utenriksminister: − Ikke redd for noen"
    for token in tokenize(text, offset=100):
        assert text[token.start - 100 : token.end - 100] == token.text


def test_dashes_are_punctuation_not_words() -> None:
    assert words("– Vi er – ikke redde — sa han - igjen −") == [
        "Vi",
        "er",
        "ikke",
        "redde",
        "sa",
        "han",
        "igjen",
    ]


def test_numbers_are_single_tokens() -> None:
    kinds = {t.text: t.kind for t in tokenize("100.000 kroner, 2,5 prosent og 1.250.000,50 kroner")}
    assert kinds["100.000"] == "number" and kinds["2,5"] == "number" and kinds["1.250.000,50"] == "number"


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations
        ("Han møtte bl.a. Støre. Så dro han.", ["Han møtte bl.a. Støre.", "Så dro han."]),
        ("Det koster ca. 200 kroner. Neste uke mer.", ["Det koster ca. 200 kroner.", "Neste uke mer."]),
        ("Møtet er kl. 12. Alle kommer.", ["Møtet er kl. 12.", "Alle kommer."]),
        ("Se f.eks. Dagbladet. Eller dvs. Aftenposten.", ["Se f.eks. Dagbladet.", "Eller dvs. Aftenposten."]),
        ("Han bor i nr. 5. Det er fint.", ["Han bor i nr. 5.", "Det er fint."]),
        ("Dvs. Alle må møte. Dette er nytt.", ["Dvs. Alle må møte.", "Dette er nytt."]),
        # "Jan" is a name, not the month abbreviation, when capitalised
        ("Jeg ringte Jan. Han svarte ikke.", ["Jeg ringte Jan.", "Han svarte ikke."]),
        # ordinals
        ("Vi feirer 17. mai i Oslo. Det blir fint.", ["Vi feirer 17. mai i Oslo.", "Det blir fint."]),
        ("Valget er 15. September. Da avgjøres det.", ["Valget er 15. September.", "Da avgjøres det."]),
        # quotes, with inner dashes and full stops
        (
            "«Dette er – kort sagt – feil. Helt feil», sa Åse. Så gikk hun.",
            ["«Dette er – kort sagt – feil. Helt feil», sa Åse.", "Så gikk hun."],
        ),
        (
            "Han sa: «Vi går nå. Det er sent.» Så gikk de.",
            ["Han sa: «Vi går nå. Det er sent.»", "Så gikk de."],
        ),
        ("“Vi er klare. Helt klare”, sier Øvrebø.", ["“Vi er klare. Helt klare”, sier Øvrebø."]),
        # never at a dash
        ("– Vi er ikke redde – for noen. Det sa han.", ["– Vi er ikke redde – for noen.", "Det sa han."]),
        ("Det var i 2022. Så kom krigen.", ["Det var i 2022.", "Så kom krigen."]),
        ("Hva skjer? Ingen vet! Vi venter…", ["Hva skjer?", "Ingen vet!", "Vi venter…"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_sentence_offsets_and_zones() -> None:
    article = article_from_text(
        "Tittel her\n2024-01-02\n\nFørste setning. Andre setning.\n\nTredje avsnitt.\n"
    )
    found = sentences(article)
    assert [s.zone for s in found] == ["headline", "lead", "lead", "body"]
    for sentence in found:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_lemmas_keep_capitalised_names_and_handle_genitives() -> None:
    assert lemmatize("Russlands") == "Russland"
    assert lemmatize("utenriksministeren") == "utenriksminister"
    assert lemmatize("sa") == "si"


def test_stems_are_lower_case_snowball() -> None:
    assert stem("Utenriksministrene") == stem("utenriksministrene")
    assert stem("sanksjonene").startswith("sanksjon")


def test_lemmas_are_simplemma_lemmas_and_nothing_is_written_to_the_home_folder(tmp_path):
    # a fresh process, so that the dictionary is loaded here and not already in memory
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    words = ["troppeforflytninger", "advarslene", "fryktet", "sa", "Russlands", "regjeringen"]
    script = (
        "import json, sys, simplemma\n"
        "from analysis.text import raw_lemma, is_known_word\n"
        f"words = {words!r}\n"
        "ours = [raw_lemma(w) for w in words] + [is_known_word(w) for w in words]\n"
        "theirs = [simplemma.lemmatize(w, lang='nb') for w in words]\n"
        "theirs += [simplemma.is_known(w, lang='nb') for w in words]\n"
        "sys.exit(0 if ours == theirs else 1)\n"
    )
    environment = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", script], env=environment, cwd=ROOT, timeout=120)
    assert done.returncode == 0
    assert not any(home.iterdir()) and not any(cache.iterdir())


def _seconds(function, repeats: int = 3) -> float:
    """Best time of a few runs, the cyclic collector paused (as the analysis pauses it): its passes over a
    growing heap are not the splitter's doing."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            function()
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "Støre sa at regjeringen vil gjøre mer for folk i hele landet nå. ",  # issue 14's repro
        "Han kom kl. 12. Så gikk han bl.a. hjem! ",  # abbreviations and ordinals before capitals
        "!!!!!!!!!! ",  # runs of stops
        "«Vi går nå. Det er sent.» Så gikk de. ",
    ],
)
def test_sentence_splitting_is_linear_in_one_long_paragraph(unit: str) -> None:
    # ~32 KB, then 4× that: the quadratic splitter took 16× as long, a linear one 4× (10 allows for noise)
    small = unit * (32_000 // len(unit) + 1)
    large = small * 4
    offsets = iter(range(1, 1000))  # a new offset each call: the memo of recent paragraphs never answers
    ratio = _seconds(lambda: split_sentences(large, next(offsets))) / _seconds(
        lambda: split_sentences(small, next(offsets))
    )
    assert ratio < 10, f"4× the text took {ratio:.1f}× the time"


def test_long_runs_without_spaces_split_in_linear_time() -> None:
    word = "a" * 200_000 + ". Neste setning."
    started = time.process_time()
    assert split(word) == [word[:200_001], "Neste setning."]
    assert split("!" * 200_000 + "x") == ["!" * 200_000 + "x"]
    assert time.process_time() - started < 2
