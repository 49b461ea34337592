"""What words carry an article: lemmas, names, n-grams, keyness and keyword-in-context, as tidy DataFrames.

Only the article's own words count (headline, lead, body, crossheads); captions are counted separately
(`caption_count`) and boilerplate never. Every function takes an `Article` (or the `TermIndex` built from
one by `term_index`, which is memoised, so a report that calls several functions tokenizes once).
docs/terms.md explains the choices and gives the measured quality and speed.

How a word becomes a table key (decisions are made once per word type and memoised; the per-token work is
C-level: one findall per zone, `map`, `Counter` and numpy over whole lists):
- Common words become their simplemma Bokmål lemma in lower case ("utenriksministeren" → "utenriksminister"),
  or their Snowball stem with `unit="stem"`. When the Bokmål treebank clearly prefers a noun or adjective
  reading of the same form, it wins ("tropper" → "tropp", not the verb "troppe").
- Names keep their capital and lose a genitive s ("Russlands" → "Russland", "USAs" → "USA"). A capitalised
  word is a name when it is not clause-initial; a clause-initial one (first in a zone or after . ! ? : ; « »
  quotes, dashes or "(") is a name when the lexicon capitalises it (Russland, Nato), when the article also
  has it capitalised mid-sentence, or when the lexicon knows neither it, its genitive nor a compound head of
  it and the article never writes it in lower case. Clause-initial stopwords ("De øker", "I Oslo") stay
  common words unless the article uses the form as a name and a name follows ("Per Sandberg").
- A word in capitals is an acronym (a name) unless it stands in a run of words in capitals ("VÆR HILSET:",
  a caption kicker), which is read in lower case. "al-Gaddafi" is a name; "Ukraina-krisen", a compound with
  a lower-case head, is the common word "Ukraina-krise".
- A lower-case spelling of a name the article uses at least twice ("blinken" beside "Blinken") counts toward
  the name when the common word it would otherwise be is rare in the reference corpus.
"""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import chain, compress, filterfalse, repeat
from operator import add, itemgetter, neg
from typing import TYPE_CHECKING

import numpy as np

from .article import Article, Zone
from .jsonable import plain
from .text import (
    WORD_MEMO_SIZE,
    is_known_word,
    lemmatize,
    raw_lemma,
    stem,
    token_strings_pattern,
)

if TYPE_CHECKING:  # pragma: no cover - types only
    import pandas as pd

ANALYSED_KINDS = ("headline", "lead", "body", "crosshead")
COUNTED_KINDS = (*ANALYSED_KINDS, "caption")
UNITS = ("lemma", "stem")

