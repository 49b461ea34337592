"""Sentences, tokens and lemmas with character offsets into `Article.text` (Bokmål first, offline).

- Sentences never cross a zone, never break inside « » / “ ” quotes (a closing `.»` does end one), after an
  abbreviation (bl.a., f.eks., kl.) or after an ordinal before a month ("17. mai", "17. Mai"), and never at a
  dash. Abbreviations that are also names or words ("Jan", "red") count only in lower case.
- Tokens keep æøå, hyphenated compounds ("Ukraina-krisen") and numbers ("100.000", "2,5") whole; the
  dashes – — − and ASCII "-" standing alone are punctuation.
- Multi-part abbreviations ("bl.a.", "f.eks.", "t.o.m.") are one word token with their full stops.
- Lemmas come from simplemma's Bokmål dictionary (MIT; ~640k forms from Norsk Ordbank-derived data, shipped
  decoded in `analysis/data`), memoised per word type; NLTK's Snowball Norwegian stemmer is the optional alternative.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from .article import Article, Zone

DASHES = "-–—−"
OPENING_QUOTES = "«“"
CLOSING_QUOTES = "»”"

# A run of stops with its closing quotes, before whitespace. Only a run's first stop may start a match and
# nothing backtracks, so a paragraph of "!!!!…" is read once (a plain `[.!?…]+` retried at every stop of the
# run: quadratic).
_SENTENCE_END_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]++[»”\"')]*+(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(rf"\s+[{DASHES}«“\"(]?\s*[A-ZÆØÅÄÖÜ0-9]")
_QUOTE_MARK = re.compile(r"[«»“”\"]")
_MONTH_NAMES = frozenset(
    "januar februar mars april mai juni juli august september oktober november desember".split()
)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # "word", "number" or "punct"


class Sentence(NamedTuple):
    start: int
    end: int
    text: str
    zone: str


def _abbreviation_lines() -> list[str]:
    text = resources.files("analysis.data").joinpath("abbreviations_nb.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations (lower case, without the final full stop) after which a sentence does not end."""
    return frozenset(line.split("\t")[0] for line in _abbreviation_lines())


@cache
def _lower_only_abbreviations() -> frozenset[str]:
    """Abbreviations that are also names or words ("Jan", "red"): abbreviations only in lower case."""
    return frozenset(line.split("\t")[0] for line in _abbreviation_lines() if line.endswith("\tlower-only"))


@cache
def token_pattern() -> re.Pattern[str]:
    """The token regex: groups `word`, `number` and `punct` (`Match.lastgroup` says which)."""
    # Multi-part abbreviations ("bl.a.", "f.eks.") come first so that they stay one word with their stops;
    # single-part ones ("kl", "nr") stay a word plus a full stop, which the sentence splitter understands.
    multi_part = sorted((a for a in abbreviations() if "." in a), key=len, reverse=True)
    abbreviation = "|".join(re.escape(a) for a in multi_part) or "(?!)"
    # The lookahead "a few letters, a stop, a letter" fails fast on ordinary words before the alternation
    # is tried; the word pattern avoids a per-character alternation (both matter at a million words).
    return re.compile(
        rf"(?P<word>(?=\w{{1,4}}\.\w)(?<![\w.])(?i:{abbreviation})\.(?!\w)"
        r"|[^\W\d_]\w*(?:[-'’]\w+)*)"
        r"|(?P<number>\d+(?:[.,:]\d+)*(?:-\w+)?%?)"
        r"|(?P<punct>\S)"
    )


@cache
def token_strings_pattern() -> re.Pattern[str]:
    """The token pattern without groups: `findall` then returns plain strings (one object per token),
    for callers that classify tokens themselves (a word starts with a letter, a number with a digit)."""
    return re.compile(re.sub(r"\(\?P<\w+>", "(?:", token_pattern().pattern))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; `offset` is added to every position so they point into the article text."""
    return [
        Token(m.group(0), m.start() + offset, m.end() + offset, m.lastgroup or "punct")
        for m in token_pattern().finditer(text)
    ]


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Word tokens only (no numbers, no punctuation), as regex matches: the fast path for counting."""
    for match in token_pattern().finditer(text):
        if match.lastgroup == "word":
            yield match


def split_sentences(text: str, offset: int = 0, zone: str = "body") -> list[Sentence]:
    """Sentences of one paragraph; positions are shifted by `offset`."""
    return list(_split_sentences_memo(text, offset, zone))


# The quote finder and the tone pass split the same zones; remembering recent paragraphs saves the second
# split (str hashes are cached on the string objects, so a hit costs a dictionary lookup).
@lru_cache(maxsize=1 << 17)
def _split_sentences_memo(text: str, offset: int, zone: str) -> tuple[Sentence, ...]:
    return tuple(_split_sentences(text, offset, zone))


