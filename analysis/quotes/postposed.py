"""Content before the reporting verb: "Det opplyser X." after the content, and "X, mener Y"."""

from __future__ import annotations

import bisect

from .candidate import Candidate
from .patterns import HEADLINE_ZONES


def to_previous_sentence(qp, base: int, cue, phrase: str) -> bool:
    """ "Det opplyser X": X is the speaker of the sentence before (a quote there, or new indirect)."""
    previous = qp.previous_sentence()
    if previous is None:
        return False
    p_start, p_end = previous
    speaker, kind = qp.resolver.resolve(phrase, base + cue.end())
    inside = [q for q in qp.quotes[-5:] if q.start < p_end and q.end > p_start]
    if inside:
        # only a quote still waiting for its speaker; a continuation keeps the speaker before it
        if inside[-1].pending == "context" or (inside[-1].speaker is None and inside[-1].pending is None):
            inside[-1].speaker, inside[-1].speaker_kind, inside[-1].pending = speaker, kind, None
            inside[-1].cue = cue.group(0)
            qp.resolver.remember(inside[-1])
            return True
        return False
    if len(qp.text[p_start:p_end].split()) < 4:
        return False
    zone = qp.zones[max(0, bisect.bisect_right(qp.zone_starts, p_start) - 1)]
    label = "headline" if zone.kind in HEADLINE_ZONES else "body"
    qp.add(Candidate("indirect", label, p_start, p_end, cue.group(0), speaker, kind))
    return True