# Punctuation after which a capital letter says nothing about names (a new sentence, clause or quote).
_CLAUSE_OPENERS = frozenset('.!?…:;«»“”"–—−-(')
_NAME_PARTICLES = frozenset("von van der den de da di du la le al bin ten".split())
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|at|bin|ibn|abu|bou|ben|d|l|o)[-'’][A-ZÆØÅ]")
# simplemma's reading is replaced by a noun/adjective reading only when the treebank clearly prefers it:
# seen at least 3 times and 4 times as often (on the NDT dev set: 95.4 % of common-word lemmas right against
# 95.3 % for simplemma alone, and readings an editor notices fixed: "tropper" → "tropp", "sanksjoner" →
# "sanksjon"; see tests/test_terms.py)
_MIN_READING_COUNT = 3
_READING_PREFERENCE = 4
# a lower-case spelling joins a name only if its common-word reading is this rare in the reference corpus
_RARE_REFERENCE_COUNT = 5
# inflection endings whose removal gives the base form: nouns ("troppene"), adjectives ("spente")
_NOUN_ENDINGS = ("ene", "er", "en", "et", "a")
_ADJECTIVE_ENDINGS = ("este", "est", "ere", "e", "t")


# ---------------------------------------------------------------- data files


@cache
def stopwords() -> frozenset[str]:
    """The curated Bokmål stopwords (single words and abbreviations), lower case."""
    return frozenset(w for w in _stopword_lines() if " " not in w)


@cache
def stop_phrases() -> tuple[tuple[str, ...], ...]:
    """Multiword function expressions ("om lag", "til og med"), longest first."""
    phrases = {tuple(w.split()) for w in _stopword_lines() if " " in w}
    return tuple(sorted(phrases, key=len, reverse=True))


def _stopword_lines() -> list[str]:
    text = resources.files("analysis.data").joinpath("stopwords_nb.txt").read_text(encoding="utf-8")
    return [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _stop_phrase_keys() -> frozenset[str]:
    return frozenset(" ".join(p) for p in stop_phrases())


@cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in stopwords())


@dataclass(frozen=True)
class _Reference:
    counts: dict[str, int]  # case-folded lemma → count over all parts of speech
    nouns: dict[str, int]  # case-folded lemma → count as a noun
    adjectives: dict[str, int]  # case-folded lemma → count as an adjective
    total: int


@cache
def _default_reference() -> _Reference:
    """The shipped Bokmål treebank lemma counts (public-domain, see the file's header)."""
    counts: Counter[str] = Counter()
    by_pos: dict[str, Counter[str]] = {"subst": Counter(), "adj": Counter()}
    path = resources.files("analysis.data").joinpath("reference_lemma_freq_nb.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)  # header: lemma, pos, count
        for lemma, pos, count in rows:
            key = lemma.casefold()
            counts[key] += int(count)
            if pos in by_pos:
                by_pos[pos][key] += int(count)
    return _Reference(dict(counts), dict(by_pos["subst"]), dict(by_pos["adj"]), sum(counts.values()))


def reference_counts() -> Counter[str]:
    """The default keyness reference as a Counter of case-folded lemmas."""
    return Counter(_default_reference().counts)


# ---------------------------------------------------------------- word types


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _is_known(word: str) -> bool:
    return is_known_word(word)


@lru_cache(maxsize=WORD_MEMO_SIZE)
def common_lemma(word: str) -> str:
    """Lower-case lemma of a common word, with the treebank breaking ties between readings."""
    lower = word.lower()
    lemma = lemmatize(lower).lower()
    if lemma == lower:  # a base form already ("samarbeide" the infinitive, not "samarbeid")
        return lemma
    reference = _default_reference()
    best, best_count = lemma, reference.counts.get(lemma, 0)
    for endings, counts in ((_NOUN_ENDINGS, reference.nouns), (_ADJECTIVE_ENDINGS, reference.adjectives)):
        for ending in endings:
            if lower.endswith(ending) and len(lower) - len(ending) >= 3:
                candidate = lower[: -len(ending)]
                count = counts.get(candidate, 0)
                if count >= _MIN_READING_COUNT and count > _READING_PREFERENCE * best_count:
                    best, best_count = candidate, count
    return best


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _is_unknown(lower: str) -> bool:
    """Unknown to the lexicon, and not a compound with a known head ("pressetalsperson" ends in "person")."""
    if _is_known(lower) or lemmatize(lower) != lower:
        return False
    if lower.endswith("s") and _is_known(lower[:-1]):  # a genitive the lexicon does not list ("byens")
        return False
    heads = (lower[cut:] for cut in range(3, len(lower) - 3))
    return not any(_is_known(head) and len(head) >= 4 for head in heads)


def clear_word_memos() -> None:
    """Forget every per-word-type decision (lemmas, stems, names), so that a benchmark times them."""
    for memo in (
        lemmatize,
        stem,
        common_lemma,
        _lexicon_name,
        _is_known,
        _is_unknown,
        _lower_case_reading,
        _capitalised_readings,
        _name_reading,
        _capitalised_shape,
    ):
        memo.cache_clear()
    _token_types().__init__()


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = word.replace("-", "")
    return len(letters) >= 2 and letters.isupper()


def _has_common_head(word: str) -> bool:
    """A hyphenated compound whose last part is lower case ("Ukraina-krisen") is a common noun."""
    return "-" in word and not _is_capitalised(word.rsplit("-", 1)[1])


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _lexicon_name(word: str) -> str | None:
    """The capitalised lemma simplemma's lexicon gives a proper noun ("Russlands" → "Russland"), else None.

    The lexicon must capitalise it by itself (from the lower-case form), or know the capitalised form as
    it stands ("USAs", "Regjeringen"): simplemma keeps the case of words it only guesses ("Krigsviljen")."""
    from_lower = raw_lemma(word.lower())
    if _is_capitalised(from_lower):
        return from_lower
    lemma = raw_lemma(word)
    if _is_capitalised(lemma) and _is_known(word):
        return lemma
    return None


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _lower_case_reading(word: str, unit: str) -> tuple[str, bool]:
    """(key, is_name) of a word written in lower case: the same in every article, so memoised."""
    if _PARTICLE_NAME.match(word):  # "al-Gaddafi", "el-Sisi"
        return word, True
    return (stem(word) if unit == "stem" else common_lemma(word)), False


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _capitalised_readings(form: str) -> tuple[str, str | None]:
    """A lower-case form capitalised, and the name the lexicon gives that ("russlands" → "Russland")."""
    capitalised = form[:1].upper() + form[1:]
    return capitalised, _lexicon_name(capitalised)


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _name_reading(word: str) -> tuple[str | None, str | None, bool]:
    """What the lexicon says of a capitalised word, the same in every article: its name lemma, else the
    base of its genitive ending ("Bidens" → "Biden") and whether the lexicon gives that base as a name."""
    lexicon = _lexicon_name(word)
    if lexicon:
        return lexicon, None, False
    for genitive in ("’s", "'s", "s", "’", "'"):
        if word.endswith(genitive) and len(word) > len(genitive) + 1:
            base = word[: -len(genitive)]
            return None, base, _lexicon_name(base) == base
    return None, None, False


@lru_cache(maxsize=WORD_MEMO_SIZE)
def _capitalised_shape(word: str, unit: str) -> tuple[str, str | None]:
    """ "acronym" (USA), "compound" with its key (Ukraina-krisen → Ukraina-krise) or "word"."""
    if _is_acronym(word):
        return "acronym", None
    if _has_common_head(word):
        prefix, head = word.rsplit("-", 1)
        return "compound", f"{prefix}-{stem(head) if unit == 'stem' else common_lemma(head)}"
    return "word", None


@dataclass
class _Resolver:
    """Decides, once per word type, the key of a word and whether it is a name (see the module docstring)."""

    unit: str
    mid_capitalised: set[str]  # capitalised forms seen mid-sentence (analysed zones and captions)
    capitalised: set[str]  # capitalised forms seen anywhere
    lower_forms: set[str]  # lower-case forms seen anywhere

    def name_key(self, word: str) -> str:
        lexicon, base, base_is_lexicon_name = _name_reading(word)
        if lexicon:
            return lexicon
        if base is not None and (base in self.capitalised or base_is_lexicon_name):
            return base  # a genitive whose base the article or the lexicon has
        return word

    def common_key(self, word: str) -> str:
        return stem(word) if self.unit == "stem" else common_lemma(word)

    def resolve(self, word: str, initial: bool) -> tuple[str, bool]:
        if not _is_capitalised(word):
            return _lower_case_reading(word, self.unit)
        shape, compound_key = _capitalised_shape(word, self.unit)
        if shape == "compound":
            return compound_key, False
        if shape == "acronym" or not initial:
            return self.name_key(word), True
        key = self.name_key(word)
        lower = word.lower()
        if lower in stopwords():  # "De øker" is not the party "De Radikale"
            return self.common_key(word), False
        if (
            _lexicon_name(word)
            or key in self.mid_capitalised
            or word in self.mid_capitalised
            or (_is_unknown(lower) and lower not in self.lower_forms)
        ):
            return key, True
        return self.common_key(word), False


# ---------------------------------------------------------------- the index


class _TokenTypes:
    """What the index asks of a token string regardless of the article, settled once per string in plain
    dicts and sets: an article then costs C-level set algebra and `map` over its tokens, and Python work
    only for the strings no article had before. Bounded: emptied when it passes TOKEN_TYPES_SIZE strings."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.form_of: dict[str, str] = {}  # the word, or "" (a word starts with a letter)
        self.capitalised: set[str] = set()
        self.shouting: set[str] = set()  # two or more letters, all capitals
        self.lowerable: set[str] = set()  # changed by lower()
        self.phrase_first: set[str] = set()  # lower-cased, the first word of a stop phrase
        self.phrase_second: set[str] = set()  # lower-cased, the second word of a stop phrase
        self.readings: dict[str, dict[str, tuple[str, bool]]] = {unit: {} for unit in UNITS}
        self.capitalised_reading: dict[str, tuple[str, str | None]] = {}
        self.forms_read_as: dict[str, set[str]] = {}  # a reading in capitalised_reading -> its forms
        self.keys_seen: dict[str, set[str]] = {unit: set() for unit in UNITS}
        self.stop_keys: dict[str, set[str]] = {unit: set() for unit in UNITS}  # lower-cased, a stopword

    def classify(self, strings: Set[str]) -> None:
        # set.difference walks the smaller side; `-` on a dict view would walk all of `seen`
        new = set(strings).difference(self.seen)
        if not new:
            return
        if len(self.seen) + len(new) > TOKEN_TYPES_SIZE:
            self.__init__()
        first_words, second_words = _phrase_words(0), _phrase_words(1)
        for t in new:
            self.form_of[t] = t if t[:1].isalpha() else ""
            if t[:1].isupper():
                self.capitalised.add(t)
            if len(t) > 1 and t.isupper() and t.isalpha():
                self.shouting.add(t)
            lower = t.lower()
            if lower != t:
                self.lowerable.add(t)
            if lower in first_words:
                self.phrase_first.add(t)
            if lower in second_words:
                self.phrase_second.add(t)
        self.seen |= new

    def stop_like(self, keys: Set[str], unit: str) -> set[str]:
        """The keys whose lower case is a stopword of the unit (or the stem of one)."""
        new = keys.difference(self.keys_seen[unit])
        if new:
            stop_source = _stop_stems() | stopwords() if unit == "stem" else stopwords()
            self.stop_keys[unit].update(k for k in new if k.lower() in stop_source)
            self.keys_seen[unit] |= new
        return keys & self.stop_keys[unit]

    def lower_readings(self, lower_forms: Iterable[str], unit: str) -> dict[str, tuple[str, bool]]:
        """`_lower_case_reading` of each form, kept per unit."""
        known = self.readings[unit]
        for form in set(lower_forms).difference(known):
            known[form] = _lower_case_reading(form, unit)
        return known

    def capitalised_readings(self, lower_forms: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """`_capitalised_readings` of each form."""
        known, forms_read_as = self.capitalised_reading, self.forms_read_as
        for form in set(lower_forms).difference(known):
            known[form] = readings = _capitalised_readings(form)
            for reading in filter(None, readings):
                forms_read_as.setdefault(reading, set()).add(form)
        return known


TOKEN_TYPES_SIZE = 4 * WORD_MEMO_SIZE


@cache
def _token_types() -> _TokenTypes:
    return _TokenTypes()


@dataclass
class TermIndex:
    """Every word of an article's analysed zones and captions, in order, with its key.

    `keys` has None where a punctuation mark or number breaks the word sequence (n-grams never cross it)
    and "" on the later words of a stop phrase; `forms` (the surface words, "" at breaks) and `zones` run
    parallel to it. Character offsets are computed on demand (`starts`), since only concordance lines and
    first mentions need them.
    """

    article: Article
    unit: str
    keys: list[str | None]
    forms: list[str]
    zones: list[str]
    names: frozenset[str]
    stop_keys: frozenset[str]
    words: int  # word tokens in the analysed zones (captions excluded): the per-1,000 denominator
    caption_words: int
    zone_spans: list[tuple[int, Zone]]  # (index of the zone's first token, zone)
    memo: dict = field(default_factory=dict, repr=False)  # derived data shared by the table functions

    def is_stop(self, key: str) -> bool:
        return key in self.stop_keys

    @property
    def starts(self) -> list[int]:
        """Character offset into `Article.text` of every token (the zone's end for the zone separator)."""
        if "starts" not in self.memo:
            self.memo["starts"] = self._start_array().tolist()
        return self.memo["starts"]

    @property
    def zone_firsts(self) -> list[int]:
        if "zone_firsts" not in self.memo:
            self.memo["zone_firsts"] = [first for first, _ in self.zone_spans]
        return self.memo["zone_firsts"]

    def offsets_of(self, positions: Iterable[int]) -> dict[int, int]:
        """Character offsets of some tokens: from the offsets of all tokens when known, else by matching
        the tokens again in the zones that hold them only (a few names' first mentions need a few
        paragraphs, not the whole text)."""
        positions = list(positions)
        if "start_array" in self.memo:
            starts = self._start_array(max(positions, default=-1) + 1)
            return {p: int(starts[p]) for p in positions}
        by_zone: dict[int, list[int]] = {}
        for p in positions:
            by_zone.setdefault(bisect_right(self.zone_firsts, p) - 1, []).append(p)
        pattern, offsets = token_strings_pattern(), {}
        for z, wanted in by_zone.items():
            first, zone = self.zone_spans[z]
            ordinals = {p - first for p in wanted}
            last, found = max(ordinals), {}
            for ordinal, match in enumerate(pattern.finditer(zone.text)):
                if ordinal in ordinals:
                    found[ordinal] = zone.start + match.start()
                if ordinal >= last:
                    break
            for p in wanted:
                offsets[p] = found.get(p - first, zone.end)  # past the zone's tokens: its separator
        return offsets

    def _start_array(self, needed: int | None = None) -> np.ndarray:
        """Offsets of the first `needed` tokens at least (all when None), from token lengths alone, with
        numpy: the tokens of a zone cover every non-space character of it in order (the pattern's last
        alternative is any non-space character, and no token holds a space), so a token starts at the
        non-space character that follows the characters of the zone's earlier tokens. No second regex
        pass over the text; first mentions early in a long article read only its beginning."""
        needed = len(self.keys) if needed is None else needed
        known = self.memo.get("start_array")
        if known is not None and len(known) >= needed:
            return known
        if not self.zone_spans or needed <= 0:
            return np.zeros(0, dtype=np.int64)
        zone_count = bisect_right(self.zone_firsts, needed - 1)  # the zones holding those tokens
        spans = self.zone_spans[:zone_count]
        firsts = np.array(self.zone_firsts[:zone_count], dtype=np.int64)
        tokens_end = self.zone_firsts[zone_count] if zone_count < len(self.zone_spans) else len(self.keys)
        tokens = self.memo["tokens"][:tokens_end]
        text = self.article.text[: spans[-1][1].end]
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        nonspace = np.flatnonzero(~_IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)])
        separators = np.append(firsts[1:], len(tokens)) - 1
        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        lengths[separators] = 0
        before = np.cumsum(lengths) - lengths  # characters of all earlier tokens
        zone_starts = np.array([zone.start for _, zone in spans], dtype=np.int64)
        base = np.searchsorted(nonspace, zone_starts) - before[firsts]
        index = np.repeat(base, np.diff(np.append(firsts, len(tokens)))) + before
        starts = nonspace[np.minimum(index, len(nonspace) - 1)] if len(nonspace) else index
        starts[separators] = [zone.end for _, zone in spans]
        self.memo["start_array"] = starts
        return starts

    def zone_at(self, position: int) -> Zone:
        return self.zone_spans[bisect_right(self.zone_firsts, position) - 1][1]

    def counts_by_kind(self) -> dict[str, Counter[str]]:
        """Key counts per zone kind (headline, lead, body, crosshead, caption), counted once."""
        if "counts_by_kind" not in self.memo:
            # one C-level count over all keys; the small zones are counted from their slices and
            # subtracted, so a million-word body is never walked in Python
            body = Counter(self.keys)
            per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in COUNTED_KINDS}
            ends = [*self.zone_firsts[1:], len(self.keys)]
            for (first, zone), end in zip(self.zone_spans, ends, strict=True):
                if zone.kind != "body":
                    per_kind[zone.kind].update(self.keys[first:end])
            others = [counts for kind, counts in per_kind.items() if kind != "body"]
            for counts in others:
                body.subtract(counts)
            # only the keys of the other zones can have dropped to zero: deleted in place, which keeps the
            # order of the rest (a copy of the positive counts would walk every key)
            for key in set().union(*others):
                if body[key] <= 0:
                    del body[key]
            per_kind["body"] = body
            for counts in per_kind.values():
                counts.pop(None, None)
                counts.pop("", None)
            self.memo["counts_by_kind"] = per_kind
        return self.memo["counts_by_kind"]


