"""A quote candidate as the conventions propose it, before the merge settles pending speakers."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Span
from .patterns import TRIM, WORD


@dataclass
class Candidate:
    kind: str
    zone: str
    start: int
    end: int
    cue: str
    speaker: str | None = None
    speaker_kind: str | None = None
    # "previous" (unattributed dash), "overlap" (headline), "described" (headline by an unnamed speaker),
    # "section" (crosshead), "context" («» w/o cue)
    pending: str | None = None
    mention: Span | None = None  # the words that name the speaker for this quote


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past dashes, quote marks, trailing punctuation and white space."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def words_of(text: str) -> list[str]:
    return WORD.findall(text)
