"""The questionnaire convention (analysis/quotes/questionnaire.py) and the rule that a speaker phrase names
a source, on made-up Norwegian text shaped as the treebank's rebuilt articles are (answers that run on into
the next question)."""

from __future__ import annotations

from analysis.article import article_from_text
from analysis.discourse import names_a_source
from analysis.quotes import extract
from analysis.records import JOURNALIST

QUESTIONNAIRE = """Hva var det siste Marte Lund (41) kjøpte?
2011-05-06

Et nytt sykkelhjul.

Hva er det beste med våren?

- Lyset. Det kommer tilbake, og vi blir gladere. Hvor reiste du sist?

- Til Tromsø, på jobb. Jeg rakk ikke se noe av byen. Hva leser du nå?

- En krimroman. Den er spennende, men litt lang. Hvem ville du spist middag med?

- Med bestemoren min. Hun lager den beste fiskesuppa.
"""


def test_answers_go_to_the_interviewee_and_the_run_on_questions_to_the_reporter() -> None:
    extraction = extract(article_from_text(QUESTIONNAIRE))
    by_text = {q.text: q.speaker for q in extraction.quotes}
    assert by_text["Hva er det beste med våren"] == JOURNALIST  # the undashed question
    assert by_text["Hvor reiste du sist"] == JOURNALIST  # run on into the answer before it
    assert by_text["Lyset. Det kommer tilbake, og vi blir gladere"] == "Marte Lund"
    assert by_text["Til Tromsø, på jobb. Jeg rakk ikke se noe av byen"] == "Marte Lund"
    assert by_text["Med bestemoren min. Hun lager den beste fiskesuppa"] == "Marte Lund"
    answers = [q for q in extraction.quotes if q.speaker == "Marte Lund"]
    assert len(answers) == 4 and all(q.kind == "direct" for q in answers)


def test_an_interview_with_dashed_questions_is_no_questionnaire() -> None:
    text = """Treneren er klar for sesongen
2011-05-06

Kari Holm (45) tar imot oss på treningsfeltet.

- Hvordan blir sesongen?

- Vi er godt forberedt. Laget har aldri vært bedre.

Hva med skadene?

- De er leget. Alle er klare til første kamp.
"""
    extraction = extract(article_from_text(text))
    by_text = {q.text: q.speaker for q in extraction.quotes}
    assert by_text["Hvordan blir sesongen"] == JOURNALIST
    assert by_text["Vi er godt forberedt. Laget har aldri vært bedre"] == "Kari Holm"


def test_a_phrase_that_names_no_source_is_no_speaker() -> None:
    text = """Huset ved sjøen
2011-05-06

Per Olsen (60) viser vei gjennom hagen.

- Her har jeg bodd i tretti år. Vi passerer låver med rustne porter, svarte tak, hvite vegger.

- Det er et godt sted å bo, sier Olsen.
"""
    extraction = extract(article_from_text(text))
    assert {q.speaker for q in extraction.quotes} <= {"Per Olsen"}
    assert names_a_source("kildene i politiet") and names_a_source("24-åringen")
    assert names_a_source("trebarnsmoren") and names_a_source("ifølge undersøkelsen")
    assert not names_a_source("tak") and not names_a_source("nye melodier")
