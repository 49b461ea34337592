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


def _enclosing(ordered: list[Candidate], index: int) -> Candidate | None:
    """An attributed quote next to ordered[index] in text order whose span holds it (bounded: the few
    neighbours a quote inside another can have)."""
    q = ordered[index]
    for other in ordered[max(0, index - 3) : index + 4]:
        if (
            other is not q
            and other.speaker
            and other.pending is None
            and other.start <= q.start
            and q.end <= other.end
        ):
            return other
    return None


def settle_pending(qp) -> None:
    ordered = sorted(qp.quotes, key=lambda q: q.start)
    body = [q for q in ordered if q.zone == "body" and q.speaker and q.speaker != JOURNALIST]
    main_voice = _main_voice(body)
    repeated = _BodyQuotes(qp.text, body)
    last: Candidate | None = None
    for index, q in enumerate(ordered):
        if q.pending == "previous" or (q.pending == "context" and q.zone == "body"):
            # words in « » inside reported speech ("uttrykker utvalget at «…»") are that speaker's
            source = _enclosing(ordered, index) if q.pending == "context" else None
            source = source or last
            if source is None:
                source = next(
                    (n for n in ordered[index + 1 :] if n.speaker and n.speaker != JOURNALIST), None
                )
            if source is not None:
                q.speaker, q.speaker_kind = source.speaker, source.speaker_kind
        elif q.pending == "described":
            best = repeated.best_overlap(q)
            if best is not None:
                q.speaker, q.speaker_kind = best.speaker, best.speaker_kind
        elif q.pending in ("overlap", "section"):
            best = repeated.best_overlap(q)
            if best is None and q.pending == "section":
                i = bisect.bisect_left(repeated.starts, q.start)
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


_NEARBY = 12  # body quotes either side of a headline quote's place that are always compared with it
_DISTINCTIVE = 8  # a stem held by at most this many body quotes picks them out from anywhere


class _BodyQuotes:
    """The attributed body quotes, in text order, that a headline quote may repeat: each quote's content-word
    stems are worked out once, and the stem → quotes index once a headline quote first asks."""

    def __init__(self, text: str, quotes: list[Candidate]):
        self.text = text
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self._stems: dict[int, set[str]] = {}  # index of a quote → its stems
        self._holders: dict[str, list[int]] | None = None  # a stem → the quotes holding it

    def stems_of(self, k: int) -> set[str]:
        if k not in self._stems:
            quote = self.quotes[k]
            self._stems[k] = _stems(self.text[quote.start : quote.end])
        return self._stems[k]

    def best_overlap(self, headline: Candidate) -> Candidate | None:
        """The body quote sharing most content words with a headline quote: among the nearest ones, and
        among those anywhere that share a distinctive word with it (the treebank's texts, and many sites,
        put every subheading above the body); both bounded, so the work stays linear in long articles."""
        stems = _stems(self.text[headline.start : headline.end])
        if not stems:
            return None
        position = headline.start
        i = bisect.bisect_left(self.starts, position)
        candidates = set(range(max(0, i - _NEARBY), min(len(self.quotes), i + _NEARBY)))
        candidates |= self._sharing(stems)
        best, best_score = None, 0.0
        for k in sorted(candidates):
            q = self.quotes[k]
            shared = len(stems & self.stems_of(k))
            score = (
                shared / len(stems) + (0.01 if q.kind == "direct" else 0.0) - abs(q.start - position) * 1e-9
            )
            if shared and score > best_score:
                best, best_score = q, score
        return best

    def _sharing(self, stems: set[str]) -> set[int]:
        if self._holders is None:
            self._holders = {}
            for k in range(len(self.quotes)):
                for stem in self.stems_of(k):
                    self._holders.setdefault(stem, []).append(k)
        found: set[int] = set()
        for stem in stems:
            held = self._holders.get(stem, ())
            if len(held) <= _DISTINCTIVE:  # a word in many quotes tells little (and would cost)
                found.update(held)
        return found


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
