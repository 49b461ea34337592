"""Interviews: who answers the reporter's questions ("Vi møtte X", "X tar imot VG", "I et intervju med X")."""

from __future__ import annotations

import re

from ..discourse import NAME_RE, clean_name, role_of
from ..gender import first_name_genders
from ..records import JOURNALIST
from .patterns import INTERVIEW_SETUP, INTERVIEW_WITH

# "Hvordan lader dere opp?": the reporter asks a group (a band, a team, a company), plural "you"
_PLURAL_YOU = re.compile(r"(?<!\w)[Dd]ere(?:s)?(?!\w)")
_RECENT_QUOTES = 12


def interviewee(qp) -> str | None:
    """Who answers a reporter's questions: the person the set-up paragraph before the block talks with
    ("Avisen snakket med Solberg etter kampen"), else the first person it names. A question between two
    answers, or after someone spoke since that paragraph, goes to the person who answered before: the
    interview goes on."""
    previous = qp.previous_paragraph
    if previous is not None and previous is not qp.narration:
        for quote in reversed(qp.quotes[-4:]):
            inside = previous.start <= quote.start < previous.end
            if inside and quote.speaker_kind == "person" and quote.speaker != JOURNALIST:
                return quote.speaker
    zone = qp.narration
    if zone is None:
        return None
    # since the narration, the person who last answered goes on answering
    for quote in reversed(qp.quotes[-6:]):
        if quote.start < zone.end:
            break
        if quote.speaker_kind == "person" and quote.speaker and quote.speaker != JOURNALIST:
            return quote.speaker
    text = zone.text
    met = INTERVIEW_WITH.search(text)
    setups = list(INTERVIEW_SETUP.finditer(text))  # only where a reporter's question opens a Q&A
    if setups and (met is None or setups[-1].start() > met.start()):
        setup = setups[-1]
        who = next(g for g in setup.groups() if g)
        person = setup_person(qp, who, zone.start + setup.start())
        if person:
            return person
    names = [met.group(1)] if met else [m.group(1) for m in NAME_RE.finditer(text)]
    for name in names:
        canonical = qp.registry.canonical_person(clean_name(name), fuzzy=False)
        if canonical:
            return canonical
    return None


def setup_person(qp, who: str, offset: int) -> str | None:
    """The interviewee a set-up names: a known person, or by a role noun ("Vi møtte artisten") the latest
    holder of that role, else the person the article introduces with that title."""
    canonical = qp.registry.canonical_person(clean_name(who), fuzzy=False) if who[:1].isupper() else None
    if canonical:
        return canonical
    role = role_of(who.lower()) if " " not in who else None
    if not role:
        return None
    holder = qp.registry.by_role(role, None, offset)
    if holder:
        return holder
    # "Artisten Marte Dahl (29)": the title before the name, whatever the registry made of it
    stem = who.lower()
    for match in NAME_RE.finditer(qp.text, 0, offset):
        before = qp.text[max(0, match.start() - 30) : match.start()].split()
        if before and before[-1].lower().startswith(role) and before[-1].lower() in (role, stem):
            canonical = qp.registry.canonical_person(clean_name(match.group(1)), fuzzy=False)
            if canonical:
                return canonical
    return None


def group_interviewee(qp, question: str, person: str | None) -> str | None:
    """The group a question to "dere" asks, when the title names one: its first name that is no person's
    (no listed given name opens it: "Band: Sound Of Love"). Its members answer as "vi", and the guidelines
    give the answers to the interviewee, the group. None when the question asks no group, when the title
    names none, or when `person` (who answers otherwise) has just spoken (one of the last quotes, a
    bounded look back): "dere" to someone quoted before is their organisation, and they go on answering."""
    if not _PLURAL_YOU.search(question):
        return None
    if person is not None and any(quote.speaker == person for quote in qp.quotes[-_RECENT_QUOTES:]):
        return None
    title = next((zone for zone in qp.zones if zone.kind == "headline"), None)
    if title is None:
        return None
    given_names = first_name_genders()
    for match in NAME_RE.finditer(title.text):
        name = clean_name(match.group(1))
        if not name or name.split()[0] in given_names:
            continue
        canonical = qp.registry.canonical_person(name, fuzzy=False)
        if canonical and canonical.split()[0] not in given_names:
            return canonical
    return None
