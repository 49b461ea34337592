"""Content before the reporting verb: "Det opplyser X." after the content, and "X, mener Y"."""

from __future__ import annotations

import bisect
import re

from .attribution import apposition_subject, attribution_phrase, plausible_speaker
from .candidate import Candidate
from .patterns import DASH_START, HEADLINE_ZONES

_CONTENT_BEFORE_OPENER = re.compile(r"\s*(?:Det|Dette|Slik|Så)\s*")
_SOURCE_PREPOSITION = re.compile(r"^(?:det\s+)?(?:i|fra|av)\s+", re.IGNORECASE)
_AT_OR_OM_FIRST = re.compile(r"(?:at|om)\b")
_AT_OR_OM = re.compile(r"(?<!\w)(?:at|om)(?!\w)")
_CONJUNCTION_FIRST = re.compile(r"(?:Men|Og|Så)\s+")


def to_previous_sentence(qp, base: int, cue, phrase: str) -> bool:
    """ "Det opplyser X": X is the speaker of the sentence before (a quote there, or new indirect)."""
    previous = qp.previous_sentence()
    if previous is None:
        return False
    p_start, p_end = previous
    speaker, kind = qp.resolver.resolve(phrase, base + cue.end(), at=base + cue.end())
    inside = [q for q in qp.quotes[-5:] if q.start < p_end and q.end > p_start]
    if inside:
        # only a quote still waiting for its speaker; a continuation keeps the speaker before it
        if inside[-1].pending == "context" or (inside[-1].speaker is None and inside[-1].pending is None):
            inside[-1].speaker, inside[-1].speaker_kind, inside[-1].pending = speaker, kind, None
            inside[-1].cue = cue.group(0)
            inside[-1].mention = qp.resolver.take_mention()
            qp.resolver.remember(inside[-1])
            return True
        return False
    if len(qp.text[p_start:p_end].split()) < 4:
        return False
    zone = qp.zones[max(0, bisect.bisect_right(qp.zone_starts, p_start) - 1)]
    label = "headline" if zone.kind in HEADLINE_ZONES else "body"
    qp.add(Candidate("indirect", label, p_start, p_end, cue.group(0), speaker, kind))
    return True


def propose(qp, text: str, base: int, label: str, s_start: int, s_end: int, cue, left: str) -> bool | None:
    """The quote of a reporting verb whose content stands before it: "Det opplyser X." (the sentence before
    is the content) and "X, mener Y." (the words before the comma). True or False when the sentence has
    this form, None when it has not and the verb may head an "at"/"om" clause."""
    # "Det opplyser X." / "Slik het det i X.": the content is the sentence before
    opener = _CONTENT_BEFORE_OPENER.fullmatch(left)
    if opener:
        phrase, _ = attribution_phrase(text, cue.end())
        phrase = _SOURCE_PREPOSITION.sub("", phrase)
        rest = text[cue.end() : s_end].strip(" .")
        if phrase and not _AT_OR_OM_FIRST.match(rest) and plausible_speaker(phrase, need_capital=False):
            return to_previous_sentence(qp, base, cue, phrase)
    # "X, mener Y." — content before the verb (unless X is a subject with an apposition)
    if left.rstrip().endswith(",") and len(left.split()) >= 3 and not apposition_subject(left):
        phrase, _ = attribution_phrase(text, cue.end())
        # the words up to a relative clause (", mener politiet, som mener at …": that clause is another quote)
        after = text[cue.end() : s_end].split(",")[0].strip(" .")
        if plausible_speaker(phrase, need_capital=False) and not _AT_OR_OM.search(after):
            speaker, kind = qp.resolver.resolve(phrase, base + cue.end(), at=base + cue.end())
            start = s_start
            opening = _CONJUNCTION_FIRST.match(text, s_start)
            if opening:
                start = opening.end()
            # "… i helgen. – Systemet er sprengt, sier overlegen.": a dash mid-paragraph quotes directly
            kind_of_quote = "direct" if DASH_START.match(left.lstrip()) else "indirect"
            q = Candidate(
                kind_of_quote,
                label,
                base + start,
                base + s_start + len(left.rstrip()),
                cue.group(0),
                speaker,
                kind,
            )
            qp.add(q)
            return True
    return None
