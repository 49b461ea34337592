"""Quotes in « », " ", “ ” or ” ” (four words or more), also over several paragraphs."""

from __future__ import annotations

import re

from .attribution import attribution_end, attribution_phrase, introduction, plausible_speaker
from .candidate import Candidate
from .cues import cue_re, cues_in
from .merge import Claims
from .patterns import CLOSE_SEARCH, MARKED
from .works import is_work_title

_WORDS = re.compile(r"\w+")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_SENTENCE_END = re.compile(r"[.!?:]\s")
_PRONOUN_OPENING = re.compile(r"(Han|Hun) ")


def _pronoun_subject(text: str, mark: int) -> str | None:
    """ "han"/"hun" when the sentence holding the quote mark at `mark` opens with that pronoun."""
    window = max(0, mark - 300)  # a bounded look back keeps the pass linear
    start = window
    for found in _SENTENCE_END.finditer(text, window, mark):
        start = found.end()
    if start == window and window > 0:
        return None  # the sentence began further back than the window reads
    opening = _PRONOUN_OPENING.match(text, start)
    if opening is None:
        return None
    # "Hun syntes at «…»" is hers; in "Han har ikke fått med seg at en journalist skrev at han «…»" a
    # later reporting verb brings in the quote's own speaker
    if any(cue.start() > opening.end() for cue in cues_in(text, opening.end(), mark)):
        return None
    return opening.group(1).lower()


def propose(qp, zone, label: str, claimed: Claims) -> None:
    text, base = zone.text, zone.start
    opening = text.rfind("«")
    if opening >= 0 and "»" not in text[opening:] and not claimed.covers(base + opening):
        marked_across_paragraphs(qp, zone, label, base + opening, claimed)
        return
    if "”" in text and text.count("”") % 2 == 1:
        # ”…\n\n”…”: an odd ” opens a quote whose closing ” comes in a later paragraph
        opening = text.rfind("”")
        if not claimed.covers(base + opening):
            marked_across_paragraphs(qp, zone, label, base + opening, claimed)
            if any(a <= base + opening < b for a, b in qp.carried_claims):
                return
    if "«" not in text and '"' not in text and "“" not in text and "”" not in text:
        return  # no quote mark at all, as in most paragraphs: C-level tests instead of the pattern's scan
    for match in MARKED.finditer(text):
        start, end = base + match.start() + 1, base + match.end() - 1
        if claimed.covers(start):
            continue
        inner = match.group(0)[1:-1]
        if len(_WORDS.findall(inner)) < 4:
            continue  # fragments and titles: neither required nor useful for shares
        if is_work_title(text, match.start(), match.end()):
            continue  # "albumet «…»", "«…» slippes fredag": the title of a work, nobody's words
        after = text[match.end() :]
        attribution = _COMMA_GAP.match(after)
        cue = cue_re().match(after, attribution.end()) if attribution else None
        q = Candidate("direct", label, start, end, match.group(0)[0])
        if cue:
            phrase, sentence_end = attribution_phrase(after, cue.end())
            if plausible_speaker(phrase, need_capital=False):
                q.cue = cue.group(0)
                q.speaker, q.speaker_kind = qp.resolver.resolve(
                    phrase, start, after_direct=True, at=base + match.end() + cue.end()
                )
                claim_end = attribution_end(after, cue.end(), sentence_end)
                claimed.append((base + match.end(), base + match.end() + claim_end))
        if q.speaker is None:
            intro = introduction(text[max(0, match.start() - 160) : match.start()])
            if intro:
                q.cue, phrase = intro
                q.speaker, q.speaker_kind = qp.resolver.resolve(phrase, start)
            elif (pronoun := _pronoun_subject(text, match.start())) is not None:
                # "Hun syntes også dårlig om at «…»": the words the sentence quotes are its subject's
                q.speaker, q.speaker_kind = qp.resolver.resolve(pronoun, start)
            if q.speaker is None:
                q.pending = "context"
        if label == "headline" and q.speaker is None:
            q.pending = "overlap"
        qp.add(q)
        claimed.append((start - 1, end + 1))


def marked_across_paragraphs(qp, zone, label: str, opening: int, claimed: Claims) -> None:
    """A « quote whose closing » comes in a later paragraph: one quote that keeps the breaks inside. Each
    paragraph of a continued quote opens with « again (”), only the last one closes."""
    mark = qp.text[opening]
    closing = closing_mark(qp, opening, mark, "»" if mark == "«" else mark)
    if closing < 0:
        return
    q = Candidate("direct", label, opening + 1, closing, mark, pending="context")
    after = qp.text[closing + 1 : closing + 200]
    cue = cue_re().match(after, _COMMA_GAP.match(after).end())
    claim_end = closing + 1
    if cue:
        phrase, sentence_end = attribution_phrase(after, cue.end())
        if plausible_speaker(phrase, need_capital=False):
            q.speaker, q.speaker_kind = qp.resolver.resolve(
                phrase, opening, after_direct=True, at=closing + 1 + cue.end()
            )
            q.cue, q.pending = cue.group(0), None
            # the attribution ("», sier X.") is no indirect quote of its own in the later paragraph
            claim_end += attribution_end(after, cue.end(), sentence_end)
    if q.speaker is None:
        # "På Facebook skriver hun:\n\n«…": the introduction ends the paragraph before
        intro = introduction(qp.text[max(0, opening - 160) : opening].rstrip())
        if intro:
            q.cue, phrase = intro
            q.speaker, q.speaker_kind = qp.resolver.resolve(phrase, opening)
            q.pending = None if q.speaker else "context"
    if qp.add(q):
        claimed.append((opening, claim_end))
        qp.carried_claims.append((opening, claim_end))


def closing_mark(qp, opening: int, mark: str, close: str) -> int:
    """The mark that closes a quote opened at `opening` in a later paragraph, or -1: an opening mark is
    allowed only where a paragraph of the continued quote begins."""
    text, pos, limit = qp.text, opening + 1, min(len(qp.text), opening + 4000)
    marks = CLOSE_SEARCH[mark]
    crossed = False
    while True:
        found = marks.search(text, pos, limit)
        if found is None:
            return -1
        i = found.start()
        line_start = text.rfind("\n", opening, i)
        at_paragraph_start = line_start >= 0 and not text[line_start + 1 : i].strip()
        if at_paragraph_start and text[i] == mark:
            crossed, pos = True, i + 1
            continue
        if text[i] == close and (crossed or "\n" in text[opening:i]):
            return i
        return -1
