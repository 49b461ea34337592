"""Settles what the conventions left open: speakers of unattributed dash and « » quotes, headline quotes
that repeat a body quote, crossheads that open a section."""

from __future__ import annotations

import bisect
from itertools import accumulate
from operator import itemgetter

from ..records import JOURNALIST
from .candidate import Candidate
from .patterns import CONTENT_STEM, CONTENT_WORD

_start = itemgetter(0)


class Claims:
    """The spans of a paragraph that conventions have taken, so later ones leave them alone. Queries cost
    a bisection, so a paragraph of thousands of sentences stays linear."""

    def __init__(self, spans: list[tuple[int, int]] = ()):
        if not spans:  # most paragraphs carry no claims over
            self._spans, self._starts, self._reach = [], [], []
            return
        # in the order appending them one by one gives: by start, equal starts as they come (a stable sort)
        self._spans: list[tuple[int, int]] = sorted(spans, key=_start)
        self._starts: list[int] = [span[0] for span in self._spans]
        self._reach: list[int] = list(accumulate((span[1] for span in self._spans), max))
        # (`_reach`: the furthest end among the spans up to each index)

    def append(self, span: tuple[int, int]) -> None:
        index = bisect.bisect_right(self._starts, span[0])
        self._starts.insert(index, span[0])
        self._spans.insert(index, span)
        del self._reach[index:]
        for _, end in self._spans[index:]:  # from the new span on: one step when it comes in text order
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def covers(self, position: int) -> bool:
        """Whether a claimed span holds `position` (start <= position < end)."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and self._reach[index] > position

    def contains(self, start: int, end: int) -> bool:
        """Whether one claimed span holds all of start:end."""
        index = bisect.bisect_right(self._starts, start) - 1
        return index >= 0 and self._reach[index] >= end


def settle_pending(qp) -> None:
    ordered = sorted(qp.quotes, key=lambda q: q.start)
    body = [q for q in ordered if q.zone == "body" and q.speaker and q.speaker != JOURNALIST]
    main_voice = _main_voice(body)
    body_starts = [q.start for q in body]
    stem_cache: dict[tuple[int, int], set[str]] = {}  # a quote's span → its content-word stems

    def stems_of(quote: Candidate) -> set[str]:
        span = (quote.start, quote.end)
        if span not in stem_cache:
            stem_cache[span] = _stems(qp.text[quote.start : quote.end])
        return stem_cache[span]

    holders: dict[str, list[int]] | None = None  # a content-word stem → the body quotes holding it

    def sharing(stems: set[str]) -> set[int]:
        """The body quotes that share a distinctive word with a headline quote, wherever they stand (the
        treebank's texts, and many sites, put every subheading above the body)."""
        nonlocal holders
        if holders is None:
            holders = {}
            for k, quote in enumerate(body):
                for stem in stems_of(quote):
                    holders.setdefault(stem, []).append(k)
        found: set[int] = set()
        for stem in stems:
            held = holders.get(stem, ())
            if len(held) <= _DISTINCTIVE:  # a word in many quotes tells little (and would cost)
                found.update(held)
        return found

    last: Candidate | None = None
    for index, q in enumerate(ordered):
        if q.pending == "previous" or (q.pending == "context" and q.zone == "body"):
            source = last
            if source is None:
                source = next(
                    (n for n in ordered[index + 1 :] if n.speaker and n.speaker != JOURNALIST), None
                )
            if source is not None:
                q.speaker, q.speaker_kind = source.speaker, source.speaker_kind
        elif q.pending == "described":
            best = _best_overlap(qp.text[q.start : q.end], body, body_starts, stems_of, q.start, sharing)
            if best is not None:
                q.speaker, q.speaker_kind = best.speaker, best.speaker_kind
        elif q.pending in ("overlap", "section"):
            best = _best_overlap(qp.text[q.start : q.end], body, body_starts, stems_of, q.start, sharing)
            if best is None and q.pending == "section":
                i = bisect.bisect_left(body_starts, q.start)
                best = body[i] if i < len(body) else None
            chosen = best or main_voice
            if chosen is not None:
                q.speaker, q.speaker_kind = chosen.speaker, chosen.speaker_kind
        if q.speaker and q.speaker != JOURNALIST and q.zone == "body":
            last = q


_STEM_STOPS = frozenset({"ikke", "skal", "blir", "være", "har", "også"})


def _stems(text: str) -> set[str]:
    lowered = text.lower()
    # one lower() for the whole quote instead of one per word, where that cannot differ: no change of
    # length ("İ") and no capital sigma (lower-cased by its context in a text, alone in a word)
    if len(lowered) == len(text) and "Σ" not in text:
        return set(CONTENT_STEM.findall(lowered)) - _STEM_STOPS
    return {w.lower()[:4] for w in CONTENT_WORD.findall(text)} - _STEM_STOPS


_DISTINCTIVE = 8  # a stem held by at most this many body quotes picks them out from anywhere


def _best_overlap(
    text: str, body: list[Candidate], body_starts: list[int], stems_of, position: int, sharing
) -> Candidate | None:
    """The body quote sharing most content words with a headline quote: among the nearest ones, and among
    those anywhere that share a distinctive word with it (`sharing`; both bounded, so the work stays
    linear in long articles)."""
    stems = _stems(text)
    if not stems:
        return None
    i = bisect.bisect_left(body_starts, position)
    nearby = range(max(0, i - 12), min(len(body), i + 12))
    best, best_score = None, 0.0
    for q in (body[k] for k in sorted(set(nearby) | sharing(stems))):
        shared = len(stems & stems_of(q))
        score = shared / len(stems) + (0.01 if q.kind == "direct" else 0.0) - abs(q.start - position) * 1e-9
        if shared and score > best_score:
            best, best_score = q, score
    return best


def _main_voice(body: list[Candidate]) -> Candidate | None:
    words: dict[str, int] = {}
    first: dict[str, Candidate] = {}
    for q in body:
        if q.kind == "direct":
            words[q.speaker] = words.get(q.speaker, 0) + q.end - q.start
            first.setdefault(q.speaker, q)
    if not words:
        return body[0] if body else None
    return first[max(words, key=words.get)]
