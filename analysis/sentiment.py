"""Sentiment cues: the tone of an article, of each voice and of the reporter, with the words that carry it.

Every score is the sum of visible words. A cue is a lexicon word (or multiword phrase) found in a sentence,
with its category and its polarity *in context*:

- Lexicon: Bokmål lemmas with an intensity from -3 to +3, authored by this project (data files
  `analysis/data/sentiment_lexicon_*_nb.txt`, CC0, plus `sentiment_lexicon_derived_nb.tsv`, derived from them
  by `python -m analysis.sentiment derive`). Categories beside plain polarity ("evaluative"): conflict,
  fear, deescalation, hedge, certainty. Hedges and certainty words have polarity 0: they are cues, not tone.
- Matching: the word form first, then its lemma (a form table built from simplemma's nb dictionary, so no lemmatizer runs at scoring time), then the head of a
  compound ("grensekonflikt" → "konflikt"), memoised per word type so an article costs one dict lookup a word.
- Rules after VADER (`sentiment_rules_nb.txt`): a negator up to three words before the cue, or right after
  a verb cue ("skuffer ikke"), flips and weakens it (× -0.74); "verken … eller" negates both; intensifiers
  and dampeners scale the next cue; "men" and its kin halve what comes before and weight what comes after
  (× 1.5); a question halves the sentence; each "!" (up to three) adds 0.3 in the sentence's direction.
- Sentence score: VADER's normalisation s / sqrt(s² + 15) of the summed polarities, in (-1, 1); the label
  uses ±LABEL_THRESHOLD, chosen on NoReC *train* (never on dev).
"""

from __future__ import annotations

import gc
import math
import re
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, reduce
from importlib import resources
from itertools import chain, compress, repeat
from operator import and_, attrgetter, itemgetter, or_
from typing import TYPE_CHECKING, Any, NamedTuple

from . import data
from .article import Article, count_words
from .text import sentences

if TYPE_CHECKING:  # pragma: no cover - types only
    import pandas as pd

CATEGORIES = ("conflict", "fear", "deescalation", "hedge", "certainty", "evaluative")
TENSE_CATEGORIES = ("conflict", "fear")
LABELS = ("negative", "neutral", "positive")
CUE_COLUMNS = ["term", "lemma", "category", "polarity", "start", "end", "negated", "sentence", "zone"]
SENTENCE_COLUMNS = ["start", "end", "score", "label", "zone"]

NEGATION_SCALAR = -0.74  # VADER's: a negated cue is weaker than its opposite ("ikke bra" < "dårlig")
NEGATION_WINDOW = 3
INTENSIFIER_WINDOW = 2
CONTRAST_BEFORE, CONTRAST_AFTER = 0.5, 1.5
QUESTION_SCALAR = 0.5
EXCLAMATION_STEP, EXCLAMATION_MAX = 0.3, 3
NORMALISATION_ALPHA = 15.0
LABEL_THRESHOLD = 0.1
# How much a category's polarity counts in a sentence's tone: frames name the topic (a review of a war film
# mentions "krig" without judging), evaluative words carry the judgement. Chosen on NoReC train.
CATEGORY_WEIGHT = {
    "evaluative": 1.0,
    "conflict": 0.5,
    "fear": 0.7,
    "deescalation": 0.7,
    "hedge": 0.0,
    "certainty": 0.0,
}
_MAX_WORD_TYPES = 1 << 18  # bound of the per-word memo
TONE_THRESHOLD = 1.0  # polarity per 100 words beyond which a voice reads as negative/positive
_MIN_HEAD, _MIN_MODIFIER = 4, 3  # compound split: head ≥ 4 letters after a modifier ≥ 3 letters