# code point → whether `\s` matches it (str.isspace); the last entry stands for every higher code point
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)
_ZONE_END = "\n"  # a token of its own after each zone: a break, and a clause opener for the next zone


def term_index(article: Article | TermIndex, unit: str = "lemma") -> TermIndex:
    """Tokenize and key an article. Pass the `TermIndex` to the table functions to tokenize once; an index
    keeps the index of its other unit once asked for it (nothing is kept anywhere else)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    if isinstance(article, TermIndex):
        if article.unit == unit:
            return article
        if ("index", unit) not in article.memo:
            article.memo[("index", unit)] = _build_index(article.article, unit)
        return article.memo[("index", unit)]
    return _build_index(article, unit)


def _build_index(article: Article, unit: str) -> TermIndex:
    # The per-token work is C-level: findall, map, Counter and numpy over whole lists. Python-level
    # decisions are made once per word type. (One findall per zone is faster than one over all zones
    # joined: the tuples of each zone die young.)
    token_lists: list[list[str]] = []
    zone_spans: list[tuple[int, Zone]] = []
    zones: list[str] = []
    caption_words = 0
    pattern, position = token_strings_pattern(), 0
    for zone in article.zones:
        if zone.kind not in COUNTED_KINDS:
            continue
        zone_spans.append((position, zone))
        tokens = pattern.findall(zone.text)
        tokens.append(_ZONE_END)  # zones never join into one n-gram
        token_lists.append(tokens)
        zones.extend([zone.kind] * len(tokens))
        position += len(tokens)
    tokens = list(chain.from_iterable(token_lists))
    # each distinct token string is classified once per process (see _TokenTypes)
    distinct = set(tokens)
    types = _token_types()
    types.classify(distinct)
    forms: list[str] = list(map(types.form_of.__getitem__, tokens))
    ends = [first for first, _ in zone_spans[1:]] + [len(forms)]
    for (first, zone), end in zip(zone_spans, ends, strict=True):
        if zone.kind == "caption":
            caption_words += sum(1 for form in forms[first:end] if form)
    _lower_shouting(forms, distinct & types.shouting)

    form_counts = Counter(forms)
    del form_counts[""]
    types.classify(form_counts.keys())  # forms lowered from shouting may be new
    capitalised = form_counts.keys() & types.capitalised
    openers = _CLAUSE_OPENERS | {_ZONE_END}
    # a token follows an opener when the token before it is one (a punctuation mark is its own token)
    after_opener = np.empty(len(tokens), dtype=bool)
    after_opener[:1] = True  # the first token follows the start, as after a zone's end (if any)
    after_opener[1:] = _member_mask(tokens[:-1], openers)
    initial_positions = np.flatnonzero(_member_mask(forms, capitalised) & after_opener).tolist()
    initial_counts = Counter(forms[i] for i in initial_positions)
    # forms written mid-sentence at least once (most are never clause-initial)
    mid_forms = set(form_counts)
    for form, count in initial_counts.items():
        if form_counts[form] == count:
            mid_forms.discard(form)
    mid_capitalised = mid_forms & capitalised
    resolver = _Resolver(
        unit=unit,
        mid_capitalised=mid_capitalised,
        capitalised=capitalised,
        lower_forms=set(form_counts) - capitalised,
    )
    # most word types are written in lower case, and their reading is the same in every article
    lower_mid = list(mid_forms - capitalised)
    mid_keys: dict[str | None, tuple[str, bool]] = dict(
        zip(lower_mid, map(types.lower_readings(lower_mid, unit).__getitem__, lower_mid), strict=True)
    )
    mid_keys.update((f, resolver.resolve(f, False)) for f in mid_capitalised)
    initial_keys = {f: resolver.resolve(f, True) for f in initial_counts}
    readings = [*mid_keys.values(), *initial_keys.values()]
    names = set(compress(map(itemgetter(0), readings), map(itemgetter(1), readings)))
    _merge_lower_case_names(mid_keys, lower_mid, names, form_counts, unit)

    key_of = dict(zip(mid_keys, map(itemgetter(0), mid_keys.values()), strict=True))
    keys: list[str | None] = list(map(key_of.get, forms))
    total = len(forms)
    for i in initial_positions:
        form = forms[i]
        key, is_name = initial_keys[form]
        following = keys[i + 1] if i + 1 < total else None
        if (
            not is_name
            and form in mid_keys
            and mid_keys[form][1]
            and (following in names or forms[i + 1] in _NAME_PARTICLES)
        ):
            # "Per" opening a sentence is the name when the article uses it as one and a name follows
            # ("Per Sandberg sier"); "De øker" stays the pronoun although the party "De Radikale" exists
            key = mid_keys[form][0]
        keys[i] = key
    phrase_tails = _mark_stop_phrases(keys, forms, form_counts)
    key_types = set(keys)
    key_types.discard(None)
    key_types.discard("")
    # names are never stopwords ("Per" the name, "per" the preposition)
    stop_keys = frozenset(types.stop_like(key_types, unit) - names) | _stop_phrase_keys()
    words = form_counts.total() - caption_words
    index = TermIndex(
        article, unit, keys, forms, zones, frozenset(names), stop_keys, words, caption_words, zone_spans
    )
    # surface forms per key, from the form counts (stop phrases aside, which list themselves): every
    # occurrence under its mid-sentence key, then the clause-initial ones moved to their own key
    mid_list = list(key_of)
    pairs = zip(map(key_of.__getitem__, mid_list), mid_list, strict=True)
    form_keys: dict[tuple[str, str], int] = dict(
        zip(pairs, map(form_counts.__getitem__, mid_list), strict=True)
    )
    for form, initial in initial_counts.items():
        if form in key_of:
            form_keys[key_of[form], form] -= initial
        pair = (initial_keys[form][0], form)
        form_keys[pair] = form_keys.get(pair, 0) + initial
    index.memo["form_keys"] = form_keys
    index.memo["tokens"] = tokens  # for offsets, computed from token lengths when asked for
    index.memo["initial_positions"] = initial_positions
    index.memo["mid_key_of"] = key_of
    index.memo["phrase_tails"] = phrase_tails
    index.memo["is_name_at_initial"] = {f: is_name for f, (_, is_name) in initial_keys.items()}
    return index


def _member_mask(items: Sequence[str | None], members: Set[str]) -> np.ndarray:
    """Which items are in `members`, as a boolean array: a C-level pass over a long list."""
    return np.fromiter(map(members.__contains__, items), dtype=bool, count=len(items))


def _lower_shouting(forms: list[str], capitals: Set[str]) -> None:
    """Lower-case runs of two or more words in capitals ("VÆR HILSET:"): shouting, not acronyms.

    `capitals`: the forms of two or more letters, all capitals."""
    if not capitals:
        return
    positions = np.flatnonzero(_member_mask(forms, capitals)).tolist()
    in_run = {i for i, j in zip(positions, positions[1:], strict=False) if j == i + 1}
    for i in in_run | {i + 1 for i in in_run}:
        forms[i] = forms[i].lower()


def _merge_lower_case_names(
    mid_keys: dict[str | None, tuple[str, bool]],
    lower_forms: list[str],
    names: set[str],
    form_counts: Counter,
    unit: str,
) -> None:
    """Count "blinken" toward "Blinken" when the article names Blinken twice and "blink" is rare in news.

    `lower_forms`: the keys of `mid_keys` written in lower case."""
    reference = _default_reference().counts
    name_counts: Counter[str] | None = None
    if not lower_forms or not names:
        return
    # the forms whose capitalised readings are names, looked up from the names (a few) rather than tested
    # form by form (hundreds); each form is decided on its own, so their order does not matter
    types = _token_types()
    readings = types.capitalised_readings(lower_forms)
    candidates: set[str] = set()
    for name in names:
        forms = types.forms_read_as.get(name)
        if forms:
            candidates |= forms
    for form in candidates.intersection(lower_forms):
        capitalised, lexicon = readings[form]
        key, is_name = mid_keys[form]
        if is_name:
            continue
        candidate = capitalised if capitalised in names else lexicon
        if name_counts is None:  # only articles with such a spelling pay for this count
            name_counts = Counter()
            for other, (other_key, other_is_name) in mid_keys.items():
                if other_is_name:
                    name_counts[other_key] += form_counts[other]
        common = common_lemma(form) if unit == "stem" else key
        if name_counts[candidate] >= 2 and reference.get(common, 0) < _RARE_REFERENCE_COUNT:
            mid_keys[form] = (candidate, True)


@cache
def _phrase_words(position: int) -> frozenset[str]:
    return frozenset(phrase[position] for phrase in stop_phrases())


@cache
def _phrases_by_pair() -> dict[tuple[str, str], list[tuple[str, ...]]]:
    by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for phrase in stop_phrases():
        by_pair.setdefault(phrase[:2], []).append(phrase)
    return by_pair


def _mark_stop_phrases(keys: list[str | None], forms: list[str], form_counts: Counter) -> list[int]:
    """Key multiword function expressions ("om lag") as one stop phrase on their first word.

    Returns the positions of the phrases' later words (keyed "", not counted again)."""
    tails: list[int] = []
    types = _token_types()
    first_forms = form_counts.keys() & types.phrase_first
    second_forms = form_counts.keys() & types.phrase_second
    if not first_forms or not second_forms:
        return tails
    total = len(forms)
    by_pair = _phrases_by_pair()
    # "i" and "til" are everywhere: filter on the second word before checking whole phrases
    first_positions = np.flatnonzero(_member_mask(forms, first_forms)).tolist()
    for position in [i for i in first_positions if i + 1 < total and forms[i + 1] in second_forms]:
        # only the phrases that start with these two words can match (longest first, as in stop_phrases)
        for phrase in by_pair.get((forms[position].lower(), forms[position + 1].lower()), ()):
            end = position + len(phrase)
            if end <= total and all(
                forms[position + k] and forms[position + k].lower() == phrase[k] for k in range(len(phrase))
            ):
                keys[position] = " ".join(phrase)
                for k in range(1, len(phrase)):
                    keys[position + k] = ""  # part of the phrase: not counted again
                    tails.append(position + k)
                break
    return tails


