"""Dash paragraphs: "– A, sier X. – B." and unattributed dash paragraphs, whose speaker the context implies."""

from __future__ import annotations

import re

from ..discourse import NAME_RE, NAME_TOKEN, PERSON_PRONOUNS, clean_name, names_a_person, role_of
from ..records import JOURNALIST
from ..text import split_sentences
from . import questionnaire
from .attribution import attribution_end, attribution_phrase, introduction, plausible_speaker
from .candidate import Candidate
from .cues import cues_in, direct_only_lemmas, lemma_of
from .interview import group_interviewee, interviewee
from .merge import Claims
from .patterns import (
    DASH,
    DASH_START,
    FIRST_PERSON,
    FIRST_PERSON_SINGULAR,
    INTRODUCED_UNNAMED,
    SENTENCE_END_MARK,
    SPLIT_PARTICLE_CUE,
)

_NEXT_DASH = re.compile(rf"\s*[{DASH}]\s+")
# a sentence opening with a full date ("3. mai 2010 er det …", "Den 3. mars 1964 landet …"): no speaker
# opens with the year; features set a new scene so
_DATELINE = re.compile(
    r"(?:[Dd]en\s+)?\d{1,2}\.\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|"
    r"november|desember)\s+\d{4}\b"
)
# "At …, er (ikke) [tittel] Navn …": the name after the copula that follows a fronted at-clause
_FRONTED_AT_THEN_NAME = re.compile(
    rf"At\s[^.!?]*?,\s+(?:er|var)\s+(?:ikke\s+)?(?:[a-zæøå][\w-]*\s+)?((?:{NAME_TOKEN})(?:\s+(?:{NAME_TOKEN}))*)"
)


def propose(qp, zone, following, claimed: Claims) -> None:
    text, base = zone.text, zone.start
    dash = DASH_START.match(text)
    pos = dash.end()
    cue_sign = text[0]
    while pos < len(text):
        found = None
        for cue in qp.cues_after(zone, pos):
            before = text[pos : cue.start()].rstrip()
            punct = before[-1:] in (",", "!", "?")
            if not before or not text[cue.start() - 1].isspace() and not punct:
                continue
            if not punct and lemma_of(cue.group(0)) in direct_only_lemmas():
                continue  # "– Jeg tror Petter vinner": a verb of the quote, not its attribution
            phrase, sentence_end = attribution_phrase(text, cue.end())
            expletive = punct and " det" in cue.group(0).lower()  # ", heter det i reportasjen."
            if expletive or plausible_speaker(phrase, need_capital=not punct):
                found = (cue, phrase, sentence_end)
                break
        split = SPLIT_PARTICLE_CUE.search(text, pos)
        if split and (found is None or split.start("cue") < found[0].start()):
            # ", slår Holm fast.": the speaker between the verb and its particle
            end_mark = SENTENCE_END_MARK.search(text, split.end())
            found = (_CueSpan(split), split.group("who"), end_mark.end() if end_mark else len(text))
        if found is None:
            end = narration_resumes(qp, text, base, pos)
            answerer = questionnaire.interviewee(qp)
            if answerer:  # a questionnaire's answer, running on into the next question
                end = questionnaire.ask(qp, base, text, end)
            q = Candidate("direct", "body", base + pos, base + end, cue_sign)
            answer_to, qp.answer_to = qp.answer_to, None
            if answerer:
                q.speaker, q.speaker_kind = answerer, "person"
            elif (
                text.rstrip().endswith("?")
                and following is not None
                and DASH_START.match(following.text)
                and not answers_first(text[pos:])
            ):
                q.speaker, q.speaker_kind = JOURNALIST, "journalist"
                person = interviewee(qp)
                qp.answer_to = group_interviewee(qp, text, person) or person
            elif answer_to:
                q.speaker, q.speaker_kind = answer_to, "person"
            else:
                if pos == dash.end():  # a continuation within the paragraph keeps its speaker
                    q.speaker, q.speaker_kind = introduced_speaker(qp)
                if q.speaker is None:
                    q.pending = "previous"
            qp.add(q)
            claimed.append((base, base + end))
            return
        cue, phrase, sentence_end = found
        speaker, kind = qp.resolver.resolve(phrase, base + pos, after_direct=True, at=base + cue.end())
        q = Candidate("direct", "body", base + pos, base + cue.start(), cue.group(0), speaker, kind)
        if speaker is None:
            q.pending = "previous"
        qp.add(q)
        claimed.append((base + pos - 2, base + attribution_end(text, cue.end(), sentence_end)))
        rest = text[sentence_end:]
        next_dash = _NEXT_DASH.match(rest)
        if next_dash:
            pos = sentence_end + next_dash.end()
        elif speaks_on(rest):
            # "– A, sier X. Vi …": the speaker goes on talking without a new dash
            pos = sentence_end + len(rest) - len(rest.lstrip())
        else:
            return