# Words, numbers and the punctuation that bounds scopes or marks questions and exclamations.
_TOKEN = re.compile(r"[^\W\d_]\w*(?:[-'’]\w+)*|\d+(?:[.,:]\d+)*|[,;:()–—−!?.]|-(?=\s)")
_MARK_TOKENS = frozenset(",;:()–—−!?.")  # the tokens that are one mark
_SCOPE_PUNCT = frozenset(",;:()–—−-.")
_WORD_STOPS = frozenset(' \n,;:.!?()«»“”"')  # characters that end a word token (not \w, not [-'’])


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: the lemma (or phrase, words joined by spaces), its intensity and its category."""

    lemma: str
    polarity: float
    category: str


class _Rules(NamedTuple):
    negators: frozenset[str]
    non_negating: frozenset[tuple[str, ...]]
    intensifiers: dict[str, float]
    dampeners: dict[str, float]
    contrast: frozenset[str]
    clause_breaks: frozenset[str]
    no_compound_head: frozenset[str]
    not_derived: frozenset[str]
    negator_phrases: tuple[tuple[str, ...], ...]
    intensifying_prefixes: dict[str, float]
    verbal_prefixes: frozenset[str]
    negation_words: frozenset[str]  # any word that can start a negation scope (negators, phrase words)
    modifier_words: frozenset[str]  # any word that can scale a cue (intensifiers, dampeners, phrase words)
    phrase_modifiers: dict[tuple[str, ...], float]
    rule_words: frozenset[str]  # every token any rule looks for: absent from most sentences


# ---------------------------------------------------------------- data files


def _authored_files() -> list[str]:
    names = [p.name for p in resources.files("analysis.data").iterdir()]
    return sorted(n for n in names if n.startswith("sentiment_lexicon_") and n.endswith("_nb.txt"))


def _blocks(text: str, marker: str, first: str) -> list[tuple[str, str]]:
    """(block name, line) for every content line of a data file made of "@marker NAME" blocks."""
    out, block = [], first
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(marker):
            block = line.split()[1]
        else:
            out.append((block, line))
    return out


def parse_lexicon_text(text: str) -> list[Entry]:
    """Entries of one authored lexicon file ("@category NAME" blocks of "<intensity> lemma lemma ...")."""
    entries = []
    for category, line in _blocks(text, "@category", "evaluative"):
        intensity, *words = line.split()
        entries.extend(Entry(w.replace("_", " "), float(intensity), category) for w in words)
    return entries


@cache
def lexicon() -> dict[str, Entry]:
    """The whole lexicon, authored files first (they win over derived entries), keyed by lemma or phrase."""
    table: dict[str, Entry] = {}
    for name in _authored_files():
        for entry in parse_lexicon_text(data.text(name)):
            table.setdefault(entry.lemma, entry)
    try:
        derived = data.text("sentiment_lexicon_derived_nb.tsv")
    except FileNotFoundError:
        derived = ""
    for line in derived.splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("lemma\t"):
            continue
        lemma, polarity, category, *_ = line.split("\t")
        table.setdefault(lemma, Entry(lemma, float(polarity), category))
    return table


@cache
def _rules() -> _Rules:
    sections: dict[str, list[list[str]]] = {}
    for section_name, line in _blocks(data.text("sentiment_rules_nb.txt"), "@section", ""):
        sections.setdefault(section_name, []).append(line.split("\t"))

    def words(name: str) -> list[str]:
        return [row[0] for row in sections.get(name, [])]

    def weights(name: str) -> dict[str, float]:
        return {row[0]: float(row[1]) for row in sections.get(name, [])}

    intensifiers, dampeners = weights("intensifier"), weights("dampener")
    # Multiword modifiers ("en smule") are matched as phrases; single words by dict lookup.
    phrase_modifiers = {tuple(w.split("_")): 1 + v for w, v in intensifiers.items() if "_" in w}
    phrase_modifiers |= {tuple(w.split("_")): 1 - v for w, v in dampeners.items() if "_" in w}
    negator_phrase_ends = {w.split("_")[-1] for w in words("negator_phrase")}
    negation_words = frozenset(words("negator")) | {"ikke", "aldri", "eller"} | negator_phrase_ends
    modifier_words = frozenset(intensifiers) | frozenset(dampeners) | {p[-1] for p in phrase_modifiers}
    contrast = frozenset(words("contrast"))
    return _Rules(
        negators=frozenset(words("negator")),
        non_negating=frozenset(tuple(w.split("_")) for w in words("non_negating")),
        intensifiers={w: v for w, v in intensifiers.items() if "_" not in w},
        dampeners={w: v for w, v in dampeners.items() if "_" not in w},
        contrast=contrast,
        clause_breaks=frozenset(w for w in words("clause_break") if "_" not in w),
        no_compound_head=frozenset(words("no_compound_head")),
        not_derived=frozenset(words("not_derived")),
        negator_phrases=tuple(tuple(w.split("_")) for w in words("negator_phrase")),
        intensifying_prefixes=weights("intensifying_prefix"),
        verbal_prefixes=frozenset(words("verbal_prefix")),
        phrase_modifiers=phrase_modifiers,
        negation_words=negation_words,
        modifier_words=modifier_words,
        rule_words=negation_words | modifier_words | contrast | {"verken", "hverken", "?", "!"},
    )


@cache
def _phrases() -> dict[str, dict[str, list[tuple[tuple[str, ...], Entry]]]]:
    """Multiword entries indexed by their first and second words, longest first (longest match wins).

    Two levels because a frequent first word starts many phrases ("for" starts 40): the second word
    leaves one or two to compare.
    """
    index: dict[str, dict[str, list[tuple[tuple[str, ...], Entry]]]] = {}
    for key, entry in lexicon().items():
        if " " in key:
            words = tuple(key.split())
            index.setdefault(words[0], {}).setdefault(words[1], []).append((words, entry))
    for by_second in index.values():
        for options in by_second.values():
            options.sort(key=lambda item: -len(item[0]))
    return index


COMPOUND_CATEGORIES = ("conflict", "fear", "evaluative")


def _may_head(lemma: str, entry: Entry, excluded: frozenset[str]) -> bool:
    """Can this entry carry its polarity into a compound it ends ("grensekonflikt")? Not the general ones."""
    return (
        " " not in lemma
        and len(lemma) >= _MIN_HEAD
        and entry.polarity != 0
        and entry.category in COMPOUND_CATEGORIES
        and lemma not in excluded
    )


@cache
def _heads() -> dict[str, Entry]:
    """Single-word entries that may head a compound (long enough not to match by accident)."""
    excluded = _rules().no_compound_head
    return {k: e for k, e in lexicon().items() if _may_head(k, e, excluded)}


@cache
def _forms() -> dict[str, str]:
    """Inflected form → lemma for every single-word lexicon entry (sentiment_forms_nb.tsv, from simplemma's
    dictionary by `derive`), so scoring needs no lemmatizer at run time: one dict lookup per word type."""
    try:
        text = data.text("sentiment_forms_nb.tsv")
    except FileNotFoundError:
        return {}
    forms = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            form, _, lemma = line.partition("\t")
            forms[form] = lemma
    return forms


# Inflection endings tried when the dictionary's lemma for a form is not in the lexicon: "sanksjoner" is
# listed as a form of the verb "sanksjonere", but it is also the plural of the noun "sanksjon".
_ENDINGS = ("ene", "er", "en", "et", "a", "e", "s", "t", "te", "de", "ede", "este", "est", "ere")


_VERB_ENDINGS = ("er", "te", "de", "et", "ede")
# the endings by their last letter, in _ENDINGS order: a word is tried only with the endings it can have
_ENDINGS_BY_LAST = {
    last: tuple((ending, len(ending), ending in _VERB_ENDINGS) for ending in _ENDINGS if ending[-1] == last)
    for last in {ending[-1] for ending in _ENDINGS}
}


def _entry_of_form(word: str) -> Entry | None:
    table = lexicon()
    entry = table.get(word)
    if entry is None:
        lemma = _forms().get(word)
        entry = table.get(lemma) if lemma else None
    if entry is None and word:
        longest_ending = len(word) - _MIN_HEAD
        for ending, size, verbal in _ENDINGS_BY_LAST.get(word[-1], ()):
            if size <= longest_ending and word.endswith(ending):
                # the stem itself (sanksjon-er) or a verb's infinitive (elsk-er → elske)
                stem = word[:-size]
                entry = table.get(stem) or (table.get(stem + "e") if verbal else None)
                if entry is not None and " " not in entry.lemma:
                    break
                entry = None
    return entry


@lru_cache(maxsize=_MAX_WORD_TYPES)
def lookup(word: str) -> Entry | None:
    """The lexicon entry for one lower-cased word form (form, lemma, compound head, prefix); memoised
    (bounded: a year of articles brings ever new word forms)."""
    blocked = _rules().not_derived
    if word in blocked or _forms().get(word) in blocked:  # "kule" is a scoop, not "kul"
        return None
    entry = _entry_of_form(word)
    if entry is not None:
        return entry
    return _compound_entry(word) or _prefixed_entry(word)


def _prefixed_entry(word: str) -> Entry | None:
    """An intensifying prefix on a known word: "kjempebra" → bra × 1.5, "superkjedelig" → kjedelig × 1.5."""
    prefixes = _rules().intensifying_prefixes
    if not word.startswith(tuple(prefixes)):  # most words have none: one C-level test
        return None
    for prefix, boost in prefixes.items():
        if word.startswith(prefix):
            rest = word[len(prefix) :].lstrip("-")
            entry = _entry_of_form(rest) if len(rest) >= 2 else None
            if entry is not None and entry.polarity:
                return Entry(entry.lemma, entry.polarity * (1 + boost), entry.category)
    return None


class _Tails(NamedTuple):
    """Every word that may end a compound, as it stands → the head entry it is (a head itself, else an
    inflected form of one); the longest of them; and the _MIN_HEAD letters they end in."""

    heads: dict[str, Entry]
    longest: int
    endings: frozenset[str]


@cache
def _compound_tails() -> _Tails:
    heads, forms = _heads(), _forms()
    tails = {form: heads[lemma] for form, lemma in forms.items() if lemma in heads}
    tails.update(heads)  # a head as it stands wins over a form of another head
    endings = frozenset(tail[-_MIN_HEAD:] for tail in tails)
    return _Tails(tails, max(map(len, tails), default=0), endings)


def _compound_entry(word: str) -> Entry | None:
    """The longest lexicon head of a compound, inflected or not: "grensekonflikten" → konflikt."""
    word = word.replace("-", "")
    tails = _compound_tails()
    if word[-_MIN_HEAD:] not in tails.endings:  # no head ends as the word does (most words)
        return None
    verbal_prefixes = _rules().verbal_prefixes
    # a cut leaving a tail longer than any head's form finds nothing: start at the first that may
    for cut in range(max(_MIN_MODIFIER, len(word) - tails.longest), len(word) - _MIN_HEAD + 1):
        head = tails.heads.get(word[cut:])
        if head is not None and word[:cut] not in verbal_prefixes:
            return head
    return None


# ---------------------------------------------------------------- scoring one sentence
# Sentences are scored on parallel lists: lower-cased tokens and, only when a sentence has cues, their
# spans. The rules run at cue positions only, and only when a word they look for is in the sentence.

_FINITE_ENDINGS = ("r", "te", "de", "et")
_POST_NEGATORS = ("ikke", "aldri")
_entry_cache: dict[str, Entry | None] = {}


def _is_boundary(low: str, rules: _Rules) -> bool:
    return low in _SCOPE_PUNCT or low in rules.clause_breaks or low in rules.contrast


def _negated(lows: list[str], i: int, end: int, rules: _Rules, verken_at: int) -> bool:
    """Is the cue lows[i:end] in a negator's scope (before it in the clause, or right after it)?"""
    seen_words = 0
    j = i - 1
    while j >= 0 and seen_words < NEGATION_WINDOW:
        low = lows[j]
        if low == "eller" and 0 <= verken_at < j:  # "verken god eller dårlig": the second half too
            return True
        if _is_boundary(low, rules):
            break
        if low in rules.negators and not _phrase_at(lows, j, rules.non_negating):
            return True
        if _phrase_ends(lows, j, rules.negator_phrases):
            return True
        seen_words += 1
        j -= 1
    # Norwegian V2 puts the negation after a finite verb: "filmen skuffer ikke", "vi fryktet ikke"; finite
    # verbs end in -r (present) or -te/-de/-et (past), which keeps "dessverre ikke" out.
    return (
        end < len(lows)
        and lows[end] in _POST_NEGATORS
        and lows[end - 1].endswith(_FINITE_ENDINGS)
        and not _phrase_at(lows, end, rules.non_negating)
    )


