"""Sentences, tokens and lemmas with character offsets into `Article.text` (Bokmål first, offline).

- Sentences never cross a zone, never break inside « » / “ ” quotes, after an abbreviation (bl.a., f.eks.,
  kl.) or after an ordinal ("17. mai"), and never at a dash.
- Tokens keep æøå, hyphenated compounds ("Ukraina-krisen") and numbers ("100.000", "2,5") whole; the
  dashes – — − and ASCII "-" standing alone are punctuation.
- Lemmas come from simplemma's Bokmål dictionary (MIT; ~640k forms from Norsk Ordbank-derived data),
  memoised per word type; NLTK's Snowball Norwegian stemmer is the optional alternative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from .article import Article, Zone, _data_lines

DASHES = "-–—−"
OPENING_QUOTES = "«“"
CLOSING_QUOTES = "»”"

_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,:]\d+)*(?:-\w+)?%?)"
    r"|(?P<word>[^\W\d_](?:[\w]|[-'’](?=\w))*)"
    r"|(?P<punct>\S)"
)
_SENTENCE_END_CANDIDATE = re.compile(r"[.!?…]+[»”\"')]*(?=\s+)")
_NEXT_STARTS_SENTENCE = re.compile(rf"\s+[{DASHES}«“\"(]?\s*[A-ZÆØÅÄÖÜ0-9]")


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


@cache
def abbreviations() -> frozenset[str]:
    return frozenset(_data_lines("abbreviations_nb.txt"))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; `offset` is added to every position so they point into the article text."""
    return [
        Token(m.group(0), m.start() + offset, m.end() + offset, m.lastgroup or "punct")
        for m in _TOKEN.finditer(text)
    ]


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Word tokens only (no numbers, no punctuation), as regex matches: the fast path for counting."""
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "word":
            yield match


def split_sentences(text: str, offset: int = 0, zone: str = "body") -> list[Sentence]:
    """Sentences of one paragraph; positions are shifted by `offset`."""
    sentences = []
    begin = 0
    quote_depth = _quote_depth_map(text)
    for match in _SENTENCE_END_CANDIDATE.finditer(text):
        end = match.end()
        if quote_depth[match.start()] > 0:
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


def _quote_depth_map(text: str) -> list[int]:
    """Nesting depth of « » and “ ” at every character (straight quotes toggle)."""
    depth, straight, out = 0, False, []
    for ch in text:
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES and depth > 0:
            depth -= 1
        elif ch == '"':
            straight = not straight
        out.append(depth + int(straight))
    return out


def _ends_with_abbreviation_or_ordinal(text: str, dot: int) -> bool:
    word = re.search(r"(\S+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lstrip('(«“"').lower()
    if token in abbreviations():
        return True
    # ordinals and dates: "17. mai" is caught by the lower-case rule; "17. Mai" or "2. Verdenskrig" here
    return token.isdigit() and len(token) <= 2 and not text[dot + 1 :].lstrip()[:1].isdigit()


def sentences(article: Article, zones: Iterable[Zone] | None = None) -> list[Sentence]:
    """Sentences of the analysed zones (headline, lead, body, crossheads) unless `zones` is given."""
    zones = article.analysed_zones if zones is None else zones
    out: list[Sentence] = []
    for zone in zones:
        out.extend(split_sentences(zone.text, zone.start, zone.kind))
    return out


@cache
def lemmatize(word: str) -> str:
    """Bokmål lemma of one word form: capitalised names keep their capital ("Russlands" → "Russland")."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nb")
    if word[:1].isupper() and not word.isupper():
        return lemma[:1].upper() + lemma[1:] if lemma else word
    return lemma.lower() if not word.isupper() else lemma


@cache
def stem(word: str) -> str:
    """NLTK's Snowball Norwegian stem of a word (lower-cased), the option for users who prefer stems."""
    return _stemmer().stem(word.lower())


@cache
def _stemmer():
    from nltk.stem.snowball import NorwegianStemmer

    return NorwegianStemmer()
