"""Gender of quoted people: the article's words first, the first-name list second, never a guess."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis.entities import entities_of_text
from analysis.gender import (
    first_name_genders,
    gender_of_first_name,
    gender_of_noun,
    infer_gender,
    name_mentions,
)
from analysis.records import Span

ROOT = Path(__file__).resolve().parent.parent


def spans_of(text: str, *forms: str) -> list[Span]:
    return name_mentions(text, forms)


def pronoun_at(text: str, word: str, after: str) -> Span:
    start = text.index(word, text.index(after) + len(after))
    return Span(start, start + len(word), word)


def test_a_resolved_pronoun_outweighs_the_first_name():
    text = "- Vi må handle nå, sier Kim Larsen. - Det haster, sier hun."
    spans = spans_of(text, "Kim Larsen") + [pronoun_at(text, "hun", "haster, sier ")]
    assert infer_gender(text, "Kim Larsen", spans) == ("female", "pronoun")


def test_gendered_nouns_beside_the_name():
    text = "Kronprinsesse Mette-Marit åpnet utstillingen."
    assert infer_gender(text, "Mette-Marit", spans_of(text, "Mette-Marit"))[1] == "pronoun"
    text = "Moren Sam Olsen sier at hun er lettet. Sam Olsen har ventet i tre dager."
    assert infer_gender(text, "Sam Olsen", spans_of(text, "Sam Olsen")) == ("female", "pronoun")
    text = "Alex Berg, en 45 år gammel mann fra Bodø, var først på stedet."
    assert infer_gender(text, "Alex Berg", spans_of(text, "Alex Berg")) == ("male", "pronoun")
    text = "Hun er politisk talskvinne for partiet."
    mention = Span(7, len(text) - 1, text[7:-1])
    assert infer_gender(text, "Sam Olsen", [mention]) == ("female", "pronoun")


def test_a_noun_about_someone_else_says_nothing():
    text = "Datteren til Alex Berg ringte politiet."
    assert infer_gender(text, "Alex Berg", spans_of(text, "Alex Berg")) == ("male", "first name")
    assert infer_gender(text, "Berg", spans_of(text, "Berg")) == ("unknown", "none")


def test_the_next_sentence_subject_after_the_name():
    text = "Ledestjernen i bevegelsen, Sam Olsen, er en av dem.\n\nHun har uttalt seg flere ganger."
    assert infer_gender(text, "Sam Olsen", spans_of(text, "Sam Olsen")) == ("female", "pronoun")
    # another person named in the same sentence: the pronoun may be about them
    text = "Olsen møtte Kari Nordmann i går. Hun var fornøyd."
    entities = entities_of_text(text)
    assert any(entity.text == "Kari Nordmann" for entity in entities)
    assert infer_gender(text, "Olsen", spans_of(text, "Olsen"), entities) == ("unknown", "none")
    # the quote paragraph right after the person, attributed with a pronoun
    text = "Olsen (28) satt som forstenet.\n\n- Dette er krenkende, kommenterte hun etterpå."
    assert infer_gender(text, "Olsen", spans_of(text, "Olsen")) == ("female", "pronoun")
    # a dash opens someone's quote: its "han" is the quoted speaker's choice of words
    text = "Olsen var til stede.\n\n- Han kom for sent, sier en tilhører."
    assert infer_gender(text, "Olsen", spans_of(text, "Olsen")) == ("unknown", "none")


def test_first_name_only_where_the_article_says_nothing():
    text = "- Vi må handle nå, sier Kari Nordmann."
    assert infer_gender(text, "Kari Nordmann", spans_of(text, "Kari Nordmann")) == ("female", "first name")
    text = "- Vi må handle nå, sier Ola Nordmann."
    assert infer_gender(text, "Ola Nordmann", spans_of(text, "Ola Nordmann")) == ("male", "first name")
    text = "- Vi må handle nå, sier Nordmann."
    assert infer_gender(text, "Nordmann", spans_of(text, "Nordmann")) == ("unknown", "none")


def test_first_name_list_and_nouns():
    genders = first_name_genders()
    assert len(genders) > 3000
    assert genders["Kari"] == "female" and genders["Ola"] == "male"
    assert gender_of_first_name("Knut S. Vikør") == "male"
    assert gender_of_first_name("Mette-Marit Hansen") == "female"
    assert gender_of_first_name("A. Nordmann") is None
    assert gender_of_first_name("Lagkamerat Anders Bardal") == "male"  # a title in front is passed over
    assert gender_of_first_name("Kari") == "female"
    assert gender_of_noun("kronprinsessen") == "female"
    assert gender_of_noun("skuespillerinne") == "female"
    assert gender_of_noun("talsmann") == "male"
    assert gender_of_noun("jordmoren") == "female"
    assert gender_of_noun("humor") is None
    assert gender_of_noun("vinne") is None  # an ending needs a stem: the verb is no noun
    assert gender_of_noun("leder") is None


def test_data_files_carry_their_provenance():
    for name in ("first_names_nb.tsv", "gendered_nouns_nb.txt"):
        head = (ROOT / "analysis" / "data" / name).read_text(encoding="utf-8").splitlines()[:8]
        header = " ".join(line for line in head if line.startswith("#"))
        assert "Licence" in header or "licence" in header
        assert "ource" in header


@pytest.mark.slow
def test_gold_floors(shared):
    """Against ndt_dev and ndt_dev2 gold speakers (bench/gender_gold.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gender_gold import figures, gold_rows, load_gold

    values = figures(gold_rows(load_gold()))
    assert values["people"] >= 70
    assert values["right"] >= 0.95
    assert values["known"] >= 0.95
    assert values["share_error"] <= 0.03


def test_a_person_named_early_in_a_long_sentence_keeps_the_next_pronoun_from_voting():
    # the sentence holding the mention starts more than 160 characters back, and names Per Olsen there:
    # the "Han" opening the next sentence may be his, so it is no vote for Kari Holm
    text = (
        "Per Olsen sa etter et langt møte der "
        + "mange ting ble sagt om budsjettet og planene " * 4
        + "at alt var i orden, mens Kari Holm nikket. Han gikk.\n"
    )
    spans = spans_of(text, "Kari Holm")
    assert spans[0].start - text.rfind("Per Olsen", 0, spans[0].start) > 160
    assert infer_gender(text, "Kari Holm", spans, entities_of_text(text)) == ("female", "first name")
    # without the other person the next sentence's pronoun is a vote
    assert infer_gender(text, "Kari Holm", spans, []) == ("male", "pronoun")


def test_the_noun_right_before_a_mention_votes_only_when_a_single_space_separates_them():
    for text, expected in (
        ("Der satt moren Kari Holm.", "pronoun"),
        ("Der satt moren  Kari Holm.", "first name"),
        ("Der satt moren, Kari Holm.", "first name"),
        ("Der satt moren \nKari Holm.", "pronoun"),
    ):
        assert infer_gender(text, "Kari Holm", spans_of(text, "Kari Holm"))[1] == expected, text
