"""Tokens and sentences on tricky Bokmål fixtures: abbreviations, ordinals, quotes with dashes, numbers, æøå."""

from __future__ import annotations

import pytest

from analysis.article import article_from_text
from analysis.text import lemmatize, sentences, split_sentences, stem, tokenize


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


def test_lemma_cache_gives_simplemma_lemmas_and_survives_a_corrupt_file(tmp_path, monkeypatch):
    import simplemma

    from analysis import text

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    words = ["troppeforflytninger", "advarslene", "fryktet", "sa", "Russlands", "regjeringen"]
    first = text._decoded_dictionary("nb", "test")  # decodes simplemma's data and writes the cache
    cache_file = tmp_path / "newsroom-workbook" / "simplemma-test-nb.marshal"
    assert cache_file.exists()
    assert text._decoded_dictionary("nb", "test") == first  # read back from the cache
    cache_file.write_bytes(b"not marshal data")
    assert text._decoded_dictionary("nb", "test") == first  # a broken cache is rebuilt, not trusted
    for word in words:
        assert text._lemmatizer().lemmatize(word, lang="nb") == simplemma.lemmatize(word, lang="nb")