def introduced_speaker(qp) -> tuple[str | None, str | None]:
    """The speaker of an unattributed dash paragraph right after narration: the one the narration quotes,
    else the first person it names ("Først i køen sto Kari Holm (23)."), else its opening pronoun."""
    previous = qp.previous_paragraph
    # a paragraph ending in a reporting verb and a colon, at most the speaker between them
    intro = introduction(previous.text.rstrip(), speaker_words=3) if previous is not None else None
    if intro:
        # "Han snudde seg mot mekaniker Olsen og sa:": the subject of the verb that introduces the quote, not the
        # first person the sentence names
        speaker, kind = qp.resolver.resolve(intro[1], previous.start)
        if speaker:
            return speaker, kind
    zone = qp.narration
    if zone is None or zone is not previous:
        return None, None
    for quote in reversed(qp.quotes[-4:]):
        if zone.start <= quote.start < zone.end and quote.speaker and quote.speaker != JOURNALIST:
            return quote.speaker, quote.speaker_kind
    for match in NAME_RE.finditer(zone.text):
        name = clean_name(match.group(1))
        canonical = qp.registry.canonical_person(name, fuzzy=False)
        if canonical:
            return canonical, "person"
        if name in qp.registry.speaking_names:
            return name, "person"  # "I baren står Siri og Are.": a one-word name the article lets speak
    opening = zone.text.split(None, 1)[0].lower() if zone.text.strip() else ""
    if opening in PERSON_PRONOUNS:
        return qp.resolver.pronoun(opening, zone.start)
    # "Elevens morfar har en annen versjon.", "En kvinne i 40-årene står først i køen.": a person the
    # narration brings in by a description
    for position, phrase in qp.registry.recent_unnamed(zone.end):
        if position >= zone.start:
            return phrase, "unnamed"
    indefinite = INTRODUCED_UNNAMED.match(zone.text)
    if indefinite and any(names_a_person(word) for word in indefinite.group(1).lower().split()[1:]):
        return indefinite.group(1), "unnamed"
    return None, None


def narration_resumes(qp, text: str, base: int, pos: int) -> int:
    """Where an unattributed dash quote gives way to narration: a later sentence opening with the name of
    a person the article knows ("... i kveld. ElBaradei ble spurt om ..."), or one that brings in a person
    after a fronted at-clause; that person is then ranked apart from the quote's speaker."""
    for sentence in split_sentences(text[pos:], pos)[1:]:
        name = NAME_RE.match(sentence.text)
        if name and qp.registry.canonical_person(clean_name(name.group(1)), fuzzy=False):
            return sentence.start
        # "At Norge ikke kan hevde seg, er ikke Jonas Gahr Støre enig i.", "At engasjementet er stort, er
        # stjernesopranen Kari Holm et eksempel på.": a fronted at-clause, then narration naming a person
        fronted = _FRONTED_AT_THEN_NAME.match(sentence.text)
        if fronted and qp.registry.canonical_person(clean_name(fronted.group(1)), fuzzy=False):
            # (the next "sier han" takes up the person just brought in: `SpeakerResolver.break_paragraph`)
            qp.resolver.break_paragraph(base + sentence.start)
            return sentence.start
        if _DATELINE.match(sentence.text):
            return sentence.start  # "3. mai 2010 er det regn over Hamar.": a feature's new scene
        # "Navneforskeren mener …", "Hun forteller at …": a person's title or pronoun and a reporting verb
        words = sentence.text.split(None, 4)
        if len(words) >= 3 and (words[0].lower() in PERSON_PRONOUNS or role_of(words[0])):
            opening = " ".join(words[1:3])
            if any(True for _ in cues_in(opening, 0, len(opening))):
                return sentence.start
    return len(text)


def answers_first(text: str) -> bool:
    """Whether a dash paragraph opens with a statement in the first person ("– Jeg trengte å komme bort. …
    Og pupper?"): someone answering whose words slide into the next question, not the reporter asking."""
    first = text[: first_sentence_end(text)]
    return not first.rstrip().endswith("?") and bool(FIRST_PERSON.search(first))


def speaks_on(rest: str) -> bool:
    """Whether the sentence after an attribution is still the speaker's: it opens with "jeg"/"vi" or says
    "jeg"/"meg"/"min" anywhere. A "vi" inside the sentence ("Hva kan vi slutte av dette?") is as often the
    columnist's inclusive we as the speaker's, so it alone does not keep the quote going."""
    first = rest[: first_sentence_end(rest)]
    return bool(FIRST_PERSON.match(first.lstrip()) or FIRST_PERSON_SINGULAR.search(first))


def first_sentence_end(text: str) -> int:
    """Where the first sentence of `text` ends (its whole length when it has one sentence)."""
    end = SENTENCE_END_MARK.search(text)
    return end.end() if end else len(text)


class _CueSpan:
    """The verb-subject-particle attribution ("slår Holm fast") as the dash loop reads a cue match."""

    def __init__(self, match: re.Match[str]):
        self._match = match

    def start(self) -> int:
        return self._match.start("cue")

    def end(self) -> int:
        return self._match.end()

    def group(self, _: int = 0) -> str:
        return self._match.group(0)[self._match.start("cue") - self._match.start() :]