def _index(article: Article | TermIndex, unit: str = "lemma") -> TermIndex:
    return term_index(article, unit)


# ---------------------------------------------------------------- lemma table


def lemma_counts(article: Article | TermIndex, unit: str = "lemma") -> Counter[str]:
    """Counts of every key in the analysed zones (stopwords included): a batch's keyness reference, and
    all a corpus needs of the terms stage (no n-grams, no keyness, no tables)."""
    return Counter(_analysed_counts(_index(article, unit)))


def _analysed_counts(index: TermIndex) -> Counter[str]:
    """`lemma_counts`, kept on the index for the tables (callers must not change it)."""
    if "analysed_counts" not in index.memo:
        by_kind = index.counts_by_kind()
        total = Counter(by_kind["body"])
        for kind in ("headline", "lead", "crosshead"):
            total.update(by_kind[kind])
        index.memo["analysed_counts"] = total
    return index.memo["analysed_counts"]


def lemma_table(
    article: Article | TermIndex, unit: str = "lemma", include_stopwords: bool = False
) -> pd.DataFrame:
    """One row per lemma (or stem), most frequent first.

    Columns: lemma, count (headline + lead + body + crosshead), per_1000 (per 1,000 analysed words),
    forms (surface forms, most frequent first), headline, lead, body, crosshead (crossheads are counted
    separately from body; count is their sum), caption_count (not in count), is_name, is_stopword.
    """
    columns = _lemma_columns(_index(article, unit), unit, include_stopwords)
    import pandas as pd  # the table views only: the JSON and corpus paths never load pandas

    return pd.DataFrame(columns).astype(
        {"lemma": str, "per_1000": float, "is_name": bool, "is_stopword": bool}
    )


LEMMA_COLUMNS = tuple(
    "lemma count per_1000 forms headline lead body crosshead caption_count is_name is_stopword".split()
)


def lemma_rows(
    article: Article | TermIndex,
    top_n: int | None = None,
    unit: str = "lemma",
    include_stopwords: bool = False,
) -> list[dict]:
    """The first `top_n` rows of `lemma_table` (all when None) as dicts of plain values, without pandas."""
    columns = _finite_or_none(_lemma_columns(_index(article, unit), unit, include_stopwords, top_n))
    # dict displays, not dict(zip(names, row)): a third of the cost a row
    return [
        {
            "lemma": lemma,
            "count": count,
            "per_1000": per_1000,
            "forms": forms,
            "headline": headline,
            "lead": lead,
            "body": body,
            "crosshead": crosshead,
            "caption_count": caption_count,
            "is_name": is_name,
            "is_stopword": is_stopword,
        }
        for lemma, count, per_1000, forms, headline, lead, body, crosshead, caption_count, is_name, is_stopword in zip(
            *map(columns.get, LEMMA_COLUMNS), strict=True
        )
    ]


def _lemma_columns(
    index: TermIndex, unit: str, include_stopwords: bool, top_n: int | None = None
) -> dict[str, list]:
    by_kind = index.counts_by_kind()
    analysed = _analysed_counts(index)
    keys = list(analysed) if include_stopwords else list(filterfalse(index.stop_keys.__contains__, analysed))
    # most frequent first; ties: words in the headline and lead first (they frame the story), then A–Z.
    # The sort keys are built by C-level passes (a Counter's missing key is a Python call); keys are
    # distinct, so the order is total and the first rows of a partial selection are those of a sort.
    headline, lead = by_kind["headline"], by_kind["lead"]
    fronts = map(add, map(headline.get, keys, repeat(0)), map(lead.get, keys, repeat(0)))
    decorated = zip(map(neg, map(analysed.__getitem__, keys)), map(neg, fronts), keys, strict=True)
    # one C-level sort of the decorated keys (heapq.nsmallest walks them in Python)
    keys = list(map(itemgetter(2), sorted(decorated)[:top_n]))
    wanted = set(keys)
    forms: dict[str, list[tuple[int, str]]] = {}
    form_keys = index.memo["form_keys"]
    held = compress(form_keys.items(), map(wanted.__contains__, map(itemgetter(0), form_keys)))
    for (key, form), count in held:
        forms.setdefault(key, []).append((-count, form))
    words = max(1, index.words)
    names, stop_keys = index.names, index.stop_keys

    def counts_in(kind: str) -> list[int]:
        return list(map(by_kind[kind].get, keys, repeat(0)))

    counts = list(map(analysed.__getitem__, keys))
    return {
        "lemma": keys,
        "count": counts,
        "per_1000": [1000 * count / words for count in counts],
        "forms": [[f for _, f in sorted(forms.get(k, ()))] if " " not in k else [k] for k in keys],
        "headline": counts_in("headline"),
        "lead": counts_in("lead"),
        "body": counts_in("body"),
        "crosshead": counts_in("crosshead"),
        "caption_count": counts_in("caption"),
        "is_name": [k in names for k in keys],
        "is_stopword": [k in stop_keys for k in keys],
    }


def _finite_or_none(columns: dict[str, list]) -> dict[str, list]:
    """Columns of plain values with non-finite floats as None (as in `records`), changed in place."""
    for name, values in columns.items():
        # columns hold one type each: only float columns can hold NaN or infinity
        if values and isinstance(values[0], float) and not all(map(math.isfinite, values)):
            columns[name] = [v if math.isfinite(v) else None for v in values]
    return columns


# ---------------------------------------------------------------- names


NAME_COLUMNS = ("name", "count", "caption_count", "forms", "first_offset", "kind_hint")


def name_table(article: Article | TermIndex) -> pd.DataFrame:
    """People, places and organisations as far as capitalisation tells, multiword names joined.

    A name is a run of name words ("Hotel President Wilson", "CBS News"; particles such as "von", "de" may
    sit inside). A single word that is the last word of exactly one longer name ("Blinken" beside "Antony
    Blinken") is counted as a mention of it. Columns: name, count (analysed zones), caption_count, forms,
    first_offset, kind_hint ("person", "place", "organisation" or "" when context says nothing). Sorted by
    count, then caption count (both descending), then first offset.
    """
    import pandas as pd

    frame = pd.DataFrame.from_records(name_rows(article), columns=list(NAME_COLUMNS))
    return frame.reset_index(drop=True)


