"""Headline-zone quotes: "Russlands utenriksminister: – Ikke redd for noen" and dash headlines, crossheads and
captions."""

from __future__ import annotations

from ..discourse import function_words, is_organisation, role_of
from .candidate import Candidate
from .merge import Claims
from .patterns import DASH_START, HEADLINE_COLON


def propose(qp, zone, claimed: Claims) -> None:
    colon = HEADLINE_COLON.match(zone.text)
    if colon and len(colon.group("who").split()) <= 6:
        who = colon.group("who")
        speaker, kind = qp.resolver.resolve(who, zone.start, at=zone.start)
        known = speaker in qp.registry.people or (
            kind == "organisation" and (is_organisation(speaker) or speaker in qp.registry.organisations)
        )
        if not known and not speaker_like(who):
            speaker, kind = None, None  # "Familie reddet ut av bolig: – …": a sentence, not a speaker
        start, end = zone.start + colon.start("quote"), zone.end
        pending = None if speaker else "overlap"
        if speaker and not known:
            pending = "described"  # "Vitne: – …": the body quote it repeats names the witness
        q = Candidate("direct", "headline", start, end, ":", speaker, kind, pending)
        qp.add(q)
        claimed.append((zone.start, zone.end))
    elif DASH_START.match(zone.text):
        dash = DASH_START.match(zone.text)
        # a dash crosshead introduces its section: without shared words it is the next voice's
        # (crossheads above the lead are teasers for the whole story)
        pending = "section" if zone.kind == "crosshead" and qp.narration is not None else "overlap"
        q = Candidate("direct", "headline", zone.start + dash.end(), zone.end, zone.text[0], pending=pending)
        qp.add(q)
        claimed.append((zone.start, zone.end))


def speaker_like(phrase: str) -> bool:
    """A headline's text before the colon names a speaker: a role ("Ordføreren"), a description of at
    most two words ("Nabo", "Eldre kvinne"), not a clause with more lower-case words."""
    words = phrase.split()
    lower = [w for w in words[1:] if w[:1].islower() and w.lower() not in function_words()]
    return bool(role_of(phrase)) or (len(words) <= 2 and not lower)