def _phrase_ends(lows: list[str], j: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of `phrases` end at token j ("kunne vært" before "bedre")?"""
    low = lows[j]
    if low not in _last_words(phrases):
        return False
    for phrase in phrases:
        n = len(phrase)
        if phrase[-1] == low and j - n + 1 >= 0 and tuple(lows[j - n + 1 : j + 1]) == phrase:
            return True
    return False


@cache
def _last_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in phrases)


def _phrase_at(lows: list[str], j: int, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Does one of `phrases` start at token j ("ikke bare", "ikke minst")?"""
    return any(tuple(lows[j : j + len(phrase)]) == phrase for phrase in phrases if phrase[0] == lows[j])


def _modifier(lows: list[str], i: int, rules: _Rules) -> float:
    """The product of intensifiers and dampeners up to two words before the cue, within its clause."""
    factor, j, seen_words = 1.0, i - 1, 0
    while j >= 0 and seen_words < INTENSIFIER_WINDOW:
        low = lows[j]
        if _is_boundary(low, rules):
            break
        if low in rules.intensifiers:
            factor *= 1 + rules.intensifiers[low]
        elif low in rules.dampeners:
            factor *= 1 - rules.dampeners[low]
        seen_words += 1
        j -= 1
    if i > 0 and lows[i - 1] in _last_words(tuple(rules.phrase_modifiers)):
        for phrase, value in rules.phrase_modifiers.items():
            n = len(phrase)
            if i - n >= 0 and tuple(lows[i - n : i]) == phrase:
                factor *= value
    return factor


_known: set[str] = set()  # word types already looked up
_entry_words: set[str] = set()  # the known types that are a cue by themselves
_cue_words: set[str] = set()  # the known types that are a cue or start a phrase
_word_codes: dict[str, int] = {}  # known type → the flags of a chunk holding that one token
_word_cues: dict[str, tuple[tuple[str, _Prior], ...]] = {}  # known cue type → its chunk's cues


@cache
def _phrase_words() -> tuple[frozenset[str], frozenset[str]]:
    """The first words and the second words of the multiword entries."""
    phrases = _phrases()
    return frozenset(phrases), frozenset(second for by_second in phrases.values() for second in by_second)


def _register(types: set[str]) -> None:
    """Look up the word types not seen before (memoised), noting those that are a cue or start a phrase,
    and what a chunk made of the word alone holds (`_word_codes`, `_word_cues`; see _FIELD_BITS)."""
    unknown = types - _known  # C-level set algebra: most word types were settled in earlier sentences
    if unknown:
        cache, (starts, seconds) = _entry_cache, _phrase_words()
        rule_words = _rules().rule_words
        for word in unknown:
            entry = cache[word] = lookup(word) if word[0].isalpha() else None
            if entry is not None:
                _entry_words.add(word)
                _word_cues[word] = ((word, _prior(entry)),)
            if entry is not None or word in starts:
                _cue_words.add(word)
            _word_codes[word] = (
                _ENTRY * (entry is not None)
                + _START * (word in starts)
                + _SECOND * (word in seconds)
                + _RULED * (word in rule_words)
            )
        _known.update(unknown)


def _find_cues(lows: list[str]) -> list[tuple[int, int, Entry]]:
    """(first token, token after, entry) of every cue; multiword phrases first, longest wins."""
    _register(set(lows))
    return _hits(lows)


def _hits(lows: list[str]) -> list[tuple[int, int, Entry]]:
    """The cues among registered tokens `lows`; multiword phrases first, longest wins."""
    phrases, cache = _phrases(), _entry_cache
    n = len(lows)
    hits = []
    skip_to = 0
    cue_words = _cue_words
    for i in compress(range(n), map(cue_words.__contains__, lows)):  # C-level: most tokens are no cue
        if i < skip_to:
            continue
        low = lows[i]
        by_second = phrases.get(low)
        options = by_second.get(lows[i + 1]) if by_second and i + 1 < n else None
        if options:
            matched = False
            for words, entry in options:
                k = len(words)
                if i + k <= n and tuple(lows[i : i + k]) == words:
                    hits.append((i, i + k, entry))
                    skip_to = i + k
                    matched = True
                    break
            if matched:
                continue
        entry = cache[low]
        if entry is not None:
            hits.append((i, i + 1, entry))
    return hits


CUE_FIELDS = ("term", "lemma", "category", "prior", "polarity", "start", "end", "negated")


def _score(
    lows: list[str], hits: list[tuple[int, int, Entry]], low: str, source: str, offset: int
) -> tuple[float, list[tuple]]:
    """The summed polarity (`normalise` makes it the score) and the cues of one sentence, each cue a tuple
    in CUE_FIELDS order (term, lemma, category, prior, polarity in context, start, end, negated).

    `lows` are the tokens of `low`, the lower-cased sentence, which starts at `offset` in `source`; cue
    offsets and terms point into `source`.
    """
    if not hits:
        return 0.0, []
    rules = _rules()
    # Most sentences hold no rule word at all: one C-level intersection spares every rule's own scan.
    present = rules.rule_words.intersection(lows)
    may_negate = may_modify = question = False
    verken_at = contrast_at = -1
    exclamations = 0
    if present:
        may_negate = not rules.negation_words.isdisjoint(present)
        may_modify = not rules.modifier_words.isdisjoint(present)
        if "verken" in present:
            verken_at = lows.index("verken")
        elif "hverken" in present:
            verken_at = lows.index("hverken")
        # the last contrast word decides (VADER takes the first "but"; Norwegian chains "men … men")
        for word in rules.contrast & present:
            last = len(lows) - 1 - lows[::-1].index(word)
            if last > 0:
                contrast_at = max(contrast_at, last)
        question = "?" in present and "?" in lows[-3:]
        if "!" in present:
            exclamations = min(EXCLAMATION_MAX, lows.count("!"))
    n = len(lows)
    negation_words, modifier_words = rules.negation_words, rules.modifier_words
    found, total = [], 0.0
    for (i, after, entry), (start, end) in zip(hits, _cue_spans(low, lows, hits, offset), strict=True):
        # The rules scan only when a word they look for is in reach: a negator up to NEGATION_WINDOW
        # words before (or "ikke" right after), a modifier (or a modifier phrase's end) up to
        # INTENSIFIER_WINDOW words before. Most cues have none.
        negated = (
            may_negate
            and (
                not negation_words.isdisjoint(lows[i - NEGATION_WINDOW if i > NEGATION_WINDOW else 0 : i])
                or (after < n and lows[after] in _POST_NEGATORS)
            )
            and _negated(lows, i, after, rules, verken_at)
        )
        polarity = entry.polarity * CATEGORY_WEIGHT.get(entry.category, 1.0)
        if may_modify and not modifier_words.isdisjoint(
            lows[i - INTENSIFIER_WINDOW if i > INTENSIFIER_WINDOW else 0 : i]
        ):
            polarity *= _modifier(lows, i, rules)
        if negated:
            polarity *= NEGATION_SCALAR
        if contrast_at >= 0:
            polarity *= CONTRAST_BEFORE if i < contrast_at else CONTRAST_AFTER
        if question:
            polarity *= QUESTION_SCALAR
        total += polarity
        found.append(
            (
                source[start:end],
                entry.lemma,
                entry.category,
                entry.polarity,
                round(polarity, 3),
                start,
                end,
                negated,
            )
        )
    if exclamations and total:
        total += math.copysign(EXCLAMATION_STEP * exclamations, total)
    return total, found


def _cue_spans(
    low: str, lows: list[str], hits: list[tuple[int, int, Entry]], offset: int
) -> list[tuple[int, int]]:
    """(start, end) of each cue, found by searching its tokens forward in the text (a regex pass over every
    token would cost more than all the scoring); falls back to the full pass if a token is not where
    expected."""
    spans: list[tuple[int, int]] = []
    cursor, size = 0, len(low)
    for i, after, _ in hits:
        first = -1
        for k in range(i, after):
            token = lows[k]
            p = low.find(token, cursor)
            end = p + len(token)
            # the common case inline: a whole word followed by a space or a closing mark (see _token_at)
            if (
                p < 0
                or p
                and low[p - 1].isalnum()
                or not (end == size or low[end] in _WORD_STOPS)
                or not token[0].isalpha()
            ):
                p = _token_at(low, token, cursor)
            if p < 0:
                tokens = [m.span() for m in _TOKEN.finditer(low)]
                return [(tokens[i][0] + offset, tokens[after - 1][1] + offset) for i, after, _ in hits]
            if first < 0:
                first = p
            cursor = p + len(token)
        spans.append((first + offset, cursor + offset))
    return spans


def _token_at(low: str, token: str, cursor: int) -> int:
    """Where `token` next stands as a whole token in `low`, at or after `cursor` (-1 if nowhere)."""
    p = low.find(token, cursor)
    while p >= 0:
        if p == 0 or not low[p - 1].isalnum():
            # a word followed by a space or a closing mark is whole: no regex needed to tell
            end = p + len(token)
            if token[0].isalpha() and (end == len(low) or low[end] in _WORD_STOPS):
                return p
            m = _TOKEN.match(low, p)
            if m is not None and m.group(0) == token:
                return p
        p = low.find(token, p + 1)
    return -1


class _Prior(NamedTuple):
    """What a cue entry contributes when no rule reaches it, worked out once per entry."""

    lemma: str
    category: str
    prior: float
    polarity: float  # weighted by its category
    rounded: float  # the polarity as a cue row shows it


def _prior(entry: Entry) -> _Prior:
    polarity = entry.polarity * CATEGORY_WEIGHT.get(entry.category, 1.0)
    return _Prior(entry.lemma, entry.category, entry.polarity, polarity, round(polarity, 3))


def _plain_score(cues: Iterable[tuple[_Prior, int, int]], source: str) -> tuple[float, list[tuple]]:
    """`_score` of a sentence holding no word any rule reaches: each cue counts its weighted prior.
    `cues` are (prior, start, end) with offsets into `source`; the first item is the sentence's total."""
    found, total = [], 0.0
    for (lemma, category, prior, polarity, rounded), start, end in cues:
        total += polarity
        found.append((source[start:end], lemma, category, prior, rounded, start, end, False))
    return total, found


_TONE_OF_TOTAL_SIZE = 1 << 16
_tone_of_total: dict[float, tuple[float, str]] = {}  # summed polarity → rounded score and label


def _tone_of(total: float) -> tuple[float, str]:
    """The rounded score and label of a sentence whose cues sum to `total` (sums repeat: memoised)."""
    tone = _tone_of_total.get(total)
    if tone is None:
        if len(_tone_of_total) > _TONE_OF_TOTAL_SIZE:
            _tone_of_total.clear()
        score = normalise(total)
        tone = _tone_of_total[total] = (round(score, 4), label_for(score))
    return tone


def normalise(total: float) -> float:
    """VADER's squashing of a sum of polarities into (-1, 1)."""
    return total / math.sqrt(total * total + NORMALISATION_ALPHA) if total else 0.0


def label_for(score: float, threshold: float = LABEL_THRESHOLD) -> str:
    return "negative" if score <= -threshold else "positive" if score >= threshold else "neutral"


def _lowered(text: str) -> str:
    """Lower-cased text of the same length (offsets stay valid); the rare letters that grow keep their case."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def score_sentence(text: str) -> dict[str, Any]:
    """Label, score and cues of one raw sentence (offsets into `text`); works on pre-tokenised text too."""
    low = _lowered(text)
    lows = _TOKEN.findall(low)
    total, found = _score(lows, _find_cues(lows), low, text, 0)
    score = normalise(total)
    cue_dicts = [dict(zip(CUE_FIELDS, cue, strict=True)) for cue in found]
    return {"label": label_for(score), "score": round(score, 4), "cues": cue_dicts}


# ---------------------------------------------------------------- a whole article
# An article is read chunk by chunk (the text between whitespace): no token and no counted word spans
# whitespace, so a sentence's tokens are its chunks' tokens in order and a zone's words the sum of its
# chunks' words. Each chunk *type* is lower-cased, tokenised, looked up and counted once into one packed
# code; a sentence then costs one lookup per chunk and one sum. Only sentences holding a cue are scored:
# those without a rule word straight from their chunks' cue priors, the others on their token list.

# the chunk and word tables are emptied beyond this many entries, so a long batch stays bounded
_MAX_CHUNK_TYPES = 500_000
# A chunk type's code packs its words and what it holds into one int, in fields of _FIELD_BITS bits, so
# that one sum over a sentence's chunks gives its words and how many of its chunks hold a cue word, may
# end in the first word or start with the second word of a multiword entry, or hold a word a rule looks
# for (negators, modifiers, contrast, "?", "!").
_FIELD_BITS = 10
_FIELD = (1 << _FIELD_BITS) - 1
_SECOND_AT, _START_AT, _ENTRY_AT, _RULED_AT = (_FIELD_BITS * k for k in range(1, 5))
_SECOND, _START, _ENTRY, _RULED = (1 << at for at in (_SECOND_AT, _START_AT, _ENTRY_AT, _RULED_AT))
# A sentence shorter than this has fewer than 2**_FIELD_BITS words and chunks: no field of the sum overflows.
_SUMMABLE_LENGTH = 1 << _FIELD_BITS


class _Chunks(dict[str, int]):
    """Raw chunk → its code (see _FIELD_BITS; its words are those `count_words` counts, the figure
    `Article.words` sums). A new chunk type is also lower-cased, tokenised (into `_chunk_tokens`) and its
    words looked up (its cue words' priors into `_chunk_cues`): all once per type."""

    def __missing__(self, chunk: str) -> int:
        low = _lowered(chunk)
        if chunk.isalpha() and low.isalpha():
            # letters only (most chunks): one word, one token, and no regex needed to tell
            code, tokens = 1, (_token_objects.setdefault(low, low),)
        elif chunk[-1] in _MARK_TOKENS and chunk[:-1].isalpha() and low[:-1].isalpha():
            # a word and the mark after it ("krig," "sa."; the next most common): one word, two tokens
            word, mark = low[:-1], low[-1]
            code, tokens = 1, (_token_objects.setdefault(word, word), _token_objects.setdefault(mark, mark))
        else:
            words = count_words(chunk)
            if words > _FIELD:  # a chunk of a thousand words or more ("a;b;c;…"): its field keeps the cap
                _long_chunk_words[chunk] = words
            code = min(words, _FIELD)
            # the space stands for the whitespace after the chunk: "-" before whitespace is a token (dash);
            # one shared object per token type keeps the token tuples small
            found = _TOKEN.findall(low + " ")
            tokens = tuple(map(_token_objects.setdefault, found, found))
        _chunk_tokens[chunk] = tokens
        # A multiword entry runs over adjacent tokens: from a chunk's last token on to the first token of the
        # next chunk (a chunk without tokens may sit between: it counts as both ends), or inside one chunk.
        if not tokens:
            code += _START + _SECOND
        else:
            if not _known.issuperset(tokens):
                _register(set(tokens))
            word_codes = list(map(_word_codes.__getitem__, tokens))
            held = reduce(or_, word_codes)  # what any of its words is: a cue, a rule word
            code += (held & (_ENTRY | _RULED)) + (word_codes[-1] & _START) + (word_codes[0] & _SECOND)
            if held & _ENTRY:
                _chunk_cues[chunk] = tuple(cue for token in tokens for cue in _word_cues.get(token, ()))
            # A rule word takes the sentence through its token list and all the rules; so does a multiword
            # entry inside the chunk (rare: "elektrisk/stemning"), which also counts as a cue the chunk holds.
            if len(tokens) > 1 and _holds_phrase(tokens):
                # `held` ors single-bit flags: add each flag the chunk's words did not already set
                if not held & _ENTRY:
                    code += _ENTRY
                if not held & _RULED:
                    code += _RULED
        code = self[chunk] = _code_objects.setdefault(code, code)
        return code


def _holds_phrase(tokens: tuple[str, ...]) -> bool:
    """Do two adjacent tokens of a chunk begin a multiword entry?"""
    phrases = _phrases()
    return any(second in phrases.get(first, ()) for first, second in zip(tokens, tokens[1:], strict=False))


_chunks = _Chunks()
# raw chunk → its words, for the rare chunk with more words than its code's field holds
_long_chunk_words: dict[str, int] = {}
_chunk_tokens: dict[str, tuple[str, ...]] = {}  # raw chunk → its lower-cased tokens
# raw chunk → (token, prior) of its cue words
_chunk_cues: dict[str, tuple[tuple[str, _Prior], ...]] = {}
_token_objects: dict[str, str] = {}
_code_objects: dict[int, int] = {}


@dataclass
class ArticleTone:
    """One pass over an article: cue rows (CUE_FIELDS), each cue's sentence index, sentence rows
    (SENTENCE_COLUMNS) and words per zone kind. The DataFrames are built on first use only: the JSON
    output is made straight from the rows."""

    cue_rows: list[tuple]
    cue_sentences: list[int]
    sentence_rows: list[tuple[int, int, float, str, str]]
    zone_words: dict[str, int]

    @cached_property
    def cues(self) -> pd.DataFrame:
        import pandas as pd  # the frames are views for notebooks: the analysis itself never loads pandas

        zones = [self.sentence_rows[k][4] for k in self.cue_sentences]
        rows = [
            (*cue, k, zone) for cue, k, zone in zip(self.cue_rows, self.cue_sentences, zones, strict=True)
        ]
        frame = pd.DataFrame.from_records(rows, columns=[*CUE_FIELDS, "sentence", "zone"])
        return frame[[*CUE_COLUMNS, "prior"]]

    @cached_property
    def sentences(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.sentence_rows, columns=SENTENCE_COLUMNS)


def analyse(article: Article) -> ArticleTone:
    """Cues and sentence tones of the analysed zones: one pass over the article (the caller keeps it)."""
    if len(_chunks) > _MAX_CHUNK_TYPES:
        # the word tables go too: a word noted as known must have its entry in _entry_cache
        tables = (_chunks, _chunk_tokens, _chunk_cues, _long_chunk_words, _token_objects, _entry_cache)
        tables += (_word_codes, _word_cues)
        for table in (*tables, _known, _entry_words, _cue_words):
            table.clear()
    collecting = gc.isenabled()
    gc.disable()  # the pass allocates many small objects that hold no cycles; collections only cost time
    try:
        return _analyse(article)
    finally:
        if collecting:
            gc.enable()


def _analyse(article: Article) -> ArticleTone:
    text = article.text
    code_of = _chunks.__getitem__
    cue_rows: list[tuple] = []
    cue_sentences: list[int] = []
    sentence_rows: list[tuple[int, int, float, str, str]] = []
    zone_words: dict[str, int] = {}
    for kind in dict.fromkeys(zone.kind for zone in article.analysed_zones):
        zone_words[kind] = 0
    for index, (start, end, sentence_text, zone) in enumerate(sentences(article)):
        chunks = sentence_text.split()
        # Sentences split a zone at whitespace and leave out only whitespace: their words are the zone's.
        # Coding also tokenises and looks up the chunk types not seen before.
        codes = list(map(code_of, chunks))
        if len(sentence_text) < _SUMMABLE_LENGTH:
            held = sum(codes)
            zone_words[zone] += held & _FIELD
        else:  # a long sentence: fields could overflow into each other; or-ing tells which are present
            zone_words[zone] += _long_text_words(chunks, codes)
            held = reduce(or_, codes, 0)
        if held >> _ENTRY_AT & _FIELD or _phrase_may_run(held, codes, chunks):
            total, found = _sentence_score(_lowered(sentence_text), chunks, codes, held, text, start)
            if found:
                cue_rows += found
                cue_sentences += [index] * len(found)
                sentence_rows.append((start, end, *_tone_of(total), zone))
                continue
        # no cue word, no phrase: a neutral sentence
        sentence_rows.append((start, end, 0.0, "neutral", zone))
    return ArticleTone(cue_rows, cue_sentences, sentence_rows, zone_words)


def _sentence_score(
    low: str, chunks: list[str], codes: list[int], held: int, source: str, offset: int
) -> tuple[float, list[tuple]]:
    """`_score` of one sentence holding a cue word or a possible phrase, from its lower-cased text, chunks
    and their codes (`held`: their sum): the summed polarity of its cues and the cues."""
    if low.endswith("-"):  # a final "-" is no token (the chunk tables saw it before whitespace)
        lows = _TOKEN.findall(low)
    else:
        if not (
            held >> _RULED_AT & _FIELD
            or not held >> _ENTRY_AT & _FIELD
            or _phrase_may_run(held, codes, chunks)
        ):
            # single cue words and no rule word: the chunks' cue words are the cues, in order
            # (the chunks holding a cue word are those with cues: dict.get is a cheap call, `int.__and__`
            # a costly one through its slot wrapper)
            placed = _placed_cues(low, filter(None, map(_chunk_cues.get, chunks)), offset)
            if placed is not None:
                return _plain_score(placed, source)
        lows = list(chain.from_iterable(map(_chunk_tokens.__getitem__, chunks)))
    return _score(lows, _hits(lows), low, source, offset)


def _phrase_may_run(held: int, codes: list[int], chunks: list[str]) -> bool:
    """Does a chunk ending in a multiword entry's first word come right before one starting with its second,
    and do the two words begin an entry together (most such pairs do not: "på" + "en", "til" + "det")?"""
    if not (
        held >> _SECOND_AT & _FIELD
        and held >> _START_AT & _FIELD
        and any(map(and_, compress(codes[1:], map(and_, codes, repeat(_START))), repeat(_SECOND)))
    ):
        return False
    phrases = _phrases()
    for k in range(len(codes) - 1):
        if codes[k] >> _START_AT & _FIELD and codes[k + 1] >> _SECOND_AT & _FIELD:
            before, after = _chunk_tokens[chunks[k]], _chunk_tokens[chunks[k + 1]]
            if not before or not after or after[0] in phrases.get(before[-1], ()):
                return True  # (or a chunk without tokens stands between: a phrase may run across it)
    return False


def _placed_cues(
    low: str, chunk_cues: Iterable[tuple[tuple[str, _Prior], ...]], offset: int
) -> list[tuple[_Prior, int, int]] | None:
    """(prior, start, end) of the chunks' cue words found in order in `low` (None if one is not where
    expected: the caller then takes the token path, as `_cue_spans` does)."""
    placed, cursor, size = [], 0, len(low)
    for cues_of_chunk in chunk_cues:
        for token, prior in cues_of_chunk:
            p = low.find(token, cursor)
            end = p + len(token)
            if p < 0 or p and low[p - 1].isalnum() or not (end == size or low[end] in _WORD_STOPS):
                p = _token_at(low, token, cursor)  # not the common case (see _cue_spans)
                if p < 0:
                    return None
                end = p + len(token)
            cursor = end
            placed.append((prior, p + offset, end + offset))
    return placed


def cues(article: Article) -> pd.DataFrame:
    """One row per cue: term, lemma, category, polarity (in context), start, end, negated, sentence, zone."""
    return analyse(article).cues.copy()


def sentence_tones(article: Article) -> pd.DataFrame:
    """One row per sentence of the analysed zones: start, end, score, label, zone."""
    return analyse(article).sentences.copy()


def quote_spans(quotes: pd.DataFrame | None) -> list[tuple[int, int, str | None]]:
    """(start, end, speaker) of each quote in a quotes table (empty without one)."""
    if quotes is None or len(quotes) == 0:
        return []
    columns = (quotes["start"].tolist(), quotes["end"].tolist(), quotes["speaker"].tolist())
    return list(zip(*columns, strict=True))


def _clipped_spans(quotes: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, str]]:
    """Quote spans (start, end, speaker name) sorted and clipped so that they do not overlap."""
    spans = []
    for start, end, speaker in quotes:
        name = (
            "?" if speaker is None or (isinstance(speaker, float) and math.isnan(speaker)) else str(speaker)
        )
        spans.append((int(start), int(end), name))
    spans.sort()
    clipped, cursor = [], -1
    for start, end, name in spans:
        start = max(start, cursor)
        if end > start:
            clipped.append((start, end, name))
            cursor = end
    return clipped


def _speaker_words(article: Article, spans: list[tuple[int, int, str]]) -> dict[str, int]:
    """Words of the analysed zones inside each speaker's quote spans (a span may straddle a caption)."""
    zones = sorted(article.analysed_zones, key=attrgetter("start"))
    zone_starts, zone_ends = [z.start for z in zones], [z.end for z in zones]
    text, last = article.text, len(zones) - 1
    pieces: dict[str, list[str]] = {}
    for start, end, name in spans:
        texts = pieces.setdefault(name, [])
        k = bisect_right(zone_starts, start) - 1
        if k >= 0 and end <= zone_ends[k] and (k == last or zone_starts[k + 1] >= end):
            texts.append(text[start:end])  # the common case: the span lies inside one zone
            continue
        k = max(0, k)
        while k < len(zones) and zones[k].start < end:
            lo, hi = max(start, zones[k].start), min(end, zones[k].end)
            if lo < hi:
                texts.append(article.text[lo:hi])
            k += 1
    # A word never spans whitespace: a piece's words are its chunks' words (memoised per chunk type).
    return {name: _words_of(" ".join(texts)) for name, texts in pieces.items()}


def _words_of(text: str) -> int:
    """The words `count_words` counts in `text`, from its chunks' codes."""
    chunks = text.split()
    codes = list(map(_chunks.__getitem__, chunks))
    if len(text) < _SUMMABLE_LENGTH:  # no field of the codes' sum overflows: its words are its low field
        return sum(codes) & _FIELD
    return _long_text_words(chunks, codes)


def _long_text_words(chunks: list[str], codes: list[int]) -> int:
    """The words of a text too long to sum its codes: each chunk's word field, or its full count where
    the field holds only the cap."""
    words = sum(map(and_, codes, repeat(_FIELD)))
    if _long_chunk_words:
        words += sum(_long_chunk_words.get(chunk, _FIELD) - _FIELD for chunk in chunks if len(chunk) > _FIELD)
    return words


AGGREGATE_COLUMNS = [
    "scope",
    "name",
    "words",
    "cues",
    "valence",
    "tone",
    "tension",
    "label",
    "negated",
    *CATEGORIES,
]


def aggregate_rows(
    article: Article, tone: ArticleTone, quotes: Iterable[tuple[int, int, Any]]
) -> list[dict[str, Any]]:
    """The rows of `tone_aggregates` as dicts of plain Python values, in AGGREGATE_COLUMNS order, from the
    article's tone pass and its quotes' (start, end, speaker)."""
    spans = _clipped_spans(quotes)
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def group(scope: str, name: str) -> dict[str, Any]:
        key = (scope, name)
        if key not in groups:
            groups[key] = {"scope": scope, "name": name, "words": 0, "cues": 0, "valence": 0.0, "negated": 0}
            groups[key].update(dict.fromkeys(CATEGORIES, 0))
        return groups[key]

    article_group = group("article", article.name)
    for kind in tone.zone_words:  # the analysed zones' kinds, in order of appearance
        group("zone", kind)
    reporter = group("reporter", "reporter")
    for kind, words in tone.zone_words.items():  # words as Article.words counts them
        group("zone", kind)["words"] += words
        article_group["words"] += words
    quoted_words = 0
    for name, words in _speaker_words(article, spans).items():
        group("speaker", name)["words"] += words
        quoted_words += words
    reporter["words"] = max(0, article_group["words"] - quoted_words)
    if tone.cue_rows:
        _count_cues(tone, spans, group, article.name)
    rows = []
    for g in groups.values():
        words = max(1, g["words"])
        g["valence"] = round(g["valence"], 3)
        g["tone"] = round(100 * g["valence"] / words, 3)
        g["tension"] = round(100 * sum(g[c] for c in TENSE_CATEGORIES) / words, 3)
        g["label"] = (
            "negative"
            if g["tone"] <= -TONE_THRESHOLD
            else "positive"
            if g["tone"] >= TONE_THRESHOLD
            else "neutral"
        )
        rows.append({column: g[column] for column in AGGREGATE_COLUMNS})
    return rows


def _count_cues(tone: ArticleTone, spans: list[tuple[int, int, str]], group: Any, article_name: str) -> None:
    """Add cue counts, valence and category counts to the article, zone and voice groups: one pass over the
    cues tallies them by zone, voice and what they count as; the groups then add up those few tallies."""
    rows = tone.cue_rows
    zone_of_sentence = [row[4] for row in tone.sentence_rows]
    zones = map(zone_of_sentence.__getitem__, tone.cue_sentences)
    # The clipped spans do not overlap: among their bounds in order, a cue inside a span has an odd number
    # at or before its start.
    bounds = [bound for start, end, _ in spans for bound in (start, end)]
    reporter = ("reporter", "reporter")
    span_voices = [("speaker", name) for *_, name in spans]
    voice_after = [voice for speaker in span_voices for voice in (reporter, speaker)] + [reporter]
    voices = map(voice_after.__getitem__, map(bisect_right, repeat(bounds), map(itemgetter(5), rows)))
    # polarities carry three decimals: summed as integer thousandths they add up exactly
    thousandths = map(round, map((1000.0).__mul__, map(itemgetter(4), rows)))
    categories, negated = map(itemgetter(2), rows), map(itemgetter(7), rows)
    # keys of few distinct values, counted in C
    tallies = Counter(zip(zones, voices, categories, negated, thousandths, strict=True))
    totals: dict[tuple[str, str], list[Any]] = {}  # group → [cues, valence in thousandths, counts]
    for (zone, voice, category, cue_negated, milli), n in tallies.items():
        what = "negated" if cue_negated else category
        for key in (("article", article_name), ("zone", zone), voice):
            total = totals.get(key)
            if total is None:
                total = totals[key] = [0, 0, {}]  # a plain dict: a Counter costs more to make
            total[0] += n
            total[1] += milli * n
            counts = total[2]
            counts[what] = counts.get(what, 0) + n
    kinds = sorted({row[4] for row in tone.sentence_rows})
    voices = [reporter, *dict.fromkeys(span_voices)]
    for key in [("article", article_name), *(("zone", kind) for kind in kinds), *voices]:
        if key in totals:
            cues, thousandths, counts = totals[key]
            g = group(*key)
            g["cues"] += cues
            g["valence"] += float(thousandths) / 1000
            for name, n in counts.items():
                g[name] += n


def tone_aggregates(article: Article, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tone per zone, per speaker (inside their quote spans) and for the reporter (outside quotes).

    Columns: scope ("article", "zone", "speaker", "reporter"), name, words, cues, valence (sum of cue
    polarities), tone (valence per 100 words), tension (non-negated conflict and fear cues per 100 words),
    label, negated, and one count column per category. Without `quotes` all text is the reporter's voice.
    """
    import pandas as pd

    rows = aggregate_rows(article, analyse(article), quote_spans(quotes))
    return pd.DataFrame(rows, columns=AGGREGATE_COLUMNS)


def score_lines(lines: Iterable[str]) -> Iterable[dict[str, Any]]:
    """`workbook sentiment`: one result per input line (blank lines give a neutral, cue-less result)."""
    for line in lines:
        yield score_sentence(line.rstrip("\n"))


# ---------------------------------------------------------------- deriving the expanded lexicon (offline)

DERIVED_HEADER = """# Sentiment lexicon (Bokmål), derived entries: generated by `python -m analysis.sentiment derive` from the
#   authored files (sentiment_lexicon_*_nb.txt) by word formation, every derived lemma checked to exist in
#   simplemma's nb dictionary (MIT): u-negation (behagelig → ubehagelig, flipped and weakened), -het nouns,
#   verbal nouns and participles (skuffe → skuffelse, skuffende), and compounds whose head is an entry
#   (grensekonflikt ← konflikt) or whose modifier is a strong conflict/fear word (krigsherre ← krig).
# Source: authored by the newsroom-workbook project (2026), by rule, from its own authored lexicon.
# Licence: CC0 1.0 (public domain dedication).
# Columns: lemma, polarity, category, derived_from, rule. Authored entries always win over derived ones.
"""


def _dictionary_lemmas() -> set[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    table = DefaultDictionaryFactory().get_dictionary("nb")
    lemmas = {v.decode() if isinstance(v, bytes) else v for v in table.values()}
    return {w for w in lemmas if w.isalpha() and w.islower()}


def derive_entries() -> list[tuple[str, float, str, str, str]]:
    """Derived (lemma, polarity, category, source, rule) rows; needs simplemma's dictionary (slow, offline)."""
    authored: dict[str, Entry] = {}
    for name in _authored_files():
        for entry in parse_lexicon_text(data.text(name)):
            authored.setdefault(entry.lemma, entry)
    known = _dictionary_lemmas()
    blocked = _rules().not_derived
    rows: dict[str, tuple[str, float, str, str, str]] = {}

    def add(lemma: str, polarity: float, category: str, source: str, rule: str) -> None:
        if lemma in known and lemma not in authored and lemma not in rows and lemma not in blocked:
            rows[lemma] = (lemma, polarity, category, source, rule)

    singles = {k: e for k, e in authored.items() if " " not in k and e.category != "hedge"}
    for word, entry in singles.items():
        p = entry.polarity
        if p and entry.category == "evaluative":
            # u-negation flips and weakens: "ubehagelig" is not as strong as "behagelig" is mild
            weakened = math.copysign(max(1.0, abs(p) - 1), -p)
            add("u" + word, weakened, "evaluative", word, "u-negation")
        add(word + "het", p, entry.category, word, "-het noun")
        if p and entry.category == "evaluative":
            # -løs lacks the thing (sjarmløs, humørløs), -fri is free of it (problemfri); -full/-fylt/-rik
            # are full of it (smertefull, humørfylt, innholdsrik)
            for joint in ("", "s"):
                if p > 0:
                    add(word + joint + "løs", -max(1.0, p - 1), "evaluative", word, "-løs adjective")
                else:
                    add(word + joint + "fri", max(1.0, -p - 1), "evaluative", word, "-fri adjective")
                for suffix in ("full", "fylt", "rik"):
                    add(word + joint + suffix, p, "evaluative", word, f"-{suffix} adjective")
        if word.endswith("e") and len(word) > 4:
            stem = word[:-1]
            for suffix, rule in (
                ("ing", "verbal noun"),
                ("else", "verbal noun"),
                ("ende", "present participle"),
            ):
                add(stem + suffix, p, entry.category, word, rule)
    # compounds: the longest head wins (the cut runs left to right); strong conflict words as modifiers
    excluded = _rules().no_compound_head
    excluded_prefixes = _rules().verbal_prefixes
    head_index = {k: e for k, e in singles.items() if _may_head(k, e, excluded)}
    modifiers = {
        k: e
        for k, e in singles.items()
        if len(k) >= 4 and (e.category == "conflict" and e.polarity <= -2 or e.polarity <= -3)
    }
    for lemma in sorted(known):
        if len(lemma) < _MIN_HEAD + _MIN_MODIFIER or lemma in authored or lemma in rows:
            continue
        for cut in range(_MIN_MODIFIER, len(lemma) - _MIN_HEAD + 1):
            head = lemma[cut:]
            entry = head_index.get(head)
            modifier = lemma[:cut]
            if entry is not None and modifier not in excluded_prefixes and _is_word(modifier, known):
                add(lemma, entry.polarity, entry.category, head, "compound head")
                break
        else:
            for cut in range(4, len(lemma) - 3):
                modifier = lemma[:cut]
                entry = modifiers.get(modifier)
                if entry is None and modifier[-1] in "se":  # linking -s/-e: "krigs", "bombe"
                    entry = modifiers.get(modifier[:-1])
                if entry is not None and _is_word(lemma[cut:], known):
                    polarity = math.copysign(abs(entry.polarity) - 1, entry.polarity)
                    add(lemma, polarity, entry.category, entry.lemma, "compound modifier")
                    break
    return sorted(rows.values())


def _is_word(part: str, known: set[str]) -> bool:
    """A compound part: a dictionary lemma itself, or one with a linking -s/-e ("krigs", "troppe")."""
    return len(part) >= _MIN_MODIFIER and (part in known or (part[-1] in "se" and part[:-1] in known))


FORMS_HEADER = """# Inflected forms of the sentiment lexicon's single-word lemmas (form<TAB>lemma), generated by
#   `python -m analysis.sentiment derive` from simplemma's nb dictionary (MIT; Norsk Ordbank-derived data), so
#   that scoring needs no lemmatizer at run time. Only forms that differ from their lemma are listed.
# Licence: CC0 1.0 for the selection; the form-lemma pairs come from simplemma's MIT-licensed dictionary.
"""


def write_derived(folder: str | None = None) -> tuple[int, int]:
    """Write the derived lexicon and the forms table; returns (derived entries, forms)."""
    from pathlib import Path

    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    target = Path(folder) if folder else Path(__file__).parent / "data"
    rows = derive_entries()
    lines = [DERIVED_HEADER.rstrip("\n"), "lemma\tpolarity\tcategory\tderived_from\trule"]
    lines += [
        f"{lemma}\t{polarity:g}\t{category}\t{source}\t{rule}"
        for lemma, polarity, category, source, rule in rows
    ]
    (target / "sentiment_lexicon_derived_nb.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lexicon.cache_clear()
    lemmas = {k for k in lexicon() if " " not in k}
    table = DefaultDictionaryFactory().get_dictionary("nb")
    forms = set()
    for form, lemma in table.items():
        lemma = (lemma.decode() if isinstance(lemma, bytes) else lemma).lower()
        form = form.lower()
        if lemma in lemmas and form != lemma and form not in lemmas:
            forms.add(f"{form}\t{lemma}")
    text = FORMS_HEADER + "\n".join(sorted(forms)) + "\n"
    (target / "sentiment_forms_nb.tsv").write_text(text, encoding="utf-8")
    return len(rows), len(forms)


if __name__ == "__main__":  # python -m analysis.sentiment derive: rebuild the derived lexicon file
    if sys.argv[1:] != ["derive"]:
        print("usage: python -m analysis.sentiment derive", file=sys.stderr)
        sys.exit(2)
    derived, forms = write_derived()
    print(f"{derived} derived entries and {forms} inflected forms written")
