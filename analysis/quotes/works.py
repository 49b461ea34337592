"""The veto on titles of works: «» spans that name an album, a book or a film are nobody's words."""

from __future__ import annotations

from .patterns import PUBLISHED_AFTER, WORK_NOUN_ENDINGS, WORK_WORDS


def is_work_title(text: str, opening: int, closing_end: int) -> bool:
    """Whether the marked span text[opening:closing_end] (marks included) is a title: right after a genre
    noun ("albumet «…»", "debutromanen «…»", "med tittelen «…»") or the subject of a publication verb
    ("«…» slippes fredag", "«…» har premiere")."""
    if PUBLISHED_AFTER.match(text, closing_end):
        return True
    before = text[max(0, opening - 40) : opening].split()
    if not before:
        return False
    last = before[-1].lower()
    return last in WORK_WORDS or last.endswith(WORK_NOUN_ENDINGS)
