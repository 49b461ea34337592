"""Questionnaire interviews ("Hva er ditt favorittreisemål?" / "– Vietnam."): the reporter's questions stand
undashed, each answer is a dash paragraph, and in texts whose paragraphs were rebuilt from sentences (the
treebank's) every answer runs on into the next question ("– Til Dubai. Hva gjorde du der?").

In such an article a dash paragraph is the interviewee answering, even when it ends with a question mark;
the question it ends with, and an undashed question paragraph before an answer, are the reporter's
(JOURNALIST). The interviewee is the person the article names first (the title names who answers)."""

from __future__ import annotations

import re

from ..discourse import NAME_RE, clean_name
from ..records import JOURNALIST
from .candidate import Candidate
from .merge import Claims
from .patterns import DASH_START

# the question that ends a paragraph, after a sentence that is not one ("Og i Norge?", "Din favorittroman er?")
_TRAILING_QUESTION = re.compile(r"(?<=[.!…»\"])\s+([A-ZÆØÅ][^.!?…«»\n]*\?)\s*$")
_ONLY_A_QUESTION = re.compile(r"\s*[A-ZÆØÅ][^.!?…\n]*\?\s*")
# undashed question paragraphs before an answer that make an article a questionnaire
_MIN_QUESTIONS = 2


def interviewee(qp) -> str | None:
    """The person who answers, when the article is a questionnaire; else None. Worked out once a pass."""
    if qp.questionnaire is None:
        qp.questionnaire = _find_interviewee(qp) or ""
    return qp.questionnaire or None


def _find_interviewee(qp) -> str | None:
    body = [z for z in qp.zones if z.kind in ("lead", "body")]
    # (the anchored dash test first: most paragraphs are followed by no answer)
    asked = sum(
        1
        for zone, after in zip(body, body[1:], strict=False)
        if DASH_START.match(after.text) and _is_question(zone.text)
    )
    if asked == 0:
        return None  # no question before an answer: the answers need not be searched for questions
    answers = [zone for zone in body if DASH_START.match(zone.text)]
    running_on = sum(1 for zone in answers if trailing_question(zone.text))
    # most answers run on into a question: an interview whose questions are dashed too has few that do
    if asked + running_on < _MIN_QUESTIONS or running_on * 2 < len(answers):
        return None
    for zone in qp.zones:  # the title first: it names who answers
        for match in NAME_RE.finditer(zone.text):
            canonical = qp.registry.canonical_person(clean_name(match.group(1)), fuzzy=False)
            if canonical:
                return canonical
    return None


def _is_question(text: str) -> bool:
    return not DASH_START.match(text) and _ONLY_A_QUESTION.fullmatch(text) is not None


def trailing_question(text: str) -> tuple[int, int] | None:
    """(start, end) in `text` of the question an answer paragraph runs on into, without its question mark."""
    match = _TRAILING_QUESTION.search(text)
    return (match.start(1), match.end(1) - 1) if match else None


def propose(qp, zone, label: str, following, claimed: Claims) -> None:
    """An undashed question paragraph before an answer, in a questionnaire: the reporter asks."""
    if label != "body" or following is None or not DASH_START.match(following.text):
        return
    if not _is_question(zone.text) or not interviewee(qp):
        return
    start = zone.start + len(zone.text) - len(zone.text.lstrip())
    end = zone.start + len(zone.text.rstrip()) - 1  # the question mark is not quoted
    qp.add(Candidate("direct", "body", start, end, "?", JOURNALIST, "journalist"))
    claimed.append((zone.start, zone.end))


def ask(qp, base: int, text: str, end: int) -> int:
    """In a questionnaire, where an answer that runs on into the next question ends (the question is
    added as the reporter's); `end` elsewhere."""
    if not interviewee(qp):
        return end
    question = trailing_question(text[:end])
    if question is None:
        return end
    start, stop = question
    qp.add(Candidate("direct", "body", base + start, base + stop, "?", JOURNALIST, "journalist"))
    return start
