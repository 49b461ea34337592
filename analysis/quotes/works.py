"""The veto on titles of works: «» spans that name an album, a book or a film are nobody's words."""

from __future__ import annotations

from .patterns import WORK_NOUN_ENDINGS, WORK_WORDS


def is_work_title(text: str, opening: int) -> bool:
    """A «» span right after a genre noun ("albumet «…»", "debutromanen «…»", "med tittelen «…»")."""
    before = text[max(0, opening - 40) : opening].split()
    if not before:
        return False
    last = before[-1].lower()
    return last in WORK_WORDS or last.endswith(WORK_NOUN_ENDINGS)
