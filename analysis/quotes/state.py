"""One pass over the paragraphs of an article: the shared state the quoting conventions read and add to."""

from __future__ import annotations

import bisect

from ..article import Article
from ..discourse import DiscourseModel
from ..text import split_sentences
from .candidate import Candidate, trimmed
from .cues import (
    ALL_WORDS,
    PLAIN_WORD,
    ArticleWords,
    cue_at,
    cue_first_words,
    cues_in,
    possible_cue_words,
    word_starts,
)
from .resolve import SpeakerResolver

_FOLGE_BYTES = "følge".encode("latin-1")  # of "ifølge", as the word map spells it


class QuotePass:
    """The state of one pass over an article's paragraphs: the candidates so far, the paragraph in hand and
    what the conventions tell each other (the narration that sets up an interview, the sentence before)."""

    def __init__(self, article: Article, model: DiscourseModel):
        self.article = article
        self.text = article.text
        self.registry = model
        self.quotes: list[Candidate] = []
        self.carried_claims: list[tuple[int, int]] = []  # «» quotes that run over paragraph breaks
        self.zones = sorted(article.zones, key=lambda z: z.start)
        self.zone_starts = [z.start for z in self.zones]
        self.resolver = SpeakerResolver(model, self.quotes, self.zone_starts)
        self.last_sentence: tuple[int, int] | None = None
        # a paragraph whose last sentence is the previous one, not split until that is asked for
        self.unsplit_paragraph = None
        self.cue_memo: tuple | None = None  # (zone, paragraph_cues of it): the paragraph in hand
        self.words = ArticleWords(article.text, model.word_map)
        self.narration = None  # the last body paragraph that is not a dash quote: sets up an interview
        self.answer_to: str | None = None  # the interviewee, right after a reporter's question
        self.previous_paragraph = None
        self.questionnaire: str | None = None  # its interviewee ("" when the article is none), once asked

    def add(self, quote: Candidate) -> Candidate | None:
        """Keep a candidate (trimmed of marks and punctuation) with the words that named its speaker."""
        mention = self.resolver.take_mention()  # taken here, so no later quote gets them
        start, end = trimmed(self.text, quote.start, quote.end)
        if end - start < 2:
            return None
        quote.start, quote.end = start, end
        if quote.mention is None and quote.speaker is not None:
            quote.mention = mention
        self.quotes.append(quote)
        self.resolver.remember(quote)
        return quote

    def paragraph_cues(self, zone) -> tuple[bool, bool, bool, list[tuple[int, str]]]:
        """(whether lower() keeps the paragraph's length, whether "følge" stands in it lower-cased, whether a
        reporting verb's first word does, (offset, word) where a cue may start) of a paragraph, worked out
        once for both the dash and the indirect-speech pass. The word "" stands for any reporting verb
        where lower() changed the length (the offsets are then the lower-cased text's)."""
        if self.cue_memo is not None and self.cue_memo[0] is zone:
            return self.cue_memo[1]
        text = zone.text
        mapped = self.words.cue_starts(zone.start, zone.end, text)
        if mapped is not None:  # the word map's slice: the paragraph's length is kept
            hits, starts = mapped
            cues = (True, self.words.words.find(_FOLGE_BYTES, zone.start, zone.end) >= 0, hits, starts)
        else:
            lowered = text.lower()
            found = cue_first_words().intersection(ALL_WORDS.findall(lowered))
            possible = possible_cue_words(found, lowered)
            if not possible:
                starts = []  # no reporting verb can start in the paragraph
            elif len(lowered) == len(text):
                starts = word_starts(lowered, possible)
            else:  # lower() changed a length ("İ"): offsets into `lowered` are not offsets into `text`
                starts = [(w.start(), "") for w in PLAIN_WORD.finditer(lowered) if w.group(0) in possible]
            cues = (len(lowered) == len(text), "følge" in lowered, bool(found), starts)
        self.cue_memo = (zone, cues)
        return cues

    def cues_after(self, zone, pos: int):
        """`cues_in(zone.text, pos, len(zone.text))` from the paragraph's cue candidates."""
        text = zone.text
        same_length, _, _, starts = self.paragraph_cues(zone)
        if not same_length:
            yield from cues_in(text, pos, len(text))
            return
        for position, word in starts[bisect.bisect_left(starts, (pos, "")) :]:
            cue = cue_at(text, position, len(text), word)
            if cue:
                yield cue

    def set_previous_sentence(self, span: tuple[int, int]) -> None:
        self.last_sentence, self.unsplit_paragraph = span, None

    def previous_sentence(self) -> tuple[int, int] | None:
        """(start, end) of the sentence before the current one; splits a skipped paragraph on demand."""
        zone, self.unsplit_paragraph = self.unsplit_paragraph, None
        if zone is not None:
            sentences = split_sentences(zone.text, zone.start, zone.kind)
            if sentences:
                self.last_sentence = (sentences[-1].start, sentences[-1].end)
        return self.last_sentence