def _split_sentences(text: str, offset: int, zone: str) -> list[Sentence]:
    sentences = []
    begin = 0
    quote_depth = _QuoteDepth(text)
    for match in _SENTENCE_END_CANDIDATE.finditer(text):
        end = match.end()
        # depth after the candidate's last character: "sent.» Så" ends a sentence, "«Hei. Du» sa" does not
        if quote_depth.after(end - 1) > 0:
            continue
        if not _NEXT_STARTS_SENTENCE.match(text, end):
            continue
        if match.group(0).startswith(".") and _ends_with_abbreviation_or_ordinal(text, match.start()):
            continue
        piece = text[begin:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            sentences.append(Sentence(offset + begin + lead, offset + end, piece.strip(), zone))
        begin = end
    rest = text[begin:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        sentences.append(
            Sentence(offset + begin + lead, offset + begin + len(rest.rstrip()), rest.strip(), zone)
        )
    return sentences


class _QuoteDepth:
    """Nesting depth of « » and “ ” (straight quotes toggle) after any character, from the quote marks
    alone: paragraphs have few quote marks, so this avoids a pass over every character."""

    def __init__(self, text: str):
        self.positions: list[int] = []
        self.depths: list[int] = []
        depth, straight = 0, False
        for match in _QUOTE_MARK.finditer(text):
            ch = match.group(0)
            if ch in OPENING_QUOTES:
                depth += 1
            elif ch in CLOSING_QUOTES:
                depth = max(0, depth - 1)
            else:
                straight = not straight
            self.positions.append(match.start())
            self.depths.append(depth + int(straight))

    def after(self, index: int) -> int:
        at = bisect_right(self.positions, index)
        return self.depths[at - 1] if at else 0


def _ends_with_abbreviation_or_ordinal(text: str, dot: int) -> bool:
    raw = _word_before(text, dot).lstrip('(«“"')
    token = raw.lower()
    if token in abbreviations():
        return raw.islower() or token not in _lower_only_abbreviations()
    # Ordinals: "17. mai" never reaches here (the next word is lower case). Before a capital, only a month
    # keeps "17. Mai" together; "kl. 15. Så gikk han" ends a sentence.
    if token.isdigit() and len(token) <= 2:
        following = _FOLLOWING_WORD.match(text, dot + 1)
        return bool(following) and following.group(1).lower() in _MONTH_NAMES
    return False


_WORD_AT_END = re.compile(r"\S+\Z")
_FOLLOWING_WORD = re.compile(r"\s*(\w+)")


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters that ends at `end`, read backwards from `end` only: searching the
    paragraph from its start before every full stop made one long paragraph quadratic."""
    window = 32
    while True:
        start = max(0, end - window)
        match = _WORD_AT_END.search(text, start, end)
        if not match:
            return ""
        if match.start() > start or start == 0:
            return match.group(0)
        window *= 4  # a word longer than the window: look further back (rare; total work stays linear)


def sentences(article: Article, zones: Iterable[Zone] | None = None) -> list[Sentence]:
    """Sentences of the analysed zones (headline, lead, body, crossheads) unless `zones` is given."""
    zones = article.analysed_zones if zones is None else zones
    out: list[Sentence] = []
    for zone in zones:
        out.extend(split_sentences(zone.text, zone.start, zone.kind))
    return out


# Per-word memos are bounded: a batch over a large archive meets new word forms without end.
WORD_MEMO_SIZE = 1 << 16


@lru_cache(maxsize=WORD_MEMO_SIZE)
def lemmatize(word: str) -> str:
    """Bokmål lemma of one word form: capitalised names keep their capital ("Russlands" → "Russland")."""
    lemma = _lemmatizer().lemmatize(word, lang="nb")
    if word[:1].isupper() and not word.isupper():
        return lemma[:1].upper() + lemma[1:] if lemma else word
    return lemma.lower() if not word.isupper() else lemma


def raw_lemma(word: str) -> str:
    """simplemma's lemma exactly as it gives it (case untouched)."""
    return _lemmatizer().lemmatize(word, lang="nb")


def is_known_word(word: str) -> bool:
    """Whether simplemma's Bokmål dictionary lists this form (as `simplemma.is_known`)."""
    from simplemma.lemmatizer import normalize_token

    return _dictionary_lookup().get_lemma(normalize_token(word), "nb") is not None


@cache
def _lemmatizer():
    """simplemma's lemmatizer over the shipped copy of its Bokmål dictionary (`analysis.lemma_dictionary`:
    read in a fraction of the time simplemma's own decoder takes); nothing is written to disk."""
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_dictionaries()))


@cache
def _dictionary_lookup():
    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_dictionaries())


@cache
def _dictionaries():
    from .lemma_dictionary import ShippedDictionaryFactory

    return ShippedDictionaryFactory()


@lru_cache(maxsize=WORD_MEMO_SIZE)
def stem(word: str) -> str:
    """NLTK's Snowball Norwegian stem of a word (lower-cased), the option for users who prefer stems."""
    return _stemmer().stem(word.lower())


@cache
def _stemmer():
    from nltk.stem.snowball import NorwegianStemmer

    return NorwegianStemmer()