def name_rows(article: Article | TermIndex, top_n: int | None = None) -> list[dict]:
    """The first `top_n` rows of `name_table` (all when None) as dicts of plain values, without pandas."""
    index = _index(article, "lemma")
    mentions, first_positions = _name_mentions(index)
    # full names in the article's own words first: a caption's typo ("Anotny Blinken") must not make
    # "Blinken" ambiguous
    by_last_word: dict[str, set[str]] = {}
    caption_by_last_word: dict[str, set[str]] = {}
    for name, _, zone, _ in mentions:
        if " " in name and not any(_is_acronym(part) for part in name.split()):
            owners = caption_by_last_word if zone == "caption" else by_last_word
            owners.setdefault(name.rsplit(" ", 1)[1], set()).add(name)
    rows: dict[str, dict] = {}
    for (name, form, zone, previous), count in mentions.items():
        owners = set()
        if " " not in name and not _is_acronym(name):
            owners = by_last_word.get(name) or caption_by_last_word.get(name) or set()
        canonical = next(iter(owners)) if len(owners) == 1 else name
        row = rows.get(canonical)
        if row is None:
            row = rows[canonical] = {
                "name": canonical,
                "count": 0,
                "caption_count": 0,
                "forms": Counter(),
                "first_offset": first_positions[name],
                "_context": Counter(),
            }
        row["caption_count" if zone == "caption" else "count"] += count
        row["forms"][form] += count
        row["first_offset"] = min(row["first_offset"], first_positions[name])
        if previous:
            row["_context"][previous] += count
    # token positions order as the offsets do; only the rows returned get offsets, forms and hints
    ranked = sorted(rows.values(), key=lambda r: (-r["count"], -r["caption_count"], r["first_offset"]))
    if top_n is not None:
        ranked = ranked[:top_n]
    offsets = index.offsets_of(row["first_offset"] for row in ranked)
    return [
        {
            "name": row["name"],
            "count": row["count"],
            "caption_count": row["caption_count"],
            "forms": [f for f, _ in row["forms"].most_common()],
            "first_offset": offsets[row["first_offset"]],
            "kind_hint": _kind_hint(row["name"], row["_context"]),
        }
        for row in ranked
    ]


