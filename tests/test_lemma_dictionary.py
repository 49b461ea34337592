"""The shipped copy of simplemma's Bokmål dictionary: the same pairs as the installed simplemma, so every
lemma is simplemma's own, read much faster than simplemma decodes its stream."""

from __future__ import annotations

import gzip
import time
from importlib.metadata import version

import pytest
import simplemma

from analysis.lemma_dictionary import DATA_FILE, bokmal_dictionary, decode, encode, simplemma_pairs
from analysis.text import is_known_word, raw_lemma


def test_the_shipped_dictionary_holds_exactly_the_installed_simplemmas_pairs() -> None:
    # after upgrading simplemma, `python tools/make_lemma_dictionary.py` writes the file again
    assert bokmal_dictionary() == dict(simplemma_pairs()), (
        f"{DATA_FILE} is stale for simplemma {version('simplemma')}"
    )


def test_lemmas_and_known_words_are_simplemmas() -> None:
    words = [
        "utenriksministeren",
        "Russlands",
        "sanksjoner",
        "krigsviljen",
        "Stoltenbergs",
        "gikk",
        "bedre",
        "NATO",
        "sa",
        "barnehageplassene",
        "xqzvw",
        "Høyre-lederen",
        "e-posten",
        "rådmannens",
    ]
    for word in words:
        assert raw_lemma(word) == simplemma.lemmatize(word, lang="nb"), word
        assert is_known_word(word) == simplemma.is_known(word, lang="nb"), word


def test_the_file_format_round_trips_and_has_its_header() -> None:
    pairs = [("hunder", "hund"), ("gikk", "gå"), ("å", "å")]
    data = encode(pairs, "9.9")
    assert decode(data) == dict(pairs)
    text = gzip.decompress(data).decode()
    assert text.startswith("# simplemma's Bokmål") and "Licence: simplemma is MIT" in text
    assert encode(reversed(pairs), "9.9") == data  # reproducible: sorted, no time stamp
    with pytest.raises(ValueError):
        encode([("to\nlines", "x")], "9.9")


def test_reading_the_shipped_file_is_faster_than_simplemmas_decoder() -> None:
    from importlib import resources

    raw = resources.files("analysis.data").joinpath(DATA_FILE).read_bytes()
    started = time.perf_counter()
    decode(raw)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    dict(simplemma_pairs())
    theirs = time.perf_counter() - started
    assert ours < theirs * 0.9, (ours, theirs)