def _name_mentions(index: TermIndex) -> tuple[Counter[tuple[str, str, str, str]], dict[str, int]]:
    """Mentions counted as (name, surface, zone, lower-case word before), and each name's first position.

    A mention is a run of name words; a particle ("von", "de") between two name words joins them."""
    if "name_mentions" in index.memo:
        return index.memo["name_mentions"]
    keys, forms, zones, names = index.keys, index.forms, index.zones, index.names
    is_name = np.fromiter(map(names.__contains__, keys), dtype=bool, count=len(keys))
    particles = _NAME_PARTICLES.intersection(forms)
    if particles and len(keys) > 3:
        is_particle = np.fromiter(map(particles.__contains__, forms), dtype=bool, count=len(forms))
        single = is_particle[1:-1] & is_name[:-2] & is_name[2:]  # "Charles de Gaulle"
        double = is_particle[1:-2] & is_particle[2:-1] & is_name[:-3] & is_name[3:]  # "Ursula von der Leyen"
        is_name[1:-1] |= single
        is_name[1:-2] |= double
        is_name[2:-1] |= double
    edges = np.diff(np.concatenate(([0], is_name.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()
    # most mentions are one word: those are built without joining strings
    mentions = Counter(
        (keys[first], forms[first], zones[first], forms[first - 1].lower() if first else "")
        if last - first == 1
        else (
            " ".join([*forms[first : last - 1], keys[last - 1]]),  # the last word without its genitive
            " ".join(forms[first:last]),
            zones[first],
            forms[first - 1].lower() if first else "",
        )
        for first, last in zip(starts, ends, strict=True)
    )
    first_positions: dict[str, int] = {}
    for first, last in zip(starts, ends, strict=True):
        name = keys[first] if last - first == 1 else " ".join([*forms[first : last - 1], keys[last - 1]])
        if name not in first_positions:
            first_positions[name] = first
    index.memo["name_mentions"] = (mentions, first_positions)
    return mentions, first_positions


_PLACE_PREPOSITIONS = frozenset("i på fra til mot nær ved utenfor innenfor rundt gjennom".split())
_ORGANISATION_ENDINGS = (
    "parti",
    "partiet",
    "departementet",
    "direktoratet",
    "tinget",
    "banken",
    "news",
    "post",
    "times",
    "asa",
    " as",
    "kommune",
    "forbundet",
    "rådet",
    "nato",
    "fn",
    "eu",
)
_PERSON_TITLES = frozenset(
    "statsminister utenriksminister minister president leder sjef talsperson talskvinne talsmann "
    "statsministerkandidat direktør professor forsker ordfører".split()
)


def _kind_hint(name: str, context: Counter[str]) -> str:
    """A rough kind from the name's shape and the words before it; "" when they say nothing."""
    lower = name.lower()
    # acronyms are organisations unless the lexicon knows them as proper nouns (USA, UK: places mostly)
    if (name.isupper() and not _lexicon_name(name)) or lower.endswith(_ORGANISATION_ENDINGS):
        return "organisation"
    titled = sum(c for word, c in context.items() if common_lemma(word) in _PERSON_TITLES)
    placed = sum(c for word, c in context.items() if word in _PLACE_PREPOSITIONS)
    if " " in name and name.split()[0][:1].isupper() and not placed and len(name.split()) == 2:
        return "person"
    if titled > placed:
        return "person"
    if placed:
        return "place"
    return ""


# ---------------------------------------------------------------- n-grams


NGRAM_COLUMNS = ("ngram", "words", "count", "likelihood_ratio", "pmi", "t_score")


def ngram_table(
    article: Article | TermIndex, n: int = 2, min_freq: int = 2, unit: str = "form", top_n: int | None = None
) -> pd.DataFrame:
    """Bigrams or trigrams within sentences with NLTK's association measures (computed with numpy, same
    values: see `likelihood_ratios`).

    `unit` is "form" (lower-cased words, names as written), "lemma" or "stem". N-grams never cross
    punctuation, numbers or zones, and never start or end with a stopword. Columns: ngram, words, count,
    likelihood_ratio, pmi, t_score; sorted by likelihood ratio, then count, then the words.
    """
    rows = ngram_rows(article, n=n, min_freq=min_freq, unit=unit, top_n=top_n)
    import pandas as pd

    return pd.DataFrame.from_records(rows, columns=list(NGRAM_COLUMNS))


def ngram_rows(
    article: Article | TermIndex, n: int = 2, min_freq: int = 2, unit: str = "form", top_n: int | None = None
) -> list[dict]:
    """The rows of `ngram_table` as dicts of plain values, without pandas."""
    ranked = _ranked_ngrams(article, n, min_freq, unit, top_n)
    return ranked.rows(len(ranked.counts))


@dataclass
class _RankedNgrams:
    """The n-grams of an article in the table's order, as arrays; only the rows asked for become words."""

    coded: _CodedSequence
    parts: list[np.ndarray]  # the codes of each n-gram's words, a column per position
    counts: np.ndarray
    scores: np.ndarray  # likelihood ratios
    unigrams: list[np.ndarray]  # the count of each word, a column per position

    def rows(self, limit: int, n_column: int | None = None) -> list[dict]:
        """The first `limit` rows as dicts; with `n_column`, an "n" item last (as `collocation_rows` has)."""
        counts, scores = self.counts[:limit], self.scores[:limit]
        pmis, t_scores = _pmi_and_t(counts, [u[:limit] for u in self.unigrams], self.coded.total)
        words = self.coded.words
        grams = [
            [words[c] for c in codes] for codes in zip(*(p[:limit].tolist() for p in self.parts), strict=True)
        ]
        columns = zip(grams, counts.tolist(), scores.tolist(), pmis, t_scores, strict=True)
        last = {} if n_column is None else {"n": n_column}
        return [
            {
                "ngram": " ".join(g),
                "words": g,
                "count": c,
                "likelihood_ratio": s,
                "pmi": m,
                "t_score": t,
                **last,
            }
            for g, c, s, m, t in columns
        ]


def _ranked_ngrams(
    article: Article | TermIndex, n: int, min_freq: int, unit: str, top_n: int | None
) -> _RankedNgrams:
    """The first `top_n` n-grams (all when falsy) by likelihood ratio, then count, then the words."""
    if n not in (2, 3):
        raise ValueError("n must be 2 or 3")
    index = _index(article, "stem" if unit == "stem" else "lemma")
    coded = _coded_sequence(index, unit)
    size = len(coded.words)
    # n-grams are counted as integer codes with numpy: no tuple per position, and only the rows
    # returned become words
    grams, counts = coded.ngram_counts(n)
    parts = [grams // size ** (n - 1 - k) % size for k in range(n)]
    keep = (counts >= min_freq) & ~coded.is_stop[parts[0]] & ~coded.is_stop[parts[-1]]
    grams, counts, parts = grams[keep], counts[keep], [p[keep] for p in parts]
    unigrams = [coded.frequencies[p] for p in parts]
    if n == 2:
        pairs: list[np.ndarray] = []
    else:
        # the trigram measures also need the counts of each trigram's two bigrams and its (w1, w3) pair
        first, middle, last = parts
        pairs = [
            coded.count_of(2, first * size + middle),
            coded.count_of("wildcard", first * size + last),
            coded.count_of(2, middle * size + last),
        ]
    scores = likelihood_ratios(counts, pairs, unigrams, coded.total)
    # codes follow the words' sort order, so sorting the codes sorts the word tuples
    ranked = np.lexsort((grams, -counts, -scores))
    if top_n:
        ranked = ranked[:top_n]
    return _RankedNgrams(
        coded, [p[ranked] for p in parts], counts[ranked], scores[ranked], [u[ranked] for u in unigrams]
    )


# ---------------------------------------------------------------- association measures
#
# NLTK's BigramAssocMeasures / TrigramAssocMeasures as its collocation finders call them, with the same
# arithmetic in the same order (so the same floats; tests/test_terms.py compares them on real text):
# `counts` are the n-gram counts, `pairs` (trigrams only) the counts of (w1, w2), (w1, *, w3) and (w2, w3),
# `unigrams` the counts of each word, `total` the number of words. The likelihood ratio, which ranks every
# candidate, is computed for whole arrays; PMI and t-score only for the rows returned.
_SMALL = 1e-20  # NLTK's guard against division by zero


def likelihood_ratios(
    counts: np.ndarray, pairs: list[np.ndarray], unigrams: list[np.ndarray], total: int
) -> np.ndarray:
    """Dunning's log-likelihood ratio of each n-gram (Manning and Schütze 5.3.4), as NLTK computes it.

    A repetitive text ("ord ord ord …") can make a cell of the contingency table negative (the n-gram
    margins then exceed the number of words, which NLTK takes as the total); such a cell adds nothing,
    where NLTK fails with "math domain error"."""
    if len(pairs) == 0:
        cells = _bigram_cells(counts.astype(float), *unigrams, total)  # NLTK's bigram finder divides by 1.0
        expected = np.array(_bigram_expected(cells))
    else:
        cells = _trigram_cells(counts, *pairs, *unigrams, total)
        expected = _trigram_expected(cells)
    # all cells at once (a row each): on a short article numpy's per-call cost is what counts
    observed = np.array(cells, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = observed / (expected + _SMALL) + _SMALL
    valid = (observed > 0) & (ratio > 0)
    logs = np.zeros(ratio.shape)
    # math.log, as NLTK: numpy's log may differ in the last bit on some processors
    logs[valid] = np.fromiter(map(math.log, ratio[valid].tolist()), dtype=float, count=int(valid.sum()))
    terms = np.where(valid, observed * logs, 0.0)
    score = terms[0]
    for row in terms[1:]:  # NLTK's order of addition, cell by cell
        score = score + row
    return 2 * score


def _bigram_cells(n_ii, n_ix, n_xi, n_xx) -> list[np.ndarray]:
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    return [n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io]


def _bigram_expected(cells: list[np.ndarray]) -> list[np.ndarray]:
    total = cells[0] + cells[1] + cells[2] + cells[3]
    return [(cells[i] + cells[i ^ 1]) * (cells[i] + cells[i ^ 2]) / total for i in range(4)]


def _trigram_cells(n_iii, n_iix, n_ixi, n_xii, n_ixx, n_xix, n_xxi, n_xxx) -> list[np.ndarray]:
    n_oii = n_xii - n_iii
    n_ioi = n_ixi - n_iii
    n_iio = n_iix - n_iii
    n_ooi = n_xxi - n_iii - n_oii - n_ioi
    n_oio = n_xix - n_iii - n_oii - n_iio
    n_ioo = n_ixx - n_iii - n_ioi - n_iio
    n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo
    return [n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo]


def _trigram_expected(cells: list[np.ndarray]) -> np.ndarray:
    """NLTK's generic expected values: the product of the cell's three margins over total², in integers
    and divided once (exactly as Python divides integers, also where the product passes 2**53)."""
    table = np.array(cells, dtype=np.int64)  # cell i (bits: which of the three words are absent) x n-gram
    total = table.sum(axis=0)
    # margins[j, on]: the sum of the four cells that agree with a cell on bit j (integers: exact in any order)
    margins = np.array([[table[rows].sum(axis=0) for rows in _AGREEING[j]] for j in range(3)])
    factors = margins[np.arange(3), _CELL_BITS]  # cell x bit x n-gram
    largest = int(total.max()) if len(total) else 0
    if largest**3 < 2**53:  # every product and total² converts to a float exactly
        squares = (total * total).astype(float)
        return factors[:, 0] * factors[:, 1] * factors[:, 2] / squares
    squares = [t * t for t in total.tolist()]
    return np.array(
        [
            [x * y * z / s for x, y, z, s in zip(a, b, c, squares, strict=True)]
            for a, b, c in factors.tolist()
        ],
        dtype=float,
    )


# cell index -> its bit j (0 or 1) for j = 0, 1, 2; and for each bit j and value, the cells that have it
_CELL_BITS = np.array([[i >> j & 1 for j in range(3)] for i in range(8)])
_AGREEING = [[[x for x in range(8) if x >> j & 1 == on] for on in (0, 1)] for j in range(3)]


def _pmi_and_t(counts: np.ndarray, unigrams: list[np.ndarray], total: int) -> tuple[list[float], list[float]]:
    """`pmi` and `student_t` of many n-grams at once, with the same floats: numpy where every integer
    involved converts to a float exactly (below 2**53), else one n-gram at a time."""
    n = len(unigrams)
    products = unigrams[0].astype(np.int64)
    for u in unigrams[1:]:
        products = products * u
    largest = max(int(counts.max()) if len(counts) else 0, 1)
    if total**n * largest >= 2**53:  # bounds every product and numerator below
        rows = [
            (c, [], list(u), total)
            for c, *u in zip(counts.tolist(), *(u.tolist() for u in unigrams), strict=True)
        ]
        return [pmi(*r) for r in rows], [student_t(*r) for r in rows]
    observed = counts.astype(float)  # NLTK's bigram finder divides by 1.0; trigram counts are exact anyway
    numerators = observed * float(total ** (n - 1))
    pmis = np.fromiter(map(math.log2, numerators.tolist()), float, len(counts)) - np.fromiter(
        map(math.log2, products.astype(float).tolist()), float, len(counts)
    )
    differences = observed - products.astype(float) / float(total ** (n - 1))
    roots = list(map(pow, (observed + _SMALL).tolist(), repeat(0.5)))  # Python's pow, as NLTK's ** 0.5
    return pmis.tolist(), (differences / np.array(roots)).tolist()


def pmi(count: int, pairs: list[int], unigrams: list[int], total: int) -> float:
    """Pointwise mutual information of one n-gram (Manning and Schütze 5.4), as NLTK computes it."""
    n = len(unigrams)
    observed = count / 1.0 if n == 2 else count  # NLTK's bigram finder divides the count by 1.0
    return math.log2(observed * total ** (n - 1)) - math.log2(math.prod(unigrams))


def student_t(count: int, pairs: list[int], unigrams: list[int], total: int) -> float:
    """Student's t of one n-gram against independence (Manning and Schütze 5.3.1), as NLTK computes it."""
    n = len(unigrams)
    observed = count / 1.0 if n == 2 else count
    return (observed - math.prod(unigrams) / (total ** (n - 1))) / (observed + _SMALL) ** 0.5


@dataclass
class _CodedSequence:
    """An n-gram sequence as integer codes (0 at breaks) with its vocabulary, for numpy counting."""

    words: list[str | None]  # code → word; code 0 is the break
    codes: np.ndarray
    is_stop: np.ndarray  # code → no n-gram may start or end with it
    frequencies: np.ndarray  # code → count of the word (0 for the break)
    total: int  # words in the sequence (breaks excluded)
    counted: dict = field(default_factory=dict)

    def ngram_counts(self, n: int | str) -> tuple[np.ndarray, np.ndarray]:
        """Distinct n-grams without breaks as codes (w1·V^(n-1) + … + wn; "wildcard" = w1·V + w3), sorted,
        with their counts."""
        if n not in self.counted:
            size, codes = len(self.words), self.codes
            width = 3 if n in (3, "wildcard") else 2
            columns = [codes[k : len(codes) - width + 1 + k] for k in range(width)]
            valid = self._windows_without_breaks(width)
            if n == "wildcard":
                columns = [columns[0], columns[2]]
            gram = columns[0][valid]
            for column in columns[1:]:
                gram = gram * size + column[valid]
            self.counted[n] = _distinct_counts(gram)
        return self.counted[n]

    def _windows_without_breaks(self, width: int) -> np.ndarray:
        """Whether each window of `width` codes holds no break (code 0)."""
        if ("windows", width) not in self.counted:
            word = self.codes > 0
            valid = word[: len(word) - width + 1].copy()
            for k in range(1, width):
                valid &= word[k : len(word) - width + 1 + k]
            self.counted["windows", width] = valid
        return self.counted["windows", width]

    def count_of(self, n: int | str, grams: np.ndarray) -> np.ndarray:
        """Counts of the given coded pairs (all present in the sequence)."""
        distinct, counts = self.ngram_counts(n)
        return counts[np.searchsorted(distinct, grams)]


def _distinct_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(values, return_counts=True)` in a few C calls (numpy's wrapper costs more than the
    work on an ordinary article's few hundred n-grams)."""
    values = np.sort(values)
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    opens = np.empty(len(values), dtype=bool)
    opens[0] = True
    np.not_equal(values[1:], values[:-1], out=opens[1:])
    firsts = np.flatnonzero(opens)
    return values[firsts], np.diff(np.append(firsts, len(values)))


def _coded_sequence(index: TermIndex, unit: str) -> _CodedSequence:
    memo_key = ("coded", unit)
    if memo_key not in index.memo:
        sequence = _ngram_sequence(index, unit)
        distinct = set(sequence)
        distinct.discard(None)
        vocabulary = [None, *sorted(distinct)]
        code_of = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        codes = np.fromiter(map(code_of.__getitem__, sequence), dtype=np.int64, count=len(sequence))
        if len(vocabulary) ** 3 >= 2**62:
            raise ValueError("vocabulary too large for trigram codes")
        frequencies = np.bincount(codes, minlength=len(vocabulary))
        frequencies[0] = 0
        stop = _ngram_stop_test(index, unit)
        index.memo[memo_key] = _CodedSequence(
            words=vocabulary,
            codes=codes,
            is_stop=np.fromiter(chain((True,), map(stop, vocabulary[1:])), dtype=bool, count=len(vocabulary)),
            frequencies=frequencies,
            total=int(frequencies.sum()),
        )
    return index.memo[memo_key]


def _ngram_sequence(index: TermIndex, unit: str) -> list[str | None]:
    """The analysed words as n-gram units, None at breaks; captions and stop-phrase tails become breaks."""
    if unit not in ("form", "lemma", "stem"):
        raise ValueError("unit must be 'form', 'lemma' or 'stem'")
    memo_key = ("sequence", unit)
    if memo_key in index.memo:
        return index.memo[memo_key]
    if unit == "form":
        # decided per word type: names as written, other words in lower case
        names, key_of = index.names, index.memo["mid_key_of"]
        display = dict(zip(key_of, key_of, strict=True))  # as written, unless lower case changes it
        for f in key_of.keys() & _token_types().lowerable:
            if key_of[f] not in names:
                display[f] = f.lower()
        sequence: list[str | None] = list(map(display.get, index.forms))
        for i in index.memo["initial_positions"]:
            form = index.forms[i]
            sequence[i] = form if index.memo["is_name_at_initial"][form] else form.lower()
        for i in index.memo["phrase_tails"]:
            sequence[i] = None
    else:
        sequence = [k or None for k in index.keys]
    ends = [*index.zone_firsts[1:], len(index.keys)]
    for (first, zone), end in zip(index.zone_spans, ends, strict=True):
        if zone.kind == "caption":
            sequence[first:end] = [None] * (end - first)
    index.memo[memo_key] = sequence
    return sequence


def _ngram_stop_test(index: TermIndex, unit: str):
    # common words are lower case in every unit, names keep capitals: a case-sensitive test spares "Per"
    stop = stopwords() | index.stop_keys
    return stop.__contains__


def collocations(
    article: Article | TermIndex, top_n: int = 10, min_freq: int | None = None, unit: str = "form"
) -> pd.DataFrame:
    """Bigrams and trigrams together (column `n`), each by likelihood ratio, bigrams first.

    `min_freq=None` means 2, or 1 for articles under 1,000 words (they rarely repeat a word pair, and
    pairs seen once are still worth a look)."""
    rows = collocation_rows(article, top_n=top_n, min_freq=min_freq, unit=unit)
    import pandas as pd

    return pd.DataFrame.from_records(rows, columns=[*NGRAM_COLUMNS, "n"])


def collocation_rows(
    article: Article | TermIndex, top_n: int = 10, min_freq: int | None = None, unit: str = "form"
) -> list[dict]:
    """The rows of `collocations` as dicts of plain values, without pandas."""
    index = _index(article, "stem" if unit == "stem" else "lemma")
    if min_freq is None:
        min_freq = 2 if index.words >= 1000 else 1
    bigrams = _ranked_ngrams(index, 2, min_freq, unit, top_n)
    trigrams = _ranked_ngrams(index, 3, min_freq, unit, top_n)
    bigram_count, trigram_count = len(bigrams.counts), len(trigrams.counts)
    # scores of bigrams and trigrams are not comparable: two thirds of the rows go to bigrams
    bigram_rows = max(top_n - trigram_count, -(-2 * top_n // 3))
    # only the rows returned are made (slices of the row numbers: the same lengths as slices of the rows)
    bigram_take = len(range(bigram_count)[:bigram_rows])
    trigram_take = len(range(trigram_count)[: top_n - min(bigram_rows, bigram_count)])
    return (bigrams.rows(bigram_take, n_column=2) + trigrams.rows(trigram_take, n_column=3))[:top_n]


# ---------------------------------------------------------------- keyness


def keyness_table(
    article: Article | TermIndex,
    reference: Mapping[str, int] | pd.DataFrame | None = None,
    unit: str = "lemma",
    include_stopwords: bool = False,
    correction: str = "williams",
) -> pd.DataFrame:
    """Keyness of each lemma against a reference, as quanteda's `textstat_keyness(measure = "lr")`.

    `reference`: None for the shipped Bokmål treebank counts; or lemma counts (a Counter, a mapping, or a
    DataFrame with "lemma" and "count" columns), e.g. the other articles of a batch. Lemmas are compared
    case-folded. Columns: lemma, count, reference_count, per_1000, reference_per_1000, G2 (signed:
    negative when under-represented), p (chi-squared, 1 df), log_ratio (Hardie's log2 ratio of relative
    frequencies, zero counts taken as 0.5), is_name. Sorted by G2, most over-represented first. Reference
    lemmas absent from the article are included when at least one occurrence was expected.
    """
    keyness = _Keyness(_index(article, unit), unit, reference, include_stopwords, correction)
    import pandas as pd

    return pd.DataFrame(keyness.columns(range(len(keyness.lemmas)))).astype({"lemma": str})


KEYNESS_COLUMNS = tuple(
    "lemma count reference_count per_1000 reference_per_1000 G2 p log_ratio is_name".split()
)


def keyness_rows(article: Article | TermIndex, top_n: int = 50) -> tuple[list[dict], list[dict]]:
    """The most over-represented `top_n` rows of `keyness_table` and the most under-represented
    `max(1, top_n // 5)`, as dicts of plain values (default reference, no stopwords), without pandas."""
    keyness = _Keyness(_index(article, "lemma"), "lemma", None, False, "williams", top_n=top_n)
    g2 = keyness.g2
    over = np.flatnonzero(g2 > 0)[:top_n]
    under = np.flatnonzero(g2 < 0)
    # the order the table's `sort_values("G2")` gives (numpy's default argsort of the same values, in the
    # table's order: its quicksort is not stable)
    under = under[np.argsort(g2[under])][: max(1, top_n // 5)].tolist()
    # one set of columns for both lists (the values are row by row)
    columns = _finite_or_none(keyness.columns([*over.tolist(), *under]))
    rows = [
        {
            "lemma": lemma,
            "count": count,
            "reference_count": reference_count,
            "per_1000": per_1000,
            "reference_per_1000": reference_per_1000,
            "G2": g2_value,
            "p": p,
            "log_ratio": log_ratio,
            "is_name": is_name,
        }
        for lemma, count, reference_count, per_1000, reference_per_1000, g2_value, p, log_ratio, is_name in zip(
            *map(columns.get, KEYNESS_COLUMNS), strict=True
        )
    ]
    return rows[: len(over)], rows[len(over) :]


class _Keyness:
    """Keyness values of every lemma, in the table's order (G2 descending, then lemma A–Z).

    With `top_n`, only the first `top_n` over-represented rows and every under-represented row are kept
    (what `keyness_rows` reads), in the same order: (-G2, lemma) orders the rows totally (lemmas are
    distinct), so the first rows of a partial selection are those of the full sort."""

    def __init__(
        self,
        index: TermIndex,
        unit: str,
        reference: Mapping[str, int] | pd.DataFrame | None,
        include_stopwords: bool,
        correction: str,
        top_n: int | None = None,
    ) -> None:
        target = _analysed_counts(index)
        reference_folded = _fold_reference(reference)
        # folded keys in order of first appearance, each with its summed count and first key as written;
        # C-level passes, and a Python loop over the few keys that fold together ("Per" and "per") only
        folded_keys = list(map(str.casefold, target))
        target_folded = dict(zip(folded_keys, target.values(), strict=True))
        display = dict(zip(folded_keys, target, strict=True))
        if len(target_folded) < len(folded_keys):
            shared = {folded for folded, count in Counter(folded_keys).items() if count > 1}
            for folded in shared:
                target_folded[folded] = 0
                del display[folded]
            held = compress(
                zip(folded_keys, target.items(), strict=True), map(shared.__contains__, folded_keys)
            )
            for folded, (key, count) in held:
                target_folded[folded] += count
                display.setdefault(folded, key)
        target_total = max(1, index.words)
        default = reference_folded is _default_reference().counts
        reference_total = max(1, _default_reference().total if default else sum(reference_folded.values()))
        expected_share = target_total / (target_total + reference_total)
        # the reference's keys expected at least once that the article lacks, most frequent first
        absent = list(
            filterfalse(target_folded.__contains__, _expected_keys(reference_folded, expected_share))
        )
        lemmas = list(target_folded) + absent
        names = {k.casefold() for k in index.names}
        if not include_stopwords:
            # the rows dropped are left out before any value is computed (the values are row by row)
            stop = stopwords().intersection(lemmas) | {k.casefold() for k in index.stop_keys}
            lemmas = list(filterfalse((stop - names).__contains__, lemmas))
        size = len(lemmas)
        a = np.fromiter(map(target_folded.get, lemmas, repeat(0)), dtype=float, count=size)
        b = np.fromiter(map(reference_folded.get, lemmas, repeat(0)), dtype=float, count=size)
        g2 = _log_likelihood(a, b, target_total, reference_total, correction)
        log_ratio = np.log2(
            (np.where(a == 0, 0.5, a) / target_total) / (np.where(b == 0, 0.5, b) / reference_total)
        )
        labels = list(map(display.get, lemmas, lemmas))
        g2_values = g2.tolist()
        # (-G2, label, row) tuples built and compared in C: the labels are distinct, so rows never compare
        negated = list(map(neg, g2_values))
        if top_n is not None and all(map(math.isfinite, g2_values)):  # NaN would make the sort partial
            over = np.flatnonzero(g2 > 0)
            if 0 < top_n < len(over):
                # the first top_n rows are among those at or above the top_n-th largest G2 (ties included)
                cut = len(over) - top_n
                over = np.flatnonzero(g2 >= np.partition(g2[over], cut)[cut])
            under = np.flatnonzero(g2 < 0).tolist()
            order = [
                *map(itemgetter(2), sorted(_decorated(over.tolist(), negated, labels))[:top_n]),
                *map(itemgetter(2), sorted(_decorated(under, negated, labels))),
            ]
        else:
            order = list(map(itemgetter(2), sorted(_decorated(range(size), negated, labels))))
        self.lemmas = [labels[i] for i in order]
        self.is_name = [lemmas[i] in names for i in order]
        self.count = a[order]
        self.reference_count = b[order]
        self.g2 = g2[order]
        self.log_ratio = log_ratio[order]
        self.totals = target_total, reference_total

    def columns(self, rows: Iterable[int]) -> dict[str, list]:
        rows = np.asarray(rows if isinstance(rows, np.ndarray) else list(rows), dtype=np.int64)
        target_total, reference_total = self.totals
        a, b, g2 = self.count[rows], self.reference_count[rows], self.g2[rows]
        return {
            "lemma": [self.lemmas[i] for i in rows.tolist()],
            "count": a.astype(int).tolist(),
            "reference_count": b.astype(int).tolist(),
            "per_1000": (1000 * a / target_total).tolist(),
            "reference_per_1000": (1000 * b / reference_total).tolist(),
            "G2": g2.tolist(),
            "p": [math.erfc(math.sqrt(max(0.0, g) / 2)) for g in np.abs(g2).tolist()],
            "log_ratio": self.log_ratio[rows].tolist(),
            "is_name": [self.is_name[i] for i in rows.tolist()],
        }


def _decorated(
    rows: Sequence[int], negated: list[float], labels: list[str]
) -> Iterable[tuple[float, str, int]]:
    return zip(map(negated.__getitem__, rows), map(labels.__getitem__, rows), rows, strict=True)


def _expected_keys(counts: Mapping[str, int], expected_share: float) -> list[str]:
    """The keys whose count times `expected_share` is at least 1, most frequent first."""
    keys, values = _by_count(counts)
    # the products fall as the counts do: the keys expected are a prefix, found by bisection
    return keys[: bisect_left(values, True, key=lambda count: count * expected_share < 1)]


def _by_count(counts: Mapping[str, int]) -> tuple[list[str], list[int]]:
    """Keys and their counts, most frequent first (ties in the mapping's order)."""
    if counts is _default_reference().counts:
        return _default_by_count()
    return _most_frequent_first(counts)


@cache
def _default_by_count() -> tuple[list[str], list[int]]:
    return _most_frequent_first(_default_reference().counts)


def _most_frequent_first(counts: Mapping[str, int]) -> tuple[list[str], list[int]]:
    return _unzipped(sorted(counts.items(), key=lambda item: -item[1]))


def _unzipped(items: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return list(map(itemgetter(0), items)), list(map(itemgetter(1), items))


def _fold_reference(reference: Mapping[str, int] | pd.DataFrame | None) -> Mapping[str, int]:
    if reference is None:
        return _default_reference().counts  # already case-folded; shared, never modified
    if not isinstance(reference, Mapping):  # a DataFrame of lemma and count
        column = "lemma" if "lemma" in reference.columns else reference.columns[0]
        pairs: Iterable[tuple[str, int]] = zip(reference[column], reference["count"], strict=True)
    else:
        pairs = reference.items()
    folded: Counter[str] = Counter()
    for key, count in pairs:
        if key:
            folded[str(key).casefold()] += int(count)
    return folded


def _log_likelihood(
    a: np.ndarray, b: np.ndarray, n_target: int, n_reference: int, correction: str
) -> np.ndarray:
    """Signed G2 of a 2×2 table per row (a, b: counts in target and reference; n: corpus sizes)."""
    c, d = n_target - a, n_reference - b
    total = n_target + n_reference
    present, absent = a + b, c + d  # the row sums of each table
    # np.array of the rows rather than np.stack, and the products formed in place: fewer numpy calls (on
    # an ordinary article their fixed cost is most of the time), the same operations on the same values
    observed = np.array([a, b, c, d])
    expected = np.array([present, present, absent, absent])
    expected *= np.array([n_target, n_reference, n_target, n_reference], dtype=float)[:, None]
    expected /= total
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        g2 = 2 * terms.sum(axis=0)
        if correction == "williams":
            # Williams's correction, quanteda's default for "lr"
            q = 1 + (total / present + total / absent - 1) * (total / n_target + total / n_reference - 1) / (
                6 * total
            )
            g2 = np.where(np.isfinite(q) & (q > 0), g2 / q, g2)
        elif correction != "none":
            raise ValueError("correction must be 'williams' or 'none'")
    return np.where(a >= expected[0], g2, -g2)


# ---------------------------------------------------------------- keyword in context


def concordance(
    article: Article | TermIndex, term: str, width: int = 40, include_captions: bool = False
) -> pd.DataFrame:
    """Keyword-in-context rows for a lemma, name, word form or phrase (case-insensitive).

    A single word matches every form of its lemma ("Russland" finds "Russlands"); a phrase matches as
    written. Columns: zone, start, end (offsets into `Article.text`), left, keyword, right.
    """
    index = _index(article, "lemma")
    text = index.article.text
    zones = index.article.zones_of(*(COUNTED_KINDS if include_captions else ANALYSED_KINDS))
    wanted = term.strip().casefold()
    spans: list[tuple[Zone, int, int]] = []
    if " " in wanted:
        pattern = re.compile(rf"(?<!\w){re.escape(term.strip())}(?!\w)", re.IGNORECASE)
        for zone in zones:
            spans.extend(
                (zone, zone.start + m.start(), zone.start + m.end()) for m in pattern.finditer(zone.text)
            )
    else:
        kinds = {z.kind for z in zones}
        keys = {k for k in set(index.keys) if k and k.casefold() == wanted}
        forms = {f for f in set(index.forms) if f and f.casefold() == wanted}
        positions = sorted(
            {i for i, k in enumerate(index.keys) if k in keys}
            | {i for i, f in enumerate(index.forms) if f in forms}
        )
        starts = index.starts
        for i in positions:
            if index.zones[i] in kinds:
                spans.append((index.zone_at(i), starts[i], starts[i] + len(index.forms[i])))
    records = []
    for zone, start, end in spans:
        left = _one_line(text[max(zone.start, start - width) : start])
        right = _one_line(text[end : min(zone.end, end + width)])
        records.append(
            {
                "zone": zone.kind,
                "start": start,
                "end": end,
                "left": left,
                "keyword": text[start:end],
                "right": right,
            }
        )
    import pandas as pd

    return pd.DataFrame.from_records(records, columns=["zone", "start", "end", "left", "keyword", "right"])


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "  " in text else text


# ---------------------------------------------------------------- JSON


def terms_json(article: Article | TermIndex, top_n: int = 50) -> dict[str, list[dict]]:
    """The "terms" object of `workbook analyze --json`: lists of row objects with plain JSON types (the
    first rows of `lemma_table`, `name_table`, `collocations` and `keyness_table`, built without pandas)."""
    index = _index(article, "lemma")
    over, under = keyness_rows(index, top_n)
    return {
        "lemmas": lemma_rows(index, top_n),
        "names": name_rows(index, top_n),
        "ngrams": collocation_rows(index, top_n=top_n),
        "keyness": over + under,
    }


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as dicts of plain Python values: numpy scalars unwrapped, NaN → None, tuples → lists."""
    columns = {}
    for name in frame.columns:
        values = frame[name].tolist()  # numpy scalars become Python ones here
        if frame[name].dtype.kind == "f":
            values = [v if math.isfinite(v) else None for v in values]
        elif frame[name].dtype == object:
            values = [plain(v) for v in values]
        columns[name] = values
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
